// BENCHMARKS.md from the results of run.mjs. Reports only: a missed target
// is marked ✗ next to its number.
import { readFileSync } from 'node:fs';
import { clientNames } from './clients.js';
import { CORPORA } from './corpora.js';
import { summarize } from './stats.js';

const RAW = 'raw-read';

/** sse.wasm's size budget in bytes ({raw, gzip, brotli}; absent or 0: none), shared with `make size`. */
const BUDGET = JSON.parse(readFileSync(new URL('../../../size-budget.json', import.meta.url), 'utf8'));

/** Names of the parser-only reference rows. */
const PARSER_NAMES = {
  'decode-only': 'TextDecoder alone, array of chunks (no stream, no parsing)',
  'raw-read': 'reader.read() of the in-memory stream alone (no decoding)',
  'eventsource-parser-feed': 'eventsource-parser feed() + TextDecoder, array of chunks (no stream)',
  'wasm-sse': 'wasm-sse fetchEventSource, injected fetch',
  'eventsource-parser': 'eventsource-parser + TextDecoder, injected fetch',
  'fetch-event-source': '@microsoft/fetch-event-source, injected fetch',
  eventsource: 'eventsource (npm), injected fetch',
};

/** @param {number} ms */
function fms(ms) {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

/** @param {number[]} samples */
function cell(samples) {
  const s = summarize(samples);
  return s.n === 0 ? '—' : s.n === 1 ? fms(s.median) : `${fms(s.median)} (${fms(s.min)}–${fms(s.max)})`;
}

/** @param {number} x */
function fx(x) {
  return Number.isFinite(x) ? `${x.toFixed(2)}×` : '—';
}

/** @param {number} perSecond */
function frate(perSecond) {
  if (!Number.isFinite(perSecond)) return '—';
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(0)} k/s`;
  return `${perSecond.toFixed(0)}/s`;
}

/** @param {number} bytes @param {number} ms */
function fmbps(bytes, ms) {
  return Number.isFinite(ms) && ms > 0 ? `${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s` : '—';
}

/** @param {number} b */
function fbytes(b) {
  if (!Number.isFinite(b)) return '—';
  if (b >= 1e6) return `${(b / 1e6).toFixed(2)} MB`;
  if (b >= 1e3) return `${(b / 1e3).toFixed(1)} KB`;
  return `${b} B`;
}

/** fbudget formats a budget in decimal units as written: 2200000 → "2.2 MB". @param {number} b */
function fbudget(b) {
  if (b >= 1e6) return `${b / 1e6} MB`;
  if (b >= 1e3) return `${b / 1e3} KB`;
  return `${b} B`;
}

/** @param {number} b */
function fmib(b) {
  return Number.isFinite(b) ? `${(b / 2 ** 20).toFixed(2)} MiB` : '—';
}

/** @param {boolean} ok */
const mark = (ok) => (ok ? '✓' : '✗');

/**
 * ratios returns per-round ratios of times[id] to times[raw-read] (the
 * rounds of a measure are aligned: every client ran once per round).
 */
function ratios(times, id) {
  const a = times[id], b = times[RAW];
  return a.map((t, i) => t / b[i]);
}

/** @param {string[]} head @param {string[][]} rows */
function table(head, rows) {
  const out = [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const r of rows) out.push(`| ${r.join(' | ')} |`);
  return out.join('\n');
}

/** events cell: the count, checked against the corpus' own. */
function eventsCell(id, got, want) {
  if (id === RAW || id === 'raw-decode' || id === 'decode-only') return `${got.events} chunks`;
  return got.events === want ? `${got.events} ✓` : `**${got.events} ≠ ${want}**`;
}

/** e2eTable renders one end-to-end result (one environment, one corpus). */
function e2eTable(res, corpus) {
  const rows = Object.keys(res.times).map((id) => {
    const med = summarize(res.times[id]).median;
    const isRaw = id === RAW || id === 'raw-decode';
    return [
      clientNames[id] ?? id,
      cell(res.times[id]),
      isRaw ? '—' : frate(corpus.events / (med / 1000)),
      fmbps(corpus.bytes, med),
      id === RAW ? '1.00×' : `${fx(summarize(ratios(res.times, id)).median)} (${fx(summarize(ratios(res.times, id)).min)}–${fx(summarize(ratios(res.times, id)).max)})`,
      eventsCell(id, res.counts[id], corpus.events),
    ];
  });
  return table(['client', 'time ms, median (min–max)', 'events/s', 'throughput', '× raw read (per-round ratio)', 'events'], rows);
}

/** targets checks the performance and size targets against the results. */
export function targets(r) {
  const out = [];
  const be = r.browser.e2e.small;
  if (be) {
    const w = summarize(ratios(be.times, 'wasm-sse')).median;
    const esp = summarize(ratios(be.times, 'eventsource-parser')).median;
    const fes = summarize(ratios(be.times, 'fetch-event-source')).median;
    out.push(['Chromium, small corpus end to end: wasm-sse ≤ 1.5× the raw read loop', fx(w), mark(w <= 1.5)]);
    out.push(['… and faster than eventsource-parser + fetch (peer estimated at ~1.8×)', `${fx(w)} vs ${fx(esp)}`, mark(w < esp)]);
    out.push(['… and faster than fetch-event-source (peer estimated at ~3.3×)', `${fx(w)} vs ${fx(fes)}`, mark(w < fes)]);
  }
  const np = r.node.parser[65536];
  if (np) {
    const mb = (id) => r.corpora.small.bytes / 1e6 / (summarize(np.times[id]).median / 1000);
    const w = mb('wasm-sse'), esp = mb('eventsource-parser-feed');
    out.push(['Node parser-only, small corpus, 64 KiB chunks: wasm-sse ≥ eventsource-parser incl. TextDecoder (peer estimated at ~340 MB/s)',
      `${w.toFixed(0)} vs ${esp.toFixed(0)} MB/s`, mark(w >= esp)]);
  }
  const cold = r.browser.ttfe.cold;
  if (cold) {
    const w = summarize(cold['wasm-sse'].map((c) => c.call)).median;
    const raw = summarize(cold[RAW].map((c) => c.call)).median;
    out.push(['Chromium cold time to first event ≤ 40 ms above the raw fetch\'s', `+${fms(w - raw)} ms (${fms(w)} vs ${fms(raw)})`, mark(w - raw <= 40)]);
  }
  const cy = r.browser.cycles['wasm-sse'];
  if (cy && cy.length >= 3) {
    const first = cy.find((s) => s.cycles >= 1000) ?? cy[1];
    const last = cy[cy.length - 1];
    const flat = last.wasm === first.wasm && last.heap <= first.heap * 1.05 + 65536
      && last.liveFuncs === cy[0].liveFuncs && last.goroutines === cy[0].goroutines;
    out.push([`Memory flat across open/close cycles (wasm memory equal, JS heap within 5% + 64 KiB, js.Funcs and goroutines back to the start, ${first.cycles} → ${last.cycles} cycles)`,
      `wasm ${fmib(first.wasm)} → ${fmib(last.wasm)}, heap ${fmib(first.heap)} → ${fmib(last.heap)}, funcs ${last.liveFuncs}, goroutines ${cy[0].goroutines} → ${last.goroutines}`, mark(flat)]);
  }
  const wasm = r.sizes[0];
  for (const kind of ['raw', 'gzip', 'brotli']) {
    if (BUDGET[kind] > 0) out.push([`sse.wasm ≤ ${fbudget(BUDGET[kind])} ${kind}`, fbytes(wasm[kind]), mark(wasm[kind] <= BUDGET[kind])]);
  }
  return out;
}

/**
 * profileSection renders the CPU profiles: self time per category per run,
 * side by side, then wasm-sse's top functions.
 * @param {any} pr
 * @returns {string[]}
 */
function profileSection(pr) {
  const L = [];
  const cols = pr.columns;
  L.push('## Where the time goes: Chromium CPU profiles', '',
    `CDP sampling profiler (100 µs) in one page that loaded a build of sse.wasm keeping its name section (same code):`,
    `${pr.runs} end-to-end runs of the small corpus per client; one wasm-sse run of the large and of the mixed corpus; one`,
    'wasm-sse parser-only run over 1 KiB chunks; each after an unprofiled warm-up. Renderer main thread only (the',
    'network stack runs in other processes). Each sample counts as the median sampling interval, so a descheduled',
    'renderer on a busy machine does not skew the split. Self time in ms **per run**; "browser native (program)" is',
    'the renderer\'s own work outside JS (network data pipes, stream and task plumbing) and is the bulk of the raw loop.',
    'The profiles are saved as `out/bench/<column>.cpuprofile` (open them in Chromium DevTools → Performance).', '');
  const cats = new Set();
  for (const s of cols) for (const c of s.categories) cats.add(c.name);
  const rows = [...cats].map((name) => [name, ...cols.map((s) => {
    const c = s.categories.find((x) => x.name === name);
    return c ? fms(c.ms / s.runs) : '—';
  })]);
  rows.push(['**busy (all but idle)**', ...cols.map((s) => `**${fms(s.busyMs / s.runs)}**`)]);
  rows.push(['wall time of a run (ms, median)', ...cols.map((s) => fms(summarize(s.times).median))]);
  L.push(table(['self time per run (ms)', ...cols.map((s) => s.label)], rows), '');
  for (const s of cols.filter((c) => c.label.startsWith('wasm-sse'))) {
    L.push(`Top functions by self time, ${s.label} (\`${s.file}\`):`, '');
    L.push(table(['function', 'where', 'category', '% of busy'],
      s.top.slice(0, 12).map((t) => [`\`${t.fn}\``, t.where, t.category, `${t.busyPct.toFixed(1)}%`])), '');
  }
  return L;
}

