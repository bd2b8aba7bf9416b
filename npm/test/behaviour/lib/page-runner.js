// The page side of the Chromium driver: runs one case by name and reports
// how it went as JSON (page.evaluate cannot carry an Error with its class).
import { CASES } from '../cases/index.js';
import { timeoutOf } from './case.js';
import { within } from './wait.js';

/**
 * @typedef {{ok: true, ms: number} | {ok: false, ms: number, name: string, message: string, stack: string}} Outcome
 */

/** names returns the full name of every case with its bound in ms, in order. */
export function names() {
  return [...CASES].map(([name, fn]) => ({ name, timeout: timeoutOf(fn) }));
}

/**
 * run runs the case called name in env.
 * @param {import('./env.js').Env} env
 * @param {string} name
 * @returns {Promise<Outcome>}
 */
export async function run(env, name) {
  const fn = CASES.get(name);
  const t0 = performance.now();
  try {
    if (fn === undefined) throw new Error(`no case named ${JSON.stringify(name)}`);
    await within(Promise.resolve(fn(env)), timeoutOf(fn), name);
    return { ok: true, ms: performance.now() - t0 };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return { ok: false, ms: performance.now() - t0, name: err.name, message: err.message, stack: err.stack ?? '' };
  }
}
