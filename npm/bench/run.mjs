// The benchmark harness: wasm-sse against its peers, in headless Chromium
// and in Node, and BENCHMARKS.md from the results. Run it under the Go test
// server, serving the page directory it builds:
//
//   mkdir -p out/bench && out/sse-testserver -static out/bench -- node npm/bench/run.mjs
//
// Options (environment): BENCH_QUICK=1 runs every measure with few
// repetitions (a smoke test; the report says so); BENCH_OUT=<file> writes
// the report elsewhere (default: BENCHMARKS.md at the repository root);
// BENCH_STATIC_DIR=<dir> is the directory given to -static (default
// out/bench); BENCH_PROFILE=0 skips the CPU profile of wasm-sse.
//
// Nothing here judges a timing: misses of the targets are marked ✗ in the
// report and the exit code stays 0. It fails only when something breaks
// (a client throws, the page cannot load).
import fs from 'node:fs/promises';
import path from 'node:path';
import { benchDir, buildPage, npmDir } from './lib/build.js';
import { launch, openPage, BENCH_HOST_SUFFIX } from './lib/browser.js';
import { runBare } from './lib/bare.js';
import { CORPORA, corpusInfo } from './lib/corpora.js';
import { facts, loadavg } from './lib/facts.js';
import { nodeTask } from './lib/node.js';
import { profiles } from './lib/profile.js';
import { report } from './lib/report.js';
import { sizes } from './lib/sizes.js';

const root = path.dirname(npmDir);
const quick = process.env.BENCH_QUICK === '1';

/** Repetitions and sizes of every measure. */
const cfg = quick
  ? { rounds: 2, warmup: 1, largeRounds: 1, parserRounds: 2, getRounds: 1, ttfeRounds: 3, coldRuns: 2, cycles: 500,
    peerCycles: 100, concRounds: 1, concurrency: [1, 10, 100], profileRuns: 1 }
  : { rounds: 5, warmup: 1, largeRounds: 3, parserRounds: 5, getRounds: 3, ttfeRounds: 7, coldRuns: 11, cycles: 10000,
    peerCycles: 1000, concRounds: 3, concurrency: [1, 10, 100], profileRuns: 3 };

/** Every client, in table order. */
const IDS = ['raw-read', 'raw-decode', 'wasm-sse', 'eventsource-parser', 'fetch-event-source', 'eventsource'];
/**
 * The clients end to end on a corpus: every client, plus wasm-sse's other
 * two API styles on all but the (slow to stream) large corpus.
 * @param {string} corpus
 */
function e2eIds(corpus) {
  if (corpus === 'large') return IDS;
  const i = IDS.indexOf('wasm-sse') + 1;
  return [...IDS.slice(0, i), 'wasm-sse-es', 'wasm-sse-iter', ...IDS.slice(i)];
}
/**
 * The clients of the parser-only and per-chunk measures: the reference rows
 * first (direct ones bypass the stream), then every client through its
 * public API over the in-memory fetch.
 */
const PARSER_IDS = ['decode-only', 'raw-read', 'raw-decode', 'eventsource-parser-feed', 'wasm-sse', 'wasm-sse-iter',
  'wasm-sse-es', 'eventsource-parser', 'fetch-event-source', 'eventsource'];
/** Parser-only in Node: corpora and chunk sizes. */
const PARSER_CORPORA = ['llm-like', 'small'];
const PARSER_CHUNKS = [65536, 1024, 128];
/**
 * Parser-only and per chunk in Chromium: fewer rows and sizes (the
 * EventSource-style clients take 10–20 µs per event there, and the whole
 * run must stay under 10 minutes).
 */
const BROWSER_PARSER_CORPORA = ['small'];
const BROWSER_PARSER_CHUNKS = [65536, 1024];
const BROWSER_PARSER_IDS = ['decode-only', 'raw-read', 'raw-decode', 'eventsource-parser-feed', 'wasm-sse', 'wasm-sse-iter',
  'eventsource-parser', 'fetch-event-source', 'eventsource'];
