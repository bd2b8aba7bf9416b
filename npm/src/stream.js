// One stream, shared by the three API styles: waits for the wasm module,
// opens the stream in Go with the hooks of PROTOCOL.md, forwards them to a
// style-specific sink, and owns abort, page visibility and `online`.
import { DoneSink } from './done.js';
import { RetriesExhaustedError, SSEError, named, requestName, toError } from './errors.js';
import { track, untrack } from './live.js';
import { loadAPI, loadedAPI } from './loader.js';
import { pump } from './pump.js';

/**
 * What a style implements. Every method is called at most while the stream
 * is not done; `done` is called exactly once.
 * @typedef {object} Sink
 * @property {(type: string, data: string, id: string, retry: number, own: boolean) => void} message
 *   one event; type "" is the default type; id is the last event ID; retry
 *   -1 when the block set none; own: the block had its own id field
 * @property {(type: string, data: string, id: string, retry: number, own: boolean) => unknown} build
 *   the message object message() would deliver (for a done function)
 * @property {(msg: any) => void} deliver delivers what build returned
 * @property {(response: Response) => unknown} open a response is accepted (may return a Promise; throw to reject it)
 * @property {(err: unknown, willRetry: boolean, delay: number) => unknown} error a failed attempt; return ms to retry after, or undefined
 * @property {() => void} close the server ended the body cleanly
 * @property {() => void} complete the done marker arrived (done(null)
 *   follows; a throw ends the stream with the thrown value instead)
 * @property {(err: unknown) => void} done terminal: null when closed or ended
 */

export class Stream {
  /**
   * @param {Sink} sink
   * @param {import('./options.js').Parsed} parsed
   */
  constructor(sink, parsed) {
    /** @type {Sink} */
    this.sink = parsed.done === undefined ? sink : new DoneSink(sink, parsed.done, this);
    /** The last event ID (batch.js updates it). */
    this.lastEventId = parsed.params.lastEventId ?? '';
    /** Set by close(): batch dispatch stops. */
    this.closed = false;
    /** Set once done was called. */
    this.done = false;
    /** @type {import('./loader.js').Handle | null} */
    this.handle = null;
    this.params = parsed.params;
    /** The request as error messages name it. */
    this.request = requestName(parsed.params.init?.method ?? 'GET', parsed.params.url);
    /** ms a stream that never opened keeps retrying (retry.openWithin). */
    this.openWithin = parsed.openWithin;
    /** Whether a response was ever accepted. */
    this.opened = false;
    /** When the stream started, and its failed attempts while never opened. */
    this.startedAt = 0;
    this.failures = 0;
    /** @type {AbortSignal | undefined} */
    this.signal = parsed.signal;
    this.openWhenHidden = parsed.openWhenHidden;
    /** @type {Function | undefined} called before each backoff wait (the onretry option) */
    this.onretry = parsed.onretry;
    /** @type {(() => void) | null} */
    this.onAbort = null;
    /** @type {(() => void) | null} */
    this.onVisibility = null;
    /** @type {(() => void) | null} */
    this.onOnline = null;
  }

  /**
   * start opens the stream in a microtask if the module is loaded, else
   * once it is. Never synchronously: Go runs the stream until its first
   * await inside api.open, so a request that fails at once (an invalid
   * header) would report it before the caller could set onerror.
   * An already-aborted signal never fetches: the stream is done at once.
   */
  start() {
    const signal = this.signal;
    if (signal !== undefined) {
      if (signal.aborted) {
        this.closed = true;
        this.finish(null);
        return;
      }
      this.onAbort = () => this.close();
      signal.addEventListener('abort', this.onAbort, { once: true });
    }
    const api = loadedAPI();
    if (api !== null) {
      queueMicrotask(() => this.open(api));
      return;
    }
    loadAPI().then((a) => this.open(a), (err) => {
      this.closed = true;
      this.finish(err instanceof SSEError ? err : new SSEError(`failed to load sse.wasm: ${err && err.message ? err.message : String(err)}`, { cause: err }));
    });
  }

