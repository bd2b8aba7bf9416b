// The assertions of the shared behaviour cases: the subset of
// node:assert/strict they use, written for both Node and a page (no Node
// imports). A failure throws an AssertionError whose message shows the
// actual and expected values, so the test that ran the case can name both.

export class AssertionError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
  }
}

/**
 * show renders a value for a failure message: JSON, with undefined,
 * functions, errors, Headers and Maps made visible.
 * @param {unknown} v
 */
export function show(v) {
  try {
    const s = JSON.stringify(v, (_k, x) => {
      if (x === undefined) return '<undefined>';
      if (typeof x === 'function') return `<function ${x.name}>`;
      if (typeof x === 'bigint') return `${x}n`;
      if (x instanceof Error) return `<${x.name}: ${x.message}>`;
      if (typeof Headers !== 'undefined' && x instanceof Headers) return { '<Headers>': Object.fromEntries(x) };
      if (x instanceof Map) return { '<Map>': [...x] };
      return x;
    });
    return s === undefined ? String(v) : s;
  } catch {
    return String(v);
  }
}

/** @param {string | undefined} msg @param {string} what */
function fail(msg, what) {
  throw new AssertionError(msg === undefined ? what : `${msg}\n${what}`);
}

/**
 * same is strict deep equality as node:assert's deepStrictEqual sees it for
 * the values the cases compare: Object.is for primitives, the same
 * prototype, the same own enumerable keys (a key set to undefined differs
 * from a missing one), arrays element by element.
 * @param {unknown} a @param {unknown} b
 * @returns {boolean}
 */
export function same(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof RegExp && b instanceof RegExp) return String(a) === String(b);
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ob = /** @type {Record<string, unknown>} */ (b);
  const oa = /** @type {Record<string, unknown>} */ (a);
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same(oa[k], ob[k]));
}

/** @param {unknown} actual @param {unknown} expected @param {string} [msg] */
export function equal(actual, expected, msg) {
  if (!Object.is(actual, expected)) fail(msg, `expected ${show(expected)}, got ${show(actual)}`);
}

/** @param {unknown} actual @param {unknown} expected @param {string} [msg] */
export function notEqual(actual, expected, msg) {
  if (Object.is(actual, expected)) fail(msg, `expected anything but ${show(expected)}`);
}

/** @param {unknown} actual @param {unknown} expected @param {string} [msg] */
export function deepEqual(actual, expected, msg) {
  if (!same(actual, expected)) fail(msg, `not deep-equal:\n  actual:   ${show(actual)}\n  expected: ${show(expected)}`);
}

/** @param {unknown} value @param {string} [msg] */
export function ok(value, msg) {
  if (!value) fail(msg, `expected a truthy value, got ${show(value)}`);
}

/** @param {unknown} value @param {RegExp} re @param {string} [msg] */
export function match(value, re, msg) {
  if (typeof value !== 'string' || !re.test(value)) fail(msg, `${show(value)} does not match ${re}`);
}

/**
 * check applies what node:assert's throws/rejects accept as the expected
 * error: a class (instanceof), a RegExp (against String(e)) or a predicate
 * that must return true.
 * @param {unknown} e
 * @param {Function | RegExp | ((e: any) => boolean) | undefined} want
 * @param {string | undefined} msg
 */
function checkError(e, want, msg) {
  const what = `threw ${e instanceof Error ? `${e.name}: ${e.message}` : show(e)}`;
  if (want === undefined) return;
  if (want instanceof RegExp) {
    if (!want.test(String(e))) fail(msg, `${what}, which does not match ${want}`);
    return;
  }
  if (want.prototype !== undefined && (want === Error || want.prototype instanceof Error)) {
    if (!(e instanceof /** @type {any} */ (want))) fail(msg, `${what}, want a ${want.name}`);
    return;
  }
  if (/** @type {(e: any) => boolean} */ (want)(e) !== true) fail(msg, `${what}, which the check refused`);
}

/**
 * throws calls fn and checks it throws as expected.
 * @param {() => unknown} fn
 * @param {Function | RegExp | ((e: any) => boolean)} [want]
 * @param {string} [msg]
 */
export function throws(fn, want, msg) {
  try {
    fn();
  } catch (e) {
    checkError(e, want, msg);
    return;
  }
  fail(msg, 'expected a throw, nothing was thrown');
}

/**
 * rejects awaits p (or p()) and checks it rejects as expected.
 * @param {Promise<unknown> | (() => Promise<unknown>)} p
 * @param {Function | RegExp | ((e: any) => boolean)} [want]
 * @param {string} [msg]
 */
export async function rejects(p, want, msg) {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    checkError(e, want, msg);
    return;
  }
  fail(msg, 'expected a rejection, it resolved');
}

/** @param {string} msg */
function failNow(msg) {
  throw new AssertionError(msg);
}
export { failNow as fail };
