// batch.js against synthetic batches laid out in a wasm memory as
// PROTOCOL.md says (header, records, side buffer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatchBatch, RECORD_INTS } from '../../src/batch.js';
import { bindInstance } from '../../src/memory.js';

const memory = new WebAssembly.Memory({ initial: 2 });
bindInstance(/** @type {any} */ ({ exports: { mem: memory, wasmsse_feed: () => -1 } }));

/** Byte addresses of the synthetic layout (the header is at 0). */
const HDR = 16;
const RECS = 64;

/**
 * dispatch lays out what encode returned in the memory as Go would and
 * calls dispatchBatch.
 * @param {any} target
 * @param {any[]} args [chunk, cs, ce, n, recs, side, sideLen]
 */
function dispatch(target, [chunk, cs, ce, n, recs, side, sideLen]) {
  const i32 = new Int32Array(memory.buffer);
  const u8 = new Uint8Array(memory.buffer);
  i32.fill(-7, 0, RECS / 4); // stale values where nothing is written
  i32.set(recs.subarray(0, n * RECORD_INTS), RECS / 4);
  const sideAt = RECS + 4 * recs.length + 4;
  if (side !== null) u8.set(side.subarray(0, sideLen), sideAt);
  const h = HDR / 4;
  i32[h + 2] = RECS;
  i32[h + 3] = sideLen > 0 ? sideAt : 0;
  i32[h + 4] = sideLen;
  i32[h + 5] = cs;
  i32[h + 6] = ce;
  i32[h + 7] = 0;
  dispatchBatch(target, chunk, n, h);
}

const enc = new TextEncoder();
const u16 = (/** @type {string} */ s) => s.length;

/**
 * encode lays events out as Go does: data of `inChunk` events is a range of
 * the chunk (the chunk holds prefix + the events' text joined by "\n\n"),
 * everything else goes to the side buffer.
 * @param {{data: string, type?: string, id?: string, retry?: number, inChunk?: boolean, own?: boolean}[]} events
 * @param {string} [prefix] bytes of the chunk before the first event
 */
function encode(events, prefix = 'id: 0\n') {
  let chunkText = prefix;
  let side = '';
  const recs = new Int32Array(events.length * RECORD_INTS + 5).fill(99); // longer than needed, like Go's reused array
  let cs = -1, ce = -1, csText = 0;
  const ranges = [];
  for (const e of events) {
    if (e.inChunk) {
      chunkText += 'data: ';
      const startBytes = enc.encode(chunkText).length;
      const start = u16(chunkText);
      chunkText += e.data;
      ranges.push([start, u16(chunkText)]);
      if (cs < 0) { cs = startBytes; csText = start; }
      ce = enc.encode(chunkText).length;
      chunkText += '\n\n';
    } else ranges.push(null);
  }
  let lastType = null, ts = 0, te = 0;
  events.forEach((e, i) => {
    const r = i * RECORD_INTS;
    let flags = 0;
    if (e.inChunk) {
      flags |= 1;
      recs[r + 1] = ranges[i][0] - csText;
      recs[r + 2] = ranges[i][1] - csText;
    } else {
      recs[r + 1] = u16(side); side += e.data; recs[r + 2] = u16(side);
    }
    if (e.type) {
      flags |= 2;
      if (e.type !== lastType) { ts = u16(side); side += e.type; te = u16(side); lastType = e.type; }
      recs[r + 3] = ts; recs[r + 4] = te;
    } else { recs[r + 3] = 0; recs[r + 4] = 0; }
    if (e.id !== undefined) {
      flags |= 4;
      recs[r + 5] = u16(side); side += e.id; recs[r + 6] = u16(side);
    }
    if (e.own) flags |= 8;
    recs[r] = flags;
    recs[r + 7] = e.retry ?? -1;
  });
  const sideBytes = enc.encode(side);
  const sideBuf = new Uint8Array(sideBytes.length + 7); // reused buffers are larger
  sideBuf.set(sideBytes);
  const chunk = enc.encode(chunkText + 'data: trailing');
  return [chunk, cs < 0 ? 0 : cs, ce < 0 ? 0 : ce, events.length, recs, sideBuf, sideBytes.length];
}

function collector(lastEventId = '') {
  /** @type {any[]} */
  const got = [];
  const target = {
    lastEventId,
    closed: false,
    sink: {
      message(/** @type {string} */ type, /** @type {string} */ data, /** @type {string} */ id, /** @type {number} */ retry, /** @type {boolean} */ own) {
        got.push(own ? { type, data, id, retry, own } : { type, data, id, retry });
      },
    },
  };
  return { target, got };
}

