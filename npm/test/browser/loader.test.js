// The loader in headless Chromium: the global object is left as found,
// sse.wasm is fetched once per page (instantiateStreaming when served as
// application/wasm, bytes otherwise), init() options, a failed load is
// retried, and a strict CSP needs only 'wasm-unsafe-eval'.
/* global T */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, run, openPage, result, within, NPM, STATIC, BASE } from './helpers.js';
import { serveStatic } from './static-server.js';

const ctx = suite();
const SSE_ORIGIN = new URL(BASE).origin;
/** @type {Awaited<ReturnType<typeof serveStatic>>[]} */
const servers = [];
/** npm/ served by a second origin: as application/wasm, as bytes, under a CSP with and without 'wasm-unsafe-eval'. */
let other, octet, csp, cspNoWasm;

before(async () => {
  const policy = (wasm) => `default-src 'none'; script-src 'self'${wasm ? " 'wasm-unsafe-eval'" : ''}; connect-src 'self' ${SSE_ORIGIN}`;
  [other, octet, csp, cspNoWasm] = await Promise.all([
    serveStatic(NPM),
    serveStatic(NPM, { wasmType: 'application/octet-stream' }),
    serveStatic(NPM, { headers: { 'content-security-policy': policy(true) } }),
    serveStatic(NPM, { headers: { 'content-security-policy': policy(false) } }),
  ]);
  servers.push(other, octet, csp, cspNoWasm);
});
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** Counts WebAssembly instantiation calls of the page in window.__wasm. */
function spyWasm() {
  const w = /** @type {any} */ (window);
  w.__wasm = [];
  const streaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = function (...a) {
    w.__wasm.push('streaming');
    return streaming.apply(this, /** @type {any} */ (a));
  };
  const inst = WebAssembly.instantiate;
  WebAssembly.instantiate = function (...a) {
    w.__wasm.push(a[0] instanceof WebAssembly.Module ? 'module' : 'bytes');
    return inst.apply(this, /** @type {any} */ (a));
  };
}

/**
 * withPage opens a fresh page (a fresh realm: nothing loaded yet), runs fn
 * and closes it, asserting no uncaught error happened in it.
 * @template R
 * @param {Parameters<typeof openPage>[1]} o
 * @param {(page: import('playwright-core').Page) => Promise<R>} fn
 * @returns {Promise<R>}
 */
async function withPage(o, fn) {
  const { page, errors } = await openPage(ctx.context, o);
  try {
    const r = await fn(page);
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
    return r;
  } finally {
    await within(page.close(), 5000, 'page close');
  }
}

/** stream runs one fetchEventSource in the page and returns its data. */
const stream = (/** @type {import('playwright-core').Page} */ page) => run(page, async () => {
  const got = [];
  await T.sse.fetchEventSource(T.url('/sse', { events: 2 }), { onmessage: (m) => got.push(m.data) });
  return got;
});

test('globals: loading the package and streaming in the three styles leaves the global object unchanged', async () => {
  const r = await withPage({ page: 'test/browser/pages/globals.html' }, result);
  assert.equal(r.error, undefined, r.error);
  assert.deepEqual(r.got, ['msg 1', 'msg 2', 'msg 1', 'msg 2', 'msg 1', 'msg 2']);
  assert.ok(r.names > 500, `a real page global has many names, got ${r.names}`);
  assert.deepEqual({ added: r.added, removed: r.removed, changed: r.changed }, { added: [], removed: [], changed: [] });
  assert.equal(r.own, JSON.stringify([null, null, null, null]), 'no process, fs, path or Go on the page');
});

test('globals: a page\'s own process, fs, path and Go are neither replaced, changed nor used', async () => {
  const r = await withPage({ page: 'test/browser/pages/globals.html', query: { own: '1' } }, result);
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.got.length, 6);
  assert.deepEqual({ added: r.added, removed: r.removed, changed: r.changed }, { added: [], removed: [], changed: [] });
  assert.equal(r.ownChanged, false, r.own);
});

test('loader: served as application/wasm, sse.wasm is fetched once and instantiated with instantiateStreaming', async () => {
  await withPage({ initScript: spyWasm }, async (page) => {
    const wasm = [];
    page.on('request', (req) => { if (req.url().endsWith('.wasm')) wasm.push(req.url()); });
    assert.deepEqual(await stream(page), ['msg 1', 'msg 2']);
    assert.deepEqual(await stream(page), ['msg 1', 'msg 2']);
    assert.deepEqual(await run(page, () => window.__wasm), ['streaming']);
    assert.deepEqual(wasm, [new URL('dist/sse.wasm', STATIC).href]);
  });
});

