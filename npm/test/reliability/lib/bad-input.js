// The bad-input table, each case with its expected outcome, the same in
// Node and in the page. A case runs one stream through fetchEventSource (or
// another style) against the test server and returns the list of what did
// not match ([] = passed) plus a few figures.
import {
  fetchEventSource, EventSource, HTTPError, ContentTypeError, IdleTimeoutError, EventTooLargeError, RetriesExhaustedError,
} from '../../../src/index.js';
import { base64url } from './streams.js';

const enc = new TextEncoder();

/**
 * @typedef {object} Ctx
 * @property {string} base the test server's URL
 * @property {() => number | undefined} wasmMemory bytes of the wasm linear memory, when known
 */

/**
 * @typedef {object} Outcome
 * @property {{event: string, data: string, id: string}[]} messages
 * @property {any} error the final error (null: resolved)
 * @property {number} closes onclose calls
 * @property {{attempt: number, delay: number, error: any}[]} retries
 * @property {any} stats the server's counters of the key
 * @property {number} ms
 * @property {string} key
 */

let seq = 0;

/**
 * q builds a test server URL for key k.
 * @param {Ctx} ctx @param {string} path @param {string} k @param {string} query
 */
const q = (ctx, path, k, query) => `${ctx.base}${path}?key=${encodeURIComponent(k)}${query ? '&' + query : ''}`;

/**
 * rawQ is the raw= parameter for bytes (a string is UTF-8 encoded; use
 * \x escapes in a Uint8Array for invalid bytes).
 * @param {string | Uint8Array} body
 */
export const rawQ = (body) => 'raw=' + base64url(typeof body === 'string' ? enc.encode(body) : body);

/** @param {string} s */
const latin1 = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/**
 * stream runs fetchEventSource on path?query with options and records what happens.
 * @param {Ctx} ctx @param {string} path @param {string} query @param {object} [opts]
 * @returns {Promise<Outcome>}
 */
async function stream(ctx, path, query, opts = {}) {
  const k = `rel-bad-${Date.now()}-${++seq}-${Math.random().toString(36).slice(2)}`;
  /** @type {Outcome} */
  const out = { messages: [], error: null, closes: 0, retries: [], stats: null, ms: 0, key: k };
  const start = Date.now();
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), 20000);
  try {
    await fetchEventSource(q(ctx, path, k, query), {
      retry: { initialDelay: 10, maxDelay: 50, jitter: 0 },
      signal: ac.signal,
      onmessage: (m) => { out.messages.push({ event: m.event, data: m.data, id: m.id }); },
      onclose: () => { out.closes++; },
      onretry: (info) => { out.retries.push(info); },
      ...opts,
    });
    if (ac.signal.aborted) out.error = new Error('timed out after 20 s');
  } catch (e) {
    out.error = e;
  } finally {
    clearTimeout(timer);
  }
  out.ms = Date.now() - start;
  out.stats = await statsOf(ctx, k, '');
  return out;
}

/** @param {Ctx} ctx @param {string} k @param {string} wait */
async function statsOf(ctx, k, wait) {
  const res = await fetch(q(ctx, '/stats', k, wait));
  return res.json();
}

/**
 * Checker collects failures.
 */
class Checker {
  constructor() {
    /** @type {string[]} */
    this.failures = [];
    /** @type {Record<string, unknown>} */
    this.figures = {};
  }

  /** @param {boolean} ok @param {string} what */
  ok(ok, what) {
    if (!ok) this.failures.push(what);
  }

  /** @param {unknown} got @param {unknown} want @param {string} what */
  eq(got, want, what) {
    const g = JSON.stringify(got), w = JSON.stringify(want);
    if (g !== w) this.failures.push(`${what}: got ${g}, want ${w}`);
  }

  /** @param {Outcome} o @param {string} what */
  once(o, what) {
    this.eq(o.stats.requests, 1, `${what}: requests`);
    this.eq(o.retries.length, 0, `${what}: retries`);
  }

