// EventSource in headless Chromium against the Go test server: a drop-in for
// the native class, compared with Chromium's own EventSource where both apply.
/* global T */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, run, key, url, stats, sleep, BASE } from './helpers.js';

const ctx = suite();
const ORIGIN = new URL(BASE).origin;

test('constants on the class and on instances; an EventTarget; toStringTag', async () => {
  const r = await run(ctx.page, () => {
    const { EventSource } = T.sse;
    const es = new EventSource(T.url('/sse', { events: 1 }), { signal: AbortSignal.abort() });
    return {
      cls: [EventSource.CONNECTING, EventSource.OPEN, EventSource.CLOSED],
      inst: [es.CONNECTING, es.OPEN, es.CLOSED],
      target: es instanceof EventTarget,
      tag: Object.prototype.toString.call(es),
      same: [EventSource.CONNECTING, EventSource.OPEN, EventSource.CLOSED].join() ===
        [window.EventSource.CONNECTING, window.EventSource.OPEN, window.EventSource.CLOSED].join(),
    };
  });
  assert.deepEqual(r, { cls: [0, 1, 2], inst: [0, 1, 2], target: true, tag: '[object EventSource]', same: true });
});

test('url is absolute (relative URLs resolve against the page), withCredentials reflects the option, the request is a GET', async () => {
  const r = await run(ctx.page, async () => {
    const abs = new URL(T.url('/echo'));
    const es = new T.sse.EventSource(abs.pathname, { withCredentials: true });
    const es2 = new T.sse.EventSource(T.url('/sse', { events: 1 }), { signal: AbortSignal.abort() });
    const log = await T.until(es, ['method', 'header', 'end'], (ev) => ev.type === 'end');
    es.close();
    return { url: es.url, withCredentials: es.withCredentials, other: es2.withCredentials, log: log.map((e) => e.data) };
  });
  assert.equal(r.url, url('/echo'));
  assert.equal(r.withCredentials, true);
  assert.equal(r.other, false);
  assert.equal(r.log[0], 'GET');
  assert.ok(r.log.includes('Accept: text/event-stream'), JSON.stringify(r.log));
});

test('an invalid URL is a SyntaxError DOMException; no argument is a TypeError', async () => {
  const r = await run(ctx.page, () => {
    const out = {};
    try { new T.sse.EventSource('http://[::1'); } catch (e) { out.bad = [e instanceof DOMException, e.name]; }
    try { new T.sse.EventSource(); } catch (e) { out.none = e instanceof TypeError; }
    return out;
  });
  assert.deepEqual(r, { bad: [true, 'SyntaxError'], none: true });
});

test('readyState: CONNECTING, OPEN, CONNECTING on a clean end (error event), OPEN again, CLOSED on close()', async () => {
  const k = key('es-states');
  const r = await run(ctx.page, async (k) => {
    const es = new T.sse.EventSource(T.url('/sse', { key: k, events: 2, retry: 20 }));
    const first = es.readyState;
    const log = await T.until(es, ['open', 'message', 'error'], (_, l) => l.filter((e) => e.type === 'open').length === 2);
    es.close();
    return { first, log: log.map((e) => [e.type, e.state]), closed: es.readyState };
  }, k);
  assert.equal(r.first, 0);
  assert.deepEqual(r.log, [['open', 1], ['message', 1], ['message', 1], ['error', 0], ['open', 1]]);
  assert.equal(r.closed, 2);
  assert.equal((await stats(k, { wait: 'active', max: 0 })).active, 0);
});

