// The reliability checks through the npm package in headless Chromium
// (playwright-core, Debian's /usr/bin/chromium, a fresh profile): exactly-once
// resume, the bad-input table, open/close cycles and a soak with the JS heap
// measured through CDP after a forced GC, errors without tokens, a clean
// Last-Event-ID header, cookies across origins, the done marker and the
// progress rule of the retry policy. The page is served from
// its own origin (a static server on another port), so the test server is
// cross-origin, as in most deployments.
/* global R */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from '../browser/static-server.js';
import { CASES } from './lib/bad-input.js';
import { CASES as HOT_PATH } from './lib/hotpath.js';
import { CASES as REPORTED } from './lib/reported.js';
import { CASES as DONE } from './lib/done.js';
import { CASES as PROGRESS } from './lib/progress.js';
import { BASE, scaled, seed, figure, sleep, within, checkResume, closedPort } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const NPM = fileURLToPath(new URL('../../', import.meta.url));

/** @type {{context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, cdp: import('playwright-core').CDPSession, errors: string[], close: () => Promise<void>}} */
let b;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
  const server = await serveStatic(NPM);
  const dir = mkdtempSync(join(tmpdir(), 'wasm-sse-reliability-'));
  const context = await within(chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: ARGS }),
    30_000, 'launching chromium');
  context.setDefaultTimeout(120_000);
  const page = context.pages()[0] ?? await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const cdp = await context.newCDPSession(page);
  await page.goto(`${server.url}test/reliability/page.html`);
  await page.waitForFunction(() => /** @type {any} */ (window).ready === true, null, { timeout: 30_000 });
  b = {
    context, page, cdp, errors,
    close: async () => {
      await within(context.close(), 10_000, 'closing chromium').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
      await server.close();
    },
  };
});

after(async () => {
  if (b !== undefined) {
    assert.deepEqual(b.errors, [], 'no uncaught error in the page');
    await b.close();
  }
});

/**
 * memory waits (bounded) for the Go counters to reach base, forces a GC
 * through CDP and returns the figures: JS heap, ArrayBuffer backing stores
 * (chunks included) and the wasm memory.
 * @param {{funcs: number, goroutines: number} | null} base
 */
async function memory(base) {
  let c = await b.page.evaluate(() => R.counters());
  for (let i = 0; i < 100 && base !== null && !(c.funcs <= base.funcs && c.goroutines <= base.goroutines && c.streams === 0); i++) {
    await sleep(50);
    c = await b.page.evaluate(() => R.counters());
  }
  await b.cdp.send('HeapProfiler.collectGarbage');
  await sleep(50);
  await b.cdp.send('HeapProfiler.collectGarbage');
  const h = await b.cdp.send('Runtime.getHeapUsage');
  const wasm = await b.page.evaluate(() => R.wasmMemory());
  return { ...c, jsHeap: h.usedSize, buffers: /** @type {any} */ (h).backingStorageSize ?? -1, wasmMemory: wasm };
}

const EVENTS = scaled(2000, 10000);
const CUTS = scaled(50, 200);

for (const c of [{ style: 'fetchEventSource', variant: 'raw', seed: 404 }, { style: 'EventSource', variant: 'sse', seed: 505 }]) {
  test(`Chromium: exactly once, ${c.style}, ${c.variant} stream, ${CUTS} cuts in ${EVENTS} events`, async () => {
    const o = { base: BASE, ...c, seed: seed(c.seed), events: EVENTS, cuts: CUTS };
    const s = await b.page.evaluate((o) => R.runResume(o), o);
    figure(`chromium resume ${c.style}/${c.variant}`, { events: s.events, cuts: s.applied, requests: s.requests, ms: s.tookMs, seed: s.seed, classes: s.classes });
    checkResume(s);
    if (c.style === 'EventSource') assert.equal(s.endError?.status, 204);
    else assert.equal(s.endError, null);
  });
}

for (const name of Object.keys(CASES)) {
  test(`Chromium bad input: ${name}`, async () => {
    const r = await b.page.evaluate(({ base, name }) => R.runCase({ base, wasmMemory: R.wasmMemory }, name), { base: BASE, name });
    if (Object.keys(r.figures).length > 0) figure(`chromium bad input ${name}`, r.figures);
    assert.deepEqual(r.failures, []);
  });
}

/** @type {import('playwright-core').Page | undefined} */
let hot;
/** hotPage returns a second page, opened once: its wasm memory starts small. */
async function hotPage() {
  if (hot === undefined) {
    hot = await b.context.newPage();
    hot.on('pageerror', (e) => b.errors.push(String(e)));
    await hot.goto(b.page.url());
    await hot.waitForFunction(() => /** @type {any} */ (window).ready === true, null, { timeout: 30_000 });
  }
  return hot;
}

