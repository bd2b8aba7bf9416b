// Retry counts failures, not reconnects, written once for Node and the
// page: an attempt that delivered new events starts a new run of the
// backoff, so a stream cut again and again while it delivers reconnects at
// the base delay and never runs out of retries; a server that delivers
// nothing still backs off exponentially and is given up on.
// Each case returns {failures: string[], figures: object}.
import { drive, describeEnd, serverStats, uniqueKey } from './drive.js';

/**
 * @typedef {{sse: any, base: string, events: number, cuts: number, seed: number}} Env
 *   events and cuts: the size of the cut-stream cases (3,000 and 60; 10,000
 *   and 200 under SSE_STRESS=1)
 * @typedef {{failures: string[], figures: Record<string, unknown>}} Result
 * @typedef {import('./drive.js').Style} Style
 */

/** @type {Style[]} */
const STYLES = ['fetchEventSource', 'events', 'EventSource'];

/**
 * cutStream streams env.events events cut at env.cuts points spread over the
 * stream (the test server's dropSeed with dropSpread=1), with the server's
 * `retry: 50`, ids, and checks that every event arrives once and in order
 * within the time bound (10 s for 60 cuts, in proportion for more).
 * @param {Env} env @param {Style} style @param {string} method @param {object} [retry]
 * @returns {Promise<{failures: string[], ms: number, requests: number}>}
 */
async function cutStream(env, style, method, retry) {
  const what = `${style} ${method}${retry ? ` retry ${JSON.stringify(retry)}` : ''}`;
  const failures = [];
  const key = uniqueKey(`progress-${style}-${method}`);
  const n = env.events;
  const url = `${env.base}/sse?key=${key}&ids=1&retry=50&dropPause=20&events=${n}` +
    `&dropSpread=1&dropSeed=${env.seed}&drops=${env.cuts}`;
  const bound = (10_000 * env.cuts) / 60;
  // EventSource reconnects after the server's clean end: it stops at the last event.
  const r = await drive(env.sse, style, url, retry ? { method, retry } : { method },
    { timeoutMs: 3 * bound, stopWhen: (d) => d.length === n });
  if (r.end !== null) failures.push(`${what}: ended with ${describeEnd(r.end)} after ${r.data.length} events`);
  let bad = -1;
  for (let i = 0; i < Math.max(n, r.data.length) && bad < 0; i++) {
    if (r.data[i] !== `msg ${i + 1}` || r.ids[i] !== String(i + 1)) bad = i;
  }
  if (bad >= 0) failures.push(`${what}: message ${bad} is ${JSON.stringify([r.data[bad], r.ids[bad]])}, want msg ${bad + 1} (id ${bad + 1}); ${r.data.length} received`);
  const st = await serverStats(env.base, key);
  if (st.requests !== env.cuts + 1 || st.dropped !== env.cuts) failures.push(`${what}: ${st.requests} requests, ${st.dropped} cut; want ${env.cuts + 1} and ${env.cuts}`);
  if (r.ms > bound) failures.push(`${what}: took ${r.ms} ms, want under ${bound}`);
  const firsts = r.retries.filter((x) => x.attempt === 1).length;
  if (firsts < (r.retries.length * 9) / 10) failures.push(`${what}: ${firsts} of ${r.retries.length} reconnects were attempt 1`);
  return { failures, ms: r.ms, requests: st.requests };
}

/**
 * inParallel runs the runs at once and merges their failures and figures.
 * @param {[string, () => Promise<{failures: string[], ms: number, requests: number}>][]} runs
 * @returns {Promise<Result>}
 */
async function inParallel(runs) {
  const out = await Promise.all(runs.map(([, run]) => run()));
  /** @type {Record<string, unknown>} */
  const figures = {};
  runs.forEach(([name], i) => { figures[name] = { ms: out[i].ms, requests: out[i].requests }; });
  return { failures: out.flatMap((o) => o.failures), figures };
}

