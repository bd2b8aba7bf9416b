// The measures, written once for both environments (a Chromium page and a
// Node process). Each takes the clients table and returns raw samples; the
// orchestrator (run.mjs) summarises and reports them. Nothing here judges a
// timing.
import { clients } from './clients.js';
import { direct } from './direct.js';
import { firstEvent } from './first-event.js';

export { firstEvent };

const now = () => performance.now();

/**
 * rotate returns ids rotated by r, so no client always runs first (or right
 * after the same neighbour) in a round.
 * @param {string[]} ids
 * @param {number} r
 */
function rotate(ids, r) {
  const k = r % ids.length;
  return [...ids.slice(k), ...ids.slice(0, k)];
}

/**
 * endToEnd streams url once per client per round, clients interleaved, and
 * returns per-client times (ms) and the events/chars of the last run.
 * The first `warmup` rounds are run but not recorded. gc(), when given, is
 * awaited before every run (outside the timing). method: the request
 * method (default: each client's, POST).
 * @param {{ids: string[], url: string, rounds: number, warmup: number, method?: string, types?: string[], gc?: () => Promise<void> | void}} p
 */
export async function endToEnd(p) {
  const times = Object.fromEntries(p.ids.map((id) => [id, []]));
  const counts = {};
  for (let r = 0; r < p.warmup + p.rounds; r++) {
    for (const id of rotate(p.ids, r)) {
      if (p.gc) await p.gc();
      const t0 = now();
      const res = await clients[id](p.url, { types: p.types, method: p.method });
      const ms = now() - t0;
      if (r >= p.warmup) times[id].push(ms);
      counts[id] = res;
    }
  }
  return { times, counts };
}

/**
 * firstEventWarm measures firstEvent `rounds` times per client (after one
 * unrecorded warm-up each, so modules are loaded and code is compiled).
 * @param {{ids: string[], url: string, rounds: number, gc?: () => Promise<void> | void}} p
 */
export async function firstEventWarm(p) {
  const times = Object.fromEntries(p.ids.map((id) => [id, []]));
  for (let r = -1; r < p.rounds; r++) {
    for (const id of rotate(p.ids, r + 1)) {
      if (p.gc) await p.gc();
      const ms = await firstEvent(clients[id], p.url);
      if (r >= 0) times[id].push(ms);
    }
  }
  return times;
}

/**
 * memoryFetch returns a fetch function that answers every request with a
 * 200 text/event-stream Response whose body is a ReadableStream handing out
 * chunks (Uint8Arrays) one pull at a time: the clients' parsers run on
 * in-memory bytes through their public API.
 * @param {Uint8Array[]} chunks
 */
export function memoryFetch(chunks) {
  return () => Promise.resolve(new Response(chunkStream(chunks), {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
  }));
}

/** @param {Uint8Array[]} chunks */
function chunkStream(chunks) {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]);
      else controller.close();
    },
  }, { highWaterMark: 0 });
}

/**
 * split cuts bytes into chunks of size (fresh copies, as a network would
 * hand them out; the last one may be shorter).
 * @param {Uint8Array} bytes
 * @param {number} size
 */
export function split(bytes, size) {
  const out = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, Math.min(i + size, bytes.length)));
  return out;
}

/**
 * splitEvents cuts bytes after every blank line ("\n\n"), so each chunk
 * holds exactly one event block (fresh copies; LF line endings only, as in
 * the llm-like and small corpora). Trailing bytes after the last blank line
 * form a last chunk.
 * @param {Uint8Array} bytes
 */
export function splitEvents(bytes) {
  const out = [];
  let start = 0;
  for (let i = 1; i < bytes.length; i++) {
    if (bytes[i] === 10 && bytes[i - 1] === 10) {
      out.push(bytes.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) out.push(bytes.slice(start));
  return out;
}

/**
 * parserOnly runs each client over in-memory chunks (memoryFetch) and, for
 * reference, eventsource-parser fed directly (no stream), TextDecoder alone
 * and the bare stream read. Returns per-id times (ms) and counts.
 * @param {{ids: string[], chunks: Uint8Array[], rounds: number, warmup: number, types?: string[], gc?: () => Promise<void> | void}} p
 */
export async function parserOnly(p) {
  const all = [...p.ids];
  const times = Object.fromEntries(all.map((id) => [id, []]));
  const counts = {};
  const fetch = memoryFetch(p.chunks);
  for (let r = 0; r < p.warmup + p.rounds; r++) {
    for (const id of rotate(all, r)) {
      if (p.gc) await p.gc();
      const t0 = now();
      const res = direct[id] !== undefined
        ? direct[id](p.chunks)
        : await clients[id]('http://in-memory.invalid/corpus', { fetch, types: p.types });
      const ms = now() - t0;
      if (r >= p.warmup) times[id].push(ms);
      counts[id] = res;
    }
  }
  return { times, counts };
}

/**
 * openClose opens a stream with client id on url and closes it (abort) at
 * its first event, `cycles` times in a row, calling sample(i) after cycle
 * counts listed in `at` (sample may be async: it reads the memory).
 * @param {{id: string, url: string, cycles: number, at: number[], sample: (i: number) => Promise<void>}} p
 */
export async function openClose(p) {
  const at = new Set(p.at);
  if (at.has(0)) await p.sample(0);
  for (let i = 1; i <= p.cycles; i++) {
    await firstEvent(clients[p.id], p.url);
    if (at.has(i)) await p.sample(i);
  }
}

/**
 * concurrent opens urls.length streams at once with client id and returns
 * the ms until every one has ended, and the total events.
 * @param {string} id
 * @param {string[]} urls
 * @param {string[]} [types]
 */
export async function concurrent(id, urls, types) {
  const t0 = now();
  const res = await Promise.all(urls.map((u) => clients[id](u, { types })));
  const ms = now() - t0;
  let events = 0;
  for (const r of res) events += r.events;
  return { ms, events };
}
