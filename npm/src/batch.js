// Decoding of Go's per-chunk event batches (wasm/jsapi/PROTOCOL.md, onbatch).
// This is the hot path: one TextDecoder call for the chunk range and one for
// the side buffer, then String.prototype.slice per field; no closure and no
// object per event (the style's sink makes the one message object).

// ignoreBOM: true keeps a U+FEFF at the start of a range (it is event data:
// the stream's own BOM was already dropped by the parser); the default
// would strip it and shift every offset.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Record layout: 8 int32 per event. */
export const RECORD_INTS = 8;
/** Data is a range of the decoded chunk, else of the side string. */
export const FLAG_DATA_IN_CHUNK = 1;
/** The type is a range of the side string, else the default ("message"). */
export const FLAG_TYPE = 2;
/** The last event ID changed to a range of the side string. */
export const FLAG_ID = 4;

/**
 * @typedef {object} BatchTarget
 * @property {string} lastEventId the stream's last event ID, updated here
 * @property {boolean} closed set when the stream was closed (stop dispatching)
 * @property {{message(type: string, data: string, id: string, retry: number): void}} sink
 *   receives each event: type is "" for the default type, retry is -1 when
 *   the block set none.
 */

/**
 * dispatchBatch hands every event of one batch to target.sink.message, in
 * order, and stops as soon as target.closed is set by a callback.
 * @param {BatchTarget} target
 * @param {Uint8Array} chunk
 * @param {number} cs start of the chunk range holding in-chunk data
 * @param {number} ce end of that range
 * @param {number} n number of events
 * @param {Int32Array} recs RECORD_INTS ints per event
 * @param {Uint8Array} side
 * @param {number} sideLen bytes of side in use
 */
export function dispatchBatch(target, chunk, cs, ce, n, recs, side, sideLen) {
  const text = ce > cs ? decoder.decode(chunk.subarray(cs, ce)) : '';
  const sideText = sideLen > 0 ? decoder.decode(side.subarray(0, sideLen)) : '';
  const sink = target.sink;
  let id = target.lastEventId;
  // Consecutive events of one type share one side range: slice it once.
  let type = '', ts = -1, te = -1;
  for (let i = 0, r = 0; i < n; i++, r += RECORD_INTS) {
    const flags = recs[r];
    const data = (flags & FLAG_DATA_IN_CHUNK) !== 0
      ? text.slice(recs[r + 1], recs[r + 2])
      : sideText.slice(recs[r + 1], recs[r + 2]);
    let t = '';
    if ((flags & FLAG_TYPE) !== 0) {
      if (recs[r + 3] !== ts || recs[r + 4] !== te) {
        ts = recs[r + 3];
        te = recs[r + 4];
        type = sideText.slice(ts, te);
      }
      t = type;
    }
    if ((flags & FLAG_ID) !== 0) {
      id = sideText.slice(recs[r + 5], recs[r + 6]);
      target.lastEventId = id;
    }
    sink.message(t, data, id, recs[r + 7]);
    if (target.closed) return;
  }
}
