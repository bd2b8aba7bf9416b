// EventSource against the Go test server: a drop-in for the native class.
// Written once; run in Node and in Chromium (see ../README.md). The
// comparison with Chromium's own EventSource is in test/browser/.
import * as assert from '../lib/assert.js';

const FAST = { initialDelay: 10, jitter: 0 };

/** @type {Record<string, import('../lib/case.js').Case>} */
export const CASES = {
  'constants on the class and on instances; an EventTarget; toStringTag'({ sse, url }) {
    const { EventSource } = sse;
    assert.deepEqual([EventSource.CONNECTING, EventSource.OPEN, EventSource.CLOSED], [0, 1, 2]);
    assert.deepEqual([EventSource.prototype.CONNECTING, EventSource.prototype.OPEN, EventSource.prototype.CLOSED], [0, 1, 2]);
    const es = new EventSource(url('/sse', { events: 1 }), { signal: AbortSignal.abort() });
    assert.deepEqual([es.CONNECTING, es.OPEN, es.CLOSED], [0, 1, 2]);
    assert.ok(es instanceof EventTarget);
    assert.equal(Object.prototype.toString.call(es), '[object EventSource]');
  },

  async 'url is absolute, withCredentials reflects the option, and the request is a GET with Accept: text/event-stream'({ sse, url, until }) {
    const u = new URL(url('/echo'));
    const es = new sse.EventSource(u, { withCredentials: true });
    assert.equal(es.url, u.href);
    assert.equal(es.withCredentials, true);
    const es2 = new sse.EventSource(url('/sse', { events: 1 }), { signal: AbortSignal.abort() });
    assert.equal(es2.withCredentials, false);
    const log = await until(es, ['method', 'header', 'end'], (ev) => ev.type === 'end');
    es.close();
    assert.equal(log[0].data, 'GET');
    assert.ok(log.some((e) => e.data === 'Accept: text/event-stream'), JSON.stringify(log.map((e) => e.data)));
  },

  'an invalid URL is a SyntaxError DOMException; no argument is a TypeError'({ sse }) {
    assert.throws(() => new sse.EventSource('http://[::1'), (e) => e instanceof DOMException && e.name === 'SyntaxError');
    assert.throws(() => new /** @type {any} */ (sse.EventSource)(), TypeError);
  },

  async 'readyState: CONNECTING, OPEN, CONNECTING on a clean end (error event), OPEN again, CLOSED on close()'({ sse, url, key, stats, until }) {
    const k = key('es-states');
    const es = new sse.EventSource(url('/sse', { key: k, events: 2, retry: 20 }));
    assert.equal(es.readyState, sse.EventSource.CONNECTING);
    const log = await until(es, ['open', 'message', 'error'], (_, l) => l.filter((e) => e.type === 'open').length === 2);
    assert.deepEqual(log.map((e) => [e.type, e.state]), [
      ['open', 1], ['message', 1], ['message', 1], ['error', 0], ['open', 1],
    ]);
    es.close();
    assert.equal(es.readyState, sse.EventSource.CLOSED);
    assert.equal((await stats(k, { wait: 'active', max: 0 })).active, 0);
  },

  async 'MessageEvent: the global class, data, lastEventId (persists), origin; named events via addEventListener'({ sse, raw, origin, deferred, within }) {
    const es = new sse.EventSource(raw('data: one\n\nevent: tick\ndata: two\nid: 5\n\ndata: three\n\n', { end: 'hang' }));
    /** @type {unknown[][]} */
    const got = [];
    const done = deferred();
    es.onmessage = (ev) => {
      got.push([ev instanceof MessageEvent, ev.type, ev.data, ev.lastEventId, ev.origin]);
      if (got.length === 3) done.resolve(undefined);
    };
    es.addEventListener('tick', (/** @type {MessageEvent} */ ev) => got.push([ev instanceof MessageEvent, ev.type, ev.data, ev.lastEventId, ev.origin]));
    await within(done.promise, 5000, 'three events');
    es.close();
    assert.deepEqual(got, [
      [true, 'message', 'one', '', origin],
      [true, 'tick', 'two', '5', origin],
      [true, 'message', 'three', '5', origin],
    ]);
  },

  async 'MessageEvent.origin is the origin after redirects'({ sse, url, origin, within }) {
    const es = new sse.EventSource(url('/sse', { redirect: 307, to: '/sse?events=1&end=hang' }));
    /** @type {MessageEvent} */
    const ev = await within(new Promise((r) => { es.onmessage = r; }), 5000, 'message');
    es.close();
    assert.equal(ev.origin, origin);
    assert.equal(ev.data, 'msg 1');
  },

  async 'reconnects after a cut with Last-Event-ID, honouring the server retry:'({ sse, url, key, stats, deferred, within }) {
    const k = key('es-resume');
    const es = new sse.EventSource(url('/sse', { key: k, events: 4, ids: 1, dropAfter: 2, retry: 30 }));
    const data = [];
    const done = deferred();
    es.onmessage = (ev) => {
      data.push(ev.data + '#' + ev.lastEventId);
      if (data.length === 4) done.resolve(undefined);
    };
    await within(done.promise, 5000, 'four events');
    es.close();
    assert.deepEqual(data, ['msg 1#1', 'msg 2#2', 'msg 3#3', 'msg 4#4']);
    assert.deepEqual((await stats(k)).lastEventIds.slice(0, 2), ['', '2']);
  },

  async 'lastEventId option: the first request carries it'({ sse, url, key, stats, within }) {
    const k = key('es-lastid');
    const es = new sse.EventSource(url('/sse', { key: k, events: 3, ids: 1, end: 'hang' }), { lastEventId: '2' });
    /** @type {MessageEvent} */
    const ev = await within(new Promise((r) => { es.onmessage = r; }), 5000, 'message');
    es.close();
    assert.equal(ev.data, 'msg 3');
    assert.equal(ev.lastEventId, '3');
    assert.equal((await stats(k)).lastEventIds[0], '2');
  },

  async 'a fatal response closes: error event with the typed error, readyState CLOSED, no reconnect'({ sse, url, key, stats, until, sleep }) {
    /** @type {[Record<string, string | number>, Function][]} */
    const cases = [[{ status: 404 }, sse.HTTPError], [{ status: 204 }, sse.HTTPError], [{ ctype: 'text/html' }, sse.ContentTypeError]];
    for (const [q, cls] of cases) {
      const k = key('es-fatal');
      const es = new sse.EventSource(url('/sse', { key: k, ...q }));
      const log = await until(es, ['error'], () => true);
      assert.equal(log.length, 1, JSON.stringify(q));
      assert.equal(log[0].state, sse.EventSource.CLOSED);
      assert.ok(log[0].error instanceof cls && log[0].error instanceof sse.SSEError, `${JSON.stringify(q)}: ${log[0].error}`);
      assert.equal(es.readyState, sse.EventSource.CLOSED);
      await sleep(100);
      assert.equal((await stats(k)).requests, 1);
    }
  },

  async 'retries exhausted: error events while CONNECTING, then CLOSED with RetriesExhaustedError'({ sse, url, key, stats, until }) {
    const k = key('es-exhausted');
    const es = new sse.EventSource(url('/sse', { key: k, status: 503 }), { retry: { ...FAST, maxRetries: 2 } });
    const log = await until(es, ['error'], () => es.readyState === sse.EventSource.CLOSED);
    assert.deepEqual(log.map((e) => e.state), [0, 0, 2]);
    assert.ok(log[0].error instanceof sse.HTTPError);
    assert.ok(log[2].error instanceof sse.RetriesExhaustedError);
    assert.ok(log[2].error.cause instanceof sse.HTTPError);
    assert.equal(log[2].error.attempts, 2);
    assert.equal((await stats(k)).requests, 3);
  },

  async 'close() inside a listener stops the rest of the batch and any reconnect'({ sse, raw, key, stats, deferred, within, sleep }) {
    const k = key('es-close-in-batch');
    // All ten events arrive in one chunk.
    const es = new sse.EventSource(raw(Array.from({ length: 10 }, (_, i) => `data: ${i}\n\n`).join(''), { key: k }));
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
    await sleep(150);
    assert.equal(n, 1);
    assert.equal(errors, 0);
    assert.equal(es.readyState, sse.EventSource.CLOSED);
    assert.equal((await stats(k)).requests, 1);
  },

  async 'close() while connecting: no request survives, no event fires'({ sse, url, key, stats, sleep }) {
    const k = key('es-close-early');
    const es = new sse.EventSource(url('/sse', { key: k, stallHeaders: 2000 }));
    let events = 0;
    for (const t of ['open', 'message', 'error']) es.addEventListener(t, () => { events++; });
    await stats(k, { wait: 'requests', min: 1 });
    es.close();
    await sleep(100);
    assert.equal(events, 0);
    assert.equal(es.readyState, sse.EventSource.CLOSED);
    await stats(k, { wait: 'active', max: 0 });
    await sleep(50);
    assert.equal((await stats(k)).requests, 1);
  },

  async 'onopen/onmessage/onerror handler properties: set, replace, clear; this is the EventSource'({ sse, url, deferred, within }) {
    const es = new sse.EventSource(url('/sse', { events: 3, delay: 30, end: 'hang' }));
    /** @type {string[]} */
    const calls = [];
    const a = () => calls.push('a');
    /** @this {unknown} @param {MessageEvent} ev */
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
  },

  async 'method, headers, body, and headers as a function called at every connect'({ sse, url, deferred, within }) {
    let n = 0;
    const es = new sse.EventSource(url('/echo'), {
      method: 'POST',
      body: 'hello',
      headers: async () => ({ Authorization: `Bearer t${++n}` }),
      retry: { ...FAST, nonIdempotent: 'always' },
    });
    /** @type {string[]} */
    const seen = [];
    const d = deferred();
    es.addEventListener('header', (/** @type {MessageEvent} */ ev) => {
      if (ev.data.startsWith('Authorization:')) seen.push(ev.data);
    });
    /** @type {string[]} */
    const bodies = [];
    es.addEventListener('body', (/** @type {MessageEvent} */ ev) => bodies.push(ev.data));
    es.addEventListener('method', (/** @type {MessageEvent} */ ev) => bodies.push(ev.data));
    es.addEventListener('end', () => { if (seen.length === 2) d.resolve(undefined); });
    await within(d.promise, 5000, 'two connects');
    es.close();
    assert.deepEqual(seen, ['Authorization: Bearer t1', 'Authorization: Bearer t2']);
    assert.deepEqual(bodies.slice(0, 4), ['POST', 'hello', 'POST', 'hello']);
  },

  async 'a POST whose stream ended is not re-sent by default (resumable policy)'({ sse, url, key, stats, until, sleep }) {
    const k = key('es-post-end');
    const es = new sse.EventSource(url('/sse', { key: k, events: 2 }), { method: 'POST', body: 'x', retry: FAST });
    const log = await until(es, ['message', 'error'], (ev) => ev.type === 'error');
    assert.deepEqual(log.map((e) => [e.type, e.state]), [['message', 1], ['message', 1], ['error', 2]]);
    await sleep(100);
    assert.equal((await stats(k)).requests, 1);
  },

  'unknown options are a TypeError naming them'({ sse, url }) {
    assert.throws(() => new sse.EventSource(url('/sse'), /** @type {any} */ ({ withCredential: true })),
      (e) => e instanceof TypeError && /EventSource: unknown option "withCredential" \(did you mean "withCredentials"\?\)/.test(e.message));
  },

  async 'onretry reports each backoff'({ sse, url, key, within }) {
    const k = key('es-onretry');
    /** @type {any[]} */
    const infos = [];
    const es = new sse.EventSource(url('/sse', { key: k, failTimes: 2, events: 1, end: 'hang' }), {
      retry: { initialDelay: 20, factor: 2, jitter: 0 },
      onretry: (info) => infos.push(info),
    });
    await within(new Promise((r) => { es.onmessage = r; }), 5000, 'message');
    es.close();
    assert.deepEqual(infos.map((i) => [i.attempt, i.delay]), [[1, 20], [2, 40]]);
    assert.ok(infos.every((i) => i.error instanceof sse.HTTPError && i.error.status === 503));
  },

  async 'withCredentials sets credentials; mode is cors; a signal closes it like close()'({ sse, within }) {
    /** @type {any[]} */
    const inits = [];
    const ac = new AbortController();
    const fakeFetch = async (/** @type {any} */ _input, /** @type {any} */ init) => {
      inits.push(init);
      return new Response('data: ok\n\n', { headers: { 'content-type': 'text/event-stream' } });
    };
    const es = new sse.EventSource('https://example.test/a', { withCredentials: true, fetch: fakeFetch, signal: ac.signal });
    await within(new Promise((r) => { es.onmessage = r; }), 5000, 'message');
    assert.equal(inits[0].credentials, 'include');
    assert.equal(inits[0].mode, 'cors');
    ac.abort();
    assert.equal(es.readyState, sse.EventSource.CLOSED);
    const es2 = new sse.EventSource('https://example.test/b', { fetch: fakeFetch });
    await within(new Promise((r) => { es2.onmessage = r; }), 5000, 'message');
    es2.close();
    assert.equal(inits[inits.length - 1].credentials, 'same-origin');
  },
};
