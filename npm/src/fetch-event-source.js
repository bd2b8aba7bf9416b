// fetchEventSource: the API of @microsoft/fetch-event-source 2.0.1, with its
// option names and callback semantics, minus its bugs.
import { applyRequest, parseOptions, requestURL } from './options.js';
import { Stream } from './stream.js';

/** The content type of an event stream. */
export const EventStreamContentType = 'text/event-stream';

/**
 * fetchEventSource streams input and calls init's callbacks. The Promise
 * resolves when the stream ends cleanly or at the done marker (after
 * onclose), or init.signal aborts it, and rejects with what onerror threw
 * or with a typed error when the stream fails without retry. Option errors
 * reject it with a TypeError.
 * @param {RequestInfo | URL} input
 * @param {object} [init]
 * @returns {Promise<void>}
 */
export function fetchEventSource(input, init) {
  return new Promise((resolve, reject) => {
    const url = requestURL('fetchEventSource', input);
    const parsed = parseOptions('fetchEventSource', url, init);
    applyRequest('fetchEventSource', input, parsed);
    // A user's onopen replaces the default validation, as in the original.
    parsed.params.customOpen = parsed.onopen !== undefined;
    new Stream(new FetchSink(parsed, resolve, reject), parsed).start();
  });
}

/** FetchSink maps stream events to the original's callbacks. */
class FetchSink {
  /**
   * @param {import('./options.js').Parsed} parsed
   * @param {() => void} resolve
   * @param {(err: unknown) => void} reject
   */
  constructor(parsed, resolve, reject) {
    this.onopen = parsed.onopen;
    this.onmessage = parsed.onmessage;
    this.onclose = parsed.onclose;
    this.onerror = parsed.onerror;
    this.resolve = resolve;
    this.reject = reject;
  }

  /**
   * message builds the original's message object: event is "" for the
   * default type, retry is undefined unless the event's block set it, id is
   * the block's own id field ("" when it had none), as in the original.
   * @param {string} type @param {string} data @param {string} id @param {number} retry @param {boolean} own
   */
  message(type, data, id, retry, own) {
    const onmessage = this.onmessage;
    if (onmessage !== undefined) onmessage({ data, event: type, id: own ? id : '', retry: retry >= 0 ? retry : undefined });
  }

  /** @param {string} type @param {string} data @param {string} id @param {number} retry @param {boolean} own */
  build(type, data, id, retry, own) {
    return { data, event: type, id: own ? id : '', retry: retry >= 0 ? retry : undefined };
  }

  /** @param {any} msg */
  deliver(msg) {
    const onmessage = this.onmessage;
    if (onmessage !== undefined) onmessage(msg);
  }

  /** @param {Response} response */
  open(response) {
    const onopen = this.onopen;
    return onopen === undefined ? undefined : onopen(response);
  }

  /**
   * error returns the delay the user's onerror returned (a number), or
   * undefined to let the retry policy decide; a throw stops the stream.
   * @param {unknown} err
   */
  error(err) {
    const onerror = this.onerror;
    if (onerror === undefined) return undefined;
    const ms = onerror(err);
    return typeof ms === 'number' && ms >= 0 && ms <= 2147483647 ? ms : undefined;
  }

  close() {
    const onclose = this.onclose;
    if (onclose !== undefined) onclose();
  }

  /** complete: the done marker arrived; onclose runs as for a clean end (a throw rejects the promise). */
  complete() {
    this.close();
  }

  /** @param {unknown} err */
  done(err) {
    if (err === null) this.resolve();
    else this.reject(err);
  }
}
