// Decoding of the events Go parsed from one piece of a stream
// (wasm/jsapi/PROTOCOL.md, "Records"). This is the hot path: one
// TextDecoder call for the piece's data range and one for the side buffer,
// then String.prototype.slice per field; no closure and no object per event
// (the style's sink makes the one message object).
import { i32, u8, views } from './memory.js';

// ignoreBOM: true keeps a U+FEFF at the start of a range (it is event data:
// the stream's own BOM was already dropped by the parser); the default
// would strip it and shift every offset.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Record layout: 8 int32 per event. */
export const RECORD_INTS = 8;
/** Data is a range of the decoded piece, else of the side string. */
export const FLAG_DATA_IN_CHUNK = 1;
/** The type is a range of the side string, else the default ("message"). */
export const FLAG_TYPE = 2;
/** The last event ID changed to a range of the side string. */
export const FLAG_ID = 4;
/** The event's own block had an id field (its value is the last event ID). */
export const FLAG_OWN_ID = 8;

/** Header slots (int32 index from the header's address). */
export const HDR_INPUT = 0;
export const HDR_INPUT_CAP = 1;
const HDR_RECORDS = 2;
const HDR_SIDE = 3;
const HDR_SIDE_LEN = 4;
const HDR_CHUNK_START = 5;
const HDR_CHUNK_END = 6;
export const HDR_STOP = 7;

/**
 * @typedef {object} BatchTarget
 * @property {string} lastEventId the stream's last event ID, updated here
 * @property {boolean} closed set when the stream was closed (stop dispatching)
 * @property {{message(type: string, data: string, id: string, retry: number, own: boolean): void}} sink
 *   receives each event: type is "" for the default type, id the last event
 *   ID, retry -1 when the block set none, own whether the block had its own
 *   id field.
 */

/**
 * dispatchBatch hands the n events Go just parsed from piece to
 * target.sink.message, in order, and stops as soon as target.closed is set
 * by a callback. The memory views must be current (views()).
 * @param {BatchTarget} target
 * @param {Uint8Array} piece the bytes Go parsed (in-chunk data is sliced from it)
 * @param {number} n number of events
 * @param {number} hdr int32 index of the stream's header
 */
export function dispatchBatch(target, piece, n, hdr) {
  const cs = i32[hdr + HDR_CHUNK_START], ce = i32[hdr + HDR_CHUNK_END];
  const sideLen = i32[hdr + HDR_SIDE_LEN];
  const text = ce > cs ? decoder.decode(piece.subarray(cs, ce)) : '';
  let sideText = '';
  if (sideLen > 0) {
    const side = i32[hdr + HDR_SIDE];
    sideText = decoder.decode(u8.subarray(side, side + sideLen));
  }
  const sink = target.sink;
  let id = target.lastEventId;
  // Consecutive events of one type share one side range: slice it once.
  let type = '', ts = -1, te = -1;
  // The records are read in place. A callback may call into Go and grow
  // the memory (detaching the views: re-created before the next read), but
  // nothing overwrites or frees them before the pump's next call of
  // wasmsse_feed, and dispatch stops as soon as the stream is closed.
  let r = i32[hdr + HDR_RECORDS] >>> 2;
  for (const end = r + n * RECORD_INTS; r < end; r += RECORD_INTS) {
    if (i32.length === 0) views();
    const recs = i32;
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
    sink.message(t, data, id, recs[r + 7], (flags & FLAG_OWN_ID) !== 0);
    if (target.closed) return;
  }
}
