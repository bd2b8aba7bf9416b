// Page-side helpers of the browser tests (globalThis.T). The Node side runs test
// bodies with page.evaluate and asserts on what they return; everything
// here is bounded in time. The server helpers and waits are the behaviour
// cases' (../../behaviour/lib/); err, settled and drain describe outcomes
// as JSON for page.evaluate.
import * as sse from 'wasm-sse';
import { server, echoed } from '../../behaviour/lib/server.js';
import { within, sleep, deferred } from '../../behaviour/lib/wait.js';
import { until } from '../../behaviour/lib/until.js';

const BASE = new URLSearchParams(location.search).get('sse') ?? '';
if (BASE === '') throw new Error('harness: the page needs ?sse=<test server URL>');
const { url, raw, stats } = server(BASE);

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

globalThis.T = {
  sse, BASE, url, raw, stats, within, sleep, deferred, echoed, err, settled, drain, until, setHidden, ready: true,
};
