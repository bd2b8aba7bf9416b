// What a behaviour case is: a named async function of the environment that
// throws (an AssertionError of ./assert.js) when the behaviour is wrong.
// slow() gives a case a longer bound than the runners' default.

/**
 * @typedef {import('./env.js').Env} Env
 * @typedef {((env: Env) => Promise<void> | void) & {timeout?: number}} Case
 */

/** The longest a case may take unless slow() says otherwise, in ms. */
export const TIMEOUT = 15_000;

/**
 * slow marks fn as taking up to ms.
 * @param {number} ms
 * @param {Case} fn
 * @returns {Case}
 */
export function slow(ms, fn) {
  fn.timeout = ms;
  return fn;
}

/**
 * timeoutOf returns the bound of a case.
 * @param {Case} fn
 */
export function timeoutOf(fn) {
  return fn.timeout ?? TIMEOUT;
}
