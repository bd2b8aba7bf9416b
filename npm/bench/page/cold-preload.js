// wasm-sse's cold-start page with the module preloaded, as the README
// recommends: <link rel="preload"> in the HTML and init() at start-up.
// ?open=start opens the stream at start-up too (the preload only starts
// the download earlier); ?open=ready opens it once init() has resolved, as
// a page does whose first stream starts after its start-up.
import { init } from 'wasm-sse';
import { firstEvent } from '../lib/first-event.js';
import { wasmSse } from '../lib/clients/wasm-sse.js';

const q = new URL(location.href).searchParams;
const url = q.get('url');
const ready = init();
globalThis.__cold = (async () => {
  if (q.get('open') === 'ready') await ready;
  const t0 = performance.now(); // performance.now() counts from the navigation start
  const call = await firstEvent(wasmSse, url, ['message']);
  return { call, navigation: t0 + call, ready: t0 };
})();
