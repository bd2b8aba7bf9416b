// The Go module's exports and views of its linear memory, for the hot path
// (wasm/jsapi/PROTOCOL.md). The views are re-created whenever the memory
// has grown: growing replaces memory.buffer and detaches the old views.

/** @type {WebAssembly.Memory | null} */
let memory = null;
/** Bytes of the wasm memory (current view). */
export let u8 = new Uint8Array(0);
/** Int32 view of the wasm memory (index = address >> 2). */
export let i32 = new Int32Array(0);
/**
 * wasmsse_feed(handle, n) → number of events, or -1 to stop.
 * @type {(handle: number, n: number) => number}
 */
export let feed = () => -1;

/**
 * bindInstance takes the exports of a freshly started sse.wasm.
 * @param {WebAssembly.Instance} instance
 */
export function bindInstance(instance) {
  const ex = /** @type {any} */ (instance.exports);
  if (typeof ex.wasmsse_feed !== 'function' || !(ex.mem instanceof WebAssembly.Memory)) {
    throw new Error('wasm-sse: sse.wasm lacks the wasmsse_feed export (is it a wasm-sse build of this version?)');
  }
  memory = ex.mem;
  feed = ex.wasmsse_feed;
  u8 = new Uint8Array(0);
  views();
}

/**
 * views re-creates u8 and i32 if the memory has grown since: growing
 * detaches the old buffer, and a view of a detached buffer has length 0
 * (cheaper to test than reading memory.buffer, a host call).
 */
export function views() {
  if (u8.length === 0) {
    const b = /** @type {WebAssembly.Memory} */ (memory).buffer;
    u8 = new Uint8Array(b);
    i32 = new Int32Array(b);
  }
}
