// EventSource against the Go test server: a drop-in for the native class.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventSource, HTTPError, ContentTypeError, RetriesExhaustedError } from '../../src/index.js';
import { key, url, raw, stats, within, deferred, echoed, BASE } from './helpers.js';

const FAST = { initialDelay: 10, jitter: 0 };

/**
 * until resolves when pred(ev) holds for an event of one of the types,
 * recording every event of those types in log.
 * @param {EventSource} es
 * @param {string[]} types
 * @param {(ev: any, log: any[]) => boolean} pred
 * @param {any[]} [log]
 */
function until(es, types, pred, log = []) {
  const d = deferred();
  for (const t of types) {
    es.addEventListener(t, (ev) => {
      log.push({ type: ev.type, state: es.readyState, data: ev.data, id: ev.lastEventId, error: ev.error });
      if (pred(ev, log)) d.resolve(log.slice()); // a snapshot: later events of the same turn may follow
    });
  }
  return within(d.promise, 5000, `waiting on ${types}`);
}

test('constants on the class and on instances', () => {
  assert.deepEqual([EventSource.CONNECTING, EventSource.OPEN, EventSource.CLOSED], [0, 1, 2]);
  assert.deepEqual([EventSource.prototype.CONNECTING, EventSource.prototype.OPEN, EventSource.prototype.CLOSED], [0, 1, 2]);
  const es = new EventSource(url('/sse', { events: 1 }), { signal: AbortSignal.abort() });
  assert.deepEqual([es.CONNECTING, es.OPEN, es.CLOSED], [0, 1, 2]);
  assert.ok(es instanceof EventTarget);
  assert.equal(Object.prototype.toString.call(es), '[object EventSource]');
});

test('url is absolute, withCredentials reflects the option, and the request is a CORS GET', async () => {
  const es = new EventSource(new URL('/echo', BASE), { withCredentials: true });
  assert.equal(es.url, new URL('/echo', BASE).href);
  assert.equal(es.withCredentials, true);
  const es2 = new EventSource(url('/sse', { events: 1 }), { signal: AbortSignal.abort() });
  assert.equal(es2.withCredentials, false);
  const log = await until(es, ['method', 'end'], (ev) => ev.type === 'end');
  es.close();
  assert.equal(log[0].data, 'GET');
});

test('an invalid or (in Node) relative URL is a SyntaxError DOMException', () => {
  assert.throws(() => new EventSource('http://[::1'), (e) => e instanceof DOMException && e.name === 'SyntaxError');
  assert.throws(() => new EventSource('/relative'), (e) => e instanceof DOMException && e.name === 'SyntaxError');
  assert.throws(() => new /** @type {any} */ (EventSource)(), TypeError);
});

test('readyState: CONNECTING, OPEN, CONNECTING on a clean end (error event), OPEN again, CLOSED on close()', async () => {
  const k = key('es-states');
  const es = new EventSource(url('/sse', { key: k, events: 2, retry: 20 }));
  assert.equal(es.readyState, EventSource.CONNECTING);
  const log = await until(es, ['open', 'message', 'error'], (_, l) => l.filter((e) => e.type === 'open').length === 2);
  assert.deepEqual(log.map((e) => [e.type, e.state]), [
    ['open', 1], ['message', 1], ['message', 1], ['error', 0], ['open', 1],
  ]);
  es.close();
  assert.equal(es.readyState, EventSource.CLOSED);
  assert.equal((await stats(k, { wait: 'active', max: 0 })).active, 0);
});

test('MessageEvent: data, lastEventId (persists), origin of the response; named events via addEventListener', async () => {
  const es = new EventSource(raw('data: one\n\nevent: tick\ndata: two\nid: 5\n\ndata: three\n\n', { end: 'hang' }));
  const got = [];
  const done = deferred();
  es.onmessage = (ev) => {
    assert.ok(ev instanceof MessageEvent);
    got.push([ev.type, ev.data, ev.lastEventId, ev.origin]);
    if (got.length === 3) done.resolve(undefined);
  };
  es.addEventListener('tick', (ev) => got.push([ev.type, ev.data, ev.lastEventId, ev.origin]));
  await within(done.promise, 5000, 'three events');
  es.close();
  const origin = new URL(BASE).origin;
  assert.deepEqual(got, [
    ['message', 'one', '', origin],
    ['tick', 'two', '5', origin],
    ['message', 'three', '5', origin],
  ]);
});

