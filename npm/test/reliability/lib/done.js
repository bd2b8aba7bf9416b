// The done marker (the `done` option), written once for Node and the page,
// in each style, as a string and as a function: the marker is not
// delivered, the request is aborted (the server counts the disconnect) and
// nothing reconnects; a clean end of the body before it (the test server's
// dropClean=1) resumes with Last-Event-ID when the server gave ids and
// completes exactly once, and without ids fails with IncompleteStreamError;
// an abort by the user is still not an error.
// Each case returns {failures: string[], figures: object}.
import { drive, idMarker, describeEnd, serverStats, uniqueKey } from './drive.js';

/**
 * @typedef {{sse: any, base: string}} Env
 * @typedef {{failures: string[], figures: Record<string, unknown>}} Result
 * @typedef {import('./drive.js').Style} Style
 */

/** @type {Style[]} */
const STYLES = ['fetchEventSource', 'events', 'EventSource'];

/** msgs returns ["msg <from>", ..., "msg <to>"]. @param {number} from @param {number} to */
function msgs(from, to) {
  const out = [];
  for (let i = from; i <= to; i++) out.push(`msg ${i}`);
  return out;
}

/** @param {unknown} a @param {unknown} b */
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * forms returns the marker of event n as a string and as a function.
 * @param {Style} style @param {number} n
 * @returns {[string, string | ((m: any) => boolean)][]}
 */
function forms(style, n) {
  return [['string', `msg ${n}`], ['function', idMarker(style, String(n))]];
}

