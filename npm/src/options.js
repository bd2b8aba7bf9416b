// Option validation and conversion to the params object of
// wasm/jsapi/PROTOCOL.md. Unknown or mistyped options are a TypeError that
// names the option; out-of-range numbers are a RangeError.

const P = 'wasm-sse: ';

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

const RETRY_KEYS = ['initialDelay', 'maxDelay', 'factor', 'jitter', 'maxRetries', 'maxElapsed', 'healthyAfter',
  'nonIdempotent', 'openWithin'];

/**
 * How long (ms) a stream that has never opened keeps retrying by default
 * before it fails with RetriesExhaustedError: a wrong URL or port is
 * reported instead of retried in silence. EventSource reports every failed
 * attempt with an error event, as the native class does, and keeps trying.
 */
const OPEN_WITHIN = { fetchEventSource: 10_000, events: 10_000, EventSource: Infinity };

const ENUMS = {
  credentials: ['omit', 'same-origin', 'include'],
  mode: ['cors', 'no-cors', 'same-origin', 'navigate'],
  cache: ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'],
  redirect: ['follow', 'error', 'manual'],
  referrerPolicy: ['', 'no-referrer', 'no-referrer-when-downgrade', 'same-origin', 'origin',
    'strict-origin', 'origin-when-cross-origin', 'strict-origin-when-cross-origin', 'unsafe-url'],
  priority: ['high', 'low', 'auto'],
  nonIdempotent: ['resumable', 'never', 'always'],
};

/** Largest maxEventSize Go takes (an int32 on the way). */
const MAX_EVENT_SIZE = 0x7fffffff;

/**
 * @param {string} where
 * @param {string} name
 * @param {string} expected
 * @param {unknown} got
 */
function typeError(where, name, expected, got) {
  return new TypeError(`${P}${where}: option "${name}" must be ${expected}, got ${describe(got)}`);
}

/** @param {unknown} v */
function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'string': return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
    case 'number': case 'boolean': case 'bigint': return `${typeof v} ${String(v)}`;
    case 'function': return 'a function';
    case 'object': {
      const c = Object.getPrototypeOf(v)?.constructor?.name;
      return c && c !== 'Object' ? `a ${c}` : 'an object';
    }
    default: return typeof v;
  }
}

/**
 * suggest returns ` (did you mean "x"?)` for a misspelled option name.
 * @param {string} key
 * @param {Iterable<string>} known
 */
