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
  ? { rounds: 2, warmup: 1, largeRounds: 1, parserRounds: 2, ttfeRounds: 3, coldRuns: 2, cycles: 500, peerCycles: 100,
    concRounds: 1, concurrency: [1, 10, 100], profileRuns: 1 }
  : { rounds: 5, warmup: 1, largeRounds: 3, parserRounds: 5, ttfeRounds: 7, coldRuns: 5, cycles: 10000, peerCycles: 1000,
    concRounds: 3, concurrency: [1, 10, 100], profileRuns: 3 };

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
/** The clients of the parser-only measure (direct rows first). */
const PARSER_IDS = ['decode-only', 'raw-read', 'eventsource-parser-feed', 'wasm-sse', 'eventsource-parser',
  'fetch-event-source', 'eventsource'];
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

/** nodeMeasures runs measures 2, 3 and 4 in Node, each in fresh processes. */
async function nodeMeasures(base, corpora) {
  const r = { e2e: {}, parser: {}, ttfe: {} };
  for (const c of Object.values(corpora)) {
    log(`node: end to end, ${c.name}`);
    const rounds = c.name === 'large' ? cfg.largeRounds : cfg.rounds;
    r.e2e[c.name] = await nodeTask({ measure: 'e2e', ids: e2eIds(c.name), url: c.url, rounds, warmup: cfg.warmup, types: c.types });
  }
  for (const chunk of [65536, 1024]) {
    log(`node: parser only, small, ${chunk} B chunks`);
    r.parser[chunk] = await nodeTask({ measure: 'parser', ids: PARSER_IDS, url: corpora.small.url, chunk,
      rounds: cfg.parserRounds, warmup: cfg.warmup, types: corpora.small.types });
  }
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

/** browserMeasures runs measures 1, 3, 4, 5 and 7 in headless Chromium. */
async function browserMeasures(base, corpora, allTypes) {
  const index = `${base}/static/index.html`;
  const browser = await launch();
  const r = { version: browser.version(), e2e: {}, parser: {}, ttfe: {}, memory: {}, cycles: {}, concurrency: {} };
  try {
    let p = await openPage(browser, index, { init: true });
    for (const c of Object.values(corpora)) {
      log(`chromium: end to end, ${c.name}`);
      const rounds = c.name === 'large' ? cfg.largeRounds : cfg.rounds;
      r.e2e[c.name] = await p.page.evaluate((a) => globalThis.__bench.endToEnd(a),
        { ids: e2eIds(c.name), url: c.url, rounds, warmup: cfg.warmup, types: c.types });
    }
    for (const chunk of [65536, 1024]) {
      log(`chromium: parser only, small, ${chunk} B chunks`);
      r.parser[chunk] = await p.page.evaluate((a) => globalThis.__bench.parserOnly(a),
        { ids: PARSER_IDS, url: corpora.small.url, chunk, rounds: cfg.parserRounds, warmup: cfg.warmup,
          types: corpora.small.types });
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
