// Option validation: types, ranges and misspelled names, each refused with
// a TypeError or RangeError that names the option. Building the request
// from the options is options.js's.
import { PREFIX } from './errors.js';

export const ENUMS = {
  credentials: ['omit', 'same-origin', 'include'],
  mode: ['cors', 'no-cors', 'same-origin', 'navigate'],
  cache: ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'],
  redirect: ['follow', 'error', 'manual'],
  referrerPolicy: ['', 'no-referrer', 'no-referrer-when-downgrade', 'same-origin', 'origin',
    'strict-origin', 'origin-when-cross-origin', 'strict-origin-when-cross-origin', 'unsafe-url'],
  priority: ['high', 'low', 'auto'],
};

/** Largest maxEventSize Go takes (an int32 on the way). */
export const MAX_EVENT_SIZE = 0x7fffffff;

/**
 * @param {string} where
 * @param {string} name
 * @param {string} expected
 * @param {unknown} got
 */
export function typeError(where, name, expected, got) {
  return new TypeError(`${PREFIX}${where}: option "${name}" must be ${expected}, got ${describe(got)}`);
}

/** @param {unknown} v */
export function describe(v) {
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
export function checkKeys(where, obj, known, prefix = '') {
  const set = known instanceof Set ? known : new Set(known);
  for (const key of Object.keys(obj)) {
    if (!set.has(key)) {
      throw new TypeError(`${PREFIX}${where}: unknown option "${prefix}${key}"${suggest(key, set)}`);
    }
  }
}

/** @param {unknown} v */
export function isPlainObject(v) {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** @param {unknown} v @param {string} ctor */
export function isInstance(v, ctor) {
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
 * @param {string} where
 * @param {string} name
 * @param {unknown} v
 */
export function checkBody(where, name, v) {
  if (v === null || typeof v === 'string') return;
  if (isInstance(v, 'ReadableStream')) {
    throw new TypeError(`${PREFIX}${where}: option "${name}" cannot be a ReadableStream: a body is re-sent on reconnect; ` +
      'use a string, Blob, ArrayBuffer, typed array, FormData or URLSearchParams');
  }
  if (v instanceof ArrayBuffer || ArrayBuffer.isView(v) || isInstance(v, 'Blob') ||
      isInstance(v, 'FormData') || isInstance(v, 'URLSearchParams')) return;
  const hint = isPlainObject(v) || Array.isArray(v) ? ' (pass JSON.stringify(value) and a content-type header)' : '';
  throw new TypeError(`${PREFIX}${where}: option "${name}" must be a string, Blob, ArrayBuffer, typed array, ` +
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
export function number(where, name, v, min, allowInfinity) {
  if (typeof v !== 'number' || Number.isNaN(v)) throw typeError(where, name, 'a number', v);
  if (v < min || (!allowInfinity && !Number.isFinite(v))) {
    throw new RangeError(`${PREFIX}${where}: option "${name}" must be ${allowInfinity ? '' : 'a finite number '}` +
      `>= ${min}${allowInfinity ? ' (or Infinity)' : ''}, got ${v}`);
  }
  return v;
}

/**
 * The retry options and the values each takes. The shim passes them to Go
 * as the user set them (absent ones are left out: Go's default applies),
 * where retry.Policy.Set gives them their meaning; openWithin is the
 * shim's own (stream.js). min: the smallest value; max: the largest;
 * infinity: Infinity is allowed (unlimited); integer: whole numbers up to
 * 2^31-1; notZero: 0 is refused, with this hint; oneOf: the strings taken.
 * @type {Record<string, {min?: number, max?: number, infinity?: boolean, integer?: boolean, notZero?: string, oneOf?: string[]}>}
 */
export const RETRY_OPTIONS = {
  initialDelay: { min: 0 },
  maxDelay: { min: 0 },
  healthyAfter: { min: 0 },
  factor: { min: 1 },
  jitter: { min: 0, max: 1 },
  maxRetries: { min: 0, infinity: true, integer: true },
  maxElapsed: { min: 0, infinity: true, notZero: '(maxRetries: 0 never reconnects)' },
  openWithin: { min: 0, infinity: true, notZero: '' },
  nonIdempotent: { oneOf: ['resumable', 'never', 'always'] },
};

/**
 * retryOptions validates the retry option against RETRY_OPTIONS and
 * returns a copy of what was set, values unchanged.
 * @param {string} where
 * @param {unknown} r
 * @returns {Record<string, number | string>}
 */
export function retryOptions(where, r) {
  if (!isPlainObject(r)) throw typeError(where, 'retry', 'an object', r);
  const o = /** @type {Record<string, unknown>} */ (r);
  checkKeys(where, o, Object.keys(RETRY_OPTIONS), 'retry.');
  /** @type {Record<string, number | string>} */
  const out = {};
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (v === undefined) continue;
    const spec = RETRY_OPTIONS[key], name = `retry.${key}`;
    if (spec.oneOf !== undefined) {
      if (typeof v !== 'string' || !spec.oneOf.includes(v)) throw typeError(where, name, oneOf(spec.oneOf), v);
      out[key] = v;
      continue;
    }
    const n = number(where, name, v, spec.min ?? 0, spec.infinity === true);
    if (spec.max !== undefined && n > spec.max) {
      throw new RangeError(`${PREFIX}${where}: option "${name}" must be between ${spec.min} and ${spec.max}, got ${n}`);
    }
    if (spec.integer && Number.isFinite(n) && (!Number.isInteger(n) || n > 0x7fffffff)) {
      throw new RangeError(`${PREFIX}${where}: option "${name}" must be an integer up to 2^31-1 or Infinity, got ${n}`);
    }
    if (spec.notZero !== undefined && n === 0) {
      throw new RangeError(`${PREFIX}${where}: option "${name}" must be > 0 or Infinity${spec.notZero ? ' ' + spec.notZero : ''}`);
    }
    out[key] = n;
  }
  return out;
}

/**
 * oneOf lists strings for a message: '"a", "b" or "c"'.
 * @param {string[]} list
 */
function oneOf(list) {
  const q = list.map((s) => JSON.stringify(s));
  return q.length < 2 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

/**
 * checkURL rejects a URL that fetch could not resolve (in Node, any relative
 * URL), which would otherwise be retried as a network error forever. The URL
 * itself is passed to fetch unchanged (fetch resolves it against the
 * document's base URL). With a custom fetch anything goes.
 * @param {string} where
 * @param {string} url
 */
export function checkURL(where, url) {
  const g = /** @type {any} */ (globalThis);
  const base = g.document?.baseURI ?? g.location?.href;
  try {
    new URL(url, base);
  } catch {
    throw new TypeError(`${PREFIX}${where}: invalid URL ${JSON.stringify(url)}` +
      (base === undefined ? ' (without a page, URLs must be absolute)' : ''));
  }
}
