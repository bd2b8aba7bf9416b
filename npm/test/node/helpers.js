// Shared helpers of the Node tests: the Go test server (SSE_TEST_URL), unique
// keys, its /stats counters, bounded waits.
import assert from 'node:assert/strict';

/** The test server's base URL; every server-backed test needs it. */
export const BASE = process.env.SSE_TEST_URL ?? '';
if (BASE === '') {
  throw new Error('SSE_TEST_URL is not set: run the tests through ' +
    '`go run ./wasm/internal/cmd/sse-testserver -- node --test npm/test/node/`');
}

let seq = 0;
/**
 * key returns a key unique to this process, for the server's per-key counters.
 * @param {string} name
 */
export function key(name) {
  return `${name}-${process.pid}-${++seq}-${Date.now()}`;
}

/**
 * url builds a test server URL from a path and query parameters.
 * @param {string} path
 * @param {Record<string, string | number | string[]>} [q]
 */
export function url(path, q = {}) {
  const u = new URL(path, BASE);
  for (const [k, v] of Object.entries(q)) {
    for (const one of Array.isArray(v) ? v : [v]) u.searchParams.append(k, String(one));
  }
  return u.href;
}

/**
 * stats returns the server's counters of key; with wait, long-polls until
 * the counter is at least min (and at most max), failing after timeout ms.
 * @param {string} k
 * @param {{wait?: string, min?: number, max?: number, timeout?: number}} [w]
 */
export async function stats(k, w) {
  const q = { key: k };
  if (w !== undefined) {
    Object.assign(q, { wait: w.wait, timeout: w.timeout ?? 5000 });
    if (w.min !== undefined) q.min = w.min;
    if (w.max !== undefined) q.max = w.max;
  }
  const res = await fetch(url('/stats', q));
  assert.equal(res.status, 200);
  const st = await res.json();
  if (w !== undefined) assert.equal(st.waitTimedOut, undefined, `stats ${k}: ${w.wait} never reached ${w.min}..${w.max}: ${JSON.stringify(st)}`);
  return st;
}

/**
 * within rejects when p does not settle within ms.
 * @template T
 * @param {Promise<T>} p
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
export function within(p, ms, what) {
  let timer;
  const t = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * deferred returns a promise with its resolve and reject.
 * @template T
 */
export function deferred() {
  /** @type {(v: T) => void} */
  let resolve = () => {};
  /** @type {(e: unknown) => void} */
  let reject = () => {};
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

/**
 * echoed turns the events of /echo into {method, url, headers, body}.
 * @param {{event: string, data: string}[]} msgs
 */
export function echoed(msgs) {
  /** @type {{method: string, url: string, headers: Record<string, string>, body: string, bodyLength: number}} */
  const out = { method: '', url: '', headers: {}, body: '', bodyLength: 0 };
  for (const m of msgs) {
    if (m.event === 'method') out.method = m.data;
    else if (m.event === 'url') out.url = m.data;
    else if (m.event === 'header') {
      const i = m.data.indexOf(':');
      out.headers[m.data.slice(0, i).trim().toLowerCase()] = m.data.slice(i + 1).trim();
    } else if (m.event === 'body') out.body = m.data;
    else if (m.event === 'body-length') out.bodyLength = Number(m.data);
  }
  return out;
}

/**
 * raw returns a /sse URL whose body is exactly text.
 * @param {string} text
 * @param {Record<string, string | number>} [q]
 */
export function raw(text, q = {}) {
  return url('/sse', { raw: Buffer.from(text, 'utf8').toString('base64url'), ...q });
}
