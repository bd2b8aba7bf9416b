// The common deployment: the page (and the package) on one origin, the event
// stream on another. Here the page and npm/ come from a small Node static
// server and the streams from the Go test server, which answers CORS.
/* global T */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, run, key, stats, url, NPM, BASE } from './helpers.js';
import { serveStatic } from './static-server.js';

const other = await serveStatic(NPM);
after(() => other.close());
const ctx = suite(other.url);
const SSE_ORIGIN = new URL(BASE).origin;
const PAGE_ORIGIN = new URL(other.url).origin;

test('the page and the stream are on different origins; sse.wasm comes from the page\'s origin, once', async () => {
  assert.notEqual(PAGE_ORIGIN, SSE_ORIGIN);
  assert.equal(await run(ctx.page, () => location.origin), PAGE_ORIGIN);
  const got = await run(ctx.page, async () => {
    const got = [];
    await T.sse.fetchEventSource(T.url('/sse', { events: 2 }), { onmessage: (m) => got.push(m.data) });
    await T.sse.fetchEventSource(T.url('/sse', { events: 1 }), { onmessage: (m) => got.push(m.data) });
    return got;
  });
  assert.deepEqual(got, ['msg 1', 'msg 2', 'msg 1']);
  assert.deepEqual(other.requests.filter((p) => p.endsWith('.wasm')), ['/dist/sse.wasm']);
});

test('the three styles stream cross-origin; MessageEvent.origin is the stream\'s origin', async () => {
  const r = await run(ctx.page, async () => {
    const fes = [];
    await T.sse.fetchEventSource(T.url('/sse', { events: 2 }), { onmessage: (m) => fes.push(m.data) });
    const ev = [];
    for await (const m of T.sse.events(T.url('/sse', { events: 2 }))) ev.push(m.data);
    const es = new T.sse.EventSource(T.url('/sse', { events: 2, end: 'hang' }));
    const log = await T.until(es, ['open', 'message'], (_, l) => l.length === 3);
    es.close();
    return { fes, ev, es: log.map((e) => [e.type, e.state, e.data ?? null, e.origin ?? null]) };
  });
  assert.deepEqual(r.fes, ['msg 1', 'msg 2']);
  assert.deepEqual(r.ev, ['msg 1', 'msg 2']);
  assert.deepEqual(r.es, [['open', 1, null, null], ['message', 1, 'msg 1', SSE_ORIGIN], ['message', 1, 'msg 2', SSE_ORIGIN]]);
});

test('a POST with a JSON body and an Authorization header is preflighted, then sent as given', async () => {
  const k = key('xo-post');
  const req = await run(ctx.page, async (k) => {
    const msgs = [];
    await T.sse.fetchEventSource(T.url('/echo', { key: k }), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer xyz' },
      body: JSON.stringify({ prompt: 'hi' }),
      onmessage: (m) => msgs.push(m),
    });
    return T.echoed(msgs);
  }, k);
  assert.equal(req.method, 'POST');
  assert.equal(req.body, '{"prompt":"hi"}');
  assert.equal(req.headers.authorization, 'Bearer xyz');
  assert.equal(req.headers['content-type'], 'application/json');
  assert.equal(req.headers.origin, PAGE_ORIGIN);
  const st = await stats(k);
  assert.equal(st.preflights, 1);
  assert.equal(st.requests, 1);
});

test('a cut stream resumes cross-origin with Last-Event-ID (EventSource and events)', async () => {
  const k1 = key('xo-resume-es');
  const k2 = key('xo-resume-ev');
  const r = await run(ctx.page, async ({ k1, k2 }) => {
    const es = new T.sse.EventSource(T.url('/sse', { key: k1, events: 4, ids: 1, dropAfter: 2, retry: 20, doneStatus: 204 }));
    const log = await T.until(es, ['message', 'error'], () => es.readyState === 2);
    const ev = await T.drain(T.url('/sse', { key: k2, events: 4, ids: 1, dropAfter: 2 }), { retry: { initialDelay: 10 } });
    return { es: log.filter((e) => e.type === 'message').map((e) => `${e.data}#${e.id}`), ev };
  }, { k1, k2 });
  assert.deepEqual(r.es, ['msg 1#1', 'msg 2#2', 'msg 3#3', 'msg 4#4']);
  assert.deepEqual(r.ev, { got: ['msg 1', 'msg 2', 'msg 3', 'msg 4'], error: null });
  assert.deepEqual((await stats(k1)).lastEventIds, ['', '2', '4']);
  assert.deepEqual((await stats(k2)).lastEventIds.slice(0, 2), ['', '2']);
});