test('the same event sequence as Chromium\'s native EventSource: open, messages, clean end, reconnect with Last-Event-ID, 204 closes', async () => {
  const kNative = key('es-native');
  const kOurs = key('es-ours');
  const r = await run(ctx.page, async ({ kNative, kOurs }) => {
    const q = { events: 3, ids: 1, retry: 30, doneStatus: 204 };
    const record = async (es) => {
      const log = await T.until(es, ['open', 'message', 'error', 'tick'], () => es.readyState === 2);
      es.close();
      return log.map((e) => [e.type, e.state, e.data, e.id, e.origin]);
    };
    const native = await record(new window.EventSource(T.url('/sse', { key: kNative, ...q })));
    const ours = await record(new T.sse.EventSource(T.url('/sse', { key: kOurs, ...q })));
    return { native, ours };
  }, { kNative, kOurs });
  assert.deepEqual(r.ours, r.native);
  assert.deepEqual(r.ours, [
    ['open', 1, undefined, undefined, undefined],
    ['message', 1, 'msg 1', '1', ORIGIN],
    ['message', 1, 'msg 2', '2', ORIGIN],
    ['message', 1, 'msg 3', '3', ORIGIN],
    ['error', 0, undefined, undefined, undefined],
    ['error', 2, undefined, undefined, undefined],
  ]);
  assert.deepEqual((await stats(kOurs)).lastEventIds, (await stats(kNative)).lastEventIds);
  assert.deepEqual((await stats(kOurs)).lastEventIds, ['', '3']);
});

test('MessageEvent: the page\'s class, data, lastEventId (persists), origin; named events via addEventListener', async () => {
  const got = await run(ctx.page, async () => {
    const es = new T.sse.EventSource(T.raw('data: one\n\nevent: tick\ndata: two\nid: 5\n\ndata: three\n\n', { end: 'hang' }));
    const got = [];
    const done = T.deferred();
    es.onmessage = (ev) => {
      got.push([ev instanceof MessageEvent, ev.type, ev.data, ev.lastEventId, ev.origin]);
      if (got.length === 3) done.resolve(undefined);
    };
    es.addEventListener('tick', (ev) => got.push([ev instanceof MessageEvent, ev.type, ev.data, ev.lastEventId, ev.origin]));
    await T.within(done.promise, 5000, 'three events');
    es.close();
    return got;
  });
  assert.deepEqual(got, [
    [true, 'message', 'one', '', ORIGIN],
    [true, 'tick', 'two', '5', ORIGIN],
    [true, 'message', 'three', '5', ORIGIN],
  ]);
});

test('MessageEvent.origin is the origin after redirects', async () => {
  const r = await run(ctx.page, async () => {
    const es = new T.sse.EventSource(T.url('/sse', { redirect: 307, to: '/sse?events=1&end=hang' }));
    const ev = await T.within(new Promise((res) => { es.onmessage = res; }), 5000, 'message');
    es.close();
    return [ev.origin, ev.data];
  });
  assert.deepEqual(r, [ORIGIN, 'msg 1']);
});

test('reconnects after a cut with Last-Event-ID, honouring the server retry:', async () => {
  const k = key('es-resume');
  const data = await run(ctx.page, async (k) => {
    const es = new T.sse.EventSource(T.url('/sse', { key: k, events: 4, ids: 1, dropAfter: 2, retry: 30 }));
    const data = [];
    const done = T.deferred();
    es.onmessage = (ev) => {
      data.push(ev.data + '#' + ev.lastEventId);
      if (data.length === 4) done.resolve(undefined);
    };
    await T.within(done.promise, 5000, 'four events');
    es.close();
    return data;
  }, k);
  assert.deepEqual(data, ['msg 1#1', 'msg 2#2', 'msg 3#3', 'msg 4#4']);
  assert.deepEqual((await stats(k)).lastEventIds.slice(0, 2), ['', '2']);
});

test('lastEventId option: the first request carries it', async () => {
  const k = key('es-lastid');
  const r = await run(ctx.page, async (k) => {
    const es = new T.sse.EventSource(T.url('/sse', { key: k, events: 3, ids: 1, end: 'hang' }), { lastEventId: '2' });
    const ev = await T.within(new Promise((res) => { es.onmessage = res; }), 5000, 'message');
    es.close();
    return [ev.data, ev.lastEventId];
  }, k);
  assert.deepEqual(r, ['msg 3', '3']);
  assert.equal((await stats(k)).lastEventIds[0], '2');
});

