// The options of each style turned into the params object of
// wasm/jsapi/PROTOCOL.md and what the shim itself keeps (callbacks, signal,
// done marker), each value checked by validate.js first; a Request given
// as the URL fills in what the options did not set.
import { PREFIX } from './errors.js';
import {
  ENUMS, MAX_EVENT_SIZE, checkBody, checkKeys, checkURL, describe, isInstance, normalizeHeaders, number, retryOptions, typeError,
} from './validate.js';

/** RequestInit fields passed through to fetch as given. */
const REQUEST_INIT = ['method', 'body', 'credentials', 'mode', 'cache', 'redirect', 'referrer',
  'referrerPolicy', 'integrity', 'keepalive', 'priority'];

/** Options every style takes. */
const SHARED = ['headers', 'signal', 'fetch', 'retry', 'idleTimeout', 'maxEventSize', 'lastEventId',
  'onretry', 'openWhenHidden', 'done'];

/** The options of each style. */
export const STYLES = {
  fetchEventSource: new Set([...REQUEST_INIT, ...SHARED, 'onopen', 'onmessage', 'onclose', 'onerror']),
  EventSource: new Set([...REQUEST_INIT.filter((k) => k !== 'credentials'), ...SHARED, 'withCredentials']),
  events: new Set([...REQUEST_INIT, ...SHARED, 'onopen']),
};

/**
 * How long (ms) a stream that has never opened keeps retrying by default
 * before it fails with RetriesExhaustedError: a wrong URL or port is
 * reported instead of retried in silence. EventSource reports every failed
 * attempt with an error event, as the native class does, and keeps trying.
 */
const OPEN_WITHIN = { fetchEventSource: 10_000, events: 10_000, EventSource: Infinity };

/**
 * headersFunction wraps a user's headers function so that its result (or
 * the result of its Promise) is checked and normalized on every attempt.
 * @param {string} where
 * @param {Function} fn
 */
function headersFunction(where, fn) {
  return () => {
    const r = fn();
    if (r !== null && typeof r === 'object' && typeof r.then === 'function') {
      return Promise.resolve(r).then((v) => normalizeHeaders(where, 'headers()', v));
    }
    return normalizeHeaders(where, 'headers()', r);
  };
}

/**
 * @typedef {object} Parsed
 * @property {Record<string, any>} params the params object of PROTOCOL.md (without hooks)
 * @property {AbortSignal | undefined} signal
 * @property {boolean} openWhenHidden
 * @property {Function | undefined} onopen
 * @property {Function | undefined} onmessage
 * @property {Function | undefined} onclose
 * @property {Function | undefined} onerror
 * @property {Function | undefined} onretry
 * @property {boolean} withCredentials
 * @property {number} openWithin ms a never-opened stream keeps retrying (retry.openWithin)
 * @property {import('./done.js').Marker | undefined} done the done marker (done.js)
 */

/**
 * parseOptions validates init for one style and builds the params object.
 * Options whose value is undefined count as absent.
 * @param {'fetchEventSource' | 'EventSource' | 'events'} where
 * @param {string} url
 * @param {unknown} init
 * @returns {Parsed}
 */
