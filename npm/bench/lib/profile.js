// CPU profiles (CDP Profiler) of wasm-sse streaming the corpora in
// Chromium, summarised by where the time goes: Go code in the wasm module
// (runtime, syscall/js, wasm-sse's own packages), the Go runtime's JS glue
// (wasm_exec), the wasm-sse JS shim, the benchmark's own callback, browser
// built-ins, V8's garbage collector, and idle (waiting for bytes).
//
// The module profiled is built without -s -w so its name section carries
// Go's function names (out/bench/prof/sse.wasm); the code is the same.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { openPage } from './browser.js';
import { npmDir } from './build.js';

const root = path.dirname(npmDir);

/**
 * buildNamedWasm builds ./wasm for js/wasm with its name section into
 * staticDir/prof/sse.wasm and returns the path.
 * @param {string} staticDir
 */
export function buildNamedWasm(staticDir) {
  const out = path.join(staticDir, 'prof', 'sse.wasm');
  execFileSync('go', ['build', '-trimpath', '-o', out, './wasm'], {
    cwd: root,
    env: { ...process.env, GOOS: 'js', GOARCH: 'wasm' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return out;
}

/**
 * moduleRanges maps line numbers of the (unminified) page bundle to the
 * source file esbuild put there (its `// path` comments).
 * @param {string} bundle
 * @returns {{line: number, file: string}[]}
 */
export function moduleRanges(bundle) {
  const ranges = [];
  const lines = bundle.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\/\/ ((?:npm|node_modules)\/\S+\.m?js)$/.exec(lines[i]);
    if (m) ranges.push({ line: i, file: m[1] });
  }
  return ranges;
}

/** @param {{line: number, file: string}[]} ranges @param {number} line */
function fileAt(ranges, line) {
  let f = '';
  for (const r of ranges) {
    if (r.line > line) break;
    f = r.file;
  }
  return f;
}

/** @param {string} url */
const isWasm = (url) => url.startsWith('wasm://') || url.endsWith('.wasm');

/**
 * category names the bucket of one profile node's call frame.
 * @param {{functionName: string, url: string, lineNumber: number}} cf
 * @param {{line: number, file: string}[]} ranges
 */
function category(cf, ranges) {
  const fn = cf.functionName;
  if (fn === '(idle)') return 'idle (waiting for the network)';
  if (fn === '(garbage collector)') return 'V8 garbage collector';
  if (fn === '(program)') return 'browser native (program)';
  if (fn === '(root)') return 'browser native (program)';
  if (isWasm(cf.url)) {
    // V8 shows Go's names with '/', '(', '*' and ')' folded to '_'.
    const name = fn.replace(/^\$/, '');
    if (/^(runtime|internal)[._]/.test(name)) return 'Go: runtime (scheduler, GC, allocation)';
    if (/^syscall_js[._]/.test(name)) return 'Go: syscall/js';
    if (name.startsWith('github.com_wasm_sse_wasm_sse_wasm_sse.')) return 'Go: wasm-sse parser (wasm/sse)';
    if (name.startsWith('github.com_wasm_sse_wasm_sse_')) return 'Go: wasm-sse client, jsapi, jsbridge';
    return 'Go: standard library (other)';
  }
  if (cf.url.endsWith('/js/bench.js')) {
    const file = fileAt(ranges, cf.lineNumber);
    if (file === 'npm/dist/go-runtime.js') return 'JS: Go runtime glue (wasm_exec)';
    if (file.startsWith('npm/src/')) return 'JS: wasm-sse shim (npm/src)';
    if (file.startsWith('npm/bench/')) return 'JS: benchmark callback + loop';
    return `JS: ${file || 'bench.js'}`;
  }
  if (cf.url === '') return 'browser built-ins (TextDecoder, promises, streams …)';
  return `JS: ${cf.url}`;
}

/**
 * summarise turns a CDP profile into self time per category and the top
 * functions by self time.
 * @param {any} profile
 * @param {{line: number, file: string}[]} ranges
 */
export function summarise(profile, ranges) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Each sample counts as the median sampling interval: on a busy machine
  // the renderer is sometimes descheduled, and the time delta after such a
  // gap (up to tens of ms) would be charged to whatever ran before it.
  const deltas = [...profile.timeDeltas].sort((a, b) => a - b);
  const interval = deltas.length > 0 ? deltas[deltas.length >> 1] : 100;
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + interval);
  }
  const cats = new Map();
  const fns = new Map();
  let total = 0;
  for (const [id, us] of self) {
    const cf = byId.get(id).callFrame;
    total += us;
    const cat = category(cf, ranges);
    cats.set(cat, (cats.get(cat) ?? 0) + us);
    const where = isWasm(cf.url) ? 'sse.wasm' : cf.url.endsWith('/js/bench.js')
      ? `${fileAt(ranges, cf.lineNumber)}:${cf.lineNumber - (ranges.find((r) => r.file === fileAt(ranges, cf.lineNumber))?.line ?? 0)}`
      : (cf.url || 'native');
    const key = `${cf.functionName || '(anonymous)'}\t${where}`;
    const f = fns.get(key) ?? { fn: cf.functionName || '(anonymous)', where, category: cat, us: 0 };
    f.us += us;
    fns.set(key, f);
  }
  const busy = total - (cats.get('idle (waiting for the network)') ?? 0);
  const pct = (us) => (100 * us) / total;
  const busyPct = (us) => (100 * us) / busy;
  return {
    samples: profile.samples.length,
    intervalUs: interval,
    totalMs: total / 1000,
    busyMs: busy / 1000,
    categories: [...cats].map(([name, us]) => ({ name, ms: us / 1000, pct: pct(us), busyPct: busyPct(us) }))
      .sort((a, b) => b.ms - a.ms),
    top: [...fns.values()].filter((f) => f.fn !== '(idle)').sort((a, b) => b.us - a.us).slice(0, 25)
      .map((f) => ({ fn: f.fn, where: f.where, category: f.category, ms: f.us / 1000, pct: pct(f.us), busyPct: busyPct(f.us) })),
  };
}

