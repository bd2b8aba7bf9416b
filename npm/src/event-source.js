// EventSource: a drop-in for the native class, whose second argument also
// takes method, headers, body and the shared extensions.
import { parseOptions } from './options.js';
import { Stream } from './stream.js';

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 2;

/** The MessageEvent class: the platform's, or a small stand-in. */
const MessageEventClass = typeof MessageEvent === 'function'
  ? MessageEvent
  : class MessageEvent extends Event {
    /**
     * @param {string} type
     * @param {{data?: unknown, origin?: string, lastEventId?: string}} [init]
     */
    constructor(type, init = {}) {
      super(type);
      this.data = init.data;
      this.origin = init.origin ?? '';
      this.lastEventId = init.lastEventId ?? '';
      /** @type {MessageEventSource | null} */
      this.source = null;
      /** @type {readonly MessagePort[]} */
      this.ports = [];
    }
  };

/**
 * The `error` event: a plain Event as the native one dispatches, plus the
 * failure as `error`.
 */
class SSEErrorEvent extends Event {
  /** @param {unknown} error */
  constructor(error) {
    super('error');
    /** The typed error (or the value a callback threw) that caused this event. */
    this.error = error;
  }
}

export class EventSource extends EventTarget {
  // The constants are data properties on the class and its prototype, as
  // on the native class (defined after the class); these getters only
  // declare them for the type checker and are replaced.
  /** @returns {0} */
  static get CONNECTING() { return CONNECTING; }
  /** @returns {1} */
  static get OPEN() { return OPEN; }
  /** @returns {2} */
  static get CLOSED() { return CLOSED; }
  /** @returns {0} */
  get CONNECTING() { return CONNECTING; }
  /** @returns {1} */
  get OPEN() { return OPEN; }
  /** @returns {2} */
  get CLOSED() { return CLOSED; }

  /** @type {Stream} */
  #stream;
  #url;
  #withCredentials;
  /** @type {0 | 1 | 2} */
  #readyState = CONNECTING;
  /** @type {Record<string, ((this: any, ev: any) => any) | null>} (this: the EventSource, typed in index.d.ts) */
  #handlers = { open: null, message: null, error: null };
  /** @type {Record<string, (ev: Event) => void>} */
  #handlerListeners = {};

  /**
   * @param {string | URL} url
   * @param {object} [init]
   */
  constructor(url, init) {
    super();
    if (arguments.length === 0) {
      throw new TypeError("wasm-sse: EventSource: 1 argument required, but only 0 present");
    }
    let abs;
    try {
      abs = new URL(String(url), /** @type {any} */ (globalThis).location?.href).href;
    } catch {
      throw new DOMException(`wasm-sse: EventSource: invalid URL ${JSON.stringify(String(url))}`, 'SyntaxError');
    }
    const parsed = parseOptions('EventSource', abs, init);
    this.#url = abs;
    this.#withCredentials = parsed.withCredentials;
    const reqInit = parsed.params.init;
    reqInit.credentials = parsed.withCredentials ? 'include' : 'same-origin';
    if (reqInit.mode === undefined) reqInit.mode = 'cors';
    parsed.params.reconnectOnEnd = true;
    this.#stream = new Stream(new EventSourceSink(this, parsed, (s) => { this.#readyState = s; }), parsed);
    this.#stream.start();
  }

  /** The absolute URL of the stream. */
  get url() {
    return this.#url;
  }

  /** Whether cross-origin requests include credentials. */
  get withCredentials() {
    return this.#withCredentials;
  }

  /** CONNECTING (0), OPEN (1) or CLOSED (2). */
  get readyState() {
    return this.#readyState;
  }

  /** Stops the stream for good: no more events, no reconnect. */
  close() {
    this.#readyState = CLOSED;
    this.#stream.close();
  }

