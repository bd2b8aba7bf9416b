// init: the module loaded (loader.js), then warmed up by one stream that
// never touches the network.
import { loadModule } from './loader.js';
import { fetchEventSource } from './fetch-event-source.js';

/**
 * The warm-up stream's response: an id, a type, a two-line data with a
 * non-ASCII character, then the end of the body: the parser's slow and fast
 * paths, the records with their UTF-16 offsets, the batch decoder and the
 * dispatch, and a clean end.
 */
const WARM_BODY = 'id: 1\nevent: warm\ndata: a\ndata: \u00e9\n\ndata: b\n\n';

/** @type {Promise<void> | null} */
let warming = null;

/**
 * init preloads the wasm module and gets it ready for the first stream.
 * Call it early (at start-up, not awaited if you like: streams wait for it)
 * so that the first stream does not wait for the download, the compilation
 * and Go's start. It resolves once one stream has run through the module
 * against an in-memory response: browsers compile a WebAssembly function
 * when it first runs, which would otherwise happen in the first real
 * stream (about 10–25 ms in Chromium).
 *
 * It may be called again without options, or with the same ones; once
 * loading has started (by init or by a first stream, which loads the
 * default URL), different options are an error that says so: the module is
 * loaded once per realm. A failed load is forgotten, so init can then try
 * other options.
 * @param {{wasmURL?: string | URL, wasmModule?: any}} [options]
 * @returns {Promise<void>}
 */
export function init(options) {
  return loadModule(options).then(warmUp);
}

/**
 * warmUp runs the warm-up stream once per realm. Its failure only leaves
 * the functions to be compiled by the first stream: it is not reported.
 * @returns {Promise<void>}
 */
function warmUp() {
  if (warming === null) {
    warming = fetchEventSource('https://warm-up.invalid/', {
      method: 'POST',
      body: '{}',
      headers: { 'x-warm-up': '1' },
      fetch: () => Promise.resolve(new Response(WARM_BODY, { headers: { 'content-type': 'text/event-stream' } })),
      onmessage() {},
    }).catch(() => {});
  }
  return warming;
}
