// The wasm linear memory's size, in Node and in the page: the package does
// not expose its instance, so the test wraps WebAssembly.instantiate and
// instantiateStreaming before the module loads and keeps Go's exported
// memory ("mem"). Test-only; the wrappers pass everything through.

/** @type {WebAssembly.Memory | null} */
let mem = null;
let installed = false;

/** captureWasmMemory installs the wrappers (once). Call it before init(). */
export function captureWasmMemory() {
  if (installed) return;
  installed = true;
  const W = WebAssembly;
  /** @param {any} r */
  const grab = (r) => {
    const inst = r instanceof W.Instance ? r : r && r.instance;
    if (inst && inst.exports.mem instanceof W.Memory) mem = inst.exports.mem;
    return r;
  };
  const orig = W.instantiate;
  W.instantiate = /** @type {any} */ (function (/** @type {any[]} */ ...a) { return orig.apply(W, /** @type {any} */ (a)).then(grab); });
  const origS = W.instantiateStreaming;
  if (typeof origS === 'function') {
    W.instantiateStreaming = /** @type {any} */ (function (/** @type {any[]} */ ...a) { return origS.apply(W, /** @type {any} */ (a)).then(grab); });
  }
}

/** wasmMemory returns the bytes of the wasm linear memory, or undefined before the load. */
export function wasmMemory() {
  return mem === null ? undefined : mem.buffer.byteLength;
}
