// Starts the Go client (demo/goclient): a Go program compiled to WebAssembly
// that streams each chat request through wasm/client and writes the answer
// into #go-client. `make demo` builds it into out/demo-go/ with a copy of
// Go's wasm_exec.js; the server serves both under /go/.
//
// wasm_exec.js is a classic script (index.html loads it, deferred, before
// this module). It defines globalThis.Go, and globalThis.fs, process and
// path shims where the page has none. Those globals are acceptable on this
// demo page: the npm package runs its own copy of the Go runtime against a
// private scope (npm/src/scope.js), so it neither sees nor sets them.
import { $, setBadge } from './dom.js';

const panel = $('go-client');
const badge = /** @type {HTMLElement} */ (panel.querySelector('.badge'));
const meta = /** @type {HTMLElement} */ (panel.querySelector('.go-meta'));

/** @param {string} why */
function unavailable(why) {
  panel.dataset.state = 'unavailable';
  setBadge(badge, 'unavailable');
  meta.textContent = why;
}

const G = /** @type {any} */ (globalThis);
if (typeof G.Go !== 'function') {
  unavailable('the Go client is not built: run `make demo` (it builds out/demo-go/)');
} else {
  const go = new G.Go();
  const t0 = performance.now();
  WebAssembly.instantiateStreaming(fetch('/go/goclient.wasm'), go.importObject).then(({ instance }) => {
    // run resolves when the program exits; it serves the page until then.
    go.run(instance).then(() => unavailable('the Go client exited'));
    // The program marks the panel ready once it listens for requests.
    if (panel.dataset.ready === 'true') {
      panel.title = `goclient.wasm ready in ${Math.round(performance.now() - t0)} ms`;
    }
  }, (err) => unavailable(`goclient.wasm failed to load: ${err?.message ?? err}`));
}