/** @type {Record<string, (env: Env) => Promise<Result>>} */
export const CASES = {
  async 'done: the marker is not delivered, the server sees the disconnect, nothing reconnects'(env) {
    const failures = [];
    /** @type {Record<string, number>} */
    const figures = {};
    for (const style of STYLES) {
      for (const [form, done] of forms(style, 5)) {
        const what = `${style}, done as a ${form}`;
        const key = uniqueKey(`done-marker-${style}-${form}`);
        // The server goes on after the marker and then holds the
        // connection: only the client's abort ends the request.
        const url = `${env.base}/sse?key=${key}&ids=1&events=100&delay=20&end=hang`;
        const r = await drive(env.sse, style, url, { done, retry: { initialDelay: 10 } }, { timeoutMs: 10_000 });
        figures[what] = r.ms;
        if (r.end !== null) failures.push(`${what}: ended with ${describeEnd(r.end)}, want a success`);
        if (!same(r.data, msgs(1, 4))) failures.push(`${what}: delivered ${JSON.stringify(r.data)}, want msg 1..4 (the marker not delivered)`);
        if (style !== 'events' && r.closes !== 1) failures.push(`${what}: ${r.closes} onclose calls / close events, want 1`);
        if (style === 'EventSource' && r.state !== env.sse.EventSource.CLOSED) failures.push(`${what}: readyState ${r.state}`);
        if (r.errors.length !== 0 || r.retries.length !== 0) failures.push(`${what}: ${r.errors.length} errors, ${r.retries.length} retries`);
        // Chromium may drain a response for up to 5 s before it closes an
        // aborted connection (to reuse it): wait as long as that.
        const st = await serverStats(env.base, key, { wait: 'disconnected', min: 1, timeout: 8000 });
        if (st.waitTimedOut) failures.push(`${what}: the server never saw the disconnect: ${JSON.stringify(st)}`);
        if (st.requests !== 1) failures.push(`${what}: ${st.requests} requests, want 1 (no reconnect)`);
      }
    }
    return { failures, figures };
  },

  async 'done: a clean end before the marker, with ids, resumes and completes exactly once (GET and POST)'(env) {
    const failures = [];
    for (const style of STYLES) {
      for (const method of ['GET', 'POST']) {
        for (const [form, done] of forms(style, 20)) {
          const what = `${style} ${method}, done as a ${form}`;
          const key = uniqueKey(`done-resume-${style}-${method}-${form}`);
          // Every response ends cleanly after 7 events; the marker is event 20.
          const url = `${env.base}/sse?key=${key}&ids=1&events=20&dropAfter=7&dropClean=1`;
          const r = await drive(env.sse, style, url, { method, done, retry: { initialDelay: 10, jitter: 0 } }, { timeoutMs: 10_000 });
          if (r.end !== null) failures.push(`${what}: ended with ${describeEnd(r.end)}`);
          if (!same(r.data, msgs(1, 19))) failures.push(`${what}: delivered ${JSON.stringify(r.data)}, want msg 1..19 once each`);
          const cuts = r.retries.map((x) => x.error);
          if (cuts.length !== 2 || !cuts.every((e) => e && e.name === 'IncompleteStreamError')) {
            failures.push(`${what}: retried after ${JSON.stringify(cuts.map((e) => e && e.name))}, want 2 IncompleteStreamError`);
          } else if (cuts[0].lastEventId !== '7' || cuts[1].lastEventId !== '14' || cuts[1].events !== 14) {
            failures.push(`${what}: fields ${cuts.map((e) => `${e.lastEventId}/${e.events}`)}`);
          }
          if (style !== 'events' && r.closes !== 1) failures.push(`${what}: ${r.closes} closes, want 1 (the marker only)`);
          const st = await serverStats(env.base, key);
          if (st.requests !== 3 || !same(st.lastEventIds, ['', '7', '14'])) {
            failures.push(`${what}: ${st.requests} requests with Last-Event-ID ${JSON.stringify(st.lastEventIds)}`);
          }
        }
      }
    }
    return { failures, figures: {} };
  },

  async 'done: a clean end before the marker that cannot resume is an IncompleteStreamError'(env) {
    const failures = [];
    for (const style of STYLES) {
      for (const [form, done] of forms(style, 10)) {
        // A POST without event ids may not be re-sent; with ids and
        // nonIdempotent: "never" neither (then lastEventId is set).
        for (const ids of [false, true]) {
          const what = `${style}, done as a ${form}, ${ids ? 'ids, nonIdempotent never' : 'no ids'}`;
          const key = uniqueKey(`done-cut-${style}-${form}-${ids}`);
          const url = `${env.base}/sse?key=${key}&events=10&dropAfter=3&dropClean=1${ids ? '&ids=1' : ''}`;
          const retry = ids ? { initialDelay: 10, nonIdempotent: 'never' } : { initialDelay: 10 };
          const r = await drive(env.sse, style, url, { method: 'POST', body: '{}', done, retry }, { timeoutMs: 10_000 });
          const e = r.end;
          if (!(e instanceof env.sse.IncompleteStreamError) || !(e instanceof env.sse.SSEError)) {
            failures.push(`${what}: ended with ${describeEnd(e)}, want an IncompleteStreamError`);
            continue;
          }
          if (e.name !== 'IncompleteStreamError' || e.events !== 3 || e.lastEventId !== (ids ? '3' : '')) {
            failures.push(`${what}: name ${e.name}, events ${e.events}, lastEventId ${JSON.stringify(e.lastEventId)}`);
          }
          if (!/^wasm-sse: POST .*\/sse\?…: the stream ended before its done marker \(3 events received/.test(e.message)) failures.push(`${what}: message ${e.message}`);
          if (!same(r.data, msgs(1, 3))) failures.push(`${what}: delivered ${JSON.stringify(r.data)}`);
          if (r.closes !== 0) failures.push(`${what}: ${r.closes} closes for a cut-off answer`);
          if (style === 'EventSource' && r.state !== env.sse.EventSource.CLOSED) failures.push(`${what}: readyState ${r.state}`);
          const st = await serverStats(env.base, key);
          if (st.requests !== 1) failures.push(`${what}: ${st.requests} requests, want 1`);
        }
      }
    }
    return { failures, figures: {} };
  },

  async 'done: an abort by the user is still not an error'(env) {
    const failures = [];
    for (const style of STYLES) {
      const key = uniqueKey(`done-abort-${style}`);
      const url = `${env.base}/sse?key=${key}&ids=1&events=1000&delay=20`;
      // stopWhen ends each style its own way: abort(), break, es.close().
      const r = await drive(env.sse, style, url, { done: 'never sent' }, { stopWhen: (d) => d.length === 3, timeoutMs: 10_000 });
      if (r.end !== null) failures.push(`${style}: ended with ${describeEnd(r.end)}`);
      if (!same(r.data, msgs(1, 3))) failures.push(`${style}: delivered ${JSON.stringify(r.data)}`);
      if (r.errors.length !== 0 || r.closes !== 0) failures.push(`${style}: ${r.errors.length} errors, ${r.closes} closes`);
      const signal = AbortSignal.timeout(150);
      const s = await drive(env.sse, style, url.replace(key, `${key}-signal`), { done: 'never sent', signal }, { timeoutMs: 10_000 });
      if (s.end !== null) failures.push(`${style} aborted by its signal: ended with ${describeEnd(s.end)}`);
    }
    return { failures, figures: {} };
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
