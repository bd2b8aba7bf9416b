// The per-chunk read loop of a stream's body (wasm/jsapi/PROTOCOL.md,
// "The hot path"): await read(), copy the bytes into Go's input buffer, one
// exported call, dispatch the events Go wrote. Go hands the reader over
// once per attempt and is told the outcome once, through the promise.
import { HDR_INPUT, HDR_INPUT_CAP, HDR_STOP, dispatchBatch } from './batch.js';
import { feed, i32, u8, views } from './memory.js';

/**
 * How long a stream may read back-to-back chunks (ms) before it lets the
 * event loop run a task: chunks already buffered resolve read() as
 * microtasks, which would starve the page's timers, input and rendering.
 * The clock is read every 16 chunks.
 */
const YIELD_AFTER = 50;

const now = typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();

/**
 * nextTask resolves after a 1 ms timer: timers that came due while the
 * stream was busy run first (Chromium may run a 0 ms timer ahead of them).
 * @returns {Promise<void>}
 */
function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 1));
}

/**
 * pump reads reader to its end. It resolves with undefined when the body
 * ended or Go said to stop (feed returned -1 or set the header's stop
 * slot, or the stream was closed), with {thrown, lastEventId} when a user
 * callback threw while events were dispatched, and rejects with the read
 * error.
 * @param {import('./batch.js').BatchTarget} target
 * @param {number} handle the attempt's handle for wasmsse_feed
 * @param {ReadableStreamDefaultReader<Uint8Array>} reader
 * @param {number} hdrAddr byte address of the stream's header in Go memory
 * @returns {Promise<undefined | {thrown: unknown, lastEventId: string}>}
 */
export async function pump(target, handle, reader, hdrAddr) {
  const hdr = hdrAddr >>> 2;
  views();
  const input = i32[hdr + HDR_INPUT], cap = i32[hdr + HDR_INPUT_CAP];
  let busy = now(), reads = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done || target.closed) return undefined;
    if (!(value instanceof Uint8Array)) throw new TypeError('wasm-sse: the response body produced a chunk that is not a Uint8Array');
    for (let off = 0; off < value.length; off += cap) {
      const piece = value.length <= cap ? value : value.subarray(off, off + cap);
      views();
      u8.set(piece, input);
      const n = feed(handle, piece.length);
      if (n < 0) return undefined;
      views();
      const stop = i32[hdr + HDR_STOP] !== 0;
      if (n > 0) {
        try {
          dispatchBatch(target, piece, n, hdr);
        } catch (thrown) {
          // The events after this one were not delivered: Go resumes from
          // the last event ID as of the one that threw.
          return { thrown, lastEventId: target.lastEventId };
        }
        if (target.closed) return undefined;
      }
      if (stop) return undefined;
    }
    if ((++reads & 15) === 0 && now() - busy >= YIELD_AFTER) {
      await nextTask();
      busy = now();
    }
  }
}
