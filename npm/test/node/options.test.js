// options.js: validation (TypeError naming the option, RangeError for
// ranges) and conversion to the params object of PROTOCOL.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOptions, applyRequest, requestURL, STYLES } from '../../src/options.js';
import { events, RetriesExhaustedError } from '../../src/index.js';
import { url, key, stats } from './helpers.js';

const U = 'http://127.0.0.1:1/sse';
const parse = (/** @type {any} */ init, /** @type {any} */ style = 'fetchEventSource') => parseOptions(style, U, init);

/**
 * @param {() => unknown} fn
 * @param {Function} type
 * @param {RegExp} re
 */
function throwsLike(fn, type, re) {
  assert.throws(fn, (/** @type {any} */ e) => {
    assert.ok(e instanceof type, `expected ${type.name}, got ${e}`);
    assert.match(e.message, /^wasm-sse: /);
    assert.match(e.message, re);
    return true;
  });
}

test('defaults: GET, no extras, openWhenHidden true', () => {
  const p = parse(undefined);
  assert.deepEqual(p.params, { url: U, init: {}, reconnectOnEnd: false, customOpen: false });
  assert.equal(p.openWhenHidden, true);
  assert.equal(p.signal, undefined);
  assert.deepEqual(parse({}).params, p.params);
  assert.deepEqual(parse(null).params, p.params);
});

test('unknown options are a TypeError naming them, with a suggestion', () => {
  throwsLike(() => parse({ onMessage() {} }), TypeError, /fetchEventSource: unknown option "onMessage" \(did you mean "onmessage"\?\)/);
  throwsLike(() => parse({ idleTimout: 5 }), TypeError, /unknown option "idleTimout" \(did you mean "idleTimeout"\?\)/);
  throwsLike(() => parse({ zzz: 1 }), TypeError, /unknown option "zzz"$/);
  throwsLike(() => parse({ onmessage() {} }, 'EventSource'), TypeError, /EventSource: unknown option "onmessage"/);
  throwsLike(() => parse({ credentials: 'include' }, 'EventSource'), TypeError, /EventSource: unknown option "credentials"/);
  throwsLike(() => parse({ withCredentials: true }, 'events'), TypeError, /events: unknown option "withCredentials"/);
  throwsLike(() => parse({ retry: { maxRetry: 3 } }), TypeError, /unknown option "retry.maxRetry" \(did you mean "maxRetries"\?\)/);
  throwsLike(() => parse('x'), TypeError, /options argument must be an object, got "x"/);
  throwsLike(() => parse([]), TypeError, /options argument must be an object, got an array/);
});

test('undefined values count as absent', () => {
  const p = parse({ method: undefined, headers: undefined, onmessage: undefined, bogus: undefined });
  assert.deepEqual(p.params.init, {});
  assert.equal(p.params.headers, undefined);
});

