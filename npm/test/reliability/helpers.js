// Shared helpers of the reliability tests (issue 7). Counts are small by
// default and the full ones with SSE_STRESS=1 (make stress); SSE_SEED
// replays a failing seed.
export { BASE, key, url, stats, within, sleep, raw } from '../node/helpers.js';

/** Whether SSE_STRESS=1 asks for the full counts. */
export const STRESS = process.env.SSE_STRESS === '1';

/**
 * scaled returns ci normally and full under SSE_STRESS=1.
 * @param {number} ci
 * @param {number} full
 */
export function scaled(ci, full) {
  return STRESS ? full : ci;
}

/**
 * seed returns SSE_SEED when set, else the test's fixed seed.
 * @param {number} fixed
 */
export function seed(fixed) {
  const v = process.env.SSE_SEED;
  if (v === undefined || v === '') return fixed;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`SSE_SEED=${v} is not a number`);
  return n;
}

/**
 * figure prints one measured figure on its own line (collected in reports).
 * @param {string} what
 * @param {unknown} value
 */
export function figure(what, value) {
  console.log(`# figure ${what}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
}
