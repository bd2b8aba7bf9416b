// Exactly-once resume through the npm package, the same in Node and in the
// page: a fetch wrapper reads the Last-Event-ID header the client set,
// points the request at the response that resumes after it, and asks the
// test server to cut it at a seeded byte offset (dropAtByte=) while the
// budget of cuts lasts. The events received must equal the events sent.
import { fetchEventSource, events, EventSource } from '../../../src/index.js';
import { rng } from './rand.js';
import { renderSSE, renderRaw, resumeStream, base64url, SSE_EVENT_NAME } from './streams.js';

/**
 * @typedef {object} ResumeOptions
 * @property {string} base the test server's URL
 * @property {'fetchEventSource' | 'events' | 'EventSource'} style
 * @property {'sse' | 'raw'} variant sse: /sse resumes from the header; raw: windows of raw bytes
 * @property {number} events
 * @property {number} cuts
 * @property {number} seed
 * @property {number} [timeoutMs]
 */

/**
 * @typedef {object} CutRequest
 * @property {string} lastID
 * @property {number} from
 * @property {number} cut
 * @property {boolean} pause0
 */

/**
 * runResume streams, cuts, resumes, and returns a JSON-able summary.
 * @param {ResumeOptions} o
 */
export async function runResume(o) {
  const start = Date.now();
  const key = `rel-resume-${o.style}-${o.variant}-${o.seed}-${start}-${Math.random().toString(36).slice(2)}`;
  const n = o.events;
  const rs = resumeStream(n, o.variant === 'sse' ? renderSSE : renderRaw);
  const rand = rng(o.seed);
  const mean = Math.floor((rs.off[n] * 4) / 5 / o.cuts); // the cuts cover ~80% of the stream
  const window = o.variant === 'raw' ? Math.max(2, Math.floor((n * 8) / 5 / o.cuts)) : 0;
  let budget = o.cuts;
  /** @type {CutRequest[]} */
  const reqs = [];
  /** @param {string} q */
  const route = (q) => `${o.base}/sse?key=${encodeURIComponent(key)}&${q}`;
  let url = route(`ids=1&eol=crlf&comment=1&lines=2&events=${n}&event=${encodeURIComponent(SSE_EVENT_NAME)}`);
  if (o.style === 'EventSource') url += '&doneStatus=204'; // it reconnects after a clean end

  /**
   * snap moves cut on to the first offset where ok(prev, next) holds.
   * @param {number} from @param {number} cut @param {number} remaining
   * @param {(prev: number, next: number) => boolean} ok
   */
  const snap = (from, cut, remaining, ok) => {
    const b = rs.off[from];
    for (let c = Math.max(cut, 1); c < remaining; c++) if (ok(rs.full[b + c - 1], rs.full[b + c])) return c;
    return cut;
  };

  /** @param {string} u @param {any} init */
  const cutFetch = (u, init) => {
    const h = init.headers.get('last-event-id');
    const last = h === null ? '' : h;
    const from = last === '' ? 0 : Number(last);
    const end = window > 0 && budget > 0 ? Math.min(from + window, n) : n;
    const remaining = rs.off[end] - rs.off[from];
    /** @type {CutRequest} */
    const req = { lastID: last, from, cut: -1, pause0: false };
    if (budget > 0 && remaining > 0) {
      budget--;
      req.cut = rand(Math.min(2 * mean, remaining));
      // A quarter of the cuts move on to the next CR-LF pair, another
      // quarter into the next UTF-8 sequence.
      switch (rand(4)) {
        case 0: req.cut = snap(from, req.cut, remaining, (p, x) => p === 13 && x === 10); break;
        case 1: req.cut = snap(from, req.cut, remaining, (_, x) => (x & 0xc0) === 0x80); break;
        default:
      }
      req.pause0 = rand(5) === 0;
    }
    reqs.push(req);
    if (o.variant === 'raw') {
      u = from >= n ? route('status=204') : route('raw=' + base64url(rs.full.subarray(rs.off[from], rs.off[end])));
    }
    if (req.cut >= 0) u += `&dropAtByte=${req.cut}${req.pause0 ? '&dropPause=0' : ''}`;
    return fetch(u, init);
  };

  /** @type {{type: string, data: string, id: string}[]} */
  const got = [];
  /** @type {string[]} the last event ID received before each reconnect */
  const seen = [];
  const lastId = () => (got.length === 0 ? '' : got[got.length - 1].id);
  const shared = {
    fetch: cutFetch,
    retry: { initialDelay: 5, factor: 1, jitter: 0 },
    onretry: () => { seen.push(lastId()); },
  };
  const ac = new AbortController();
  /** @type {() => void} */
  let stop = () => ac.abort();
  /** @type {Promise<unknown>} the stream's final error (null: none) */
  let finished;
  switch (o.style) {
    case 'fetchEventSource':
      finished = fetchEventSource(url, {
        ...shared, signal: ac.signal,
        onmessage: (m) => { got.push({ type: m.event === '' ? 'message' : m.event, data: m.data, id: m.id }); },
      }).then(() => null, (e) => e);
      break;
    case 'events':
      finished = (async () => {
        for await (const m of events(url, { ...shared, signal: ac.signal })) got.push({ type: m.event, data: m.data, id: m.id });
        return null;
      })().catch((e) => e);
      break;
    default: {
      const es = new EventSource(url, shared);
      stop = () => es.close();
      /** @param {any} ev */
      const on = (ev) => { got.push({ type: ev.type, data: ev.data, id: ev.lastEventId }); };
      for (const t of new Set(rs.want.map((e) => e.type))) es.addEventListener(t, on);
      finished = new Promise((resolve) => {
        es.addEventListener('error', (/** @type {any} */ ev) => {
          if (es.readyState === EventSource.CLOSED) resolve(ev.error ?? null);
        });
      });
    }
  }
  const timeoutMs = o.timeoutMs ?? o.cuts * 1000;
  let timer;
  const timedOut = await Promise.race([
    finished.then(() => false),
    new Promise((r) => { timer = setTimeout(() => r(true), timeoutMs); }),
  ]);
  clearTimeout(timer);
  stop();
  const endError = timedOut ? 'timed out' : await finished;

  let firstMismatch = null;
  for (let i = 0; i < Math.max(got.length, n); i++) {
    const w = rs.want[i], g = got[i];
    if (w === undefined || g === undefined || w.type !== g.type || w.data !== g.data || w.id !== g.id) {
      firstMismatch = { index: i, want: w ?? null, got: g ?? null };
      break;
    }
  }
  let badResume = null;
  for (let i = 1; i < reqs.length; i++) {
    if (reqs[i].lastID !== seen[i - 1]) {
      badResume = { request: i, sent: reqs[i].lastID, lastReceived: seen[i - 1] ?? null };
      break;
    }
  }
  const applied = reqs.filter((r) => r.cut >= 0).length;
  const res = await fetch(`${o.base}/stats?key=${encodeURIComponent(key)}&wait=dropped&min=${applied}&timeout=5000`);
  const st = await res.json();
  return {
    style: o.style, variant: o.variant, seed: o.seed, events: got.length, expected: n,
    firstMismatch, badResume, firstHeader: reqs.length > 0 ? reqs[0].lastID : null,
    requests: reqs.length, reconnects: seen.length, applied, planned: o.cuts,
    serverDropped: st.dropped ?? 0, serverRequests: st.requests ?? 0,
    classes: classify(rs, reqs), tookMs: Date.now() - start, timedOut,
    endError: endError === null ? null : describe(endError),
  };
}

/**
 * describe turns a final error into {name, status} for the summary.
 * @param {any} e
 */
function describe(e) {
  return { name: e && e.name ? String(e.name) : typeof e, status: e && typeof e.status === 'number' ? e.status : null, message: String(e && e.message) };
}

/**
 * classify counts where the cuts landed.
 * @param {import('./streams.js').ResumeStream} rs
 * @param {CutRequest[]} reqs
 */
export function classify(rs, reqs) {
  /** @type {Record<string, number>} */
  const out = {};
  const add = (/** @type {string} */ k) => { out[k] = (out[k] ?? 0) + 1; };
  const starts = new Set(rs.off);
  for (const r of reqs) {
    if (r.cut < 0) continue;
    const at = rs.off[r.from] + r.cut;
    const prev = at > 0 ? rs.full[at - 1] : 10, next = rs.full[at];
    if (r.cut === 0) add('before the first byte');
    else if (prev === 13 && next === 10) add('between CR and LF');
    else if ((next & 0xc0) === 0x80) add('inside a UTF-8 sequence');
    else if (starts.has(at)) add('between events');
    else if (prev === 13 || prev === 10) add('between lines of an event');
    else add('mid-line');
    if (r.pause0) add('(with dropPause=0)');
  }
  return out;
}
