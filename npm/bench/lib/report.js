// BENCHMARKS.md from the results of run.mjs. Reports only: a missed target
// is marked ✗ next to its number.
import { readFileSync } from 'node:fs';
import { clientNames } from './clients.js';
import { CORPORA } from './corpora.js';
import { summarize } from './stats.js';

const RAW = 'raw-read';

/** sse.wasm's size budget in bytes ({raw, gzip, brotli}; absent or 0: none), shared with `make size`. */
const BUDGET = JSON.parse(readFileSync(new URL('../../../size-budget.json', import.meta.url), 'utf8'));

/** Names of the rows of the parser-only and per-chunk measures (the clients run over the in-memory fetch). */
const PARSER_NAMES = {
  'decode-only': 'TextDecoder alone, array of chunks (no stream, no parsing)',
  'raw-read': 'raw read: reader.read() of the in-memory stream alone (the floor)',
  'raw-decode': 'raw read + TextDecoder, in-memory stream',
  'eventsource-parser-feed': 'eventsource-parser feed() + TextDecoder, array of chunks (no stream)',
  'wasm-sse': 'wasm-sse fetchEventSource',
  'wasm-sse-iter': 'wasm-sse events() (for await)',
  'wasm-sse-es': 'wasm-sse EventSource (MessageEvent per event)',
  'eventsource-parser': 'eventsource-parser + TextDecoder + reader.read()',
  'fetch-event-source': '@microsoft/fetch-event-source',
  eventsource: 'eventsource (npm)',
};

/** Rows that count chunks, not events. */
const CHUNK_ROWS = new Set([RAW, 'raw-decode', 'decode-only']);

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