for (const name of Object.keys(HOT_PATH)) {
  test(`Chromium hot path: ${name}`, async () => {
    const page = await hotPage();
    const r = await page.evaluate(({ base, name }) => R.runHotPath({ base, sse: R.sse, api: R.api, wasmMemory: R.wasmMemory }, name), { base: BASE, name });
    if (Object.keys(r.figures).length > 0) figure(`chromium hot path ${name}`, r.figures);
    assert.deepEqual(r.failures, []);
  });
}

for (const name of Object.keys(REPORTED)) {
  test(`Chromium: ${name}`, async () => {
    const port = await closedPort();
    const r = await b.page.evaluate(({ name, port, base }) => R.runReported({ sse: R.sse, port, base }, name), { name, port, base: BASE });
    if (Object.keys(r.figures).length > 0) figure(`chromium ${name}`, r.figures);
    assert.deepEqual(r.failures, []);
  });
}

for (const name of Object.keys(DONE)) {
  test(`Chromium: ${name}`, async () => {
    const r = await b.page.evaluate(({ name, base }) => R.runDone({ sse: R.sse, base }, name), { name, base: BASE });
    if (Object.keys(r.figures).length > 0) figure(`chromium ${name}`, r.figures);
    assert.deepEqual(r.failures, []);
  });
}

for (const name of Object.keys(PROGRESS)) {
  test(`Chromium: ${name}`, async () => {
    const env = { base: BASE, events: scaled(3000, 10000), cuts: scaled(60, 200), seed: seed(4242) };
    const r = await b.page.evaluate(({ name, env }) => R.runProgress({ sse: R.sse, ...env }, name), { name, env });
    if (Object.keys(r.figures).length > 0) figure(`chromium ${name}`, r.figures);
    assert.deepEqual(r.failures, [], `seed ${env.seed} (replay with SSE_SEED=${env.seed})`);
  });
}

test('Chromium: open/close cycles at random moments; JS heap and wasm memory do not grow', async () => {
  const cycles = scaled(1000, 10000);
  const s = seed(5151);
  const prefix = `rel-leak-chromium-${Date.now()}-`;
  const run = (/** @type {number} */ from, /** @type {number} */ to) =>
    b.page.evaluate((o) => R.runCycles(o), { base: BASE, prefix, from, to, seed: s });
  await run(0, 30);
  const base = await memory(null);
  const start = Date.now();
  const first = await run(30, 30 + cycles / 2);
  const half = await memory(base);
  const second = await run(30 + cycles / 2, 30 + cycles);
  const full = await memory(base);
  const phases = { ...first.phases };
  for (const [k, v] of Object.entries(second.phases)) phases[k] = (phases[k] ?? 0) + v;
  figure('chromium leak cycles', { cycles, seed: s, ms: Date.now() - start, base, half, full, phases });
  assert.deepEqual({ ...first.failures, ...second.failures }, {});
  for (const p of ['before any event', 'mid-read', 'after a failure (backoff or the retry)', 'after the stream ended']) {
    assert.ok((phases[p] ?? 0) > 0, `some closes ${p}: ${JSON.stringify(phases)}`);
  }
  assert.equal(full.funcs, base.funcs, 'live js.Funcs');
  assert.ok(full.goroutines <= base.goroutines, `goroutines ${full.goroutines} > ${base.goroutines}`);
  assert.equal(full.streams, 0);
  assert.ok(full.wasmMemory <= half.wasmMemory + 2 * 1024 * 1024, `wasm memory ${half.wasmMemory} → ${full.wasmMemory}`);
  assert.ok(full.jsHeap <= half.jsHeap + 4 * 1024 * 1024, `JS heap ${half.jsHeap} → ${full.jsHeap}`);
  assert.ok(full.buffers <= half.buffers + 8 * 1024 * 1024, `ArrayBuffers ${half.buffers} → ${full.buffers}`);
});

test('Chromium: a full-rate stream keeps the JS heap, the ArrayBuffers and the wasm memory flat', async () => {
  const seconds = scaled(10, 30);
  await b.page.evaluate((base) => { /** @type {any} */ (window).soak = R.startSoak(base); }, BASE);
  const samples = [];
  const t0 = Date.now();
  for (let i = 1; i <= seconds; i++) {
    await sleep(t0 + i * 1000 - Date.now());
    const m = await memory(null);
    const c = await b.page.evaluate(() => /** @type {any} */ (window).soak.counters());
    assert.equal(c.ended, false, `the stream ended after ${i} s: ${c.error}`);
    samples.push({ t: i, events: c.events, jsHeap: m.jsHeap, buffers: m.buffers, wasmMemory: m.wasmMemory });
  }
  const c = await b.page.evaluate(async () => { const s = /** @type {any} */ (window).soak; await s.stop(); return s.counters(); });
  const warm = samples[1];
  const later = samples.slice(2);
  const max = (/** @type {'jsHeap' | 'buffers' | 'wasmMemory'} */ k) => Math.max(...later.map((s) => s[k]));
  figure('chromium soak', { seconds, events: c.events, streams: c.streams, mb: Math.round(c.bytes / 1e6), warm, maxHeap: max('jsHeap'), maxBuffers: max('buffers'), maxWasm: max('wasmMemory'), samples });
  assert.equal(c.error, null);
  assert.equal(c.bad, 0, 'every event in order with its data');
  assert.ok(c.events > seconds * 5000, `a full-rate stream: ${c.events} events`);
  assert.ok(max('wasmMemory') <= warm.wasmMemory + 2 * 1024 * 1024, `wasm memory ${warm.wasmMemory} → ${max('wasmMemory')}`);
  assert.ok(max('jsHeap') <= warm.jsHeap + 8 * 1024 * 1024, `JS heap ${warm.jsHeap} → ${max('jsHeap')}`);
  assert.ok(max('buffers') <= warm.buffers + 48 * 1024 * 1024, `ArrayBuffers ${warm.buffers} → ${max('buffers')}`);
});