test('every option is type-checked', () => {
  /** @type {[string, unknown, RegExp][]} */
  const cases = [
    ['method', 5, /"method" must be an HTTP method name, got number 5/],
    ['method', 'GE T', /"method" must be an HTTP method name/],
    ['body', { a: 1 }, /"body" must be a string, Blob.*got an object \(pass JSON.stringify/],
    ['body', 5, /"body" must be a string/],
    ['body', new ReadableStream(), /"body" cannot be a ReadableStream: a body is re-sent on reconnect/],
    ['credentials', 'yes', /"credentials" must be one of "omit", "same-origin", "include", got "yes"/],
    ['mode', 1, /"mode" must be one of/],
    ['cache', 'none', /"cache" must be one of/],
    ['redirect', 'never', /"redirect" must be one of/],
    ['referrerPolicy', 'x', /"referrerPolicy" must be one of/],
    ['priority', 'urgent', /"priority" must be one of/],
    ['referrer', 1, /"referrer" must be a string/],
    ['integrity', {}, /"integrity" must be a string/],
    ['keepalive', 'true', /"keepalive" must be a boolean/],
    ['headers', 'a: b', /"headers" must be an object of strings, a Headers, an array of pairs or a function/],
    ['headers', { a: 1 }, /"headers.a" must be a string, got number 1/],
    ['headers', [['a']], /"headers" must be an array of \[name, value\] string pairs/],
    ['signal', {}, /"signal" must be an AbortSignal/],
    ['fetch', 'fetch', /"fetch" must be a function/],
    ['retry', 3, /"retry" must be an object/],
    ['idleTimeout', '5s', /"idleTimeout" must be a number/],
    ['idleTimeout', NaN, /"idleTimeout" must be a number/],
    ['maxEventSize', '1MB', /"maxEventSize" must be a number/],
    ['lastEventId', 5, /"lastEventId" must be a string/],
    ['lastEventId', 'a\nb', /"lastEventId" must not contain NUL, CR or LF/],
    ['openWhenHidden', 0, /"openWhenHidden" must be a boolean/],
    ['onopen', true, /"onopen" must be a function/],
    ['onmessage', 'x', /"onmessage" must be a function/],
    ['onclose', {}, /"onclose" must be a function/],
    ['onerror', 1, /"onerror" must be a function/],
    ['onretry', null, /"onretry" must be a function/],
  ];
  for (const [name, value, re] of cases) {
    throwsLike(() => parse({ [name]: value }), TypeError, re);
  }
  throwsLike(() => parse({ withCredentials: 'yes' }, 'EventSource'), TypeError, /EventSource: option "withCredentials" must be a boolean/);
});

test('ranges are a RangeError', () => {
  /** @type {[string, unknown, RegExp][]} */
  const cases = [
    ['idleTimeout', -1, /"idleTimeout" must be >= 0 \(or Infinity\), got -1/],
    ['maxEventSize', 0, /"maxEventSize" must be a finite number >= 1/],
    ['maxEventSize', 1.5, /"maxEventSize" must be an integer from 1 to 2147483647/],
    ['maxEventSize', 2 ** 31, /"maxEventSize" must be an integer/],
    ['maxEventSize', Infinity, /"maxEventSize" must be a finite number/],
  ];
  for (const [name, value, re] of cases) throwsLike(() => parse({ [name]: value }), RangeError, re);
  /** @type {[Record<string, unknown>, Function, RegExp][]} */
  const retry = [
    [{ initialDelay: -5 }, RangeError, /"retry.initialDelay" must be a finite number >= 0, got -5/],
    [{ maxDelay: Infinity }, RangeError, /"retry.maxDelay" must be a finite number/],
    [{ factor: 0.5 }, RangeError, /"retry.factor" must be a finite number >= 1/],
    [{ jitter: 2 }, RangeError, /"retry.jitter" must be between 0 and 1/],
    [{ jitter: '0.1' }, TypeError, /"retry.jitter" must be a number/],
    [{ maxRetries: 1.5 }, RangeError, /"retry.maxRetries" must be an integer/],
    [{ maxRetries: -1 }, RangeError, /"retry.maxRetries" must be >= 0 \(or Infinity\)/],
    [{ maxElapsed: 0 }, RangeError, /"retry.maxElapsed" must be > 0 or Infinity/],
    [{ healthyAfter: 'x' }, TypeError, /"retry.healthyAfter" must be a number/],
    [{ nonIdempotent: 'sometimes' }, TypeError, /"retry.nonIdempotent" must be "resumable", "never" or "always"/],
    [{ openWithin: 0 }, RangeError, /"retry.openWithin" must be > 0 or Infinity/],
    [{ openWithin: '5' }, TypeError, /"retry.openWithin" must be a number/],
  ];
  for (const [r, type, re] of retry) throwsLike(() => parse({ retry: r }), type, re);
});

test('RequestInit fields pass through; signal, callbacks and flags are taken out', () => {
  const ac = new AbortController();
  const fns = { onopen() {}, onmessage() {}, onclose() {}, onerror() {}, onretry() {} };
  const f = async () => new Response('');
  const p = parse({
    method: 'POST', body: 'x', credentials: 'include', mode: 'cors', cache: 'reload', redirect: 'error',
    referrer: '', referrerPolicy: 'no-referrer', integrity: '', keepalive: false, priority: 'high',
    signal: ac.signal, fetch: f, openWhenHidden: false, lastEventId: '42', idleTimeout: 1500, maxEventSize: 1024,
    ...fns,
  });
  assert.deepEqual(p.params.init, {
    method: 'POST', body: 'x', credentials: 'include', mode: 'cors', cache: 'reload', redirect: 'error',
    referrer: '', referrerPolicy: 'no-referrer', integrity: '', keepalive: false, priority: 'high',
  });
  assert.equal(p.params.fetch, f);
  assert.equal(p.params.lastEventId, '42');
  assert.equal(p.params.idleTimeout, 1500);
  assert.equal(p.params.maxEventSize, 1024);
  assert.equal(p.signal, ac.signal);
  assert.equal(p.openWhenHidden, false);
  for (const [k, fn] of Object.entries(fns)) assert.equal(/** @type {any} */ (p)[k], fn);
  assert.equal(parse({ idleTimeout: 0 }).params.idleTimeout, undefined);
  assert.equal(parse({ idleTimeout: Infinity }).params.idleTimeout, undefined);
  assert.equal(parse({ signal: null }).signal, undefined);
  assert.equal(parse({ body: null }).params.init.body, null);
});

test('bodies: strings, bytes, Blob, FormData, URLSearchParams', () => {
  for (const body of ['s', new Uint8Array(2), new ArrayBuffer(2), new DataView(new ArrayBuffer(1)),
    new Blob(['x']), new FormData(), new URLSearchParams('a=1')]) {
    assert.equal(parse({ body }).params.init.body, body);
  }
});

test('headers: objects are copied, Headers kept, pairs merged, functions wrapped and checked', async () => {
  const obj = { Authorization: 'Bearer a' };
  const p = parse({ headers: obj });
  assert.deepEqual(p.params.headers, obj);
  assert.notEqual(p.params.headers, obj);
  const h = new Headers({ a: 'b' });
  assert.equal(parse({ headers: h }).params.headers, h);
  assert.deepEqual(parse({ headers: [['X-A', '1'], ['x-a', '2'], ['B', '3']] }).params.headers, { 'x-a': '1, 2', b: '3' });

  let n = 0;
  const fn = parse({ headers: () => ({ 'x-n': String(++n) }) }).params.headers;
  assert.equal(typeof fn, 'function');
  assert.deepEqual(fn(), { 'x-n': '1' });
  assert.deepEqual(fn(), { 'x-n': '2' });
  const afn = parse({ headers: async () => [['x-async', 'yes']] }).params.headers;
  assert.deepEqual(await afn(), { 'x-async': 'yes' });
  const bad = parse({ headers: () => 42 }).params.headers;
  throwsLike(() => bad(), TypeError, /option "headers\(\)" must be an object of strings/);
  const badAsync = parse({ headers: async () => ({ a: 1 }) }).params.headers;
  await assert.rejects(badAsync(), /option "headers\(\).a" must be a string/);
});

test('retry options cross to Go as the user set them: zero stays zero, Infinity stays Infinity, absent stays absent', () => {
  assert.deepEqual(parse({ retry: {} }).params.retry, {});
  const all = { initialDelay: 0, maxDelay: 0, factor: 1.5, jitter: 0, maxRetries: 0, maxElapsed: Infinity, healthyAfter: 0, nonIdempotent: 'never' };
  assert.deepEqual(parse({ retry: all }).params.retry, all);
  assert.deepEqual(parse({ retry: { maxRetries: Infinity, maxElapsed: 60000, jitter: undefined } }).params.retry, { maxRetries: Infinity, maxElapsed: 60000 });
});

test('retry.openWithin is the shim\'s: kept out of Go\'s params; 10 s by default, Infinity for EventSource', () => {
  const p = parse({ retry: { openWithin: 2500, maxRetries: 3 } });
  assert.equal(p.openWithin, 2500);
  assert.deepEqual(p.params.retry, { maxRetries: 3 });
  assert.equal(parse({}).openWithin, 10000);
  assert.equal(parse({}, 'events').openWithin, 10000);
  assert.equal(parse({}, 'EventSource').openWithin, Infinity);
  assert.equal(parse({ retry: { openWithin: Infinity } }).openWithin, Infinity);
});

test('done: a string or a function, kept in the shim; Go only learns that a marker is set', () => {
  for (const style of /** @type {const} */ (['fetchEventSource', 'events', 'EventSource'])) {
    const fn = () => true;
    const f = parse({ done: fn }, style);
    assert.equal(f.done, fn);
    assert.equal(f.params.done, true);
    const s = parse({ done: '[DONE]' }, style);
    assert.equal(s.done, '[DONE]');
    assert.equal(s.params.done, true);
    assert.equal('done' in parse({}, style).params, false, 'no marker: no flag');
    assert.equal(parse({}, style).done, undefined);
    throwsLike(() => parse({ done: 5 }, style), TypeError, new RegExp(`${style}: option "done" must be a string or a function, got number 5`));
    throwsLike(() => parse({ done: null }, style), TypeError, /option "done" must be a string or a function, got null/);
  }
  throwsLike(() => parse({ doen: 'x' }), TypeError, /unknown option "doen" \(did you mean "done"\?\)/);
});

test('each style knows the shared extensions', () => {
  for (const style of Object.values(STYLES)) {
    for (const k of ['headers', 'signal', 'fetch', 'retry', 'idleTimeout', 'maxEventSize', 'lastEventId', 'onretry', 'openWhenHidden', 'method', 'body', 'done']) {
      assert.ok(style.has(k), k);
    }
  }
});

test('a URL fetch cannot resolve is a TypeError, unless a custom fetch is given', () => {
  throwsLike(() => parseOptions('events', '/relative', {}), TypeError, /events: invalid URL "\/relative" \(without a page, URLs must be absolute\)/);
  throwsLike(() => parseOptions('fetchEventSource', 'http://[x', {}), TypeError, /invalid URL/);
  assert.equal(parseOptions('events', '/relative', { fetch: async () => new Response('') }).params.url, '/relative');
});

test('URL argument: string, URL or Request; a Request lends what the options lack', () => {
  assert.equal(requestURL('events', 'x'), 'x');
  assert.equal(requestURL('events', new URL(U)), U);
  throwsLike(() => requestURL('events', 5), TypeError, /events: the URL must be a string, URL or Request, got number 5/);
  const req = new Request(U, { method: 'PUT', headers: { 'x-r': '1' }, cache: 'reload', redirect: 'manual' });
  assert.equal(requestURL('events', req), U);
  const p = parse({ body: 'b' });
  applyRequest('events', req, p);
  assert.equal(p.params.init.method, 'PUT');
  assert.equal(p.params.init.cache, 'reload');
  assert.equal(p.params.init.redirect, 'manual');
  assert.equal(p.params.headers.get('x-r'), '1');
  assert.ok(p.signal);
  const own = parse({ method: 'POST', headers: { a: 'b' } });
  applyRequest('events', req, own);
  assert.equal(own.params.init.method, 'POST');
  assert.deepEqual(own.params.headers, { a: 'b' });
  const withBody = new Request(U, { method: 'POST', body: 'x' });
  throwsLike(() => applyRequest('events', withBody, parse({})), TypeError, /a Request with a body is not supported/);
});

// ---- The options as the user set them, end to end (Go reads them) ----

/**
 * run drains events(u, init) and returns the messages, the error it ended
 * with (null when none), the onretry infos and the ms it took. With
 * stopAfter, the loop is left at that many onretry calls.
 * @param {string} u
 * @param {Record<string, any>} init
 * @param {number} [stopAfter]
 */
async function run(u, init, stopAfter = Infinity) {
  const ac = new AbortController();
  /** @type {{attempt: number, delay: number}[]} */
  const retries = [];
  const got = [];
  const t0 = performance.now();
  let err = null;
  try {
    const onretry = (/** @type {any} */ i) => {
      retries.push({ attempt: i.attempt, delay: i.delay });
      if (retries.length >= stopAfter) ac.abort();
    };
    for await (const m of events(u, { ...init, signal: ac.signal, onretry })) got.push(m.data);
  } catch (e) {
    err = e;
  }
  return { got, err, retries, ms: performance.now() - t0 };
}

test('retry.initialDelay: 0 reconnects without delay; absent (or undefined) is the 1 s default', async () => {
  const k = key('zero-initial');
  const r = await run(url('/sse', { key: k, failTimes: 5, events: 1 }), { retry: { initialDelay: 0 } });
  assert.equal(r.err, null);
  assert.deepEqual(r.got, ['msg 1']);
  assert.deepEqual(r.retries.map((i) => i.delay), [0, 0, 0, 0, 0], 'no delay, and 0 does not grow');
  assert.equal((await stats(k)).requests, 6);
  assert.ok(r.ms < 3000, `took ${r.ms} ms (the default would wait about 15 s)`);

  for (const retry of [{ jitter: 0 }, { jitter: 0, initialDelay: undefined }]) {
    const kd = key('default-initial');
    const d = await run(url('/sse', { key: kd, status: 503 }), { retry }, 1);
    assert.deepEqual(d.retries, [{ attempt: 1, delay: 1000 }], JSON.stringify(retry));
    assert.equal((await stats(kd)).requests, 1);
  }
});

test('retry.maxDelay: 0 caps at initialDelay; jitter: 0 is none', async () => {
  const r = await run(url('/sse', { key: key('zero-max'), failTimes: 3, events: 1 }), { retry: { initialDelay: 30, maxDelay: 0, jitter: 0 } });
  assert.equal(r.err, null);
  assert.deepEqual(r.retries.map((i) => i.delay), [30, 30, 30]);
});

test('retry.healthyAfter: 0 resets the run after any opened connection, not after one that never opened', async () => {
  // Every connection opens (200, headers) and is cut before an event.
  const opened = await run(url('/sse', { key: key('zero-healthy'), dropAfter: 0, dropPause: 0 }),
    { retry: { initialDelay: 10, jitter: 0, healthyAfter: 0, maxRetries: 2 } }, 5);
  assert.equal(opened.err, null, 'aborted by the test, never given up');
  assert.deepEqual(opened.retries.map((i) => i.attempt), [1, 1, 1, 1, 1]);

  const byDefault = await run(url('/sse', { key: key('default-healthy'), dropAfter: 0, dropPause: 0 }),
    { retry: { initialDelay: 10, jitter: 0, maxRetries: 2 } }, 5);
  assert.ok(byDefault.err instanceof RetriesExhaustedError, String(byDefault.err));
  assert.deepEqual(byDefault.retries.map((i) => i.attempt), [1, 2]);

  const k = key('zero-healthy-503');
  const never = await run(url('/sse', { key: k, status: 503 }), { retry: { initialDelay: 0, healthyAfter: 0, maxRetries: 2 } }, 10);
  assert.ok(never.err instanceof RetriesExhaustedError, String(never.err));
  assert.deepEqual(never.retries.map((i) => i.attempt), [1, 2]);
  assert.equal((await stats(k)).requests, 3);
});

test('retry.maxRetries: 0 never reconnects; Infinity and absent are unlimited', async () => {
  const k = key('zero-retries');
  const r = await run(url('/sse', { key: k, status: 503 }), { retry: { maxRetries: 0 } });
  assert.ok(r.err instanceof RetriesExhaustedError);
  assert.equal((await stats(k)).requests, 1);
  for (const retry of [{ initialDelay: 0, maxRetries: Infinity }, { initialDelay: 0 }]) {
    const u = await run(url('/sse', { key: key('unlimited'), status: 503 }), { retry: { ...retry, openWithin: Infinity } }, 20);
    assert.equal(u.err, null, JSON.stringify(retry));
    assert.equal(u.retries.length, 20);
  }
});
