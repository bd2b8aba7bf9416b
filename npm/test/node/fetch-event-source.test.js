// fetchEventSource against the Go test server: the option names and
// callback semantics of @microsoft/fetch-event-source 2.0.1, minus its bugs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchEventSource, EventStreamContentType, HTTPError, ContentTypeError, RetriesExhaustedError } from '../../src/index.js';
import { key, url, raw, stats, within, echoed, deferred } from './helpers.js';

const FAST = { initialDelay: 10, jitter: 0 };

test('EventStreamContentType', () => {
  assert.equal(EventStreamContentType, 'text/event-stream');
});

test('messages carry the original fields: event "" by default, the block\'s own id, retry only where set', async () => {
  const msgs = [];
  await within(fetchEventSource(raw('data: a\n\nevent: ping\ndata: b\nid: 7\nretry: 1234\n\n: comment\ndata: c\ndata:\n\nid: 8\n\nevent: x\n\ndata: d\nid:\n\n'), {
    onmessage: (m) => msgs.push(m),
  }), 5000, 'stream');
  assert.deepEqual(msgs, [
    { data: 'a', event: '', id: '', retry: undefined },
    { data: 'b', event: 'ping', id: '7', retry: 1234 },
    { data: 'c\n', event: '', id: '', retry: undefined }, // no id field of its own
    { data: 'd', event: '', id: '', retry: undefined },
  ]);
});

test('spec-exact parsing: CRLF, CR, BOM, colon rules, multi-byte text', async () => {
  const msgs = [];
  await fetchEventSource(raw('\uFEFFdata:no space\r\ndata:  two spaces\r\n\rdata\n\ndata: ü😀\n\n'), { onmessage: (m) => msgs.push(m.data) });
  assert.deepEqual(msgs, ['no space\n two spaces', '', 'ü😀']);
});

test('onopen gets the Response and is awaited before any message', async () => {
  const order = [];
  await fetchEventSource(url('/sse', { events: 2 }), {
    async onopen(res) {
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^text\/event-stream/);
      await new Promise((r) => setTimeout(r, 50));
      order.push('open');
    },
    onmessage: (m) => order.push(m.data),
  });
  assert.deepEqual(order, ['open', 'msg 1', 'msg 2']);
});

test('a user onopen replaces the default validation', async () => {
  const msgs = [];
  await fetchEventSource(url('/sse', { events: 1, ctype: 'text/plain' }), {
    async onopen() {},
    onmessage: (m) => msgs.push(m.data),
  });
  assert.deepEqual(msgs, ['msg 1']);
});

test('onopen throwing is retried like a network error; the thrown value reaches onerror', async () => {
  const k = key('fes-open-throw');
  class Retriable extends Error {}
  let opens = 0;
  const errs = [];
  const msgs = [];
  await within(fetchEventSource(url('/sse', { key: k, events: 1 }), {
    async onopen() {
      if (++opens < 3) throw new Retriable(`no ${opens}`);
    },
    onmessage: (m) => msgs.push(m.data),
    onerror: (e) => { errs.push(e); },
    retry: FAST,
  }), 5000, 'stream');
  assert.equal(opens, 3);
  assert.equal(errs.length, 2);
  assert.ok(errs.every((e) => e instanceof Retriable));
  assert.deepEqual(msgs, ['msg 1']);
  assert.equal((await stats(k)).requests, 3);
});

test('onerror throwing stops: the promise rejects with exactly that value', async () => {
  const k = key('fes-fatal');
  class Fatal extends Error {}
  const thrown = new Fatal('stop');
  const seen = [];
  await assert.rejects(fetchEventSource(url('/sse', { key: k, status: 503 }), {
    onerror(e) {
      seen.push(e);
      throw thrown;
    },
  }), (e) => e === thrown);
  assert.equal(seen.length, 1);
  assert.ok(seen[0] instanceof HTTPError);
  assert.equal(seen[0].status, 503);
  assert.equal((await stats(k)).requests, 1);
});

test('onerror returning a number retries after that many ms', async () => {
  const k = key('fes-delay');
  const t0 = performance.now();
  let tries = 0;
  const msgs = [];
  await within(fetchEventSource(url('/sse', { key: k, failTimes: 2, events: 1 }), {
    onmessage: (m) => msgs.push(m.data),
    onerror: () => { tries++; return 150; },
  }), 5000, 'stream');
  const took = performance.now() - t0;
  assert.equal(tries, 2);
  assert.deepEqual(msgs, ['msg 1']);
  assert.ok(took >= 290, `two 150 ms waits took ${took} ms`);
  assert.equal((await stats(k)).requests, 3);
});

test('onerror returning nothing lets the retry policy decide', async () => {
  const k = key('fes-policy');
  const errs = [];
  await assert.rejects(fetchEventSource(url('/sse', { key: k, status: 503 }), {
    onerror: (e) => { errs.push(e); },
    retry: { ...FAST, maxRetries: 2 },
  }), (e) => e instanceof RetriesExhaustedError && e.cause instanceof HTTPError && e.attempts === 2);
  assert.equal(errs.length, 3);
  assert.equal((await stats(k)).requests, 3);
});

