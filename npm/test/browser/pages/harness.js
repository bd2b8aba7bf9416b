// Page-side helpers of the browser tests (window.T). The Node side runs test
// bodies with page.evaluate and asserts on what they return; everything
// here is bounded in time.
import * as sse from 'wasm-sse';

const BASE = new URLSearchParams(location.search).get('sse') ?? '';
if (BASE === '') throw new Error('harness: the page needs ?sse=<test server URL>');

/**
 * url builds a test server URL from a path and query parameters.
 * @param {string} path
 * @param {Record<string, string | number | string[]>} [q]
 */
function url(path, q = {}) {
  const u = new URL(path, BASE);
  for (const [k, v] of Object.entries(q)) {
    for (const one of Array.isArray(v) ? v : [v]) u.searchParams.append(k, String(one));
  }
  return u.href;
}

/**
 * raw returns a /sse URL whose body is exactly text (UTF-8).
 * @param {string} text
 * @param {Record<string, string | number>} [q]
 */
function raw(text, q = {}) {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  const b64 = btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return url('/sse', { raw: b64, ...q });
}

/**
 * stats returns the server's counters of key k; with w, long-polls until
 * counter w.wait is within [w.min, w.max] and throws if it never gets there.
 * @param {string} k
 * @param {{wait: string, min?: number, max?: number, timeout?: number}} [w]
 */
async function stats(k, w) {
  /** @type {Record<string, string | number>} */
  const q = { key: k };
  if (w !== undefined) {
    Object.assign(q, { wait: w.wait, timeout: w.timeout ?? 5000 });
    if (w.min !== undefined) q.min = w.min;
    if (w.max !== undefined) q.max = w.max;
  }
  const res = await fetch(url('/stats', q));
  if (res.status !== 200) throw new Error(`stats ${k}: HTTP ${res.status}`);
  const st = await res.json();
  if (st.waitTimedOut) throw new Error(`stats ${k}: ${w?.wait} never reached ${w?.min}..${w?.max}: ${JSON.stringify(st)}`);
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
function within(p, ms, what) {
  let timer;
  const t = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** deferred returns a promise with its resolve and reject. */
function deferred() {
  let resolve = (/** @type {any} */ _) => {};
  let reject = (/** @type {any} */ _) => {};
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

/**
 * echoed turns the events of /echo into {method, url, headers, body}
 * (a binary body or one with CR arrives base64-encoded: decoded as Latin-1).
 * @param {{event: string, data: string}[]} msgs
 */
function echoed(msgs) {
  /** @type {{method: string, url: string, headers: Record<string, string>, body: string, bodyLength: number}} */
  const out = { method: '', url: '', headers: {}, body: '', bodyLength: 0 };
  for (const m of msgs) {
    if (m.event === 'method') out.method = m.data;
    else if (m.event === 'url') out.url = m.data;
    else if (m.event === 'header') {
      const i = m.data.indexOf(':');
      out.headers[m.data.slice(0, i).trim().toLowerCase()] = m.data.slice(i + 1).trim();
    } else if (m.event === 'body') out.body = m.data;
    else if (m.event === 'body-base64') out.body = atob(m.data);
    else if (m.event === 'body-length') out.bodyLength = Number(m.data);
  }
  return out;
}

const CLASSES = ['SSEError', 'HTTPError', 'ContentTypeError', 'RetriesExhaustedError', 'IdleTimeoutError', 'EventTooLargeError', 'NetworkError'];

/**
 * err describes a thrown value as JSON: its name and message, the package
 * classes it is an instance of (checked here, in the page's realm), whether
 * it is a page Error/TypeError/DOMException, the typed fields, and its cause.
 * @param {unknown} e
 * @param {number} [depth]
 * @returns {any}
 */
function err(e, depth = 0) {
  if (e === null || e === undefined) return e;
  if (typeof e !== 'object') return { value: e };
  const x = /** @type {any} */ (e);
  const out = {
    name: x.name,
    message: x.message,
    classes: CLASSES.filter((c) => e instanceof /** @type {any} */ (sse)[c]),
    isError: e instanceof Error,
    isTypeError: e instanceof TypeError,
    isDOMException: e instanceof DOMException,
  };
  for (const f of ['status', 'statusText', 'body', 'contentType', 'attempts', 'elapsed', 'reason', 'timeout', 'limit', 'tag']) {
    if (x[f] !== undefined) /** @type {any} */ (out)[f] = x[f];
  }
  if (x.headers instanceof Headers) /** @type {any} */ (out).headers = Object.fromEntries(x.headers);
  if (x.response instanceof Response) /** @type {any} */ (out).responseStatus = x.response.status;
  if (x.cause !== undefined && depth < 3) /** @type {any} */ (out).cause = err(x.cause, depth + 1);
  return out;
}

/**
 * settled runs fn and returns {ok: value} or {error: err(e)}.
 * @param {() => Promise<unknown>} fn
 */
async function settled(fn) {
  try {
    return { ok: await fn() };
  } catch (e) {
    return { error: err(e) };
  }
}

/**
 * drain runs events() to its end and returns {got: data[], error}.
 * @param {string} u
 * @param {object} [init]
 */
async function drain(u, init) {
  const got = [];
  try {
    for await (const m of sse.events(u, init)) got.push(m.data);
    return { got, error: null };
  } catch (e) {
    return { got, error: err(e) };
  }
}

/**
 * until records every event of the given types on es (type, readyState,
 * data, lastEventId, origin, the described error) and resolves with a
 * snapshot of the log once pred(ev, log) holds; rejects after ms.
 * @param {EventTarget & {readyState: number}} es
 * @param {string[]} types
 * @param {(ev: any, log: any[]) => boolean} pred
 * @param {number} [ms]
 */
function until(es, types, pred, ms = 5000) {
  const d = deferred();
  /** @type {any[]} */
  const log = [];
  for (const t of types) {
    es.addEventListener(t, (/** @type {any} */ ev) => {
      /** @type {any} */
      const e = { type: ev.type, state: es.readyState };
      if (ev instanceof MessageEvent) Object.assign(e, { data: ev.data, id: ev.lastEventId, origin: ev.origin });
      if (ev.error !== undefined) e.error = err(ev.error);
      log.push(e);
      if (pred(ev, log)) d.resolve(log.slice()); // later events of the same turn may follow
    });
  }
  return within(d.promise, ms, `waiting on ${types}`);
}

let hidden = false;
/**
 * setHidden emulates the page being hidden or shown: document.hidden and
 * document.visibilityState report it, and visibilitychange fires on document
 * (headless Chromium never hides a page by itself).
 * @param {boolean} h
 */
function setHidden(h) {
  if (hidden === h) return;
  hidden = h;
  document.dispatchEvent(new Event('visibilitychange'));
}
Object.defineProperty(document, 'hidden', { get: () => hidden, configurable: true });
Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible'), configurable: true });

window.T = {
  sse, BASE, url, raw, stats, within, sleep, deferred, echoed, err, settled, drain, until, setHidden, ready: true,
};