export function parseOptions(where, url, init) {
  if (init === undefined || init === null) init = {};
  if (typeof init !== 'object' || Array.isArray(init)) {
    throw new TypeError(`${PREFIX}${where}: the options argument must be an object, got ${describe(init)}`);
  }
  const o = /** @type {Record<string, any>} */ (init);
  /** @type {Record<string, any>} */
  const defined = {};
  for (const key of Object.keys(o)) if (o[key] !== undefined) defined[key] = o[key];
  checkKeys(where, defined, STYLES[where]);

  /** @type {Record<string, any>} */
  const reqInit = {};
  /** @type {Record<string, any>} */
  const params = { url, init: reqInit, reconnectOnEnd: false, customOpen: false };
  /** @type {Parsed} */
  const out = {
    params, signal: undefined, openWhenHidden: true, withCredentials: false, openWithin: OPEN_WITHIN[where], done: undefined,
    onopen: undefined, onmessage: undefined, onclose: undefined, onerror: undefined, onretry: undefined,
  };

  for (const key of Object.keys(defined)) {
    const v = defined[key];
    switch (key) {
      case 'method':
        if (typeof v !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(v)) throw typeError(where, key, 'an HTTP method name', v);
        reqInit.method = v;
        break;
      case 'body':
        checkBody(where, key, v);
        reqInit.body = v;
        break;
      case 'credentials': case 'mode': case 'cache': case 'redirect': case 'referrerPolicy': case 'priority': {
        const allowed = ENUMS[key];
        if (typeof v !== 'string' || !allowed.includes(v)) {
          throw typeError(where, key, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, v);
        }
        reqInit[key] = v;
        break;
      }
      case 'referrer': case 'integrity':
        if (typeof v !== 'string') throw typeError(where, key, 'a string', v);
        reqInit[key] = v;
        break;
      case 'keepalive':
        if (typeof v !== 'boolean') throw typeError(where, key, 'a boolean', v);
        reqInit[key] = v;
        break;
      case 'headers':
        params.headers = typeof v === 'function' ? headersFunction(where, v) : normalizeHeaders(where, key, v);
        break;
      case 'signal':
        if (v === null) break;
        if (typeof v !== 'object' || typeof v.aborted !== 'boolean' || typeof v.addEventListener !== 'function') {
          throw typeError(where, key, 'an AbortSignal', v);
        }
        out.signal = v;
        break;
      case 'fetch':
        if (typeof v !== 'function') throw typeError(where, key, 'a function', v);
        params.fetch = v;
        break;
      case 'retry':
        params.retry = retryOptions(where, v);
        if (params.retry.openWithin !== undefined) {
          out.openWithin = params.retry.openWithin;
          delete params.retry.openWithin;
        }
        break;
      case 'idleTimeout': {
        const n = number(where, key, v, 0, true);
        if (Number.isFinite(n) && n > 0) params.idleTimeout = n;
        break;
      }
      case 'maxEventSize': {
        const n = number(where, key, v, 1, false);
        if (!Number.isInteger(n) || n > MAX_EVENT_SIZE) {
          throw new RangeError(`${PREFIX}${where}: option "maxEventSize" must be an integer from 1 to ${MAX_EVENT_SIZE}, got ${n}`);
        }
        params.maxEventSize = n;
        break;
      }
      case 'lastEventId':
        if (typeof v !== 'string') throw typeError(where, key, 'a string', v);
        if (/[\0\r\n]/.test(v)) throw new TypeError(`${PREFIX}${where}: option "lastEventId" must not contain NUL, CR or LF`);
        params.lastEventId = v;
        break;
      case 'done':
        if (typeof v !== 'string' && typeof v !== 'function') throw typeError(where, key, 'a string or a function', v);
        out.done = v;
        params.done = true; // Go: a clean end before the marker is a failure; the shim matches it
        break;
      case 'openWhenHidden':
      case 'withCredentials':
        if (typeof v !== 'boolean') throw typeError(where, key, 'a boolean', v);
        out[key] = v;
        break;
      case 'onopen': case 'onmessage': case 'onclose': case 'onerror': case 'onretry':
        if (typeof v !== 'function') throw typeError(where, key, 'a function', v);
        out[key] = v;
        break;
      default:
        // Unreachable: checkKeys rejected it.
        throw new TypeError(`${PREFIX}${where}: unknown option "${key}"`);
    }
  }
  if (params.fetch === undefined) checkURL(where, url);
  return out;
}

/**
 * requestURL turns the first argument of a style into a URL string.
 * A Request gives its url; the caller picks further fields from it.
 * @param {string} where
 * @param {unknown} input
 * @returns {string}
 */
export function requestURL(where, input) {
  if (typeof input === 'string') return input;
  if (isInstance(input, 'URL')) return String(input);
  if (isInstance(input, 'Request')) return /** @type {Request} */ (input).url;
  throw new TypeError(`${PREFIX}${where}: the URL must be a string, URL or Request, got ${describe(input)}`);
}

/**
 * applyRequest takes from a Request given as the URL argument what the
 * options did not set: method, headers, credentials, mode, redirect,
 * referrerPolicy, integrity, keepalive, cache (when not "default") and
 * signal. A Request with a body needs the body in the options instead (a
 * body is re-sent on reconnect, a Request's stream can be read once).
 * @param {string} where
 * @param {unknown} input
 * @param {Parsed} parsed
 */
export function applyRequest(where, input, parsed) {
  if (!isInstance(input, 'Request')) return;
  const req = /** @type {Request} */ (input);
  const init = parsed.params.init;
  if (req.body !== null && init.body === undefined) {
    throw new TypeError(`${PREFIX}${where}: a Request with a body is not supported: pass the body in the options`);
  }
  if (init.method === undefined && req.method !== 'GET') init.method = req.method;
  if (parsed.params.headers === undefined) parsed.params.headers = req.headers;
  for (const key of /** @type {const} */ (['credentials', 'mode', 'redirect', 'referrerPolicy', 'integrity', 'keepalive'])) {
    if (init[key] === undefined && req[key] !== undefined && req[key] !== '') init[key] = req[key];
  }
  if (init.cache === undefined && req.cache !== undefined && req.cache !== 'default') init.cache = req.cache;
  if (parsed.signal === undefined && req.signal) parsed.signal = req.signal;
}