const BROWSER_PER_CHUNK_IDS = ['raw-read', 'raw-decode', 'wasm-sse', 'wasm-sse-iter', 'eventsource-parser', 'fetch-event-source'];
/** The fixed cost per chunk: this corpus cut into one event per chunk. */
const PER_CHUNK_CORPUS = 'llm-like';
/**
 * The EventSource classes over GET (the browser's own cannot POST), next to
 * the raw read and wasm-sse's fetchEventSource of the same requests. The
 * native class takes seconds per 100k events: one corpus, few rounds.
 */
const GET_IDS = ['raw-read', 'wasm-sse', 'wasm-sse-es', 'eventsource', 'native-es'];
const GET_CORPORA = ['llm-like'];
/** A stream whose first event comes at once and which then stays open. */
const FIRST_EVENT_PATH = '/sse?events=1&end=hang';
/** Each stream of the concurrency measure. */
const CONC_PATH = '/sse?events=2000&size=100';
const CONC_EVENTS = 2000;

const t0 = Date.now();
/** @param {string} msg */
function log(msg) {
  process.stderr.write(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);
}

async function main() {
  if (process.argv.includes('--report')) {
    const staticDir = path.resolve(root, process.env.BENCH_STATIC_DIR ?? 'out/bench');
    const results = JSON.parse(await fs.readFile(path.join(staticDir, 'results.json'), 'utf8'));
    const out = path.resolve(root, process.env.BENCH_OUT ?? 'BENCHMARKS.md');
    await fs.writeFile(out, report(results));
    log(`re-rendered ${path.relative(root, out)} from ${path.relative(root, path.join(staticDir, 'results.json'))}`);
    return;
  }
  const base = process.env.SSE_TEST_URL;
  if (!base) {
    throw new Error('SSE_TEST_URL is not set: run under the test server, e.g.\n'
      + '  mkdir -p out/bench && out/sse-testserver -static out/bench -- node npm/bench/run.mjs');
  }
  const staticDir = path.resolve(root, process.env.BENCH_STATIC_DIR ?? 'out/bench');
  const wasmPath = path.join(npmDir, 'dist', 'sse.wasm');
  await fs.access(wasmPath).catch(() => {
    throw new Error(`${wasmPath} is missing: run make build first`);
  });
  const load0 = loadavg();
  log(`building the page into ${staticDir}`);
  await buildPage(staticDir, wasmPath);
  await checkStatic(base, staticDir);

  const corpora = {};
  for (const name of Object.keys(CORPORA)) corpora[name] = await corpusInfo(base, name);
  const allTypes = [...new Set(Object.values(corpora).flatMap((c) => c.types))].sort();
  const results = { quick, cfg, corpora, started: new Date().toISOString(), facts: facts(root), load: { start: load0 } };

  results.sizes = await sizes(wasmPath);
  results.node = await nodeMeasures(base, corpora);
  results.browser = await browserMeasures(base, corpora, allTypes);
  results.load.end = loadavg();
  results.seconds = (Date.now() - t0) / 1000;
  results.command = 'make bench  (= mkdir -p out/bench && out/sse-testserver -static out/bench -- node npm/bench/run.mjs)';

  await fs.writeFile(path.join(staticDir, 'results.json'), JSON.stringify(results, null, 1));
  const out = path.resolve(root, process.env.BENCH_OUT ?? 'BENCHMARKS.md');
  await fs.writeFile(out, report(results));
  log(`wrote ${path.relative(root, out)} (raw results: ${path.relative(root, path.join(staticDir, 'results.json'))})`);
}

/**
 * checkStatic makes sure the test server serves staticDir (a nonce file
 * written there must come back through /static/).
 */
async function checkStatic(base, staticDir) {
  const nonce = String(Math.random());
  await fs.writeFile(path.join(staticDir, 'nonce.txt'), nonce);
  const res = await fetch(`${base}/static/nonce.txt`);
  const got = res.ok ? await res.text() : `HTTP ${res.status}`;
  if (got !== nonce) {
    throw new Error(`the test server does not serve ${staticDir} under /static/ (got ${got.slice(0, 80)}): `
      + 'start it with -static pointing there (or set BENCH_STATIC_DIR)');
  }
}

