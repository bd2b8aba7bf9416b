// Typed errors. Go reports failures as plain objects ({kind, message, ...},
// see wasm/jsapi/PROTOCOL.md); toError turns them into these classes.
// Messages never include request headers (they may carry credentials).

/** The prefix of every message this package writes. */
export const PREFIX = 'wasm-sse: ';

/** The base class of every error this package creates. */
export class SSEError extends Error {
  /**
   * @param {string} message
   * @param {{cause?: unknown}} [options]
   */
  constructor(message, options) {
    super(message.startsWith(PREFIX) ? message : PREFIX + message, options);
    this.name = 'SSEError';
    /** The request the error is about, as messages name it ("" when none): see requestName. */
    this.url = '';
    /** Its method ("" when none). */
    this.method = '';
  }
}

/**
 * A request as error messages name it: the method, and the URL without
 * userinfo, query or fragment, which may carry credentials (a query is
 * shown as "?…").
 * @param {string} method
 * @param {string} url
 * @returns {{method: string, url: string}}
 */
export function requestName(method, url) {
  let shown = url;
  try {
    const u = new URL(url);
    shown = u.protocol + '//' + u.host + u.pathname + (u.search !== '' ? '?…' : '');
  } catch { /* not a URL: as given */ }
  return { method: (method || 'GET').toUpperCase(), url: shown };
}

/**
 * named puts the request into e: its url and method fields, and the start
 * of its message ("wasm-sse: POST https://host/path: HTTP 404 Not Found").
 * @template {SSEError} E
 * @param {E} e @param {{method: string, url: string} | undefined} req
 * @returns {E}
 */
export function named(e, req) {
  if (req === undefined || req.url === '') return e;
  e.url = req.url;
  e.method = req.method;
  e.message = `${PREFIX}${req.method} ${req.url}: ${e.message.slice(PREFIX.length)}`;
  return e;
}

/**
 * The request failed at the network level (fetch or reading the body threw):
 * refused or reset connections, DNS failures, CORS refusals. The message
 * carries the underlying cause's text and code; `cause` is what fetch threw.
 */
export class NetworkError extends SSEError {
  /**
   * @param {string} message
   * @param {{cause: unknown}} f
   */
  constructor(message, f) {
    const d = networkDetail(f.cause);
    super(message || d.text, { cause: f.cause });
    this.name = /** @type {const} */ ('NetworkError');
    /** The system error code when the runtime gives one (Node: "ECONNREFUSED", ...), else "". */
    this.code = d.code;
    if (this.cause === undefined) this.cause = f.cause; // engines without error causes
  }
}

/**
 * networkDetail flattens what fetch threw: Node's "fetch failed" hides the
 * reason one level down (cause: connect ECONNREFUSED ...).
 * @param {unknown} cause
 */
function networkDetail(cause) {
  const c = /** @type {any} */ (cause);
  let text = c && typeof c.message === 'string' && c.message !== '' ? c.message : String(cause);
  let code = c && typeof c.code === 'string' ? c.code : '';
  const inner = c && c.cause;
  if (inner && typeof inner.message === 'string' && inner.message !== '' && !text.includes(inner.message)) {
    text += `: ${inner.message}`;
  }
  if (code === '' && inner && typeof inner.code === 'string') code = inner.code;
  if (code !== '' && !text.includes(code)) text += ` (${code})`;
  return { text, code };
}

/** The server answered with a status other than 200 (default validation). */
export class HTTPError extends SSEError {
  /**
   * @param {string} message
   * @param {{status: number, statusText: string, headers: Headers, body: string, response: Response}} f
   */
  constructor(message, f) {
    super(message || `HTTP ${f.status} ${f.statusText}`.trimEnd());
    this.name = /** @type {const} */ ('HTTPError');
    /** @type {number} */
    this.status = f.status;
    /** @type {string} */
    this.statusText = f.statusText;
    /** @type {Headers} */
    this.headers = f.headers;
    /** The first 512 bytes of the response body, as text. */
    this.body = f.body;
    /** @type {Response} */
    this.response = f.response;
  }
}

/** The response was not `text/event-stream` (default validation). */
export class ContentTypeError extends SSEError {
  /**
   * @param {string} message
   * @param {{contentType: string | null, response: Response}} f
   */
  constructor(message, f) {
    super(message || `expected content-type text/event-stream, got ${f.contentType}`);
    this.name = /** @type {const} */ ('ContentTypeError');
    /** The Content-Type header received, or null. */
    this.contentType = f.contentType;
    /** @type {Response} */
    this.response = f.response;
  }
}

/** No byte arrived for `idleTimeout` ms. */
export class IdleTimeoutError extends SSEError {
  /**
   * @param {string} message
   * @param {{timeout: number}} f
   */
  constructor(message, f) {
    super(message || `no data for ${f.timeout} ms`);
    this.name = /** @type {const} */ ('IdleTimeoutError');
    /** The idle timeout in ms. */
    this.timeout = f.timeout;
  }
}