test('a fatal response closes: error event with the typed error, readyState CLOSED, no reconnect', async () => {
  const cases = [[{ status: 404 }, 'HTTPError'], [{ status: 204 }, 'HTTPError'], [{ ctype: 'text/html' }, 'ContentTypeError']];
  for (const [q, cls] of cases) {
    const k = key('es-fatal');
    const r = await run(ctx.page, async ({ k, q }) => {
      const es = new T.sse.EventSource(T.url('/sse', { key: k, ...q }));
      const log = await T.until(es, ['error'], () => true);
      await T.sleep(100);
      return { log, state: es.readyState };
    }, { k, q });
    assert.equal(r.log.length, 1, JSON.stringify(q));
    assert.equal(r.log[0].state, 2);
    assert.deepEqual(r.log[0].error.classes, ['SSEError', cls], JSON.stringify(q));
    assert.equal(r.state, 2);
    assert.equal((await stats(k)).requests, 1);
  }
});

test('retries exhausted: error events while CONNECTING, then CLOSED with RetriesExhaustedError', async () => {
  const k = key('es-exhausted');
  const log = await run(ctx.page, async (k) => {
    const es = new T.sse.EventSource(T.url('/sse', { key: k, status: 503 }), { retry: { initialDelay: 10, jitter: 0, maxRetries: 2 } });
    return T.until(es, ['error'], () => es.readyState === 2);
  }, k);
  assert.deepEqual(log.map((e) => e.state), [0, 0, 2]);
  assert.deepEqual(log[0].error.classes, ['SSEError', 'HTTPError']);
  assert.deepEqual(log[2].error.classes, ['SSEError', 'RetriesExhaustedError']);
  assert.deepEqual(log[2].error.cause.classes, ['SSEError', 'HTTPError']);
  assert.equal(log[2].error.attempts, 2);
  assert.equal((await stats(k)).requests, 3);
});

test('close() inside a listener stops the rest of the batch and any reconnect', async () => {
  const k = key('es-close-in-batch');
  const r = await run(ctx.page, async (k) => {
    // All ten events arrive in one chunk.
    const es = new T.sse.EventSource(T.raw(Array.from({ length: 10 }, (_, i) => `data: ${i}\n\n`).join(''), { key: k }));
    let n = 0;
    let errors = 0;
    es.onerror = () => { errors++; };
    const first = T.deferred();
    es.onmessage = () => {
      n++;
      es.close();
      first.resolve(undefined);
    };
    await T.within(first.promise, 5000, 'first message');
    await T.sleep(150);
    return { n, errors, state: es.readyState };
  }, k);
  assert.deepEqual(r, { n: 1, errors: 0, state: 2 });
  assert.equal((await stats(k)).requests, 1);
});

test('onopen/onmessage/onerror handler properties: set, replace, clear; this is the EventSource', async () => {
  const r = await run(ctx.page, async () => {
    const es = new T.sse.EventSource(T.url('/sse', { events: 3, delay: 30, end: 'hang' }));
    const calls = [];
    const a = () => calls.push('a');
    const b = function (ev) { calls.push(this === es && ev.type === 'message' ? 'b' : 'bad'); };
    es.onmessage = a;
    const setA = es.onmessage === a;
    es.onmessage = b;
    const setB = es.onmessage === b;
    const d = T.deferred();
    es.addEventListener('message', () => { if (calls.length === 2) d.resolve(undefined); });
    await T.within(d.promise, 5000, 'two messages');
    es.onmessage = null;
    const cleared = es.onmessage === null;
    const third = T.deferred();
    es.addEventListener('message', () => third.resolve(undefined));
    await T.within(third.promise, 5000, 'third message');
    es.close();
    return { calls, setA, setB, cleared, onopen: es.onopen, onerror: es.onerror };
  });
  assert.deepEqual(r, { calls: ['b', 'b'], setA: true, setB: true, cleared: true, onopen: null, onerror: null });
});