/**
 * profile runs fn under the CDP sampling profiler (100 µs) and returns the
 * raw profile.
 * @param {import('playwright-core').CDPSession} cdp
 * @param {() => Promise<any>} fn
 */
async function profile(cdp, fn) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const result = await fn();
  const { profile: prof } = await cdp.send('Profiler.stop');
  return { prof, result };
}

/** The clients profiled end to end on the small and llm-like corpora, for comparison. */
export const PROFILED = ['raw-read', 'eventsource-parser', 'wasm-sse'];

/**
 * profiles profiles, in one fresh page that loaded the named build: `runs`
 * end-to-end runs of the small and of the llm-like corpus by each PROFILED
 * client (after one unprofiled warm-up each); one wasm-sse run of the large
 * and of the mixed corpus; one wasm-sse parser-only run over 1 KiB chunks
 * of the small corpus; and one run of each PROFILED client over the
 * llm-like corpus cut into one event per chunk (per-chunk overhead). Saves each .cpuprofile next to the page
 * (open them in DevTools) and returns the summaries as columns.
 * @param {import('playwright-core').Browser} browser
 * @param {string} index the bench page URL
 * @param {Record<string, {url: string}>} corpora
 * @param {number} runs
 */
export async function profiles(browser, index, corpora, runs) {
  const staticDir = path.resolve(root, process.env.BENCH_STATIC_DIR ?? 'out/bench');
  buildNamedWasm(staticDir);
  const bundle = await fs.readFile(path.join(staticDir, 'js', 'bench.js'), 'utf8');
  const ranges = moduleRanges(bundle);
  const p = await openPage(browser, index);
  const columns = [];
  try {
    await p.page.waitForFunction(() => globalThis.__bench !== undefined);
    await p.page.evaluate(() => globalThis.__bench.init('prof/sse.wasm'));
    const e2e = (id, url, rounds, warmup) => p.page.evaluate((a) => globalThis.__bench.endToEnd(a),
      { ids: [id], url, rounds, warmup, noGC: true });
    const parser = (rounds, warmup) => p.page.evaluate((a) => globalThis.__bench.parserOnly(a),
      { ids: ['wasm-sse'], url: corpora.small.url, chunk: 1024, rounds, warmup, noGC: true });
    const perEvent = (id) => (rounds, warmup) => p.page.evaluate((a) => globalThis.__bench.parserOnly(a),
      { ids: [id], url: corpora['llm-like'].url, chunk: 'event', rounds, warmup, noGC: true });
    const plan = [
      ...PROFILED.map((id) => ({ id, file: id, label: `${id}, small`, n: runs, run: (k, w) => e2e(id, corpora.small.url, k, w) })),
      ...PROFILED.map((id) => ({ id, file: `${id}-llm-like`, label: `${id}, llm-like`, n: runs,
        run: (k, w) => e2e(id, corpora['llm-like'].url, k, w) })),
      { id: 'wasm-sse', file: 'wasm-sse-large', label: 'wasm-sse, large', n: 1, run: (k, w) => e2e('wasm-sse', corpora.large.url, k, w) },
      { id: 'wasm-sse', file: 'wasm-sse-mixed', label: 'wasm-sse, mixed', n: 1, run: (k, w) => e2e('wasm-sse', corpora.mixed.url, k, w) },
      { id: 'wasm-sse', file: 'wasm-sse-1k', label: 'wasm-sse, parser-only 1 KiB chunks', n: 1, run: parser },
      ...PROFILED.map((id) => ({ id, file: `${id}-per-chunk`, label: `${id}, one llm-like event per chunk`, n: 1, run: perEvent(id) })),
    ];
    for (const c of plan) {
      await c.run(0, 1);
      const { prof, result } = await profile(p.cdp, () => c.run(c.n, 0));
      await fs.writeFile(path.join(staticDir, `${c.file}.cpuprofile`), JSON.stringify(prof));
      columns.push({ label: c.label, file: `${c.file}.cpuprofile`, runs: c.n, times: result.times[c.id], ...summarise(prof, ranges) });
    }
  } finally {
    await p.close();
  }
  return { runs, columns };
}
