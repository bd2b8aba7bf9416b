// Shared helpers of the reliability tests. Counts are small by
// default and the full ones with SSE_STRESS=1 (make stress); SSE_SEED
// replays a failing seed.
import assert from 'node:assert/strict';

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

/**
 * checkResume asserts a summary of runResume.
 * @param {any} s
 */
export function checkResume(s) {
  const ctx = `seed ${s.seed} (replay with SSE_SEED=${s.seed}): ${JSON.stringify(s)}`;
  assert.equal(s.timedOut, false, ctx);
  assert.equal(s.firstMismatch, null, `received differs from sent; ${ctx}`);
  assert.equal(s.events, s.expected, ctx);
  assert.equal(s.applied, s.planned, `every planned cut was made; ${ctx}`);
  assert.equal(s.serverDropped, s.applied, `the server cut them; ${ctx}`);
  assert.equal(s.serverRequests, s.requests, ctx);
  assert.equal(s.firstHeader, '', ctx);
  assert.equal(s.badResume, null, `each request resumes after the last event received; ${ctx}`);
  assert.ok(s.reconnects >= s.requests - 1, ctx);
  for (const k of ['between CR and LF', 'inside a UTF-8 sequence', 'mid-line']) {
    assert.ok((s.classes[k] ?? 0) > 0, `some cuts ${k}; ${ctx}`);
  }
}

/**
 * closedPort returns a loopback port where nothing listens: one the system
 * gave a server that was then closed (a connection to it is refused).
 * @returns {Promise<number>}
 */
export async function closedPort() {
  const net = await import('node:net');
  const srv = net.createServer();
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (srv.address()).port;
  await new Promise((resolve) => srv.close(() => resolve(undefined)));
  return port;
}