test('Chromium: errors never include request headers (tokens)', async () => {
  const results = await b.page.evaluate((base) => R.runErrorKinds(base, 'tok_9f8e7d6c5b4a'), BASE);
  figure('chromium error kinds', results.map((r) => `${r.style} ${r.kind}: ${r.name}: ${r.message}`));
  for (const r of results) assert.deepEqual(r.leaks, [], `${r.style} ${r.kind}: ${r.message}`);
  assert.equal(results.length, 12);
});

test('Chromium: Last-Event-ID never carries CR/LF; non-ASCII ids go back as UTF-8; a CR/LF lastEventId option is a TypeError', async () => {
  const results = await b.page.evaluate((base) => R.runLastEventIdHeader(base), BASE);
  for (const r of results) {
    assert.equal(r.error, null, r.name);
    assert.equal(r.lastEventIdHeader, r.want, r.name);
    assert.equal(r.injected, false, r.name);
  }
  const init = await b.page.evaluate((base) => R.initialIdRejected(base), BASE);
  for (const r of init) {
    for (const style of ['fetchEventSource', 'events', 'EventSource']) {
      assert.match(/** @type {any} */ (r)[style], /^TypeError: wasm-sse: .*lastEventId/, `${style} ${r.id}`);
    }
  }
});

test('Chromium: cookies of the cross-origin server are sent only with withCredentials / credentials: "include"', async () => {
  const name = `relsec${Date.now().toString(36)}`;
  const r = await b.page.evaluate(async ({ base, name }) => {
    const { fetchEventSource, events, EventSource } = R.sse;
    // The server (another origin than the page) sets the cookie on a credentialed response.
    const set = encodeURIComponent(`Set-Cookie:${name}=s3cr3t; Path=/; SameSite=Lax`);
    const res = await fetch(`${base}/sse?events=0&header=${set}`, { credentials: 'include' });
    await res.text();
    const echo = () => `${base}/echo?key=rel-cookie-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    /** @param {object} opts */
    const viaFetch = async (opts) => {
      const cookies = [];
      await fetchEventSource(echo(), { ...opts, onmessage: (m) => { if (m.event === 'cookie') cookies.push(m.data); } });
      return cookies;
    };
    /** @param {object} opts */
    const viaEvents = async (opts) => {
      const cookies = [];
      for await (const m of events(echo(), opts)) if (m.event === 'cookie') cookies.push(m.data);
      return cookies;
    };
    /** @param {object} opts */
    const viaEventSource = (opts) => new Promise((resolve) => {
      const cookies = [];
      const es = new EventSource(echo(), opts);
      es.addEventListener('cookie', (e) => cookies.push(e.data));
      es.addEventListener('end', () => { es.close(); resolve(cookies); });
      es.onerror = () => { if (es.readyState === 2) resolve(['error']); };
    });
    const out = {
      'fetchEventSource default': await viaFetch({}),
      'fetchEventSource same-origin': await viaFetch({ credentials: 'same-origin' }),
      'fetchEventSource omit': await viaFetch({ credentials: 'omit' }),
      'fetchEventSource include': await viaFetch({ credentials: 'include' }),
      'events default': await viaEvents({}),
      'events include': await viaEvents({ credentials: 'include' }),
      'EventSource default': await viaEventSource({}),
      'EventSource withCredentials': await viaEventSource({ withCredentials: true }),
    };
    await (await fetch(`${base}/sse?events=0&header=${encodeURIComponent(`Set-Cookie:${name}=; Path=/; Max-Age=0`)}`, { credentials: 'include' })).text();
    return out;
  }, { base: BASE, name });
  figure('chromium cookies', r);
  const has = (/** @type {string[]} */ c) => c.includes(`${name}=s3cr3t`);
  for (const [k, v] of Object.entries(r)) {
    assert.equal(has(v), k.endsWith('include') || k.endsWith('withCredentials'), `${k}: ${JSON.stringify(v)}`);
  }
});