/** @type {Record<string, (env: Env) => Promise<Result>>} */
export const CASES = {
  async 'progress: a stream cut at many points with retry: 50 arrives exactly once, in order, in bounded time (each style, GET and POST with ids)'(env) {
    /** @type {[string, () => Promise<any>][]} */
    const runs = [];
    for (const style of STYLES) {
      for (const method of ['GET', 'POST']) runs.push([`${style} ${method}`, () => cutStream(env, style, method)]);
    }
    const r = await inParallel(runs);
    r.figures.events = env.events;
    r.figures.cuts = env.cuts;
    return r;
  },

  async 'progress: the same with retry: { maxRetries: 3 } completes'(env) {
    return inParallel(STYLES.map((style) => [`${style} POST`, () => cutStream(env, style, 'POST', { maxRetries: 3 })]));
  },

  async 'progress: a server that accepts and closes at once still backs off exponentially and gives up at maxRetries'(env) {
    const failures = [];
    for (const style of STYLES) {
      const key = uniqueKey(`progress-silent-${style}`);
      // A clean end is a failure with a done marker; EventSource reconnects
      // after one anyway, as the native class.
      const opts = { retry: { initialDelay: 40, factor: 2, jitter: 0, maxRetries: 4 }, ...(style === 'EventSource' ? {} : { done: '[DONE]' }) };
      const r = await drive(env.sse, style, `${env.base}/sse?key=${key}&events=0`, opts, { timeoutMs: 10_000 });
      const delays = r.retries.map((x) => x.delay), attempts = r.retries.map((x) => x.attempt);
      if (JSON.stringify(delays) !== '[40,80,160,320]' || JSON.stringify(attempts) !== '[1,2,3,4]') {
        failures.push(`${style}: reconnects ${JSON.stringify(attempts)} after ${JSON.stringify(delays)} ms, want 1..4 after 40, 80, 160, 320`);
      }
      const e = r.end;
      if (!e || e.name !== 'RetriesExhaustedError' || e.attempts !== 4) failures.push(`${style}: ended with ${describeEnd(e)}, want RetriesExhaustedError after 4`);
      else if (style !== 'EventSource' && !(e.cause instanceof env.sse.IncompleteStreamError)) failures.push(`${style}: cause ${describeEnd(e.cause)}`);
      const st = await serverStats(env.base, key);
      if (st.requests !== 5) failures.push(`${style}: ${st.requests} requests, want 5`);
    }
    return { failures, figures: {} };
  },

  async 'progress: a server that sends one event and then fails on every connection reconnects at the base delay'(env) {
    const failures = [];
    /** @type {Record<string, unknown>} */
    const figures = {};
    const base = 100, window = 2000;
    await Promise.all(STYLES.map(async (style) => {
      const key = uniqueKey(`progress-one-${style}`);
      // Each response delivers the next event, then the connection is cut.
      const url = `${env.base}/sse?key=${key}&ids=1&events=1000000&dropAfter=1`;
      const r = await drive(env.sse, style, url, { retry: { initialDelay: base, jitter: 0 } }, { timeoutMs: window });
      const st = await serverStats(env.base, key);
      figures[style] = { requests: st.requests, events: r.data.length, ms: window };
      // About 13 (100 ms delay + the server's 50 ms before its cut); a
      // doubling backoff (100, 200, 400, 800 ms) makes about 5.
      if (st.requests > window / base + 1) failures.push(`${style}: ${st.requests} requests in ${window} ms: sooner than the base delay`);
      if (st.requests < 9) failures.push(`${style}: ${st.requests} requests in ${window} ms: the delay grew`);
      const off = r.retries.filter((x) => x.attempt !== 1 || x.delay !== base);
      if (off.length > 0) failures.push(`${style}: reconnects not at attempt 1 after ${base} ms: ${JSON.stringify(off.slice(0, 3))}`);
      if (r.data.length < st.requests - 1) failures.push(`${style}: ${r.data.length} events in ${st.requests} requests`);
    }));
    return { failures, figures };
  },
};

/**
 * runCase runs one case by name.
 * @param {Env} env @param {string} name
 * @returns {Promise<Result>}
 */
export function runCase(env, name) {
  return CASES[name](env);
}
