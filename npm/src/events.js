// events(): a stream as an async iterable of messages.
import { applyRequest, parseOptions, requestURL } from './options.js';
import { Stream } from './stream.js';

/**
 * events returns an async iterable over the messages of input. The request
 * starts on the first next(); `break` (return()) aborts it, and so does
 * init.signal, after which no queued message is yielded; the loop ends
 * when the stream ends and throws when it fails. Messages are queued
 * without bound while the loop body is busy: the network is not slowed down.
 * @param {RequestInfo | URL} input
 * @param {object} [init]
 * @returns {AsyncIterableIterator<{event: string, data: string, id: string, retry: number | undefined}>}
 */
export function events(input, init) {
  const url = requestURL('events', input);
  const parsed = parseOptions('events', url, init);
  applyRequest('events', input, parsed);
  return new EventIterator(parsed);
}

/**
 * @typedef {{event: string, data: string, id: string, retry: number | undefined}} Message
 * @typedef {{resolve: (r: IteratorResult<Message>) => void, reject: (e: unknown) => void}} Waiter
 */

/** EventIterator is the iterator and the stream's sink. */
class EventIterator {
  /** @param {import('./options.js').Parsed} parsed */
  constructor(parsed) {
    this._parsed = parsed;
    /** @type {Stream | null} */
    this._stream = null;
    /** @type {(Message | undefined)[]} */
    this._queue = [];
    this._head = 0;
    /** @type {Waiter[]} */
    this._waiters = [];
    this._finished = false;
    /** @type {unknown} */
    this._error = null;
    /** @type {(() => void) | null} */
    this._onAbort = null;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  /** @returns {Promise<IteratorResult<Message>>} */
  next() {
    if (this._stream === null && !this._finished) {
      const signal = this._parsed.signal;
      if (signal !== undefined && !signal.aborted) {
        // Registered before the stream's own listener, so it runs first: an
        // abort ends the loop at once, without the messages still queued.
        this._onAbort = () => this._drop();
        signal.addEventListener('abort', this._onAbort, { once: true });
      }
      this._stream = new Stream(this, this._parsed);
      this._stream.start();
    }
    const q = this._queue;
    if (this._head < q.length) {
      const value = /** @type {Message} */ (q[this._head]);
      q[this._head++] = undefined;
      if (this._head === q.length) {
        q.length = 0;
        this._head = 0;
      } else if (this._head >= 1024 && this._head * 2 >= q.length) {
        q.splice(0, this._head);
        this._head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this._finished) {
      const err = this._error;
      if (err !== null) {
        this._error = null;
        return Promise.reject(err);
      }
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this._waiters.push({ resolve, reject });
    });
  }

  /**
   * return aborts the request (the server sees the disconnect) and drops
   * queued messages.
   * @param {unknown} [value]
   * @returns {Promise<IteratorResult<Message>>}
   */
  return(value) {
    this._drop();
    this._error = null;
    this._finished = true;
    if (this._stream !== null) this._stream.close();
    this._settle();
    return Promise.resolve({ value: /** @type {any} */ (value), done: true });
  }

  // ---- sink (called by Stream) ----

  /** @param {string} type @param {string} data @param {string} id @param {number} retry */
  message(type, data, id, retry) {
    this.deliver(this.build(type, data, id, retry));
  }

  /**
   * @param {string} type @param {string} data @param {string} id @param {number} retry
   * @returns {Message}
   */
  build(type, data, id, retry) {
    return { event: type === '' ? 'message' : type, data, id, retry: retry >= 0 ? retry : undefined };
  }

  /** @param {Message} msg */
  deliver(msg) {
    const w = this._waiters;
    if (w.length !== 0) /** @type {Waiter} */ (w.shift()).resolve({ value: msg, done: false });
    else this._queue.push(msg);
  }

  /** @param {Response} response */
  open(response) {
    const onopen = this._parsed.onopen;
    return onopen === undefined ? undefined : onopen(response);
  }

  error() {
    return undefined;
  }

  close() {}

  /** complete: the done marker arrived; the loop ends once the queued messages are read. */
  complete() {}

  /** @param {unknown} err */
  done(err) {
    if (this._onAbort !== null && this._parsed.signal !== undefined) this._parsed.signal.removeEventListener('abort', this._onAbort);
    this._onAbort = null;
    if (this._finished) return; // return() came first
    this._finished = true;
    this._error = err;
    this._settle();
  }

  /** _drop forgets the queued messages (return() and an abort). */
  _drop() {
    this._queue.length = 0;
    this._head = 0;
  }

  /** _settle answers waiting next() calls once the queue is empty and the stream finished. */
  _settle() {
    const w = this._waiters;
    while (w.length !== 0) {
      const waiter = /** @type {Waiter} */ (w.shift());
      const err = this._error;
      if (err !== null) {
        this._error = null;
        waiter.reject(err);
      } else {
        waiter.resolve({ value: undefined, done: true });
      }
    }
  }
}