/** nodeMeasures runs the Node measures (end to end, parser-only, per chunk, first event), each in fresh processes. */
async function nodeMeasures(base, corpora) {
  const r = { e2e: {}, parser: {}, perChunk: null, ttfe: {} };
  for (const c of Object.values(corpora)) {
    log(`node: end to end, ${c.name}`);
    const rounds = c.name === 'large' ? cfg.largeRounds : cfg.rounds;
    r.e2e[c.name] = await nodeTask({ measure: 'e2e', ids: e2eIds(c.name), url: c.url, rounds, warmup: cfg.warmup, types: c.types });
  }
  for (const name of PARSER_CORPORA) {
    r.parser[name] = {};
    for (const chunk of PARSER_CHUNKS) {
      log(`node: parser only, ${name}, ${chunk} B chunks`);
      r.parser[name][chunk] = await nodeTask({ measure: 'parser', ids: PARSER_IDS, url: corpora[name].url, chunk,
        rounds: cfg.parserRounds, warmup: cfg.warmup, types: corpora[name].types });
    }
  }
  log(`node: fixed cost per chunk, ${PER_CHUNK_CORPUS} cut into one event per chunk`);
  r.perChunk = { corpus: PER_CHUNK_CORPUS, ...await nodeTask({ measure: 'perChunk', ids: PARSER_IDS,
    url: corpora[PER_CHUNK_CORPUS].url, rounds: cfg.parserRounds, warmup: cfg.warmup, types: corpora[PER_CHUNK_CORPUS].types }) };
  log('node: time to first event, warm');
  r.ttfe.warm = await nodeTask({ measure: 'ttfeWarm', ids: IDS, url: base + FIRST_EVENT_PATH, rounds: cfg.ttfeRounds });
  log('node: time to first event, cold (a fresh process per run)');
  r.ttfe.cold = {};
  for (const id of IDS) r.ttfe.cold[id] = [];
  for (let i = 0; i < cfg.coldRuns; i++) {
    for (const id of IDS) {
      r.ttfe.cold[id].push(await nodeTask({ measure: 'cold', id, url: base + FIRST_EVENT_PATH, types: ['message'] }));
    }
  }
  return r;
}

