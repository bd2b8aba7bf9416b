// Typed errors. Go reports failures as plain objects ({kind, message, ...},
// see wasm/jsapi/PROTOCOL.md); toError turns them into these classes.
// Messages never include request headers (they may carry credentials).

const PREFIX = 'wasm-sse: ';

/** The base class of every error this package creates. */
export class SSEError extends Error {
  /**
   * @param {string} message
   * @param {{cause?: unknown}} [options]
   */
  constructor(message, options) {
    super(message.startsWith(PREFIX) ? message : PREFIX + message, options);
    this.name = 'SSEError';
  }
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
  const why = c instanceof Error ? c.message.replace(/^wasm-sse: /, '') : String(c);
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
 * objects become the typed classes (network and open failures become their
 * cause: the error fetch threw, or the value the user's callback threw);
 * any other value (something a user callback threw) passes through as is.
 * @param {unknown} v
 * @returns {unknown}
 */
export function toError(v) {
  if (!isGoError(v)) return v;
  let e = made.get(v);
  if (e === undefined) {
    e = convert(v);
    made.set(v, e);
  }
  return e;
}

/** @param {any} v */
function convert(v) {
  switch (v.kind) {
    case 'http':
      return new HTTPError('', v);
    case 'content-type':
      return new ContentTypeError('', v);
    case 'idle-timeout':
      return new IdleTimeoutError('', v);
    case 'too-large':
      return new EventTooLargeError('', v);
    case 'retries-exhausted':
      return new RetriesExhaustedError('', {
        attempts: v.attempts, elapsed: v.elapsed, reason: v.reason, cause: toError(v.cause),
      });
    case 'network':
    case 'open':
      if (v.cause !== undefined) return v.cause;
      return new SSEError(goMessage(v.message));
    default:
      return new SSEError(goMessage(v.message), { cause: v.cause });
  }
}

/**
 * goMessage drops the Go package prefix ("client: ", ...) of a Go error string.
 * @param {string} m
 */
function goMessage(m) {
  return m.replace(/^(?:client|sse|retry|jsbridge|jsapi): /, '');
}
