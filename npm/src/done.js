// The done marker (the `done` option): a DoneSink sits between a stream and
// its style's sink when the option is set. The first message that matches
// is not delivered: it ends the stream as a success (Stream.complete: the
// request is aborted, nothing reconnects, the style says it is over). Go
// only knows that a marker is set (params.done), so a clean end of the body
// before it fails the attempt (wasm/jsapi/PROTOCOL.md, "The done marker").

/**
 * @typedef {string | ((msg: any) => unknown)} Marker a string compared with
 *   an event's data, or a function of the message as the style builds it
 *   (a truthy result matches)
 */

/** DoneSink is the stream's sink when a marker is set; it forwards to the style's. */
export class DoneSink {
  /**
   * @param {import('./stream.js').Sink} inner the style's sink
   * @param {Marker} marker
   * @param {{complete(): void}} stream ended by the marker
   */
  constructor(inner, marker, stream) {
    this.inner = inner;
    this.marker = marker;
    this.stream = stream;
  }

  /**
   * message delivers an event unless it is the marker. A function marker
   * sees the message the style would deliver (built once); a throw from it
   * counts as a throw from the style's message callback.
   * @param {string} type @param {string} data @param {string} id @param {number} retry @param {boolean} own
   */
  message(type, data, id, retry, own) {
    const m = this.marker;
    if (typeof m === 'string') {
      if (data === m) this.stream.complete();
      else this.inner.message(type, data, id, retry, own);
      return;
    }
    const msg = this.inner.build(type, data, id, retry, own);
    if (m(msg)) this.stream.complete();
    else this.inner.deliver(msg);
  }

  /** @param {string} type @param {string} data @param {string} id @param {number} retry @param {boolean} own */
  build(type, data, id, retry, own) {
    return this.inner.build(type, data, id, retry, own);
  }

  /** @param {unknown} msg */
  deliver(msg) {
    this.inner.deliver(msg);
  }

  /** @param {Response} response */
  open(response) {
    return this.inner.open(response);
  }

  /** @param {unknown} err @param {boolean} willRetry @param {number} delay */
  error(err, willRetry, delay) {
    return this.inner.error(err, willRetry, delay);
  }

  close() {
    this.inner.close();
  }

  complete() {
    this.inner.complete();
  }

  /** @param {unknown} err */
  done(err) {
    this.inner.done(err);
  }
}