/**
 * report renders BENCHMARKS.md.
 * @param {any} r the results object of run.mjs
 */
export function report(r) {
  const f = r.facts;
  const L = [];
  const p = (...s) => L.push(...s);
  p('# Benchmarks: wasm-sse against its peers', '');
  p('Generated by `make bench` (npm/bench/run.mjs): do not edit by hand. Every number below is from one run on',
    'one machine; medians of several runs with (min–max). The harness only reports — no timing gates a build.', '');
  if (r.quick) p('> **Quick run (BENCH_QUICK=1): few repetitions, not for comparison.**', '');
  p('## Machine and run', '');
  p(table(['', ''], [
    ['CPU', `${f.cpu}, ${f.cores} cores, ${f.memory} RAM`],
    ['OS', f.os],
    ['load average (1 min) at start / end', `${r.load.start} / ${r.load.end} — other work on the machine shows up as noise`],
    ['Go', f.go],
    ['Node', f.node],
    ['Chromium', `${r.browser.version} (Debian, headless, via playwright-core ${f.packages['playwright-core']})`],
    ['peers', `@microsoft/fetch-event-source ${f.packages['@microsoft/fetch-event-source']}, eventsource-parser ${f.packages['eventsource-parser']}, eventsource ${f.packages.eventsource}; bundled with esbuild ${f.packages.esbuild}`],
    ['wasm-sse commit', `${f.commit}${f.dirty ? ' (with uncommitted changes under wasm/, jsbridge/ or npm/src/)' : ''}`],
    ['date', r.started],
    ['duration', `${r.seconds.toFixed(0)} s`],
    ['command', `\`${r.command}\``],
  ]), '');
  p('Repetitions: end to end ' + `${r.cfg.rounds} rounds (large corpus ${r.cfg.largeRounds}) after ${r.cfg.warmup} warm-up round; `
    + `parser-only ${r.cfg.parserRounds}; time to first event ${r.cfg.ttfeRounds} warm, ${r.cfg.coldRuns} cold; `
    + `concurrency ${r.cfg.concRounds}. Clients run interleaved within a round (rotated order), a full GC before each run.`, '');

  p('## Targets', '');
  p(table(['target', 'measured', ''], targets(r)), '');

  p('## Corpora', '', 'Served by the Go test server (`/corpus?name=…`, any method; every client uses POST).', '');
  p(table(['corpus', 'bytes', 'events', 'content'], Object.values(r.corpora).map((c) => [c.name, fbytes(c.bytes), String(c.events), CORPORA[c.name]])), '');

  p('## 1. End to end in headless Chromium', '',
    'A page served by the test server streams each corpus over POST with each client; time from the call until the',
    'stream has ended and every event reached the JS callback (which reads `data.length`). The raw loops count chunks.',
    'Ratios are per round against the raw `fetch` + `reader.read()` loop of the same round in the same page.', '');
  for (const [name, res] of Object.entries(r.browser.e2e)) p(`### ${name}`, '', e2eTable(res, r.corpora[name]), '');
  p('## 2. End to end in Node', '', `Node ${f.node}, its built-in fetch (undici); the same clients and corpora, one fresh process per corpus.`, '');
  for (const [name, res] of Object.entries(r.node.e2e)) p(`### ${name}`, '', e2eTable(res, r.corpora[name]), '');

  p('## 3. Parser-only throughput', '',
    'The small corpus held in memory, cut into chunks of 64 KiB and of 1 KiB, fed through each library\'s public API.',
    'wasm-sse has no parser-only entry point in its public API, so it (like fetch-event-source and eventsource) is',
    'fed through its `fetch` option: a `Response` over an in-memory `ReadableStream` handing out the chunks. That',
    'includes the stream machinery (the "reader.read() alone" row is its floor); eventsource-parser is shown both ways.', '');
  for (const env of ['node', 'browser']) {
    for (const [chunk, res] of Object.entries(r[env].parser ?? {})) {
      p(`### ${env === 'node' ? 'Node' : 'Chromium'}, ${Number(chunk) >= 1024 ? `${Number(chunk) / 1024} KiB` : `${chunk} B`} chunks`, '');
      p(table(['client', 'time ms, median (min–max)', 'throughput', 'events'], Object.keys(res.times).map((id) => [
        PARSER_NAMES[id] ?? id, cell(res.times[id]), fmbps(r.corpora.small.bytes, summarize(res.times[id]).median),
        eventsCell(id, res.counts[id], r.corpora.small.events),
      ])), '');
    }
  }

  p('## 4. Time to first event', '',
    '`/sse?events=1&end=hang`: time from the call to the first event\'s callback, then abort. **Warm**: the page (or',
    'process) has already run every client, so sse.wasm is loaded. **Cold**: a fresh browser context per run, whose',
    'page bundles only that client (esbuild, minified); "from call" starts when the client is called (for wasm-sse this',
    'includes fetching, compiling and starting sse.wasm — served with `Cache-Control: no-store`, so never from a',
    'code cache), "from navigation" starts at the navigation (HTML, bundle, then the stream). Node cold: a fresh',
    'process per run ("process" is from the process\'s time origin).', '');
  const bt = r.browser.ttfe, nt = r.node.ttfe;
  p(table(['client', 'Chromium warm', 'Chromium cold, from call', 'Chromium cold, from navigation', 'Node warm', 'Node cold, from call', 'Node cold, from process start'],
    Object.keys(bt.warm).map((id) => [clientNames[id] ?? id, cell(bt.warm[id]),
      cell(bt.cold[id].map((c) => c.call)), cell(bt.cold[id].map((c) => c.navigation)),
      cell(nt.warm[id]), cell(nt.cold[id].map((c) => c.call)), cell(nt.cold[id].map((c) => c.process))])), '');
  p('Times in ms, median (min–max).', '');

  p('## 5. Memory (Chromium)', '',
    'JS heap: V8\'s used heap after a full GC (CDP `Runtime.getHeapUsage`). Wasm: the byteLength of the Go module\'s',
    'linear memory (it never shrinks, so it is the high-water mark); wasm-sse does not expose its instance, so the',
    'bench page records it by wrapping `WebAssembly.instantiate*` — no hook in the product is needed.', '',
    '### After streaming the large corpus (2k × 64 KiB) once, fresh page per client', '');
  p(table(['client', 'JS heap before', 'JS heap after', 'wasm memory before', 'wasm memory after', 'events'],
    Object.entries(r.browser.memory).map(([id, m]) => [clientNames[id] ?? id, fmib(m.before.heap), fmib(m.after.heap),
      m.after.wasm ? fmib(m.before.wasm) : '—', m.after.wasm ? fmib(m.after.wasm) : '—', String(m.events)])), '');
  p('### Open/close cycles', '',
    'Each cycle opens `/sse?events=1&end=hang`, waits for the event and aborts (a real network request each time);',
    'a fresh page per client. wasm-sse also reports its live `js.Func` count and goroutines (the package\'s debug API).', '');
  for (const [id, samples] of Object.entries(r.browser.cycles)) {
    p(`**${clientNames[id] ?? id}**`, '');
    const go = id === 'wasm-sse';
    p(table(['cycles', 'elapsed', 'JS heap', 'wasm memory', ...(go ? ['live js.Funcs', 'goroutines'] : [])],
      samples.map((s) => [String(s.cycles), `${(s.ms / 1000).toFixed(1)} s`, fmib(s.heap), go ? fmib(s.wasm) : '—',
        ...(go ? [String(s.liveFuncs), String(s.goroutines)] : [])])), '');
  }

  p('## 6. Size of what a page downloads', '',
    'sse.wasm as built by `make build` (`-trimpath -ldflags="-s -w"`); every JS row is an esbuild bundle of that export,',
    'minified (gzip level 9, brotli quality 11).', '');
  p(table(['what', 'raw', 'gzip', 'brotli'], r.sizes.map((s) => [s.name, fbytes(s.raw), fbytes(s.gzip), fbytes(s.brotli)])), '');
  const shim = r.sizes[1], wasm = r.sizes[0];
  p(`A page using wasm-sse downloads ${fbytes(wasm.gzip + shim.gzip)} gzip / ${fbytes(wasm.brotli + shim.brotli)} brotli in all.`, '');

  p('## 7. Concurrency (Chromium)', '',
    `N simultaneous streams of \`${'/sse?events=2000&size=100'}\` (2000 events of 100 bytes, each event written and flushed`,
    'on its own) in one page; time until all have ended. Each stream gets its own hostname (sN.bench.test, mapped to',
    '127.0.0.1 by `--host-resolver-rules`) so HTTP/1.1\'s six-connections-per-host limit does not queue them.', '');
  const crow = [];
  for (const [n, byId] of Object.entries(r.browser.concurrency)) {
    const raw = byId[RAW].map((x) => x.ms);
    for (const [id, runs] of Object.entries(byId)) {
      const ms = runs.map((x) => x.ms);
      const med = summarize(ms).median;
      const rs = ms.map((t, i) => t / raw[i]);
      const want = Number(n) * 2000;
      const got = runs[runs.length - 1].events;
      const isRaw = id === RAW || id === 'raw-decode';
      crow.push([n, clientNames[id] ?? id, cell(ms), isRaw ? '—' : frate(want / (med / 1000)),
        id === RAW ? '1.00×' : fx(summarize(rs).median), isRaw ? `${got} chunks` : (got === want ? `${got} ✓` : `**${got} ≠ ${want}**`)]);
    }
  }
  p(table(['streams', 'client', 'time ms, median (min–max)', 'events/s', '× raw read', 'events'], crow), '');

  if (r.browser.profile) p(...profileSection(r.browser.profile));

  p('## Notes', '',
    '- `eventsource` (npm) only does GET: its `fetch` option turns the request into a POST. It has no catch-all',
    '  listener, so the harness listens to every event type of the corpus. At the end of a body it schedules a',
    '  reconnect: its run ends at that error event.',
    '- `@microsoft/fetch-event-source` calls `onmessage` for every blank line, so blocks without data (comments,',
    '  `id:`/`retry:`-only blocks) count as events: its count on the mixed corpus is higher than the spec\'s. In Node it',
    '  needs `window` and `document` stand-ins (dispose() touches them even with `openWhenHidden`).',
    '- Everything shares one machine with the test server (Go, same cores): the server\'s writing is part of every',
    '  end-to-end time, equally for every client. At 100 concurrent streams the server (one flushed write per event)',
    '  is the bottleneck, so the clients bunch up near the raw loop there.',
    '- The EventSource-style rows (wasm-sse\'s `EventSource`, the `eventsource` package) create and dispatch a',
    '  `MessageEvent` per event through `EventTarget`; in Chromium that native object and dispatch dominate their time.',
    '  `fetchEventSource` and `events()` hand plain objects to a callback or an iterator.',
    '- On a loaded machine (see the load average) single runs swing widely; compare the per-round ratios, which pair',
    '  each run with the raw loop run next to it, rather than absolute times across sections.',
    '- Raw results (every sample) are in `out/bench/results.json` after a run.', '');
  return L.join('\n');
}
