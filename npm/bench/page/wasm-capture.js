// Records every WebAssembly instance the page creates, so the harness can
// read the wasm linear memory size (the Go heap lives there) without a hook
// in the product: wasm-sse does not expose its instance. Imported first by
// the page entries, before anything can load a module.

/** @type {WebAssembly.Instance[]} */
export const instances = [];

const wa = WebAssembly;
const origStreaming = wa.instantiateStreaming;
const origInstantiate = wa.instantiate;

/** @param {any} r */
function capture(r) {
  const inst = r instanceof wa.Instance ? r : r && r.instance;
  if (inst) instances.push(inst);
  return r;
}

if (typeof origStreaming === 'function') {
  wa.instantiateStreaming = function (...args) {
    return origStreaming.apply(wa, args).then(capture);
  };
}
wa.instantiate = function (...args) {
  return origInstantiate.apply(wa, args).then(capture);
};

/** wasmMemoryBytes returns the byteLength of every captured instance's memory. */
export function wasmMemoryBytes() {
  let total = 0;
  for (const inst of instances) {
    const mem = Object.values(inst.exports).find((e) => e instanceof wa.Memory);
    if (mem) total += mem.buffer.byteLength;
  }
  return total;
}