  /** @param {Outcome} o @param {Function} cls @param {string} what */
  err(o, cls, what) {
    this.ok(o.error instanceof cls, `${what}: error ${o.error && o.error.name}: ${o.error && o.error.message}, want ${cls.name}`);
  }
}

/** @param {any} e @param {Function} cls */
const causeIs = (e, cls) => e instanceof cls || (e instanceof RetriesExhaustedError && e.cause instanceof cls);

/**
 * The cases: name → run(ctx, check).
 * @type {Record<string, (ctx: Ctx, c: Checker) => Promise<void>>}
 */
export const CASES = {
  'binary garbage: no error, well-formed text, one request': async (ctx, c) => {
    const o = await stream(ctx, '/sse', 'garbage=262144&seed=3');
    c.eq(o.error, null, 'error');
    c.once(o, 'garbage');
    c.ok(o.messages.every((m) => m.data.isWellFormed() && m.event.isWellFormed() && m.id.isWellFormed()), 'well-formed strings');
    const o2 = await stream(ctx, '/sse', 'garbage=65536&seed=11&chunk=7');
    c.eq(o2.error, null, 'garbage in 7-byte pieces');
  },

  'NUL bytes: kept in data; an id with NUL is ignored': async (ctx, c) => {
    const o = await stream(ctx, '/sse', rawQ('data: a\x00b\n\nid: 1\x002\ndata: c\n\nid: 3\ndata: \x00\n\n'));
    c.eq(o.error, null, 'error');
    c.eq(o.messages.map((m) => [m.data, m.id]), [['a\x00b', ''], ['c', ''], ['\x00', '3']], 'messages');
  },

  'invalid UTF-8: each bad sequence becomes U+FFFD': async (ctx, c) => {
    const o = await stream(ctx, '/sse', rawQ(latin1('data: \xff\xfe ok \xe2\x82\n\ndata: \xed\xa0\x80 surrogate\n\nid: \xc3\ndata: x\n\n')));
    c.eq(o.error, null, 'error');
    c.eq(o.messages.map((m) => [m.data, m.id]), [['\uFFFD\uFFFD ok \uFFFD', ''], ['\uFFFD\uFFFD\uFFFD surrogate', ''], ['x', '\uFFFD']], 'messages');
  },

  '50 MB line without a newline: EventTooLargeError, memory bounded': async (ctx, c) => {
    for (const limit of [64 * 1024, undefined]) {
      const want = limit ?? 16 * 1024 * 1024;
      const before = ctx.wasmMemory();
      const o = await stream(ctx, '/sse', 'huge=52428800', limit === undefined ? {} : { maxEventSize: limit });
      const after = ctx.wasmMemory();
      c.err(o, EventTooLargeError, `limit ${want}`);
      c.eq(o.error && o.error.limit, want, 'limit');
      c.once(o, `limit ${want}`);
      const st = await statsOf(ctx, o.key, 'wait=disconnected&min=1&timeout=8000');
      c.ok(st.waitTimedOut === undefined, `limit ${want}: the server saw the client leave`);
      if (before !== undefined && after !== undefined) {
        c.ok(after - before < 6 * want + 8 * 1024 * 1024, `limit ${want}: wasm memory grew by ${after - before}`);
      }
      c.figures[`limit ${want}`] = { ms: o.ms, wasmMemoryBefore: before, wasmMemoryAfter: after };
    }
  },

  'a huge comment line counts against maxEventSize': async (ctx, c) => {
    const o = await stream(ctx, '/sse', rawQ('data: before\n\n:' + 'x'.repeat(100000) + '\ndata: after\n\n'), { maxEventSize: 1000 });
    c.err(o, EventTooLargeError, 'comment');
    c.eq(o.messages.map((m) => m.data), ['before'], 'messages');
  },

  'HTML error page with 200: ContentTypeError, not retried': async (ctx, c) => {
    const o = await stream(ctx, '/sse', 'ctype=text/html&body=' + encodeURIComponent('<html><h1>Oops</h1></html>'));
    c.err(o, ContentTypeError, 'html');
    c.eq(o.error && o.error.contentType, 'text/html', 'contentType');
    c.once(o, 'html');
  },

  'content types: charset and odd casing accepted, others rejected': async (ctx, c) => {
    for (const ct of ['text/event-stream;charset=utf-8', 'TEXT/EVENT-STREAM', 'Text/Event-Stream ; Charset="UTF-8"']) {
      const o = await stream(ctx, '/sse', 'events=2&ctype=' + encodeURIComponent(ct));
      c.eq(o.error, null, ct);
      c.eq(o.messages.map((m) => m.data), ['msg 1', 'msg 2'], ct);
    }
    for (const ct of ['', 'text/event-streams', 'text/plain', 'application/octet-stream']) {
      const o = await stream(ctx, '/sse', 'events=2&ctype=' + encodeURIComponent(ct));
      c.err(o, ContentTypeError, JSON.stringify(ct));
      c.eq(o.messages.length, 0, `${JSON.stringify(ct)}: messages`);
      c.once(o, JSON.stringify(ct));
    }
  },

  'redirects 301/302/307/308 followed; a POST keeps method and body on 307/308': async (ctx, c) => {
    for (const code of [301, 302, 307, 308]) {
      const k = `rel-redir-${Date.now()}-${++seq}`;
      const o = await stream(ctx, '/sse', `redirect=${code}&to=${encodeURIComponent(`/sse?events=2&key=${k}`)}`);
      c.eq(o.error, null, `${code}: error`);
      c.eq(o.messages.map((m) => m.data), ['msg 1', 'msg 2'], `${code}: messages`);
      const e = await stream(ctx, '/sse', `redirect=${code}&to=${encodeURIComponent(`/echo?key=${k}`)}`,
        { method: 'POST', body: 'payload é' });
      c.eq(e.error, null, `${code} POST: error`);
      const method = e.messages.find((m) => m.event === 'method')?.data;
      const body = e.messages.find((m) => m.event === 'body')?.data;
      if (code === 307 || code === 308) {
        c.eq([method, body], ['POST', 'payload é'], `${code} keeps method and body`);
      } else {
        c.eq([method, body], ['GET', undefined], `${code} turns a POST into a GET (fetch standard)`);
      }
    }
  },

  '401, 403, 404: HTTPError, not retried': async (ctx, c) => {
    for (const code of [401, 403, 404]) {
      const o = await stream(ctx, '/sse', `status=${code}`);
      c.err(o, HTTPError, String(code));
      c.eq(o.error && o.error.status, code, 'status');
      c.ok(o.error && String(o.error.body).includes(String(code)), `${code}: body excerpt`);
      c.once(o, String(code));
    }
  },

  '408, 429 with Retry-After, 500, 502, 503: retried': async (ctx, c) => {
    for (const code of [408, 429, 500, 502, 503]) {
      const o = await stream(ctx, '/sse', `events=2&failTimes=1&status=${code}${code === 429 ? '&retryAfter=1' : ''}`);
      c.eq(o.error, null, `${code}: error`);
      c.eq(o.messages.map((m) => m.data), ['msg 1', 'msg 2'], `${code}: messages`);
      c.eq(o.stats.requests, 2, `${code}: requests`);
      // A browser may itself re-send a request that got a 408.
      if (code !== 408 || o.retries.length > 0) {
        c.eq(o.retries.length, 1, `${code}: retries`);
        c.ok(o.retries[0] && o.retries[0].error instanceof HTTPError && o.retries[0].error.status === code, `${code}: retry cause`);
      }
      if (code === 429) {
        c.eq(o.retries[0] && o.retries[0].delay, 1000, '429: Retry-After: 1 is the delay');
        c.ok(o.ms >= 1000, '429: waited');
      }
    }
  },

  '204: stops (fetchEventSource rejects, EventSource closes)': async (ctx, c) => {
    const o = await stream(ctx, '/sse', 'status=204');
    c.err(o, HTTPError, '204');
    c.eq(o.error && o.error.status, 204, 'status');
    c.once(o, '204');
    const k = `rel-204-${Date.now()}-${++seq}`;
    const es = new EventSource(q(ctx, '/sse', k, 'status=204'), { retry: { initialDelay: 10 } });
    const ev = await new Promise((r) => { es.onerror = r; setTimeout(() => r(null), 5000); });
    c.eq(es.readyState, EventSource.CLOSED, 'EventSource closed');
    c.ok(ev !== null && /** @type {any} */ (ev).error instanceof HTTPError, 'EventSource error event carries the HTTPError');
    es.close();
    c.eq((await statsOf(ctx, k, '')).requests, 1, 'EventSource: one request');
  },

  'empty 200 body: a clean end without events': async (ctx, c) => {
    const o = await stream(ctx, '/sse', 'events=0');
    c.eq(o.error, null, 'error');
    c.eq(o.messages.length, 0, 'messages');
    c.eq(o.closes, 1, 'onclose');
    c.once(o, 'empty');
  },

  'no final blank line: the last event is discarded': async (ctx, c) => {
    for (const body of ['data: a\n\ndata: b\n', 'data: a\n\ndata: b', 'data: a\r\n\r\nid: 2\r\ndata: b\r\n']) {
      const o = await stream(ctx, '/sse', rawQ(body));
      c.eq(o.error, null, JSON.stringify(body));
      c.eq(o.messages.map((m) => m.data), ['a'], JSON.stringify(body));
    }
  },

  'headers that never arrive: IdleTimeoutError': async (ctx, c) => {
    const o = await stream(ctx, '/sse', 'stallHeaders=60000', { idleTimeout: 300, retry: { maxRetries: 0 } });
    c.ok(causeIs(o.error, IdleTimeoutError), `error ${o.error && o.error.name}: ${o.error && o.error.message}`);
    c.ok(o.ms < 3000, `took ${o.ms} ms`);
    const st = await statsOf(ctx, o.key, 'wait=disconnected&min=1&timeout=8000');
    c.ok(st.waitTimedOut === undefined, 'the server saw the client leave');
  },

  'a stall mid-stream: IdleTimeoutError, resumed while it delivers, given up once it does not': async (ctx, c) => {
    const opts = { idleTimeout: 300, retry: { initialDelay: 10, jitter: 0, maxRetries: 1 } };
    // Every response stalls after 2 events: each attempt made progress, so
    // each reconnect starts a new run and maxRetries 1 never stops it.
    const o = await stream(ctx, '/sse', 'ids=1&events=6&stallAfter=2&stall=60000', opts);
    c.eq(o.error, null, 'the last response is empty and ends cleanly');
    c.eq(o.messages.map((m) => m.data), ['msg 1', 'msg 2', 'msg 3', 'msg 4', 'msg 5', 'msg 6'], 'messages');
    c.ok(o.retries.length === 3 && o.retries.every((r) => r.attempt === 1 && r.error instanceof IdleTimeoutError),
      `three reconnects, each the first of its run, after an IdleTimeoutError: ${JSON.stringify(o.retries.map((r) => r.attempt))}`);
    const st = await statsOf(ctx, o.key, 'wait=disconnected&min=3&timeout=8000');
    c.eq(st.lastEventIds, ['', '2', '4', '6'], 'Last-Event-ID of each request');
    c.ok(o.ms < 3000, `took ${o.ms} ms`);
    // A stall before any event: no progress, so the second one gives up.
    const p = await stream(ctx, '/sse', 'ids=1&events=6&stall=60000', opts);
    c.err(p, RetriesExhaustedError, 'stall before any event');
    c.ok(p.error && p.error.cause instanceof IdleTimeoutError, 'cause IdleTimeoutError');
    c.eq(p.messages.length, 0, 'no message');
    const sp = await statsOf(ctx, p.key, 'wait=disconnected&min=2&timeout=8000');
    c.eq(sp.requests, 2, 'requests');
  },
};

/**
 * runCase runs one case and returns {failures, figures}.
 * @param {Ctx} ctx @param {string} name
 */
export async function runCase(ctx, name) {
  const c = new Checker();
  try {
    await CASES[name](ctx, c);
  } catch (e) {
    c.failures.push(`threw ${e && /** @type {any} */ (e).stack}`);
  }
  return { failures: c.failures, figures: c.figures };
}