test('network errors are retried and reach onerror', async () => {
  const k = key('fes-net');
  const errs = [];
  const msgs = [];
  // Every response is cut after one event; ids=1 resumes from Last-Event-ID.
  await within(fetchEventSource(url('/sse', { key: k, events: 3, dropAfter: 1, ids: 1 }), {
    onmessage: (m) => msgs.push(m.data),
    onerror: (e) => { errs.push(e); },
    retry: FAST,
  }), 5000, 'stream');
  assert.equal(errs.length, 3);
  assert.ok(errs.every((e) => e instanceof Error));
  assert.deepEqual(msgs, ['msg 1', 'msg 2', 'msg 3']);
  const st = await stats(k);
  assert.equal(st.requests, 4);
  assert.deepEqual(st.lastEventIds, ['', '1', '2', '3']);
});

test('default validation: 204, 4xx and a wrong content type stop without retry', async () => {
  for (const [q, check] of /** @type {const} */ ([
    [{ status: 204 }, (e) => e instanceof HTTPError && e.status === 204],
    [{ status: 404, body: 'no such stream' }, (e) => e instanceof HTTPError && e.status === 404 && e.statusText === 'Not Found' &&
      e.body === 'no such stream' && e.headers.get('content-type').startsWith('text/plain') && e.response.status === 404],
    [{ status: 401 }, (e) => e instanceof HTTPError && e.status === 401],
    [{ ctype: 'text/html' }, (e) => e instanceof ContentTypeError && e.contentType === 'text/html' && e.response.status === 200],
    [{ ctype: '' }, (e) => e instanceof ContentTypeError && (e.contentType === '' || e.contentType === null)],
  ])) {
    const k = key('fes-validate');
    let onerrors = 0;
    await assert.rejects(within(fetchEventSource(url('/sse', { key: k, ...q }), {
      onerror: () => { onerrors++; },
      retry: FAST,
    }), 5000, JSON.stringify(q)), check, JSON.stringify(q));
    assert.equal(onerrors, 1, JSON.stringify(q));
    assert.equal((await stats(k)).requests, 1, JSON.stringify(q));
  }
});

test('a clean end calls onclose, then resolves; no reconnect', async () => {
  const k = key('fes-end');
  const order = [];
  await fetchEventSource(url('/sse', { key: k, events: 2 }), {
    onmessage: (m) => order.push(m.data),
    onclose: () => order.push('close'),
  });
  assert.deepEqual(order, ['msg 1', 'msg 2', 'close']);
  assert.equal((await stats(k)).requests, 1);
});

test('onclose throwing fails the attempt and reaches onerror (the reconnect-on-close pattern)', async () => {
  const k = key('fes-close-throw');
  let closes = 0;
  const errs = [];
  class Again extends Error {}
  await assert.rejects(within(fetchEventSource(url('/sse', { key: k, events: 1 }), {
    onclose() { closes++; throw new Again('again'); },
    onerror(e) {
      errs.push(e);
      if (errs.length === 2) throw e;
    },
    retry: FAST,
  }), 5000, 'stream'), (e) => e instanceof Again);
  assert.equal(closes, 2);
  assert.ok(errs.every((e) => e instanceof Again));
  assert.equal((await stats(k)).requests, 2);
});

test('onmessage throwing fails the attempt and reaches onerror (README pattern)', async () => {
  class FatalError extends Error {}
  const errs = [];
  let calls = 0;
  await assert.rejects(fetchEventSource(url('/sse', { events: 5, event: 'FatalError' }), {
    onmessage(msg) {
      calls++;
      if (msg.event === 'FatalError') throw new FatalError(msg.data);
    },
    onerror(err) {
      errs.push(err);
      if (err instanceof FatalError) throw err;
    },
  }), (e) => e instanceof FatalError && e.message === 'msg 1');
  assert.equal(calls, 1, 'no message after the throw');
  assert.equal(errs.length, 1);
});

test('abort settles the promise and the server sees the disconnect', async () => {
  const k = key('fes-abort');
  const ac = new AbortController();
  const msgs = [];
  const p = fetchEventSource(url('/sse', { key: k, events: 1000, delay: 20 }), {
    signal: ac.signal,
    onmessage: (m) => {
      msgs.push(m.data);
      if (msgs.length === 2) ac.abort();
    },
  });
  await within(p, 5000, 'abort resolves');
  assert.deepEqual(msgs, ['msg 1', 'msg 2']);
  const st = await stats(k, { wait: 'disconnected', min: 1 });
  assert.equal(st.requests, 1);
  assert.equal(st.active, 0);
});

test('an already-aborted signal never fetches and resolves', async () => {
  const k = key('fes-pre-abort');
  let fetched = 0;
  let called = 0;
  await within(fetchEventSource(url('/sse', { key: k }), {
    signal: AbortSignal.abort(),
    fetch: (...a) => { fetched++; return fetch(...a); },
    onopen: async () => { called++; },
    onmessage: () => { called++; },
    onerror: () => { called++; },
  }), 1000, 'resolves');
  assert.equal(fetched, 0);
  assert.equal(called, 0);
  assert.equal((await stats(k)).requests, 0);
});