  get onopen() { return this.#handlers.open; }
  set onopen(fn) { this.#setHandler('open', fn); }
  get onmessage() { return this.#handlers.message; }
  set onmessage(fn) { this.#setHandler('message', fn); }
  get onerror() { return this.#handlers.error; }
  set onerror(fn) { this.#setHandler('error', fn); }

  /**
   * #setHandler implements an event handler attribute: one listener,
   * added when first set, removed when set to null.
   * @param {string} type
   * @param {unknown} fn
   */
  #setHandler(type, fn) {
    const value = typeof fn === 'function' || (fn !== null && typeof fn === 'object') ? /** @type {any} */ (fn) : null;
    const had = this.#handlers[type] !== null;
    this.#handlers[type] = value;
    if (value === null) {
      if (had) this.removeEventListener(type, this.#handlerListeners[type]);
      return;
    }
    if (!had) {
      let listener = this.#handlerListeners[type];
      if (listener === undefined) {
        listener = (ev) => {
          const h = this.#handlers[type];
          if (typeof h === 'function') h.call(this, ev);
        };
        this.#handlerListeners[type] = listener;
      }
      this.addEventListener(type, listener);
    }
  }

  get [Symbol.toStringTag]() {
    return 'EventSource';
  }
}

for (const [name, value] of /** @type {const} */ ([['CONNECTING', CONNECTING], ['OPEN', OPEN], ['CLOSED', CLOSED]])) {
  Object.defineProperty(EventSource, name, { value, enumerable: true });
  Object.defineProperty(EventSource.prototype, name, { value, enumerable: true });
}

/** EventSourceSink turns stream events into DOM events on the EventSource. */
class EventSourceSink {
  /**
   * @param {EventSource} es
   * @param {import('./options.js').Parsed} parsed
   * @param {(state: 0 | 1 | 2) => void} setState
   */
  constructor(es, parsed, setState) {
    this.es = es;
    this.setState = setState;
    /** Origin of the response URL (after redirects), for MessageEvent.origin. */
    this.origin = new URL(parsed.params.url).origin;
    this.fallbackOrigin = this.origin;
  }

  /** @param {string} type @param {string} data @param {string} id */
  message(type, data, id) {
    this.es.dispatchEvent(this.build(type, data, id));
  }

  /** @param {string} type @param {string} data @param {string} id */
  build(type, data, id) {
    return new MessageEventClass(type === '' ? 'message' : type, { data, lastEventId: id, origin: this.origin });
  }

  /** @param {Event} ev */
  deliver(ev) {
    this.es.dispatchEvent(ev);
  }

  /** @param {Response} response */
  open(response) {
    let origin = this.fallbackOrigin;
    if (response && typeof response.url === 'string' && response.url !== '') {
      try {
        origin = new URL(response.url).origin;
      } catch { /* keep the request URL's origin */ }
    }
    this.origin = origin;
    this.setState(OPEN);
    this.es.dispatchEvent(new Event('open'));
  }

  /**
   * error: a failed attempt that will be retried fires `error` while
   * CONNECTING; a final failure waits for done, whose error (e.g. a
   * RetriesExhaustedError) the last `error` event carries.
   * @param {unknown} err
   * @param {boolean} willRetry
   */
  error(err, willRetry) {
    if (willRetry && this.es.readyState !== CLOSED) {
      this.setState(CONNECTING);
      this.es.dispatchEvent(new SSEErrorEvent(err));
    }
    return undefined;
  }

  close() {}

  /**
   * complete: the done marker arrived. The EventSource is CLOSED and fires
   * a `close` event (a plain Event; no `error` event: this is a success).
   */
  complete() {
    if (this.es.readyState === CLOSED) return;
    this.setState(CLOSED);
    this.es.dispatchEvent(new Event('close'));
  }

  /** @param {unknown} err */
  done(err) {
    if (this.es.readyState === CLOSED) return;
    this.setState(CLOSED);
    if (err !== null) this.es.dispatchEvent(new SSEErrorEvent(err));
  }
}