  /**
   * @param {import('./loader.js').GoAPI} api
   */
  open(api) {
    if (this.closed) return;
    const sink = this.sink;
    const hooks = {
      /** @param {Response} response */
      onopen: (response) => {
        if (this.closed) return undefined;
        const r = /** @type {any} */ (sink.open(response)); // a throw refuses the response: not opened
        if (r !== null && typeof r === 'object' && typeof r.then === 'function') {
          r.then(() => { this.opened = true; }, () => {}); // refused when it rejects
        } else {
          this.opened = true;
        }
        return r;
      },
      /**
       * @param {number} handle @param {ReadableStreamDefaultReader<Uint8Array>} reader
       * @param {number} hdr
       */
      pump: (handle, reader, hdr) => pump(this, handle, reader, hdr),
      /** @param {{attempt: number, delay: number, error: unknown}} info */
      onretry: (info) => {
        // onretry is the same option in every style: the stream calls it.
        if (!this.closed && this.onretry !== undefined) this.onretry({ attempt: info.attempt, delay: info.delay, error: toError(info.error, this.request) });
      },
      /** @param {any} err */
      onerror: (err) => {
        if (this.closed) return undefined;
        const e = toError(err, this.request);
        const ms = sink.error(e, err.willRetry === true, err.delay);
        if (ms === undefined && err.willRetry === true) this.neverOpened(e, err.delay);
        return ms;
      },
      onclose: () => {
        if (!this.closed) sink.close();
      },
      /** @param {unknown} err */
      ondone: (err) => this.finish(err),
    };
    track(this);
    this.startedAt = Date.now();
    try {
      this.handle = handleOf(api, api.open(this.params, hooks));
    } catch (err) {
      this.closed = true;
      this.finish(err);
      return;
    }
    if (this.done) return; // finished synchronously inside open
    this.watchPage();
  }

  /**
   * watchPage pauses while the page is hidden (openWhenHidden: false, where
   * there is a document) and skips the backoff wait when the network is back.
   */
  watchPage() {
    const handle = /** @type {import('./loader.js').Handle} */ (this.handle);
    const doc = typeof document === 'undefined' ? undefined : document;
    if (!this.openWhenHidden && doc != null && typeof doc.addEventListener === 'function') {
      this.onVisibility = () => {
        if (this.closed) return;
        if (doc.hidden) handle.pause();
        else handle.resume();
      };
      doc.addEventListener('visibilitychange', this.onVisibility);
      if (doc.hidden) handle.pause();
    }
    const g = /** @type {any} */ (globalThis);
    if (typeof g.addEventListener === 'function' && 'ononline' in g) {
      this.onOnline = () => {
        if (!this.closed) handle.wake();
      };
      g.addEventListener('online', this.onOnline);
    }
  }

  /**
   * neverOpened applies retry.openWithin after a failed attempt the policy
   * would retry: a stream that never opened and would reconnect later than
   * openWithin after it started fails with RetriesExhaustedError instead
   * (thrown from the onerror hook: Go stops the stream with it).
   * @param {unknown} cause the failure
   * @param {number} delay the policy's delay before the reconnect
   */
  neverOpened(cause, delay) {
    this.failures++;
    if (this.opened) return;
    const elapsed = Date.now() - this.startedAt;
    if (elapsed + delay <= this.openWithin) return;
    throw named(new RetriesExhaustedError('', {
      attempts: this.failures - 1, elapsed, reason: `never opened within ${this.openWithin} ms`, cause,
    }), this.request);
  }

  /**
   * complete ends the stream as a success when the done marker arrived
   * (done.js): the sink's complete runs, then done(null), or done with
   * what complete threw (fetchEventSource's onclose); then the request is
   * aborted (the server sees the disconnect) and nothing reconnects. The
   * abort comes last: Go may report ondone(null) from inside it, which
   * must find the stream finished.
   */
  complete() {
    if (this.closed) return;
    this.closed = true;
    let err = null;
    try {
      this.sink.complete();
    } catch (thrown) {
      err = thrown;
    }
    this.finish(err);
    const h = this.handle;
    if (h !== null) h.close();
  }

  /** close aborts the stream; done(null) follows unless already done. */
  close() {
    if (this.closed) return;
    this.closed = true;
    const h = this.handle;
    if (h !== null) h.close();
    this.finish(null);
  }

  /**
   * fail ends the stream with err (the Go runtime exited).
   * @param {unknown} err
   */
  fail(err) {
    this.closed = true;
    this.finish(err);
  }

  /**
   * finish runs once: releases listeners and tells the sink.
   * @param {unknown} err
   */
  finish(err) {
    if (this.done) return;
    this.done = true;
    this.closed = true;
    untrack(this);
    if (this.onAbort !== null && this.signal !== undefined) this.signal.removeEventListener('abort', this.onAbort);
    if (this.onVisibility !== null) document.removeEventListener('visibilitychange', this.onVisibility);
    if (this.onOnline !== null) /** @type {any} */ (globalThis).removeEventListener('online', this.onOnline);
    this.onAbort = this.onVisibility = this.onOnline = null;
    this.sink.done(err === null || err === undefined ? null : toError(err, this.request));
  }
}

/**
 * handleOf returns the stream's control object: what open returned, or,
 * when Go returned a stream id, an object calling api.close(id) and so on.
 * @param {import('./loader.js').GoAPI} api
 * @param {any} h
 * @returns {import('./loader.js').Handle}
 */
function handleOf(api, h) {
  if (h !== null && typeof h === 'object') return h;
  if (typeof h !== 'number') throw new SSEError('sse.wasm: open returned no stream');
  const a = /** @type {any} */ (api);
  return {
    close: () => a.close(h),
    pause: () => a.pause(h),
    resume: () => a.resume(h),
    wake: () => a.wake(h),
  };
}