/** An event grew beyond `maxEventSize` bytes. */
export class EventTooLargeError extends SSEError {
  /**
   * @param {string} message
   * @param {{limit: number}} f
   */
  constructor(message, f) {
    super(message || `event larger than ${f.limit} bytes`);
    this.name = /** @type {const} */ ('EventTooLargeError');
    /** The limit in bytes. */
    this.limit = f.limit;
  }
}

/**
 * The body ended cleanly before the done marker (the `done` option): the
 * answer was cut off and the request could not be re-sent to resume it (a
 * POST without event ids), or the retry policy gave up (then it is the
 * RetriesExhaustedError's cause).
 */
export class IncompleteStreamError extends SSEError {
  /**
   * @param {string} message
   * @param {{lastEventId: string, events: number}} f
   */
  constructor(message, f) {
    super(message || `the stream ended before its done marker (${f.events === 1 ? '1 event' : `${f.events} events`} received` +
      `${f.lastEventId !== '' ? `, last event ID ${JSON.stringify(f.lastEventId)}` : ''})`);
    this.name = /** @type {const} */ ('IncompleteStreamError');
    /** The last event ID when the body ended ("" when none). */
    this.lastEventId = f.lastEventId;
    /** Events received over the whole stream (every attempt), the marker excluded. */
    this.events = f.events;
  }
}

/** The retry policy gave up; `cause` is the last attempt's error. */
export class RetriesExhaustedError extends SSEError {
  /**
   * @param {string} message
   * @param {{attempts: number, elapsed: number, reason?: string, cause: unknown}} f
   */
  constructor(message, f) {
    super(message || exhaustedMessage(f), { cause: f.cause });
    this.name = /** @type {const} */ ('RetriesExhaustedError');
    /** Reconnects made in the last run of failures before giving up (0: none was allowed). */
    this.attempts = f.attempts;
    /** ms from the first failure of the run to giving up. */
    this.elapsed = f.elapsed;
    /** Why the policy stopped (e.g. "retries exhausted", "maximum elapsed time exceeded"). */
    this.reason = f.reason ?? '';
    if (this.cause === undefined) this.cause = f.cause; // engines without error causes
  }
}

/**
 * @param {{attempts: number, reason?: string, cause: unknown}} f
 */
function exhaustedMessage(f) {
  const c = /** @type {any} */ (f.cause);
  let why = c instanceof Error ? c.message.replace(/^wasm-sse: /, '') : String(c);
  if (c instanceof SSEError && c.url !== '') why = why.slice(`${c.method} ${c.url}: `.length); // named once, by this error
  const n = f.attempts === 1 ? '1 retry' : `${f.attempts} retries`;
  return `gave up after ${n}${f.reason ? ` (${f.reason})` : ''}: ${why}`;
}

/** Typed errors already made from Go's objects, so the same object maps to the same error. */
const made = new WeakMap();

/**
 * isGoError reports whether v is one of Go's plain error objects.
 * @param {unknown} v
 * @returns {v is {kind: string, message: string}}
 */
export function isGoError(v) {
  if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false;
  const o = /** @type {{kind?: unknown, message?: unknown}} */ (v);
  return typeof o.kind === 'string' && typeof o.message === 'string';
}

/**
 * toError converts a value reported by Go into what users see: Go's error
 * objects become the typed classes, named after the request req (network
 * failures become a NetworkError whose cause is what fetch threw; an open
 * failure becomes the value the user's callback threw); any other value
 * (something a user callback threw) passes through as is.
 * @param {unknown} v
 * @param {{method: string, url: string}} [req] the request, from requestName
 * @returns {unknown}
 */
export function toError(v, req) {
  if (!isGoError(v)) return v;
  let e = made.get(v);
  if (e === undefined) {
    e = convert(v, req);
    made.set(v, e);
  }
  return e;
}

/**
 * @param {any} v
 * @param {{method: string, url: string} | undefined} req
 * @returns {unknown}
 */
function convert(v, req) {
  switch (v.kind) {
    case 'http':
      return named(new HTTPError('', v), req);
    case 'content-type':
      return named(new ContentTypeError('', v), req);
    case 'idle-timeout':
      return named(new IdleTimeoutError('', v), req);
    case 'too-large':
      return named(new EventTooLargeError('', v), req);
    case 'incomplete':
      return named(new IncompleteStreamError('', { lastEventId: v.lastEventId, events: v.events }), req);
    case 'retries-exhausted':
      return named(new RetriesExhaustedError('', {
        attempts: v.attempts, elapsed: v.elapsed, reason: v.reason, cause: toError(v.cause, req),
      }), req);
    case 'network':
      return named(new NetworkError(v.cause === undefined ? goMessage(v.message) : '', { cause: v.cause }), req);
    case 'open':
      if (v.cause !== undefined) return v.cause; // what the user's callback threw, as is
      return named(new SSEError(goMessage(v.message)), req);
    default:
      return named(new SSEError(goMessage(v.message), { cause: v.cause }), req);
  }
}

/**
 * goMessage drops the Go package prefix ("client: ", ...) of a Go error string.
 * @param {string} m
 */
function goMessage(m) {
  return m.replace(/^(?:client|sse|retry|jsbridge|jsapi): /, '');
}