/** fbudget formats a budget as written: 2200000 → "2.2 MB", 655360 → "640 KiB". @param {number} b */
function fbudget(b) {
  if (b % 1024 === 0 && b >= 1024) return b % 2 ** 20 === 0 ? `${b / 2 ** 20} MiB` : `${b / 1024} KiB`;
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
 * ratios returns per-round ratios of times[id] to times[base] (default the
 * raw read; the rounds of a measure are aligned: every client ran once per
 * round).
 * @param {Record<string, number[]>} times
 * @param {string} id
 * @param {string} [base]
 */
function ratios(times, id, base = RAW) {
  const a = times[id], b = times[base];
  return a.map((t, i) => t / b[i]);
}

/**
 * extraPer100k returns, per round, how many ms times[id] took beyond
 * times[base] for every 100k events (the rounds are aligned).
 * @param {Record<string, number[]>} times
 * @param {string} id
 * @param {string} base
 * @param {number} events
 */
function extraPer100k(times, id, base, events) {
  const a = times[id], b = times[base];
  return a.map((t, i) => ((t - b[i]) / events) * 1e5);
}

/** @param {number[]} xs ratios: "median× (min×–max×)" */
function ratioCell(xs) {
  const s = summarize(xs);
  return s.n === 0 ? '—' : s.n === 1 ? fx(s.median) : `${fx(s.median)} (${fx(s.min)}–${fx(s.max)})`;
}

/** @param {string[]} head @param {string[][]} rows */
function table(head, rows) {
  const out = [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const r of rows) out.push(`| ${r.join(' | ')} |`);
  return out.join('\n');
}

/** events cell: the count, checked against the corpus' own. */
function eventsCell(id, got, want) {
  if (CHUNK_ROWS.has(id)) return `${got.events} chunks`;
  return got.events === want ? `${got.events} ✓` : `**${got.events} ≠ ${want}**`;
}

/** @param {number|string} chunk bytes, or 'event' */
function fchunk(chunk) {
  const n = Number(chunk);
  if (!Number.isFinite(n)) return 'one event';
  return n >= 1024 ? `${n / 1024} KiB` : `${n} B`;
}

/** e2eTable renders one end-to-end result (one environment, one corpus). */
function e2eTable(res, corpus, names = clientNames) {
  const rows = Object.keys(res.times).map((id) => {
    const med = summarize(res.times[id]).median;
    const isRaw = id === RAW || id === 'raw-decode';
    return [
      names[id] ?? id,
      cell(res.times[id]),
      isRaw ? '—' : frate(corpus.events / (med / 1000)),
      fmbps(corpus.bytes, med),
      id === RAW ? '1.00×' : ratioCell(ratios(res.times, id)),
      eventsCell(id, res.counts[id], corpus.events),
    ];
  });
  return table(['client', 'time ms, median (min–max)', 'events/s', 'throughput', '× raw read (per-round ratio)', 'events'], rows);
}

/**
 * mbps returns a parser-only result's throughput in MB/s for id:
 * {median, min, max} (min from the slowest run).
 */
function mbps(res, bytes, id) {
  const t = summarize(res.times[id] ?? []);
  const f = (ms) => bytes / 1e6 / (ms / 1000);
  return { median: f(t.median), min: f(t.max), max: f(t.min), n: t.n };
}

/** @param {{median: number, min: number, max: number, n: number}} m */
function mbpsCell(m) {
  if (m.n === 0 || !Number.isFinite(m.median)) return '—';
  const f = (x) => x.toFixed(0);
  return m.n === 1 ? `${f(m.median)}` : `${f(m.median)} (${f(m.min)}–${f(m.max)})`;
}

/**
 * A target: section key, what is asked, what was measured, met or not.
 * @typedef {{section: string, text: string, measured: string, ok: boolean}} Target
 */

/**
 * targets checks the performance and size targets against the results.
 * @returns {Target[]}
 */
export function targets(r) {
  /** @type {Target[]} */
  const out = [];
  const add = (section, text, measured, ok) => out.push({ section, text, measured, ok });
  const med = (xs) => summarize(xs).median;

  // End to end in Chromium (POST).
  const bl = r.browser.e2e['llm-like'];
  if (bl) {
    const w = med(ratios(bl.times, 'wasm-sse'));
    add('e2e', 'Chromium, llm-like corpus end to end: wasm-sse ≤ 2.0× the raw read loop', fx(w), w <= 2.0);
  }
  const bs = r.browser.e2e.small;
  if (bs) {
    const w = med(ratios(bs.times, 'wasm-sse'));
    const vsEsp = med(ratios(bs.times, 'wasm-sse', 'eventsource-parser'));
    const fes = med(ratios(bs.times, 'fetch-event-source'));
    add('e2e', 'Chromium, OpenAI-shaped (small) corpus end to end: wasm-sse ≤ 1.5× the raw read loop', fx(w), w <= 1.5);
    add('e2e', '… and within 5% of eventsource-parser + fetch or faster (per-round ratio wasm-sse / eventsource-parser ≤ 1.05)',
      `${fx(vsEsp)} (${fx(w)} vs ${fx(med(ratios(bs.times, 'eventsource-parser')))} raw)`, vsEsp <= 1.05);
    add('e2e', '… and faster than @microsoft/fetch-event-source', `${fx(w)} vs ${fx(fes)} raw`, w < fes);
  }
  for (const name of ['llm-like', 'small']) {
    const b = r.browser.e2e[name];
    if (!b || !b.times['wasm-sse-iter']) continue;
    const q = med(ratios(b.times, 'wasm-sse-iter', 'wasm-sse'));
    add('e2e', `Chromium, ${name} end to end: events() within 10% of fetchEventSource (per-round ratio ≤ 1.10)`, fx(q), q <= 1.10);
  }

  // Parser-only in Node.
  const np = r.node.parser ?? {};
  for (const name of ['llm-like', 'small']) {
    const byChunk = np[name];
    if (!byChunk) continue;
    const bytes = r.corpora[name].bytes;
    const w = (chunk) => mbps(byChunk[chunk], bytes, 'wasm-sse').median;
    const o = (chunk, id) => mbps(byChunk[chunk], bytes, id).median;
    if (byChunk[128]) {
      add('parser', `Node parser-only, ${name}, 128 B chunks: wasm-sse ≥ eventsource-parser (both through reader.read() of the mock fetch)`,
        `${w(128).toFixed(0)} vs ${o(128, 'eventsource-parser').toFixed(0)} MB/s`, w(128) >= o(128, 'eventsource-parser'));
    }
    const chunks = Object.keys(byChunk).map(Number).sort((a, b) => b - a);
    const faster = chunks.every((c) => w(c) > o(c, 'fetch-event-source'));
    add('parser', `Node parser-only, ${name}: wasm-sse faster than @microsoft/fetch-event-source at every chunk size`,
      chunks.map((c) => `${fchunk(c)}: ${w(c).toFixed(0)} vs ${o(c, 'fetch-event-source').toFixed(0)}`).join('; ') + ' MB/s', faster);
    if (name === 'llm-like') {
      for (const c of [65536, 1024]) {
        if (byChunk[c]) add('parser', `Node parser-only, llm-like, ${fchunk(c)} chunks: wasm-sse ≥ 200 MB/s`, `${w(c).toFixed(0)} MB/s`, w(c) >= 200);
      }
    }
    if (byChunk[1024] && byChunk[65536]) {
      const q = w(1024) / w(65536);
      add('parser', `Node parser-only, ${name}: wasm-sse at 1 KiB ≥ 90% of its 64 KiB throughput`,
        `${(q * 100).toFixed(0)}% (${w(1024).toFixed(0)} vs ${w(65536).toFixed(0)} MB/s)`, q >= 0.9);
    }
    if (name === 'small' && byChunk[65536]) {
      const esp = o(65536, 'eventsource-parser-feed');
      add('parser', 'Node parser-only, small, 64 KiB chunks: wasm-sse ≥ eventsource-parser feed() + TextDecoder without a stream',
        `${w(65536).toFixed(0)} vs ${esp.toFixed(0)} MB/s`, w(65536) >= esp);
    }
  }

  // Fixed cost per chunk in Node.
  const pc = r.node.perChunk;
  if (pc) {
    const ns = summarize(pc.times['wasm-sse']).median * 1e6 / pc.chunks;
    const above = med(perChunkAbove(pc, 'wasm-sse'));
    add('perChunk', 'Node, one event per chunk: wasm-sse ≤ 1000 ns per chunk above the raw read floor',
      `${above.toFixed(0)} ns above the floor (${ns.toFixed(0)} ns in all)`, above <= 1000);
  }

  const cold = r.browser.ttfe.cold;
  if (cold) {
    const w = summarize(cold['wasm-sse'].map((c) => c.call)).median;
    const raw = summarize(cold[RAW].map((c) => c.call)).median;
    add('ttfe', 'Chromium cold time to first event ≤ 40 ms above the raw fetch\'s', `+${fms(w - raw)} ms (${fms(w)} vs ${fms(raw)})`, w - raw <= 40);
    const pre = r.browser.ttfe.preload;
    if (pre) {
      for (const [open, how] of [['start', 'stream opened at start-up'], ['ready', 'stream opened once init() resolved']]) {
        const p = summarize(pre[open].map((c) => c.call)).median;
        add('ttfe', `… with sse.wasm preloaded and init() at start-up, ${how}: ≤ 40 ms above the raw fetch's cold`,
          `+${fms(p - raw)} ms (${fms(p)} vs ${fms(raw)})`, p - raw <= 40);
      }
    }
  }
  const warm = r.browser.ttfe.warm;
  if (warm) {
    const w = summarize(warm['wasm-sse']).median, raw = summarize(warm[RAW]).median;
    add('ttfe', 'Chromium warm time to first event within 1 ms of the raw fetch\'s', `+${fms(w - raw)} ms (${fms(w)} vs ${fms(raw)})`, w - raw <= 1);
  }
  const cy = r.browser.cycles['wasm-sse'];
  if (cy && cy.length >= 3) {
    const first = cy.find((s) => s.cycles >= 1000) ?? cy[1];
    const last = cy[cy.length - 1];
    const flat = last.wasm === first.wasm && last.heap <= first.heap * 1.05 + 65536
      && last.liveFuncs === cy[0].liveFuncs && last.goroutines === cy[0].goroutines;
    add('memory', `Memory flat across open/close cycles (wasm memory equal, JS heap within 5% + 64 KiB, js.Funcs and goroutines back to the start, ${first.cycles} → ${last.cycles} cycles)`,
      `wasm ${fmib(first.wasm)} → ${fmib(last.wasm)}, heap ${fmib(first.heap)} → ${fmib(last.heap)}, funcs ${last.liveFuncs}, goroutines ${cy[0].goroutines} → ${last.goroutines}`, flat);
  }
  // As `make size` applies them: raw to sse.wasm, gzip and brotli to sse.wasm + the shim.
  const wasm = r.sizes[0], shim = r.sizes[1];
  for (const kind of ['raw', 'gzip', 'brotli']) {
    if (!(BUDGET[kind] > 0)) continue;
    const [what, n] = kind === 'raw' ? ['sse.wasm', wasm.raw] : ['sse.wasm + the shim', wasm[kind] + shim[kind]];
    add('size', `${what} ≤ ${fbudget(BUDGET[kind])} ${kind} (size-budget.json)`, fbytes(n), n <= BUDGET[kind]);
  }
  return out;
}

/**
 * perChunkAbove returns, per round, the ns per chunk that id took beyond
 * the raw read of the same round.
 */
function perChunkAbove(pc, id) {
  return pc.times[id].map((t, i) => ((t - pc.times[RAW][i]) * 1e6) / pc.chunks);
}

/** targetTable renders the targets of one section (all when section is omitted). */
function targetTable(all, section) {
  const ts = section === undefined ? all : all.filter((t) => t.section === section);
  if (ts.length === 0) return [];
  return [table(['target', 'measured', ''], ts.map((t) => [t.text, t.measured, mark(t.ok)])), ''];
}

/**
 * parserTable renders one corpus of the parser-only measure: rows =
 * clients, columns = chunk sizes (MB/s).
 */
function parserTable(byChunk, corpus) {
  const chunks = Object.keys(byChunk).map(Number).sort((a, b) => b - a);
  const ids = Object.keys(byChunk[chunks[0]].times);
  return table(['client', ...chunks.map((c) => `${fchunk(c)} chunks, MB/s`), 'events'], ids.map((id) => {
    const counts = chunks.map((c) => byChunk[c].counts[id]);
    const ok = counts.every((c) => c.events === corpus.events);
    const ev = CHUNK_ROWS.has(id) ? '—' : ok ? `${corpus.events} ✓` : `**${counts.map((c) => c.events).join(' / ')} ≠ ${corpus.events}**`;
    return [PARSER_NAMES[id] ?? id, ...chunks.map((c) => mbpsCell(mbps(byChunk[c], corpus.bytes, id))), ev];
  }));
}

/** perChunkTable renders the fixed cost per chunk: ns per chunk, and above the raw read. */
function perChunkTable(pc, corpus) {
  const ids = Object.keys(pc.times);
  return table(['client', 'ns per chunk, median (min–max)', 'ns per chunk above the raw read (per round)', 'events'], ids.map((id) => {
    const ns = summarize(pc.times[id].map((ms) => (ms * 1e6) / pc.chunks));
    const f = (x) => x.toFixed(0);
    const total = ns.n === 1 ? f(ns.median) : `${f(ns.median)} (${f(ns.min)}–${f(ns.max)})`;
    let above = '—';
    if (id === RAW) above = '0 (the floor)';
    else if (id === 'decode-only' || id === 'eventsource-parser-feed') above = '— (no stream)';
    else if (pc.times[RAW]) {
      const a = summarize(perChunkAbove(pc, id));
      above = a.n === 1 ? f(a.median) : `${f(a.median)} (${f(a.min)}–${f(a.max)})`;
    }
    return [PARSER_NAMES[id] ?? id, total, above, eventsCell(id, pc.counts[id], corpus.events)];
  }));
}

/**
 * profileSection renders the CPU profiles: self time per category per run,
 * side by side, then wasm-sse's top functions.
 * @param {any} pr
 * @param {number} n the section's number
 * @returns {string[]}
 */
function profileSection(pr, n) {
  const L = [];
  const cols = pr.columns;
  L.push(`## ${n}. Where the time goes: Chromium CPU profiles`, '',
    '**How measured.** CDP sampling profiler (100 µs) in one page that loaded a build of sse.wasm keeping its name',
    `section (same code): ${pr.runs} end-to-end run(s) (POST) of the small and of the llm-like corpus per client; one wasm-sse`,
    'run of the large and of the mixed corpus; one wasm-sse parser-only run over 1 KiB chunks of the small corpus; one',
    'run per client over the llm-like corpus cut into one event per chunk (the per-chunk measure, in-memory stream);',
    'each after an unprofiled warm-up. Renderer main thread only (the network stack runs in other processes). Each',
    'sample counts as the median sampling interval, so a descheduled renderer on a busy machine does not skew the split.',
    'Self time in ms **per run**; "browser native (program)" is the renderer\'s own work outside JS (network data pipes,',
    'stream and task plumbing) and is the bulk of the raw loop; "JS: benchmark callback + loop" includes the in-memory',
    'stream\'s `pull`. The profiles are saved as `out/bench/<column>.cpuprofile` (open them in Chromium DevTools →',
    'Performance).', '');
  const inMemory = (c) => /parser-only|per chunk/.test(c.label);
  for (const [title, group] of [['End to end (network)', cols.filter((c) => !inMemory(c))],
    ['In-memory stream (parser-only, per chunk)', cols.filter(inMemory)]]) {
    if (group.length === 0) continue;
    const cats = new Set();
    for (const s of group) for (const c of s.categories) cats.add(c.name);
    const rows = [...cats].map((name) => [name, ...group.map((s) => {
      const c = s.categories.find((x) => x.name === name);
      return c ? fms(c.ms / s.runs) : '—';
    })]);
    rows.push(['**busy (all but idle)**', ...group.map((s) => `**${fms(s.busyMs / s.runs)}**`)]);
    rows.push(['wall time of a run (ms, median)', ...group.map((s) => fms(summarize(s.times).median))]);
    L.push(`### ${title}`, '', table(['self time per run (ms)', ...group.map((s) => s.label)], rows), '');
  }
  L.push('### Top functions of wasm-sse', '');
  for (const s of cols.filter((c) => c.label.startsWith('wasm-sse'))) {
    L.push(`Top functions by self time, ${s.label} (\`${s.file}\`):`, '');
    L.push(table(['function', 'where', 'category', '% of busy'],
      s.top.slice(0, 12).map((t) => [`\`${t.fn}\``, t.where, t.category, `${t.busyPct.toFixed(1)}%`])), '');
  }
  return L;
}

/**
 * ratioSummary renders the end-to-end ratios to the raw read side by side:
 * rows = clients, columns = corpora (llm-like and small first).
 */
function ratioSummary(e2e) {
  const order = ['llm-like', 'small'];
  const names = [...order.filter((c) => e2e[c]), ...Object.keys(e2e).filter((c) => !order.includes(c))];
  const ids = [];
  for (const c of names) for (const id of Object.keys(e2e[c].times)) if (!ids.includes(id)) ids.push(id);
  return table(['client', ...names.map((c) => (c === 'small' ? 'small (OpenAI-shaped)' : c))], ids.map((id) => [
    clientNames[id] ?? id,
    ...names.map((c) => (e2e[c].times[id] ? (id === RAW ? '1.00×' : fx(summarize(ratios(e2e[c].times, id)).median)) : '—')),
  ]));
}

/** Names of the rows of the EventSource-over-GET measure. */
const GET_NAMES = {
  ...clientNames,
  'raw-read': 'raw fetch + reader.read() (GET)',
  'wasm-sse': 'wasm-sse fetchEventSource (GET)',
  'wasm-sse-es': 'wasm-sse EventSource (GET)',
  eventsource: 'eventsource (npm, GET)',
  'native-es': 'browser EventSource (native)',
};

/**
 * report renders BENCHMARKS.md.
 * @param {any} r the results object of run.mjs
 */
export function report(r) {
  const f = r.facts;
  const L = [];
  const p = (...s) => L.push(...s);
  const T = targets(r);
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
    + `EventSource over GET ${r.cfg.getRounds}; parser-only and per chunk ${r.cfg.parserRounds}; time to first event ${r.cfg.ttfeRounds} warm, ${r.cfg.coldRuns} cold; `
    + `concurrency ${r.cfg.concRounds}. Clients run interleaved within a round (rotated order), a full GC before each run.`, '');

  p('## Targets', '', 'Every target in one place; each section below repeats its own.', '');
  p(...targetTable(T));

  p('## Corpora', '', 'Served by the Go test server (`/corpus?name=…`, any method), generated by `wasm/internal/corpus`',
    '(the Go parser benchmarks parse the same bytes). "small" is the OpenAI-shaped corpus.', '');
  p(table(['corpus', 'bytes', 'events', 'mean bytes per event', 'content'], Object.values(r.corpora).map((c) => [
    c.name, fbytes(c.bytes), String(c.events), `${(c.bytes / c.events).toFixed(0)} B`, CORPORA[c.name]])), '');

  let n = 0;
  p(`## ${++n}. End to end in headless Chromium (POST)`, '',
    '**How measured.** A page served by the test server streams each corpus over POST with each client (the server writes',
    '64 KiB at a time); time from the call until the stream has ended and every event reached the JS callback (which reads',
    '`data.length`). The raw loops count chunks. Ratios are per round against the raw `fetch` + `reader.read()` loop of the',
    'same round in the same page, so machine noise that hits a whole round cancels out. wasm-sse runs in its three styles:',
    '`fetchEventSource` (callback), `events()` (async iterator) and the `EventSource` class.', '');
  p(...targetTable(T, 'e2e'));
  p('### Side by side: time / the raw read loop (median of the per-round ratios)', '', ratioSummary(r.browser.e2e), '');
  for (const [name, res] of Object.entries(r.browser.e2e)) p(`### ${name}${name === 'small' ? ' (OpenAI-shaped)' : ''}`, '', e2eTable(res, r.corpora[name]), '');

  p(`## ${++n}. The EventSource class: cost per event`, '',
    '**How measured.** From the end-to-end runs above (and Node\'s, section 3): per round, the time of wasm-sse\'s',
    '`EventSource` (or `events()`) minus that of its `fetchEventSource` on the same corpus in the same round, per 100k',
    'events — what the style adds on top of the callback style (a `MessageEvent` per event dispatched through',
    '`EventTarget`; for `events()`, a promise per event). Below that, the EventSource classes over **GET**, since the',
    'browser\'s own `EventSource` cannot POST: the raw read, wasm-sse `fetchEventSource`, wasm-sse `EventSource`, the',
    '`eventsource` package and the native `EventSource`, interleaved in rounds in one page; cost per event is measured',
    'against the raw read (all parsing, decoding and dispatch) and against wasm-sse `fetchEventSource`. The native class',
    'parses in Blink (C++) and receives the body through its own loader, not a JS `ReadableStream`. This page runs in a',
    'Chromium started on it directly, with no DevTools session (`lib/bare.js`): under Playwright, whose CDP session',
    'enables the Network domain, Chromium reports every native EventSource message to the client',
    '(`Network.eventSourceMessageReceived`), which made the native class several times slower than a page sees it.', '');
  const styleRows = [];
  for (const name of ['llm-like', 'small']) {
    const res = r.browser.e2e[name];
    if (!res || !res.times['wasm-sse-es']) continue;
    const ev = r.corpora[name].events;
    const nres = r.node.e2e[name];
    const c = (x) => (x && x.times['wasm-sse-es'] ? cell(extraPer100k(x.times, 'wasm-sse-es', 'wasm-sse', ev)) : '—');
    const ci = (x) => (x && x.times['wasm-sse-iter'] ? cell(extraPer100k(x.times, 'wasm-sse-iter', 'wasm-sse', ev)) : '—');
    styleRows.push([name, c(res), ci(res), c(nres), ci(nres)]);
  }
  p('### POST: beyond wasm-sse fetchEventSource, ms per 100k events, median (min–max) of the per-round differences', '');
  p(table(['corpus', 'Chromium: EventSource', 'Chromium: events()', 'Node: EventSource', 'Node: events()'], styleRows), '');
  for (const [name, res] of Object.entries(r.browser.esGet ?? {})) {
    const ev = r.corpora[name].events;
    p(`### GET, ${name}${name === 'small' ? ' (OpenAI-shaped)' : ''}: Chromium without DevTools`, '');
    p(table(['client', 'time ms, median (min–max)', '× raw read (per-round ratio)', 'ms per 100k events above the raw read',
      'ms per 100k events above wasm-sse fetchEventSource', 'events'], Object.keys(res.times).map((id) => [
      GET_NAMES[id] ?? id, cell(res.times[id]), id === RAW ? '1.00×' : ratioCell(ratios(res.times, id)),
      id === RAW ? '—' : cell(extraPer100k(res.times, id, RAW, ev)),
      id === RAW || id === 'wasm-sse' ? '—' : cell(extraPer100k(res.times, id, 'wasm-sse', ev)),
      eventsCell(id, res.counts[id], ev)])), '');
  }

  p(`## ${++n}. End to end in Node`, '', `**How measured.** Node ${f.node}, its built-in fetch (undici); the same clients, corpora and`,
    'rounds as in Chromium (POST), one fresh `node --expose-gc` process per corpus.', '');
  p('### Side by side: time / the raw read loop (median of the per-round ratios)', '', ratioSummary(r.node.e2e), '');
  for (const [name, res] of Object.entries(r.node.e2e)) p(`### ${name}${name === 'small' ? ' (OpenAI-shaped)' : ''}`, '', e2eTable(res, r.corpora[name]), '');

  p(`## ${++n}. Parser-only throughput`, '',
    '**How measured.** Each corpus held in memory, cut into chunks of 64 KiB, 1 KiB and 128 B (fresh copies), fed through',
    'each library\'s public API over an injected `fetch`: a `Response` over an in-memory `ReadableStream` that hands out one',
    'chunk per pull. wasm-sse has no parser-only entry point in its public API, so it (like every peer) pays for the',
    'stream: the "raw read" row is that floor (about 1 µs per chunk in Node, 4–5 µs in Chromium), which is what limits',
    'everyone at 128 B. Two reference rows skip the stream (a loop over the array of chunks): TextDecoder alone, and',
    'eventsource-parser\'s `feed()`. MB/s of the corpus, median (slowest–fastest) of the runs; one fresh Node process per',
    'corpus and chunk size. Chromium runs the same measure in the bench page for the small corpus at 64 KiB and 1 KiB',
    'only, without wasm-sse\'s `EventSource` (the EventSource-style clients take 6–10 µs per event there, and the whole',
    'run has to stay under 10 minutes).', '');
  p(...targetTable(T, 'parser'));
  for (const [name, byChunk] of Object.entries(r.node.parser ?? {})) {
    p(`### Node, ${name}${name === 'small' ? ' (OpenAI-shaped)' : ''}`, '', parserTable(byChunk, r.corpora[name]), '');
  }
  for (const [name, byChunk] of Object.entries(r.browser.parser ?? {})) {
    p(`### Chromium, ${name}${name === 'small' ? ' (OpenAI-shaped)' : ''}`, '', parserTable(byChunk, r.corpora[name]), '');
  }

  if (r.node.perChunk) {
    const pc = r.node.perChunk;
    const corpus = r.corpora[pc.corpus];
    p(`## ${++n}. Fixed cost per chunk`, '',
      `**How measured.** The ${pc.corpus} corpus cut after every blank line: ${pc.chunks} chunks of exactly one event each`,
      `(${(pc.bytes / pc.chunks).toFixed(0)} B on average), through each client's public API over the same in-memory \`fetch\` as the`,
      'parser-only measure; total time divided by the number of chunks. The stream itself (one `reader.read()` and one',
      'pull per chunk) costs every client the same: the raw read row is that floor, and the "above the raw read" column',
      'subtracts it round by round — that is what each client adds per chunk (its parse, decode and callback of one event,',
      'and for wasm-sse the copy into Go memory and the one exported call). Node: one fresh process, every client;',
      'Chromium: the bench page, without the two EventSource-style clients (6–10 µs per event there, see section 2).',
      'The two reference rows without a stream (TextDecoder alone, eventsource-parser `feed()`) have no floor to subtract.', '');
    p(...targetTable(T, 'perChunk'));
    p('### Node', '', perChunkTable(pc, corpus), '');
    if (r.browser.perChunk) p('### Chromium', '', perChunkTable(r.browser.perChunk, corpus), '');
  }

  p(`## ${++n}. Time to first event`, '',
    '**How measured.** `/sse?events=1&end=hang`: time from the call to the first event\'s callback, then abort. **Warm**:',
    'the page (or process) has already run every client, so sse.wasm is loaded. **Cold**: a fresh browser context per run,',
    'whose page bundles only that client (esbuild, minified); "from call" starts when the client is called (for wasm-sse',
    'this includes fetching, compiling and starting sse.wasm — served with `Cache-Control: no-store`, so never from a',
    'code cache), "from navigation" starts at the navigation (HTML, bundle, then the stream). Node cold: a fresh',
    'process per run ("process" is from the process\'s time origin).', '');
  p(...targetTable(T, 'ttfe'));
  const bt = r.browser.ttfe, nt = r.node.ttfe;
  p(table(['client', 'Chromium warm', 'Chromium cold, from call', 'Chromium cold, from navigation', 'Node warm', 'Node cold, from call', 'Node cold, from process start'],
    Object.keys(bt.warm).map((id) => [clientNames[id] ?? id, cell(bt.warm[id]),
      cell(bt.cold[id].map((c) => c.call)), cell(bt.cold[id].map((c) => c.navigation)),
      cell(nt.warm[id]), cell(nt.cold[id].map((c) => c.call)), cell(nt.cold[id].map((c) => c.process))])
      .concat(bt.preload ? [['start', 'at start-up'], ['ready', 'once init() resolved']].map(([open, how]) => [
        `wasm-sse fetchEventSource, sse.wasm preloaded, stream opened ${how}`, '—',
        cell(bt.preload[open].map((c) => c.call)), cell(bt.preload[open].map((c) => c.navigation)), '—', '—', '—']) : [])), '');
  p('Times in ms, median (min–max). The preloaded rows load a page with `<link rel="preload" href="…/sse.wasm" as="fetch"',
    'crossorigin>` whose script calls `init()` at once (the README\'s recipe), and open the stream either at once (the',
    'download starts with the HTML instead of the first stream) or once `init()` has resolved (a page whose first stream',
    'comes after its start-up: the module is then ready, compiled and running).', '');

  p(`## ${++n}. Memory (Chromium)`, '',
    '**How measured.** JS heap: V8\'s used heap after a full GC (CDP `Runtime.getHeapUsage`). Wasm: the byteLength of the',
    'Go module\'s linear memory (it never shrinks, so it is the high-water mark); wasm-sse does not expose its instance, so',
    'the bench page records it by wrapping `WebAssembly.instantiate*` — no hook in the product is needed.', '');
  p(...targetTable(T, 'memory'));
  p('### After streaming the large corpus (2k × 64 KiB) once, fresh page per client', '');
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

  p(`## ${++n}. Size of what a page downloads`, '',
    '**How measured.** sse.wasm as built by `make build` (`-tags=wasmsse_notime`, inlining off in its cold packages,',
    '`-trimpath -ldflags="-s -w"`, data segments joined); every JS row',
    'is an esbuild bundle of that export, minified (gzip level 9, brotli quality 11). The budget is `size-budget.json`, as',
    'for `make size`.', '');
  p(...targetTable(T, 'size'));
  p(table(['what', 'raw', 'gzip', 'brotli'], r.sizes.map((s) => [s.name, fbytes(s.raw), fbytes(s.gzip), fbytes(s.brotli)])), '');
  const shim = r.sizes[1], wasm = r.sizes[0];
  p(`A page using wasm-sse downloads ${fbytes(wasm.gzip + shim.gzip)} gzip / ${fbytes(wasm.brotli + shim.brotli)} brotli in all.`, '');

  p(`## ${++n}. Concurrency (Chromium)`, '',
    `**How measured.** N simultaneous streams of \`${'/sse?events=2000&size=100'}\` (2000 events of 100 bytes, each event written`,
    'and flushed on its own) in one page; time until all have ended. Each stream gets its own hostname (sN.bench.test,',
    'mapped to 127.0.0.1 by `--host-resolver-rules`) so HTTP/1.1\'s six-connections-per-host limit does not queue them.', '');
  const crow = [];
  for (const [k, byId] of Object.entries(r.browser.concurrency)) {
    const raw = byId[RAW].map((x) => x.ms);
    for (const [id, runs] of Object.entries(byId)) {
      const ms = runs.map((x) => x.ms);
      const med = summarize(ms).median;
      const rs = ms.map((t, i) => t / raw[i]);
      const want = Number(k) * 2000;
      const got = runs[runs.length - 1].events;
      const isRaw = id === RAW || id === 'raw-decode';
      crow.push([k, clientNames[id] ?? id, cell(ms), isRaw ? '—' : frate(want / (med / 1000)),
        id === RAW ? '1.00×' : fx(summarize(rs).median), isRaw ? `${got} chunks` : (got === want ? `${got} ✓` : `**${got} ≠ ${want}**`)]);
    }
  }
  p(table(['streams', 'client', 'time ms, median (min–max)', 'events/s', '× raw read', 'events'], crow), '');

  if (r.browser.profile) p(...profileSection(r.browser.profile, ++n));

  p('## Notes', '',
    '- `eventsource` (npm) only does GET: its `fetch` option turns the request into a POST. It has no catch-all',
    '  listener, so the harness listens to every event type of the corpus. At the end of a body it schedules a',
    '  reconnect: its run ends at that error event (so do wasm-sse\'s `EventSource` and the native one).',
    '- `@microsoft/fetch-event-source` calls `onmessage` for every blank line, so blocks without data (comments,',
    '  `id:`/`retry:`-only blocks) count as events: its count on the mixed corpus is higher than the spec\'s. In Node it',
    '  needs `window` and `document` stand-ins (dispose() touches them even with `openWhenHidden`).',
    '- Everything shares one machine with the test server (Go, same cores): the server\'s writing is part of every',
    '  end-to-end time, equally for every client. At 100 concurrent streams the server (one flushed write per event)',
    '  is the bottleneck, so the clients bunch up near the raw loop there.',
    '- The EventSource-style rows (wasm-sse\'s `EventSource`, the `eventsource` package) create and dispatch a',
    '  `MessageEvent` per event through `EventTarget`; in Chromium that native object and dispatch dominate their time',
    '  (section 2 puts a number on it). `fetchEventSource` and `events()` hand plain objects to a callback or an iterator.',
    '- On a loaded machine (see the load average) single runs swing widely; compare the per-round ratios, which pair',
    '  each run with the raw loop run next to it, rather than absolute times across sections.',
    '- Raw results (every sample) are in `out/bench/results.json` after a run; `node npm/bench/run.mjs --report`',
    '  re-renders this file from them.', '');
  return L.join('\n');
}