/** browserMeasures runs the Chromium measures (end to end, EventSource over GET, parser-only, first event, concurrency, memory, profiles). */
async function browserMeasures(base, corpora, allTypes) {
  const index = `${base}/static/index.html`;
  const browser = await launch();
  const r = { version: browser.version(), e2e: {}, esGet: {}, parser: {}, perChunk: null, ttfe: {}, memory: {}, cycles: {}, concurrency: {} };
  try {
    let p = await openPage(browser, index, { init: true });
    for (const c of Object.values(corpora)) {
      log(`chromium: end to end, ${c.name}`);
      const rounds = c.name === 'large' ? cfg.largeRounds : cfg.rounds;
      r.e2e[c.name] = await p.page.evaluate((a) => globalThis.__bench.endToEnd(a),
        { ids: e2eIds(c.name), url: c.url, rounds, warmup: cfg.warmup, types: c.types });
    }
    for (const name of GET_CORPORA) {
      log(`chromium (no DevTools attached): EventSource classes over GET, ${name}`);
      r.esGet[name] = await runBare(base, { fn: 'endToEnd', arg: { ids: GET_IDS, url: corpora[name].url, method: 'GET',
        rounds: cfg.getRounds, warmup: cfg.warmup, types: corpora[name].types } });
    }
    log(`chromium: fixed cost per chunk, ${PER_CHUNK_CORPUS} cut into one event per chunk`);
    r.perChunk = { corpus: PER_CHUNK_CORPUS, ...await p.page.evaluate((a) => globalThis.__bench.parserOnly(a),
      { ids: BROWSER_PER_CHUNK_IDS, url: corpora[PER_CHUNK_CORPUS].url, chunk: 'event', rounds: cfg.parserRounds,
        warmup: cfg.warmup, types: corpora[PER_CHUNK_CORPUS].types }) };
    for (const name of BROWSER_PARSER_CORPORA) {
      r.parser[name] = {};
      for (const chunk of BROWSER_PARSER_CHUNKS) {
        log(`chromium: parser only, ${name}, ${chunk} B chunks`);
        r.parser[name][chunk] = await p.page.evaluate((a) => globalThis.__bench.parserOnly(a),
          { ids: BROWSER_PARSER_IDS, url: corpora[name].url, chunk, rounds: cfg.parserRounds, warmup: cfg.warmup,
            types: corpora[name].types });
      }
    }
    log('chromium: time to first event, warm');
    r.ttfe.warm = await p.page.evaluate((a) => globalThis.__bench.firstEventWarm(a),
      { ids: IDS, url: base + FIRST_EVENT_PATH, rounds: cfg.ttfeRounds });
    log('chromium: concurrency');
    const port = new URL(base).port;
    for (const n of cfg.concurrency) {
      const urls = Array.from({ length: n }, (_, i) => `http://s${i}${BENCH_HOST_SUFFIX}:${port}${CONC_PATH}`);
      r.concurrency[n] = {};
      for (const id of IDS) r.concurrency[n][id] = [];
      for (let k = 0; k < cfg.concRounds; k++) {
        for (const id of IDS) {
          await p.page.evaluate(() => globalThis.__bench.gc());
          r.concurrency[n][id].push(await p.page.evaluate(([i, u, t]) => globalThis.__bench.concurrent(i, u, t),
            [id, urls, allTypes]));
        }
      }
    }
    await p.close();

    log('chromium: time to first event, cold (a fresh context per run)');
    r.ttfe.cold = {};
    for (const id of IDS) r.ttfe.cold[id] = [];
    const firstURL = encodeURIComponent(base + FIRST_EVENT_PATH);
    for (let i = 0; i < cfg.coldRuns; i++) {
      for (const id of IDS) {
        const c = await openPage(browser, `${base}/static/cold.html?c=${id}&url=${firstURL}`);
        await c.page.waitForFunction(() => globalThis.__cold !== undefined);
        r.ttfe.cold[id].push(await c.page.evaluate(() => globalThis.__cold));
        await c.close();
      }
    }
    log('chromium: time to first event, cold, sse.wasm preloaded (a fresh context per run)');
    r.ttfe.preload = { start: [], ready: [] };
    for (let i = 0; i < cfg.coldRuns; i++) {
      for (const open of ['start', 'ready']) {
        const c = await openPage(browser, `${base}/static/cold-preload.html?open=${open}&url=${firstURL}`);
        await c.page.waitForFunction(() => globalThis.__cold !== undefined);
        r.ttfe.preload[open].push(await c.page.evaluate(() => globalThis.__cold));
        await c.close();
      }
    }

    log('chromium: memory after streaming the large corpus (a fresh page per client)');
    for (const id of IDS) {
      p = await openPage(browser, index, { init: id === 'wasm-sse' });
      const before = await p.page.evaluate(() => globalThis.__bench.memory());
      const run = await p.page.evaluate((a) => globalThis.__bench.endToEnd(a),
        { ids: [id], url: corpora.large.url, rounds: 1, warmup: 0, types: corpora.large.types });
      const after = await p.page.evaluate(() => globalThis.__bench.memory());
      r.memory[id] = { before, after, events: run.counts[id].events };
      await p.close();
    }

    for (const id of ['wasm-sse', 'eventsource-parser', 'fetch-event-source']) {
      const cycles = id === 'wasm-sse' ? cfg.cycles : cfg.peerCycles;
      log(`chromium: ${cycles} open/close cycles, ${id}`);
      const at = [0, 100, cycles / 10, cycles / 4, cycles / 2, cycles].filter((v, i, a) => a.indexOf(v) === i);
      p = await openPage(browser, index, { init: id === 'wasm-sse' });
      r.cycles[id] = await p.page.evaluate((a) => globalThis.__bench.openClose(a),
        { id, url: base + FIRST_EVENT_PATH, cycles, at });
      await p.close();
    }

    if (process.env.BENCH_PROFILE !== '0') {
      log('chromium: CPU profiles');
      r.profile = await profiles(browser, index, corpora, cfg.profileRuns);
    }
  } finally {
    await browser.close();
  }
  return r;
}

main().catch((err) => {
  process.stderr.write(`bench: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