test('fetch: the given implementation is used, with an undefined receiver', async () => {
  const calls = [];
  const msgs = [];
  await fetchEventSource(url('/sse', { events: 1 }), {
    fetch: function (input, init) {
      'use strict';
      calls.push({ self: this, input: String(input), init });
      return fetch(input, init);
    },
    onmessage: (m) => msgs.push(m.data),
  });
  assert.equal(calls.length, 1);
  assert.equal(calls[0].self, undefined);
  assert.equal(calls[0].input, url('/sse', { events: 1 }));
  const h = new Headers(calls[0].init.headers);
  assert.equal(h.get('accept'), 'text/event-stream');
  assert.ok(calls[0].init.signal instanceof AbortSignal);
  assert.equal(calls[0].init.cache, 'no-store');
  assert.deepEqual(msgs, ['msg 1']);
});

test('method, body and headers (object, Headers, pairs) reach the server', async () => {
  for (const headers of [{ 'X-Token': 'abc' }, new Headers({ 'X-Token': 'abc' }), [['X-Token', 'abc']]]) {
    const msgs = [];
    await fetchEventSource(url('/echo'), {
      method: 'POST',
      body: JSON.stringify({ q: 'hi' }),
      headers,
      onmessage: (m) => msgs.push(m),
    });
    const req = echoed(msgs);
    assert.equal(req.method, 'POST');
    assert.equal(req.body, '{"q":"hi"}');
    assert.equal(req.headers['x-token'], 'abc');
    assert.equal(req.headers.accept, 'text/event-stream');
  }
});

test('a caller Accept header is kept', async () => {
  const msgs = [];
  await fetchEventSource(url('/echo'), { headers: { Accept: 'text/event-stream, application/json' }, onmessage: (m) => msgs.push(m) });
  assert.equal(echoed(msgs).headers.accept, 'text/event-stream, application/json');
});

test('a Request as input lends method and headers', async () => {
  const msgs = [];
  await fetchEventSource(new Request(url('/echo'), { method: 'PUT', headers: { 'X-From-Request': '1' } }), {
    body: 'b',
    onmessage: (m) => msgs.push(m),
  });
  const req = echoed(msgs);
  assert.equal(req.method, 'PUT');
  assert.equal(req.headers['x-from-request'], '1');
  assert.equal(req.body, 'b');
});

test('openWhenHidden: false is accepted where there is no document', async () => {
  const msgs = [];
  await fetchEventSource(url('/sse', { events: 1 }), { openWhenHidden: false, onmessage: (m) => msgs.push(m.data) });
  assert.deepEqual(msgs, ['msg 1']);
});

test('invalid options reject the promise with a TypeError and fetch nothing', async () => {
  const k = key('fes-bad');
  await assert.rejects(fetchEventSource(url('/sse', { key: k }), { onMessage() {} }), /unknown option "onMessage" \(did you mean "onmessage"\?\)/);
  await assert.rejects(fetchEventSource(url('/sse', { key: k }), { headers: { a: 1 } }), TypeError);
  await assert.rejects(fetchEventSource(42, {}), TypeError);
  assert.equal((await stats(k)).requests, 0);
});

test('callbacks after close: none once the signal aborted', async () => {
  const ac = new AbortController();
  const seen = deferred();
  let after = 0;
  const p = fetchEventSource(url('/sse', { events: 50, delay: 5 }), {
    signal: ac.signal,
    onmessage() {
      if (ac.signal.aborted) after++;
      ac.abort();
      seen.resolve(undefined);
    },
    onclose() { after++; },
    onerror() { after++; },
  });
  await seen.promise;
  await p;
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(after, 0);
});

test('every RequestInit field reaches fetch as given; cache defaults to no-store', async () => {
  /** @type {any[]} */
  const inits = [];
  const fakeFetch = async (/** @type {any} */ _input, /** @type {any} */ init) => {
    inits.push(init);
    return new Response('data: ok\n\n', { headers: { 'content-type': 'text/event-stream' } });
  };
  const fields = {
    method: 'PATCH', body: 'b', credentials: 'include', mode: 'same-origin', cache: 'reload', redirect: 'error',
    referrer: 'https://example.test/page', referrerPolicy: 'origin', integrity: 'sha256-abc', keepalive: true, priority: 'low',
  };
  const msgs = [];
  await fetchEventSource('https://example.test/sse', { ...fields, fetch: fakeFetch, onmessage: (m) => msgs.push(m.data) });
  assert.deepEqual(msgs, ['ok']);
  for (const [k, v] of Object.entries(fields)) assert.equal(inits[0][k], v, k);
  await fetchEventSource('https://example.test/sse', { fetch: fakeFetch });
  assert.equal(inits[1].cache, 'no-store');
  assert.equal(inits[1].method, 'GET');
  assert.equal(inits[1].body, undefined);
});