function suggest(key, known) {
  const k = key.toLowerCase();
  const limit = k.length >= 8 ? 3 : 2;
  let best = '', bestScore = Infinity;
  for (const name of known) {
    const n = name.toLowerCase();
    const d = n === k ? 0 : distance(k, n);
    if (d > limit) continue;
    let prefix = 0;
    while (prefix < k.length && k[prefix] === n[prefix]) prefix++;
    const score = d * 100 - prefix; // ties go to the longer common prefix
    if (score < bestScore) { best = name; bestScore = score; }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

/**
 * distance is the Levenshtein distance, cut off above 3.
 * @param {string} a
 * @param {string} b
 */
function distance(a, b) {
  if (Math.abs(a.length - b.length) > 3) return 4;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * checkKeys throws for an own key of obj that is not in known.
 * @param {string} where
 * @param {object} obj
 * @param {Set<string> | string[]} known
 * @param {string} [prefix]
 */
function checkKeys(where, obj, known, prefix = '') {
  const set = known instanceof Set ? known : new Set(known);
  for (const key of Object.keys(obj)) {
    if (!set.has(key)) {
      throw new TypeError(`${P}${where}: unknown option "${prefix}${key}"${suggest(key, set)}`);
    }
  }
}

/** @param {unknown} v */
function isPlainObject(v) {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** @param {unknown} v @param {string} ctor */
function isInstance(v, ctor) {
  const C = /** @type {any} */ (globalThis)[ctor];
  return typeof C === 'function' && v instanceof C;
}

/**
 * normalizeHeaders checks a headers value (plain object of strings, Headers,
 * or an array of [name, value] pairs) and returns a plain object or the
 * Headers instance. Objects are copied, so later changes do not apply.
 * @param {string} where
 * @param {string} name
 * @param {unknown} h
 * @returns {Record<string, string> | Headers}
 */
export function normalizeHeaders(where, name, h) {
  if (isInstance(h, 'Headers')) return /** @type {Headers} */ (h);
  if (Array.isArray(h)) {
    /** @type {Record<string, string>} */
    const out = {};
    for (const pair of h) {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
        throw typeError(where, name, 'an array of [name, value] string pairs', pair);
      }
      const key = pair[0].toLowerCase();
      out[key] = key in out ? `${out[key]}, ${pair[1]}` : pair[1];
    }
    return out;
  }
  if (isPlainObject(h)) {
    /** @type {Record<string, string>} */
    const out = {};
    for (const key of Object.keys(/** @type {object} */ (h))) {
      const v = /** @type {any} */ (h)[key];
      if (typeof v !== 'string') throw typeError(where, `${name}.${key}`, 'a string', v);
      out[key] = v;
    }
    return out;
  }
  throw typeError(where, name, 'an object of strings, a Headers, an array of pairs or a function', h);
}

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
 * @param {string} where
 * @param {string} name
 * @param {unknown} v
 */
function checkBody(where, name, v) {
  if (v === null || typeof v === 'string') return;
  if (isInstance(v, 'ReadableStream')) {
    throw new TypeError(`${P}${where}: option "${name}" cannot be a ReadableStream: a body is re-sent on reconnect; ` +
      'use a string, Blob, ArrayBuffer, typed array, FormData or URLSearchParams');
  }
  if (v instanceof ArrayBuffer || ArrayBuffer.isView(v) || isInstance(v, 'Blob') ||
      isInstance(v, 'FormData') || isInstance(v, 'URLSearchParams')) return;
  const hint = isPlainObject(v) || Array.isArray(v) ? ' (pass JSON.stringify(value) and a content-type header)' : '';
  throw new TypeError(`${P}${where}: option "${name}" must be a string, Blob, ArrayBuffer, typed array, ` +
    `FormData or URLSearchParams, got ${describe(v)}${hint}`);
}

/**
 * @param {string} where
 * @param {string} name
 * @param {unknown} v
 * @param {number} min
 * @param {boolean} allowInfinity
 * @returns {number}
 */
function number(where, name, v, min, allowInfinity) {
  if (typeof v !== 'number' || Number.isNaN(v)) throw typeError(where, name, 'a number', v);
  if (v < min || (!allowInfinity && !Number.isFinite(v))) {
    throw new RangeError(`${P}${where}: option "${name}" must be ${allowInfinity ? '' : 'a finite number '}` +
      `>= ${min}${allowInfinity ? ' (or Infinity)' : ''}, got ${v}`);
  }
  return v;
}

/**
 * retryParams validates the retry option. Values keep their JS meaning
 * (maxRetries 0: never reconnect, Infinity: unlimited; jitter 0: none);
 * Go's params reader maps them onto its policy. A zero delay becomes a
 * microsecond, since Go reads zero as "default".
 * @param {string} where
 * @param {unknown} r
 */
function retryParams(where, r) {
  if (!isPlainObject(r)) throw typeError(where, 'retry', 'an object', r);
  const o = /** @type {Record<string, unknown>} */ (r);
  checkKeys(where, o, RETRY_KEYS, 'retry.');
  /** @type {Record<string, number | string>} */
  const out = {};
  for (const key of ['initialDelay', 'maxDelay', 'healthyAfter']) {
    if (o[key] === undefined) continue;
    const v = number(where, `retry.${key}`, o[key], 0, false);
    out[key] = v > 0 ? v : 0.001;
  }
  if (o.factor !== undefined) out.factor = number(where, 'retry.factor', o.factor, 1, false);
  if (o.jitter !== undefined) {
    const v = number(where, 'retry.jitter', o.jitter, 0, false);
    if (v > 1) throw new RangeError(`${P}${where}: option "retry.jitter" must be between 0 and 1, got ${v}`);
    out.jitter = v;
  }
  if (o.maxRetries !== undefined) {
    const v = number(where, 'retry.maxRetries', o.maxRetries, 0, true);
    if (Number.isFinite(v) && (!Number.isInteger(v) || v > 0x7fffffff)) {
      throw new RangeError(`${P}${where}: option "retry.maxRetries" must be an integer up to 2^31-1 or Infinity, got ${v}`);
    }
    out.maxRetries = v;
  }
  if (o.maxElapsed !== undefined) {
    const v = number(where, 'retry.maxElapsed', o.maxElapsed, 0, true);
    if (v === 0) {
      throw new RangeError(`${P}${where}: option "retry.maxElapsed" must be > 0 or Infinity (maxRetries: 0 never reconnects)`);
    }
    out.maxElapsed = v;
  }
  if (o.openWithin !== undefined) {
    const v = number(where, 'retry.openWithin', o.openWithin, 0, true);
    if (v === 0) throw new RangeError(`${P}${where}: option "retry.openWithin" must be > 0 or Infinity`);
    out.openWithin = v; // the shim's rule: parseOptions moves it out of Go's params
  }
  if (o.nonIdempotent !== undefined) {
    if (typeof o.nonIdempotent !== 'string' || !ENUMS.nonIdempotent.includes(o.nonIdempotent)) {
      throw typeError(where, 'retry.nonIdempotent', '"resumable", "never" or "always"', o.nonIdempotent);
    }
    out.nonIdempotent = o.nonIdempotent;
  }
  return out;
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
    throw new TypeError(`${P}${where}: the options argument must be an object, got ${describe(init)}`);
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
        params.retry = retryParams(where, v);
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
          throw new RangeError(`${P}${where}: option "maxEventSize" must be an integer from 1 to ${MAX_EVENT_SIZE}, got ${n}`);
        }
        params.maxEventSize = n;
        break;
      }
      case 'lastEventId':
        if (typeof v !== 'string') throw typeError(where, key, 'a string', v);
        if (/[\0\r\n]/.test(v)) throw new TypeError(`${P}${where}: option "lastEventId" must not contain NUL, CR or LF`);
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
        throw new TypeError(`${P}${where}: unknown option "${key}"`);
    }
  }
  if (params.fetch === undefined) checkURL(where, url);
  return out;
}