test('HTTPError cross-origin: status, statusText, body and exposed headers are readable', async () => {
  // 429 is retried (after Retry-After): maxRetries 0 gives up at once.
  const x = await run(ctx.page, async () => (await T.drain(T.url('/sse', { status: 429, body: 'slow down', retryAfter: 7, header: 'X-Quota:0' }), {
    retry: { maxRetries: 0 },
  })).error);
  assert.deepEqual(x.classes, ['SSEError', 'RetriesExhaustedError']);
  const e = x.cause;
  assert.deepEqual(e.classes, ['SSEError', 'HTTPError']);
  assert.equal(e.status, 429);
  assert.equal(e.statusText, 'Too Many Requests');
  assert.equal(e.body, 'slow down');
  assert.equal(e.headers['retry-after'], '7');
  assert.equal(e.headers['x-quota'], '0');
});

test('credentials: cookies go cross-origin only with withCredentials / credentials: "include"', async () => {
  const r = await run(ctx.page, async () => {
    // Cookies are per host, not per port: the page's cookie applies to the
    // test server's host too, but a cross-origin request sends it only with
    // credentials.
    document.cookie = 'session=s3cret; path=/';
    const cookies = async (style, init) => {
      const msgs = [];
      if (style === 'es') {
        const es = new T.sse.EventSource(T.url('/echo'), init);
        const log = [];
        await new Promise((resolve) => {
          es.addEventListener('cookie', (ev) => log.push(ev.data));
          es.addEventListener('end', () => { es.close(); resolve(undefined); });
        });
        return log;
      }
      await T.sse.fetchEventSource(T.url('/echo'), { ...init, onmessage: (m) => msgs.push(m) });
      return msgs.filter((m) => m.event === 'cookie').map((m) => m.data);
    };
    try {
      return {
        esWith: await cookies('es', { withCredentials: true }),
        esWithout: await cookies('es', {}),
        fesInclude: await cookies('fes', { credentials: 'include' }),
        fesDefault: await cookies('fes', {}),
      };
    } finally {
      document.cookie = 'session=; path=/; max-age=0';
    }
  });
  assert.deepEqual(r, { esWith: ['session=s3cret'], esWithout: [], fesInclude: ['session=s3cret'], fesDefault: [] });
});

test('a redirect to another origin: the stream follows it and MessageEvent.origin is the final origin', async () => {
  const port = new URL(BASE).port;
  const start = url('/sse', { redirect: 307, to: `${BASE}/sse?events=1&end=hang` }).replace('127.0.0.1', 's7.test');
  assert.match(start, new RegExp(`^http://s7\\.test:${port}/`));
  const r = await run(ctx.page, async (start) => {
    const es = new T.sse.EventSource(start);
    const ev = await T.within(new Promise((res) => { es.onmessage = res; }), 5000, 'message');
    es.close();
    return [es.url, ev.origin, ev.data];
  }, start);
  assert.deepEqual(r, [start, SSE_ORIGIN, 'msg 1']);
});

test('a server without CORS headers: a NetworkError (cause: the browser\'s TypeError), retried, then RetriesExhaustedError', async () => {
  // The static server sends no Access-Control-Allow-Origin; s8.test is
  // another origin for the same server.
  const noCors = new URL('test/browser/pages/index.html', other.url);
  noCors.hostname = 's8.test';
  const r = await run(ctx.page, async (u) => {
    const errs = [];
    const res = await T.settled(() => T.sse.fetchEventSource(u, {
      onerror: (e) => { errs.push(T.err(e)); },
      retry: { initialDelay: 10, maxRetries: 1 },
    }));
    return { errs, res };
  }, noCors.href);
  assert.equal(r.errs.length, 2);
  assert.ok(r.errs.every((e) => e.classes.join() === 'SSEError,NetworkError' && e.cause.isTypeError), JSON.stringify(r.errs));
  assert.ok(r.errs.every((e) => e.message.startsWith(`wasm-sse: GET ${noCors.origin}/test/browser/pages/index.html: `)), JSON.stringify(r.errs));
  assert.deepEqual(r.res.error.classes, ['SSEError', 'RetriesExhaustedError']);
  assert.equal(r.res.error.cause.cause.isTypeError, true);
});

test('mode: "same-origin" refuses a cross-origin stream (a TypeError, never sent)', async () => {
  const k = key('xo-mode');
  const e = await run(ctx.page, async (k) => (await T.settled(() => T.sse.fetchEventSource(T.url('/sse', { key: k }), {
    mode: 'same-origin', retry: { maxRetries: 0 },
  }))).error, k);
  assert.deepEqual(e.classes, ['SSEError', 'RetriesExhaustedError']);
  assert.deepEqual(e.cause.classes, ['SSEError', 'NetworkError']);
  assert.equal(e.cause.cause.isTypeError, true);
  assert.equal((await stats(k)).requests, 0);
});