test('loader: served with another content type, sse.wasm is instantiated from its bytes', async () => {
  await withPage({ origin: octet.url, initScript: spyWasm }, async (page) => {
    assert.deepEqual(await stream(page), ['msg 1', 'msg 2']);
    assert.deepEqual(await run(page, () => window.__wasm), ['bytes']);
    assert.equal(octet.requests.filter((p) => p.endsWith('.wasm')).length, 1);
  });
});

test('loader: init({wasmURL}) loads from that URL (here another origin, over CORS), not the default', async () => {
  await withPage({ origin: other.url }, async (page) => {
    const wasmURL = new URL('dist/sse.wasm', STATIC).href;
    const r = await run(page, async (wasmURL) => {
      await T.sse.init({ wasmURL });
      await T.sse.init(); // later calls share the load
      return true;
    }, wasmURL);
    assert.equal(r, true);
    assert.deepEqual(await stream(page), ['msg 1', 'msg 2']);
    assert.deepEqual(other.requests.filter((p) => p.endsWith('.wasm')), []);
  });
});

test('loader: init({wasmModule}) takes a compiled Module or a Promise of a Response', async () => {
  const wasmURL = new URL('dist/sse.wasm', STATIC).href;
  await withPage({ initScript: spyWasm }, async (page) => {
    await run(page, (u) => T.sse.init({ wasmModule: WebAssembly.compileStreaming(fetch(u)) }), wasmURL);
    assert.deepEqual(await stream(page), ['msg 1', 'msg 2']);
    assert.deepEqual(await run(page, () => window.__wasm), ['module']);
  });
  await withPage({ initScript: spyWasm }, async (page) => {
    await run(page, (u) => T.sse.init({ wasmModule: fetch(u) }), wasmURL);
    assert.deepEqual(await stream(page), ['msg 1', 'msg 2']);
    assert.deepEqual(await run(page, () => window.__wasm), ['streaming']);
  });
});

test('loader: a failed load fails init and the streams waiting on it; the next stream loads again and works', async () => {
  await withPage({}, async (page) => {
    const r = await run(page, async () => {
      const bad = T.settled(() => T.sse.init({ wasmURL: './no-such.wasm' }));
      const waiting = T.settled(() => T.sse.fetchEventSource(T.url('/sse', { events: 2 }), { onmessage() {} }));
      return { bad: await bad, waiting: await waiting };
    });
    assert.deepEqual(r.bad.error.classes, ['SSEError']);
    // The message names the URL tried and the fix.
    assert.match(r.bad.error.message, /^wasm-sse: failed to load sse\.wasm from \S+\/no-such\.wasm: HTTP 404\b.*init\(\{ wasmURL \}\)/);
    assert.deepEqual(r.waiting.error.classes, ['SSEError']);
    assert.equal(r.waiting.error.message, r.bad.error.message);
    assert.deepEqual(await stream(page), ['msg 1', 'msg 2']);
  });
});

test('loader: init options are validated', async () => {
  await withPage({}, async (page) => {
    const r = await run(page, async () => ({
      unknown: (await T.settled(() => T.sse.init({ wasmUrl: 'x' }))).error,
      type: (await T.settled(() => T.sse.init({ wasmURL: 5 }))).error,
      module: (await T.settled(() => T.sse.init({ wasmModule: 'nope' }))).error,
    }));
    assert.equal(r.unknown.isTypeError, true);
    assert.match(r.unknown.message, /init: unknown option "wasmUrl"/);
    assert.equal(r.type.isTypeError, true);
    assert.match(r.type.message, /"wasmURL" must be a string or URL/);
    assert.equal(r.module.isTypeError, true);
    assert.deepEqual(await stream(page), ['msg 1', 'msg 2']);
  });
});

test('CSP: a page allowing only \'self\' scripts plus \'wasm-unsafe-eval\' streams without any violation', async () => {
  const r = await withPage({ origin: csp.url, page: 'test/browser/pages/csp.html' }, result);
  assert.deepEqual(r, { got: ['msg 1', 'msg 2'], violations: [] });
});

test('CSP: without \'wasm-unsafe-eval\' the stream fails with an SSEError naming the cause', async () => {
  const { page } = await openPage(ctx.context, { origin: cspNoWasm.url, page: 'test/browser/pages/csp.html' });
  try {
    const r = await result(page);
    assert.equal(r.got, undefined);
    // Chromium: "WebAssembly.instantiateStreaming(): Compiling or instantiating
    // WebAssembly module violates the following Content Security policy directive ..."
    assert.match(r.error, /^SSEError: wasm-sse: failed to load sse\.wasm from \S+: WebAssembly\.\w+\(\): .*Content Security [Pp]olicy/);
  } finally {
    await within(page.close(), 5000, 'page close');
  }
});
