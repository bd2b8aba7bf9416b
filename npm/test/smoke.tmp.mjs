import { init, fetchEventSource } from 'wasm-sse';
const U = process.env.SSE_TEST_URL;
await init();
async function time(label, fn) { const t0 = performance.now(); await fn(); console.log(label, (performance.now() - t0).toFixed(1)); }
await time('raw', async () => { const r = await fetch(U + '/sse?events=3'); await r.text(); });
await time('raw2', async () => { const r = await fetch(U + '/sse?events=3'); await r.text(); });
await time('plain', () => fetchEventSource(U + '/sse?events=3', { onmessage() {} }));
await time('plain', () => fetchEventSource(U + '/sse?events=3', { onmessage() {} }));
await time('onopen', () => fetchEventSource(U + '/sse?events=3', { onmessage() {}, onopen: async () => {} }));
await time('onopen', () => fetchEventSource(U + '/sse?events=3', { onmessage() {}, onopen: async () => {} }));
await time('onclose', () => fetchEventSource(U + '/sse?events=3', { onmessage() {}, onclose() {} }));
await time('ids', () => fetchEventSource(U + '/sse?events=3&ids=1', { onmessage() {} }));