test('MessageEvent.origin is the origin after redirects', async () => {
  const es = new EventSource(url('/sse', { redirect: 307, to: '/sse?events=1&end=hang' }));
  const ev = await within(new Promise((r) => { es.onmessage = r; }), 5000, 'message');
  es.close();
  assert.equal(ev.origin, new URL(BASE).origin);
  assert.equal(ev.data, 'msg 1');
});

test('reconnects after a clean end with Last-Event-ID, honouring the server retry:', async () => {
  const k = key('es-resume');
  const es = new EventSource(url('/sse', { key: k, events: 4, ids: 1, dropAfter: 2, retry: 30 }));
  const data = [];
  const done = deferred();
  es.onmessage = (ev) => {
    data.push(ev.data + '#' + ev.lastEventId);
    if (data.length === 4) done.resolve(undefined);
  };
  await within(done.promise, 5000, 'four events');
  es.close();
  assert.deepEqual(data, ['msg 1#1', 'msg 2#2', 'msg 3#3', 'msg 4#4']);
  const st = await stats(k);
  assert.deepEqual(st.lastEventIds.slice(0, 2), ['', '2']);
});

test('lastEventId option: the first request carries it', async () => {
  const k = key('es-lastid');
  const es = new EventSource(url('/sse', { key: k, events: 3, ids: 1, end: 'hang' }), { lastEventId: '2' });
  const ev = await within(new Promise((r) => { es.onmessage = r; }), 5000, 'message');
  es.close();
  assert.equal(ev.data, 'msg 3');
  assert.equal(ev.lastEventId, '3');
  assert.equal((await stats(k)).lastEventIds[0], '2');
});

test('a fatal response closes: error event with the typed error, readyState CLOSED, no reconnect', async () => {
  for (const [q, cls] of /** @type {const} */ ([[{ status: 404 }, HTTPError], [{ status: 204 }, HTTPError], [{ ctype: 'text/html' }, ContentTypeError]])) {
    const k = key('es-fatal');
    const es = new EventSource(url('/sse', { key: k, ...q }));
    const log = await until(es, ['error'], () => true);
    assert.equal(log.length, 1);
    assert.equal(log[0].state, EventSource.CLOSED);
    assert.ok(log[0].error instanceof cls, `${JSON.stringify(q)}: ${log[0].error}`);
    assert.equal(es.readyState, EventSource.CLOSED);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await stats(k)).requests, 1);
  }
});

test('retries exhausted: error events while CONNECTING, then CLOSED with RetriesExhaustedError', async () => {
  const k = key('es-exhausted');
  const es = new EventSource(url('/sse', { key: k, status: 503 }), { retry: { ...FAST, maxRetries: 2 } });
  const log = await until(es, ['error'], (ev) => es.readyState === EventSource.CLOSED);
  assert.deepEqual(log.map((e) => e.state), [0, 0, 2]);
  assert.ok(log[0].error instanceof HTTPError);
  assert.ok(log[2].error instanceof RetriesExhaustedError);
  assert.ok(log[2].error.cause instanceof HTTPError);
  assert.equal(log[2].error.attempts, 2);
  assert.equal((await stats(k)).requests, 3);
});

test('close() inside a listener stops the rest of the batch and any reconnect', async () => {
  const k = key('es-close-in-batch');
  // All ten events arrive in one chunk.
  const es = new EventSource(raw(Array.from({ length: 10 }, (_, i) => `data: ${i}\n\n`).join(''), { key: k }));
  let n = 0;
  let errors = 0;
  es.onerror = () => { errors++; };
  const first = deferred();
  es.onmessage = () => {
    n++;
    es.close();
    first.resolve(undefined);
  };
  await within(first.promise, 5000, 'first message');
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(n, 1);
  assert.equal(errors, 0);
  assert.equal(es.readyState, EventSource.CLOSED);
  assert.equal((await stats(k)).requests, 1);
});

