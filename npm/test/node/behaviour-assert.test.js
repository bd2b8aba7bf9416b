// The portable assertions of the behaviour cases (../behaviour/lib/assert.js)
// fail where node:assert/strict fails: a case can only pass in Chromium if
// they do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as portable from '../behaviour/lib/assert.js';

/** @param {() => unknown} fn */
const failsPortable = (fn) => {
  try {
    fn();
    return false;
  } catch (e) {
    assert.ok(e instanceof portable.AssertionError, `threw ${e}`);
    return true;
  }
};
/** @param {() => unknown} fn */
const failsNode = (fn) => {
  try {
    fn();
    return false;
  } catch {
    return true;
  }
};

class A { constructor() { this.x = 1; } }

/** @type {[unknown, unknown][]} */
const PAIRS = [
  [1, 1], [1, 2], [1, '1'], [NaN, NaN], [0, -0], [null, undefined], ['a', 'a'],
  [[1, 2], [1, 2]], [[1, 2], [2, 1]], [[1], [1, undefined]], [[], {}],
  [{ a: 1 }, { a: 1 }], [{ a: 1 }, { a: 2 }], [{ a: undefined }, {}], [{ a: 1, b: 2 }, { b: 2, a: 1 }],
  [{ a: [{ b: 'c' }] }, { a: [{ b: 'c' }] }], [{ a: [{ b: 'c' }] }, { a: [{ b: 'd' }] }],
  [new A(), { x: 1 }], [new A(), new A()], [{ value: undefined, done: true }, { value: undefined, done: true }],
];

test('deepEqual and equal agree with node:assert/strict', () => {
  for (const [a, b] of PAIRS) {
    const what = `${portable.show(a)} vs ${portable.show(b)}`;
    assert.equal(failsPortable(() => portable.deepEqual(a, b)), failsNode(() => assert.deepEqual(a, b)), `deepEqual ${what}`);
    assert.equal(failsPortable(() => portable.equal(a, b)), failsNode(() => assert.equal(a, b)), `equal ${what}`);
    assert.equal(failsPortable(() => portable.notEqual(a, b)), failsNode(() => assert.notEqual(a, b)), `notEqual ${what}`);
  }
});

test('ok and match fail on falsy values and non-matching strings; the message names both sides', () => {
  for (const v of [0, '', null, undefined, false]) assert.ok(failsPortable(() => portable.ok(v)));
  portable.ok(1);
  assert.ok(failsPortable(() => portable.match('abc', /d/)));
  assert.ok(failsPortable(() => portable.match(undefined, /d/)));
  portable.match('abc', /b/);
  assert.throws(() => portable.deepEqual({ a: 1 }, { a: 2 }, 'ctx'), /^AssertionError: ctx\nnot deep-equal:\n {2}actual: {3}\{"a":1\}\n {2}expected: \{"a":2\}$/m);
});

test('throws and rejects: a class, a RegExp or a predicate returning true; nothing thrown fails', async () => {
  const boom = () => { throw new TypeError('boom'); };
  portable.throws(boom);
  portable.throws(boom, TypeError);
  portable.throws(boom, Error);
  portable.throws(boom, /TypeError: boom/);
  portable.throws(boom, (e) => e.message === 'boom');
  assert.ok(failsPortable(() => portable.throws(boom, RangeError)));
  assert.ok(failsPortable(() => portable.throws(boom, /other/)));
  assert.ok(failsPortable(() => portable.throws(boom, () => false)));
  assert.ok(failsPortable(() => portable.throws(boom, () => 1)), 'a predicate must return exactly true');
  assert.ok(failsPortable(() => portable.throws(() => {})));
  await portable.rejects(Promise.reject(new RangeError('r')), RangeError);
  await portable.rejects(async () => { throw new Error('x'); }, (e) => e.message === 'x');
  await assert.rejects(portable.rejects(Promise.resolve(1)), portable.AssertionError);
  await assert.rejects(portable.rejects(Promise.reject(new Error('x')), TypeError), portable.AssertionError);
  assert.ok(failsPortable(() => portable.fail('always')));
});
