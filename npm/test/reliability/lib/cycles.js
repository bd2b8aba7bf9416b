// Open/close cycles through the three styles, each closed after a seeded
// random delay, so closes land before the response, mid-read, during a
// backoff, or after the stream ended. The same in Node and in the page.
import { fetchEventSource, events, EventSource } from '../../../src/index.js';
import { rng } from './rand.js';

/** The streams a cycle opens (key suffix, query, options). */
export const KINDS = [
  { name: 'streaming', query: 'ids=1&events=100000&size=200&delay=1', opts: {} },
  { name: 'stalled headers', query: 'stallHeaders=3000', opts: {} },
  { name: '503 and backoff', query: 'status=503', opts: {} },
  { name: 'short', query: 'events=3', opts: {} },
  { name: 'idle timeout', query: 'ids=1&events=100&stallAfter=1&stall=3000', opts: { idleTimeout: 15 } },
];

export const STYLES = ['fetchEventSource', 'events', 'EventSource'];

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * cycle opens one stream and closes it after delay ms; it returns the phase
 * the close landed in and a failure message ('' when fine).
 * @param {string} base @param {string} prefix @param {number} kind @param {string} style @param {number} delay
 * @returns {Promise<[string, string]>}
 */
async function cycle(base, prefix, kind, style, delay) {
  const k = KINDS[kind];
  const url = `${base}/sse?key=${prefix}${kind}&${k.query}`;
  let events_ = 0, retries = 0, late = 0, closed = false, ended = false;
  const onevent = () => { events_++; if (closed) late++; };
  const opts = { ...k.opts, retry: { initialDelay: 20, maxDelay: 40 }, onretry: () => { retries++; } };
  /** @type {() => void} */
  let close;
  /** @type {Promise<unknown>} */
  let done;
  /** @type {EventSource | null} */
  let es = null;
  if (style === 'fetchEventSource') {
    const ac = new AbortController();
    close = () => ac.abort();
    done = fetchEventSource(url, { ...opts, signal: ac.signal, onmessage: onevent }).then(() => null, (e) => e);
  } else if (style === 'events') {
    const it = events(url, opts);
    close = () => { it.return(); };
    done = (async () => { for await (const _ of it) onevent(); return null; })().catch((e) => e);
  } else {
    const src = new EventSource(url, opts);
    es = src;
    src.onmessage = onevent;
    close = () => src.close();
    // It ends by itself only when it fails for good (CLOSED on an error).
    done = new Promise((r) => {
      src.onerror = () => { if (src.readyState === EventSource.CLOSED) r(null); };
    });
  }
  const settled = done.then((e) => { ended = true; return e; });
  await Promise.race([settled, sleep(delay)]);
  let phase = 'before any event';
  if (ended) phase = 'after the stream ended';
  else if (retries > 0) phase = 'after a failure (backoff or the retry)';
  else if (events_ > 0) phase = 'mid-read';
  closed = true;
  close();
  if (es !== null) {
    // close() is synchronous: CLOSED at once, and no event afterwards.
    if (es.readyState !== EventSource.CLOSED) return [phase, `EventSource ${k.name}: not CLOSED after close()`];
  } else {
    const timeout = await Promise.race([settled.then(() => false), sleep(2000).then(() => true)]);
    if (timeout) return [phase, `${style} ${k.name}: not done 2 s after close`];
  }
  await sleep(1); // let a late callback show
  if (late > 0) return [phase, `${style} ${k.name}: event after close`];
  return [phase, ''];
}

/**
 * runCycles runs cycles [from, to) with `workers` in parallel and returns
 * {failures, phases} (counts by message and by phase).
 * @param {{base: string, prefix: string, from: number, to: number, seed: number, workers?: number}} o
 */
export async function runCycles(o) {
  /** @type {Record<string, number>} */
  const failures = {};
  /** @type {Record<string, number>} */
  const phases = {};
  let next = o.from;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= o.to) return;
      const r = rng(o.seed * 1000003 + i);
      const kind = r(KINDS.length), style = STYLES[r(STYLES.length)], delay = r(40);
      const [phase, msg] = await cycle(o.base, o.prefix, kind, style, delay);
      phases[phase] = (phases[phase] ?? 0) + 1;
      if (msg !== '') failures[msg] = (failures[msg] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: o.workers ?? 4 }, worker));
  return { failures, phases };
}