test('onopen/onmessage/onerror handler properties: set, replace, clear', async () => {
  const es = new EventSource(url('/sse', { events: 3, delay: 30, end: 'hang' }));
  const calls = [];
  const a = () => calls.push('a');
  const b = function (ev) { calls.push(this === es && ev.type === 'message' ? 'b' : 'bad'); };
  es.onmessage = a;
  assert.equal(es.onmessage, a);
  es.onmessage = b;
  assert.equal(es.onmessage, b);
  const d = deferred();
  es.addEventListener('message', () => { if (calls.length === 2) d.resolve(undefined); });
  await within(d.promise, 5000, 'two messages');
  es.onmessage = null;
  assert.equal(es.onmessage, null);
  const third = deferred();
  es.addEventListener('message', () => third.resolve(undefined));
  await within(third.promise, 5000, 'third message');
  es.close();
  assert.deepEqual(calls, ['b', 'b']);
  assert.equal(es.onopen, null);
  assert.equal(es.onerror, null);
});

test('method, headers, body, and headers as a function called at every connect', async () => {
  let n = 0;
  const es = new EventSource(url('/echo'), {
    method: 'POST',
    body: 'hello',
    headers: async () => ({ Authorization: `Bearer t${++n}` }),
    retry: { ...FAST, nonIdempotent: 'always' },
  });
  const seen = [];
  const d = deferred();
  es.addEventListener('header', (ev) => {
    if (ev.data.startsWith('Authorization:')) seen.push(ev.data);
  });
  const bodies = [];
  es.addEventListener('body', (ev) => bodies.push(ev.data));
  es.addEventListener('method', (ev) => bodies.push(ev.data));
  es.addEventListener('end', () => { if (seen.length === 2) d.resolve(undefined); });
  await within(d.promise, 5000, 'two connects');
  es.close();
  assert.deepEqual(seen, ['Authorization: Bearer t1', 'Authorization: Bearer t2']);
  assert.deepEqual(bodies.slice(0, 4), ['POST', 'hello', 'POST', 'hello']);
});

test('a POST whose stream ended is not re-sent by default (resumable policy)', async () => {
  const k = key('es-post-end');
  const es = new EventSource(url('/sse', { key: k, events: 2 }), { method: 'POST', body: 'x', retry: FAST });
  const log = await until(es, ['message', 'error'], (ev) => ev.type === 'error');
  assert.deepEqual(log.map((e) => [e.type, e.state]), [['message', 1], ['message', 1], ['error', 2]]);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal((await stats(k)).requests, 1);
});

test('unknown options are a TypeError', () => {
  assert.throws(() => new EventSource(url('/sse'), { withCredential: true }), /EventSource: unknown option "withCredential" \(did you mean "withCredentials"\?\)/);
});

test('onretry reports each backoff', async () => {
  const k = key('es-onretry');
  const infos = [];
  const es = new EventSource(url('/sse', { key: k, failTimes: 2, events: 1, end: 'hang' }), {
    retry: { initialDelay: 20, factor: 2, jitter: 0 },
    onretry: (info) => infos.push(info),
  });
  await within(new Promise((r) => { es.onmessage = r; }), 5000, 'message');
  es.close();
  assert.deepEqual(infos.map((i) => [i.attempt, i.delay]), [[1, 20], [2, 40]]);
  assert.ok(infos.every((i) => i.error instanceof HTTPError && i.error.status === 503));
});

test('withCredentials sets credentials; mode is cors; a signal closes it like close()', async () => {
  /** @type {any[]} */
  const inits = [];
  const ac = new AbortController();
  const fakeFetch = async (/** @type {any} */ _input, /** @type {any} */ init) => {
    inits.push(init);
    return new Response('data: ok\n\n', { headers: { 'content-type': 'text/event-stream' } });
  };
  const es = new EventSource('https://example.test/a', { withCredentials: true, fetch: fakeFetch, signal: ac.signal });
  await within(new Promise((r) => { es.onmessage = r; }), 5000, 'message');
  assert.equal(inits[0].credentials, 'include');
  assert.equal(inits[0].mode, 'cors');
  ac.abort();
  assert.equal(es.readyState, EventSource.CLOSED);
  const es2 = new EventSource('https://example.test/b', { fetch: fakeFetch });
  await within(new Promise((r) => { es2.onmessage = r; }), 5000, 'message');
  es2.close();
  assert.equal(inits[inits.length - 1].credentials, 'same-origin');
});