test('in-chunk and side data, types, ids and retry come out in order', () => {
  const { target, got } = collector('7');
  const events = [
    { data: 'héllo wörld', inChunk: true },
    { data: 'a\nb', type: 'update', id: '8' },
    { data: 'x😀y', inChunk: true, type: 'update' },
    { data: '', inChunk: true, retry: 2500 },
    { data: 'side', type: 'other', id: '' },
    { data: '日本語', inChunk: true },
  ];
  dispatch(target, encode(events));
  assert.deepEqual(got, [
    { type: '', data: 'héllo wörld', id: '7', retry: -1 },
    { type: 'update', data: 'a\nb', id: '8', retry: -1 },
    { type: 'update', data: 'x😀y', id: '8', retry: -1 },
    { type: '', data: '', id: '8', retry: 2500 },
    { type: 'other', data: 'side', id: '', retry: -1 },
    { type: '', data: '日本語', id: '', retry: -1 },
  ]);
  assert.equal(target.lastEventId, '');
});

test('a leading U+FEFF in a range is data, not a BOM to strip', () => {
  const { target, got } = collector();
  dispatch(target, encode([
    { data: '\uFEFFfirst', inChunk: true },
    { data: '\uFEFFside', type: '\uFEFFt', id: '\uFEFFi' },
  ], ''));
  assert.deepEqual(got.map((g) => [g.data, g.type, g.id]), [
    ['\uFEFFfirst', '', ''],
    ['\uFEFFside', '\uFEFFt', '\uFEFFi'],
  ]);
});

test('a batch with only side data and a null-free empty chunk range', () => {
  const { target, got } = collector();
  dispatch(target, encode([{ data: 'only side', id: '1' }]));
  assert.deepEqual(got, [{ type: '', data: 'only side', id: '1', retry: -1 }]);
  assert.equal(target.lastEventId, '1');
});

test('a batch with no side buffer at all (side is null, sideLen 0)', () => {
  const { target, got } = collector('k');
  const args = encode([{ data: 'one', inChunk: true }, { data: 'two', inChunk: true }]);
  args[5] = null;
  args[6] = 0;
  dispatch(target, args);
  assert.deepEqual(got.map((g) => g.data + '/' + g.id), ['one/k', 'two/k']);
});

test('dispatch stops as soon as a callback closes the stream', () => {
  const { target, got } = collector();
  const orig = target.sink.message;
  target.sink.message = function (...a) {
    orig.apply(this, a);
    if (got.length === 2) target.closed = true;
  };
  dispatch(target, encode([1, 2, 3, 4].map((n) => ({ data: `m${n}`, inChunk: n % 2 === 0 }))));
  assert.deepEqual(got.map((g) => g.data), ['m1', 'm2']);
});

test('consecutive events of one type share one side range and one string', () => {
  const { target, got } = collector();
  dispatch(target, encode([
    { data: '1', type: 'tick', inChunk: true },
    { data: '2', type: 'tick', inChunk: true },
    { data: '3', type: 'tock' },
    { data: '4', type: 'tick' },
  ]));
  assert.deepEqual(got.map((g) => g.type), ['tick', 'tick', 'tock', 'tick']);
});

test('one TextDecoder call per buffer: a batch of many events decodes twice at most', () => {
  const { target, got } = collector();
  const events = Array.from({ length: 500 }, (_, i) => ({ data: `event ${i} ✓`, inChunk: i % 3 !== 0, type: i % 5 === 0 ? 'five' : undefined }));
  const orig = TextDecoder.prototype.decode;
  let calls = 0;
  TextDecoder.prototype.decode = function (...a) { calls++; return orig.apply(this, a); };
  try {
    dispatch(target, encode(events));
  } finally {
    TextDecoder.prototype.decode = orig;
  }
  assert.equal(calls, 2);
  assert.equal(got.length, 500);
  assert.equal(got[499].data, 'event 499 ✓');
  assert.equal(got[495].type, 'five');
});

test('own marks an event whose block had its own id field', () => {
  const { target, got } = collector('3');
  dispatch(target, encode([
    { data: 'a', inChunk: true },
    { data: 'b', inChunk: true, id: '4', own: true },
    { data: 'c', inChunk: true, own: true },
  ]));
  assert.deepEqual(got, [
    { type: '', data: 'a', id: '3', retry: -1 },
    { type: '', data: 'b', id: '4', retry: -1, own: true },
    { type: '', data: 'c', id: '4', retry: -1, own: true },
  ]);
});

test('the memory growing inside a callback does not disturb the rest of the batch', () => {
  const { target, got } = collector();
  const orig = target.sink.message;
  target.sink.message = function (...a) {
    orig.apply(this, a);
    if (got.length === 1) memory.grow(1); // detaches every view of the old buffer
  };
  const events = Array.from({ length: 20 }, (_, i) => ({ data: `e${i}`, inChunk: i % 2 === 0, type: i % 3 === 0 ? 't' : undefined, id: i % 4 === 0 ? `${i}` : undefined }));
  dispatch(target, encode(events));
  assert.deepEqual(got.map((g) => g.data), events.map((e) => e.data));
  assert.equal(target.lastEventId, '16');
});