test('method, headers, body, and headers as a function called at every connect', async () => {
  const r = await run(ctx.page, async () => {
    let n = 0;
    const es = new T.sse.EventSource(T.url('/echo'), {
      method: 'POST',
      body: 'hello',
      headers: async () => ({ Authorization: `Bearer t${++n}` }),
      retry: { initialDelay: 10, jitter: 0, nonIdempotent: 'always' },
    });
    const seen = [];
    const d = T.deferred();
    es.addEventListener('header', (ev) => {
      if (ev.data.startsWith('Authorization:')) seen.push(ev.data);
    });
    const bodies = [];
    es.addEventListener('body', (ev) => bodies.push(ev.data));
    es.addEventListener('method', (ev) => bodies.push(ev.data));
    es.addEventListener('end', () => { if (seen.length === 2) d.resolve(undefined); });
    await T.within(d.promise, 5000, 'two connects');
    es.close();
    return { seen, bodies: bodies.slice(0, 4) };
  });
  assert.deepEqual(r, {
    seen: ['Authorization: Bearer t1', 'Authorization: Bearer t2'],
    bodies: ['POST', 'hello', 'POST', 'hello'],
  });
});

test('a POST whose stream ended is not re-sent by default (resumable policy)', async () => {
  const k = key('es-post-end');
  const log = await run(ctx.page, async (k) => {
    const es = new T.sse.EventSource(T.url('/sse', { key: k, events: 2 }), { method: 'POST', body: 'x', retry: { initialDelay: 10, jitter: 0 } });
    const log = await T.until(es, ['message', 'error'], (ev) => ev.type === 'error');
    await T.sleep(100);
    return log.map((e) => [e.type, e.state]);
  }, k);
  assert.deepEqual(log, [['message', 1], ['message', 1], ['error', 2]]);
  assert.equal((await stats(k)).requests, 1);
});

test('unknown options are a TypeError naming them', async () => {
  const r = await run(ctx.page, () => {
    try {
      new T.sse.EventSource(T.url('/sse'), { withCredential: true });
      return null;
    } catch (e) {
      return [e instanceof TypeError, e.message];
    }
  });
  assert.equal(r[0], true);
  assert.match(r[1], /EventSource: unknown option "withCredential" \(did you mean "withCredentials"\?\)/);
});

test('onretry reports each backoff', async () => {
  const k = key('es-onretry');
  const infos = await run(ctx.page, async (k) => {
    const infos = [];
    const es = new T.sse.EventSource(T.url('/sse', { key: k, failTimes: 2, events: 1, end: 'hang' }), {
      retry: { initialDelay: 20, factor: 2, jitter: 0 },
      onretry: (info) => infos.push({ attempt: info.attempt, delay: info.delay, error: T.err(info.error) }),
    });
    await T.within(new Promise((r) => { es.onmessage = r; }), 5000, 'message');
    es.close();
    return infos;
  }, k);
  assert.deepEqual(infos.map((i) => [i.attempt, i.delay]), [[1, 20], [2, 40]]);
  assert.ok(infos.every((i) => i.error.classes.includes('HTTPError') && i.error.status === 503));
});

test('close() while connecting: no request survives, no event fires', async () => {
  const k = key('es-close-early');
  const r = await run(ctx.page, async (k) => {
    const es = new T.sse.EventSource(T.url('/sse', { key: k, stallHeaders: 2000 }));
    let events = 0;
    for (const t of ['open', 'message', 'error']) es.addEventListener(t, () => { events++; });
    await T.stats(k, { wait: 'requests', min: 1 });
    es.close();
    await T.sleep(100);
    return { events, state: es.readyState };
  }, k);
  assert.deepEqual(r, { events: 0, state: 2 });
  await stats(k, { wait: 'active', max: 0 });
  await sleep(50);
  assert.equal((await stats(k)).requests, 1);
});