/**
 * checkURL rejects a URL that fetch could not resolve (in Node, any relative
 * URL), which would otherwise be retried as a network error forever. The URL
 * itself is passed to fetch unchanged (fetch resolves it against the
 * document's base URL). With a custom fetch anything goes.
 * @param {string} where
 * @param {string} url
 */
function checkURL(where, url) {
  const g = /** @type {any} */ (globalThis);
  const base = g.document?.baseURI ?? g.location?.href;
  try {
    new URL(url, base);
  } catch {
    throw new TypeError(`${P}${where}: invalid URL ${JSON.stringify(url)}` +
      (base === undefined ? ' (without a page, URLs must be absolute)' : ''));
  }
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
  throw new TypeError(`${P}${where}: the URL must be a string, URL or Request, got ${describe(input)}`);
}

export { isInstance, isPlainObject };

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
    throw new TypeError(`${P}${where}: a Request with a body is not supported: pass the body in the options`);
  }
  if (init.method === undefined && req.method !== 'GET') init.method = req.method;
  if (parsed.params.headers === undefined) parsed.params.headers = req.headers;
  for (const key of /** @type {const} */ (['credentials', 'mode', 'redirect', 'referrerPolicy', 'integrity', 'keepalive'])) {
    if (init[key] === undefined && req[key] !== undefined && req[key] !== '') init[key] = req[key];
  }
  if (init.cache === undefined && req.cache !== undefined && req.cache !== 'default') init.cache = req.cache;
  if (parsed.signal === undefined && req.signal) parsed.signal = req.signal;
}
