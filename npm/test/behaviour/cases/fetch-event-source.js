// fetchEventSource against the Go test server: the option names and
// callback semantics of @microsoft/fetch-event-source 2.0.1, minus its bugs.
// Written once; run in Node and in Chromium (see ../README.md).
import * as assert from '../lib/assert.js';

const FAST = { initialDelay: 10, jitter: 0 };

/** @type {Record<string, import('../lib/case.js').Case>} */
export const CASES = {
  'EventStreamContentType'({ sse }) {
    assert.equal(sse.EventStreamContentType, 'text/event-stream');
  },

  async 'messages carry the original fields: event "" by default, the block\'s own id, retry only where set'({ sse, raw, within }) {
    const msgs = [];
    await within(sse.fetchEventSource(raw('data: a\n\nevent: ping\ndata: b\nid: 7\nretry: 1234\n\n: comment\ndata: c\ndata:\n\nid: 8\n\nevent: x\n\ndata: d\nid:\n\n'), {
      onmessage: (m) => msgs.push(m),
    }), 5000, 'stream');
    // Strict: a retry key set to undefined is not a missing one.
    assert.deepEqual(msgs, [
      { data: 'a', event: '', id: '', retry: undefined },
      { data: 'b', event: 'ping', id: '7', retry: 1234 },
      { data: 'c\n', event: '', id: '', retry: undefined }, // no id field of its own
      { data: 'd', event: '', id: '', retry: undefined },
    ]);
  },

  async 'spec-exact parsing: CRLF, CR, BOM, colon rules, multi-byte text, whole and split byte by byte'({ sse, raw }) {
    const text = '\uFEFFdata:no space\r\ndata:  two spaces\r\n\rdata\n\ndata: ü😀\n\n';
    const whole = [];
    await sse.fetchEventSource(raw(text), { onmessage: (m) => whole.push(m.data) });
    const trickled = [];
    await sse.fetchEventSource(raw(text, { trickle: 1 }), { onmessage: (m) => trickled.push(m.data) });
    assert.deepEqual(whole, ['no space\n two spaces', '', 'ü😀']);
    assert.deepEqual(trickled, whole);
  },

  async 'onopen gets the Response and is awaited before any message'({ sse, url, sleep }) {
    const order = [];
    await sse.fetchEventSource(url('/sse', { events: 2 }), {
      async onopen(res) {
        order.push(res instanceof Response && res.status === 200 && (res.headers.get('content-type') ?? '').startsWith('text/event-stream'));
        await sleep(50);
        order.push('open');
      },
      onmessage: (m) => order.push(m.data),
    });
    assert.deepEqual(order, [true, 'open', 'msg 1', 'msg 2']);
  },

  async 'a user onopen replaces the default validation'({ sse, url }) {
    const msgs = [];
    await sse.fetchEventSource(url('/sse', { events: 1, ctype: 'text/plain' }), {
      async onopen() {},
      onmessage: (m) => msgs.push(m.data),
    });
    assert.deepEqual(msgs, ['msg 1']);
  },

  async 'onopen throwing is retried like a network error; the thrown value reaches onerror'({ sse, url, key, stats, within }) {
    const k = key('fes-open-throw');
    class Retriable extends Error {}
    let opens = 0;
    /** @type {unknown[]} */
    const errs = [];
    const msgs = [];
    await within(sse.fetchEventSource(url('/sse', { key: k, events: 1 }), {
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
  },

  async 'onerror throwing stops: the promise rejects with exactly that value'({ sse, url, key, stats }) {
    const k = key('fes-fatal');
    const thrown = new Error('stop');
    /** @type {any[]} */
    const seen = [];
    await assert.rejects(sse.fetchEventSource(url('/sse', { key: k, status: 503 }), {
      onerror(e) {
        seen.push(e);
        throw thrown;
      },
    }), (e) => e === thrown);
    assert.equal(seen.length, 1);
    assert.ok(seen[0] instanceof sse.HTTPError && seen[0] instanceof sse.SSEError);
    assert.equal(seen[0].status, 503);
    assert.equal((await stats(k)).requests, 1);
  },

  async 'onerror returning a number retries after that many ms'({ sse, url, key, stats, within }) {
    const k = key('fes-delay');
    const t0 = performance.now();
    let tries = 0;
    const msgs = [];
    await within(sse.fetchEventSource(url('/sse', { key: k, failTimes: 2, events: 1 }), {
      onmessage: (m) => msgs.push(m.data),
      onerror: () => { tries++; return 150; },
    }), 5000, 'stream');
    const took = performance.now() - t0;
    assert.equal(tries, 2);
    assert.deepEqual(msgs, ['msg 1']);
    assert.ok(took >= 290, `two 150 ms waits took ${took} ms`);
    assert.equal((await stats(k)).requests, 3);
  },

  async 'onerror returning nothing lets the retry policy decide'({ sse, url, key, stats }) {
    const k = key('fes-policy');
    const errs = [];
    await assert.rejects(sse.fetchEventSource(url('/sse', { key: k, status: 503 }), {
      onerror: (e) => { errs.push(e); },
      retry: { ...FAST, maxRetries: 2 },
    }), (e) => e instanceof sse.RetriesExhaustedError && e.cause instanceof sse.HTTPError && e.attempts === 2);
    assert.equal(errs.length, 3);
    assert.equal((await stats(k)).requests, 3);
  },

  async 'network errors (connection cut) are retried, resume with Last-Event-ID, and reach onerror'({ sse, url, key, stats, within }) {
    const k = key('fes-net');
    /** @type {unknown[]} */
    const errs = [];
    const msgs = [];
    // Every response is cut after one event; ids=1 resumes from Last-Event-ID.
    await within(sse.fetchEventSource(url('/sse', { key: k, events: 3, dropAfter: 1, ids: 1 }), {
      onmessage: (m) => msgs.push(m.data),
      onerror: (e) => { errs.push(e); },
      retry: FAST,
    }), 5000, 'stream');
    assert.equal(errs.length, 3);
    assert.ok(errs.every((e) => e instanceof Error), String(errs));
    assert.deepEqual(msgs, ['msg 1', 'msg 2', 'msg 3']);
    const st = await stats(k);
    assert.equal(st.requests, 4);
    assert.deepEqual(st.lastEventIds, ['', '1', '2', '3']);
  },

  async 'default validation: 204, 4xx and a wrong content type stop without retry, typed'({ sse, url, key, stats, within }) {
    /** @type {[Record<string, string | number>, (e: any) => boolean][]} */
    const cases = [
      [{ status: 204 }, (e) => e instanceof sse.HTTPError && e.status === 204],
      [{ status: 404, body: 'no such stream' }, (e) => e instanceof sse.HTTPError && e.status === 404 && e.statusText === 'Not Found' &&
        e.body === 'no such stream' && e.headers.get('content-type').startsWith('text/plain') && e.response.status === 404],
      [{ status: 401 }, (e) => e instanceof sse.HTTPError && e.status === 401],
      [{ ctype: 'text/html' }, (e) => e instanceof sse.ContentTypeError && e.contentType === 'text/html' && e.response.status === 200],
      [{ ctype: '' }, (e) => e instanceof sse.ContentTypeError && (e.contentType === '' || e.contentType === null || e.contentType === undefined)],
    ];
    for (const [q, check] of cases) {
      const k = key('fes-validate');
      let onerrors = 0;
      await assert.rejects(within(sse.fetchEventSource(url('/sse', { key: k, ...q }), {
        onerror: () => { onerrors++; },
        retry: FAST,
      }), 5000, JSON.stringify(q)), (e) => e instanceof sse.SSEError && check(e), JSON.stringify(q));
      assert.equal(onerrors, 1, JSON.stringify(q));
      assert.equal((await stats(k)).requests, 1, JSON.stringify(q));
    }
  },

  async 'a clean end calls onclose, then resolves; no reconnect'({ sse, url, key, stats }) {
    const k = key('fes-end');
    const order = [];
    await sse.fetchEventSource(url('/sse', { key: k, events: 2 }), {
      onmessage: (m) => order.push(m.data),
      onclose: () => order.push('close'),
    });
    assert.deepEqual(order, ['msg 1', 'msg 2', 'close']);
    assert.equal((await stats(k)).requests, 1);
  },

  async 'onclose throwing fails the attempt and reaches onerror (the reconnect-on-close pattern)'({ sse, url, key, stats, within }) {
    const k = key('fes-close-throw');
    let closes = 0;
    /** @type {unknown[]} */
    const errs = [];
    class Again extends Error {}
    await assert.rejects(within(sse.fetchEventSource(url('/sse', { key: k, events: 1 }), {
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
  },

  async 'onmessage throwing fails the attempt and reaches onerror (README pattern)'({ sse, url }) {
    class FatalError extends Error {}
    const errs = [];
    let calls = 0;
    await assert.rejects(sse.fetchEventSource(url('/sse', { events: 5, event: 'FatalError' }), {
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
  },

  async 'abort settles the promise and the server sees the disconnect'({ sse, url, key, stats, within }) {
    const k = key('fes-abort');
    const ac = new AbortController();
    const msgs = [];
    const p = sse.fetchEventSource(url('/sse', { key: k, events: 1000, delay: 20 }), {
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
  },

  async 'an already-aborted signal never fetches and resolves'({ sse, url, key, stats, within }) {
    const k = key('fes-pre-abort');
    let fetched = 0;
    let called = 0;
    await within(sse.fetchEventSource(url('/sse', { key: k }), {
      signal: AbortSignal.abort(),
      fetch: (input, init) => { fetched++; return fetch(input, init); },
      onopen: async () => { called++; },
      onmessage: () => { called++; },
      onerror: () => { called++; },
    }), 1000, 'resolves');
    assert.equal(fetched, 0);
    assert.equal(called, 0);
    assert.equal((await stats(k)).requests, 0);
  },

  async 'fetch: the given implementation is used, with an undefined receiver; the global fetch needs none'({ sse, url }) {
    const u = url('/sse', { events: 1 });
    /** @type {any[]} */
    const calls = [];
    const msgs = [];
    await sse.fetchEventSource(u, {
      fetch: function (input, init) {
        'use strict';
        const h = new Headers(init?.headers);
        calls.push({
          selfUndefined: this === undefined, input: String(input), accept: h.get('accept'),
          signal: init?.signal instanceof AbortSignal, cache: init?.cache,
        });
        return fetch(input, init);
      },
      onmessage: (m) => msgs.push(m.data),
    });
    // Without the option the global fetch is called; a page's throws
    // "Illegal invocation" on any receiver but undefined or the window.
    await sse.fetchEventSource(u, { onmessage: (m) => msgs.push(m.data) });
    assert.deepEqual(calls, [{ selfUndefined: true, input: u, accept: 'text/event-stream', signal: true, cache: 'no-store' }]);
    assert.deepEqual(msgs, ['msg 1', 'msg 1']);
  },

  async 'method, body and headers (object, Headers, pairs) reach the server'({ sse, url, echoed }) {
    for (const headers of [{ 'X-Token': 'abc' }, new Headers({ 'X-Token': 'abc' }), [['X-Token', 'abc']]]) {
      /** @type {any[]} */
      const msgs = [];
      await sse.fetchEventSource(url('/echo'), {
        method: 'POST',
        body: JSON.stringify({ q: 'hi' }),
        headers: /** @type {any} */ (headers),
        onmessage: (m) => msgs.push(m),
      });
      const req = echoed(msgs);
      assert.equal(req.method, 'POST');
      assert.equal(req.body, '{"q":"hi"}');
      assert.equal(req.headers['x-token'], 'abc');
      assert.equal(req.headers.accept, 'text/event-stream');
    }
  },

  async 'bodies: Blob, bytes, FormData and URLSearchParams are sent as fetch sends them'({ sse, url, echoed }) {
    const fd = new FormData();
    fd.append('f', 'v');
    const reqs = [];
    for (const body of [new Blob(['blob!']), new TextEncoder().encode('bytes'), fd, new URLSearchParams({ a: '1' })]) {
      /** @type {any[]} */
      const msgs = [];
      await sse.fetchEventSource(url('/echo'), { method: 'POST', body, onmessage: (m) => msgs.push(m) });
      reqs.push(echoed(msgs));
    }
    assert.equal(reqs[0].body, 'blob!');
    assert.equal(reqs[1].body, 'bytes');
    assert.match(reqs[2].headers['content-type'], /^multipart\/form-data; boundary=/);
    assert.match(reqs[2].body, /name="f"\r\n\r\nv\r\n/);
    assert.equal(reqs[3].body, 'a=1');
    assert.match(reqs[3].headers['content-type'], /^application\/x-www-form-urlencoded/);
  },

  async 'a caller Accept header is kept'({ sse, url, echoed }) {
    /** @type {any[]} */
    const msgs = [];
    await sse.fetchEventSource(url('/echo'), { headers: { Accept: 'text/event-stream, application/json' }, onmessage: (m) => msgs.push(m) });
    assert.equal(echoed(msgs).headers.accept, 'text/event-stream, application/json');
  },

  async 'a Request as input lends method and headers'({ sse, url, echoed }) {
    /** @type {any[]} */
    const msgs = [];
    await sse.fetchEventSource(new Request(url('/echo'), { method: 'PUT', headers: { 'X-From-Request': '1' } }), {
      body: 'b',
      onmessage: (m) => msgs.push(m),
    });
    const req = echoed(msgs);
    assert.equal(req.method, 'PUT');
    assert.equal(req.headers['x-from-request'], '1');
    assert.equal(req.body, 'b');
  },

  async 'invalid options reject the promise with a TypeError (a RangeError for ranges) and fetch nothing'({ sse, url, key, stats }) {
    const k = key('fes-bad');
    await assert.rejects(sse.fetchEventSource(url('/sse', { key: k }), /** @type {any} */ ({ onMessage() {} })),
      (e) => e instanceof TypeError && /unknown option "onMessage" \(did you mean "onmessage"\?\)/.test(e.message));
    await assert.rejects(sse.fetchEventSource(url('/sse', { key: k }), { headers: /** @type {any} */ ({ a: 1 }) }), TypeError);
    await assert.rejects(sse.fetchEventSource(/** @type {any} */ (42), {}), TypeError);
    await assert.rejects(sse.fetchEventSource(url('/sse', { key: k }), { retry: { jitter: 2 } }), RangeError);
    assert.equal((await stats(k)).requests, 0);
  },

  async 'callbacks after close: none once the signal aborted'({ sse, url, deferred, within, sleep }) {
    const ac = new AbortController();
    const seen = deferred();
    let after = 0;
    const p = sse.fetchEventSource(url('/sse', { events: 50, delay: 5 }), {
      signal: ac.signal,
      onmessage() {
        if (ac.signal.aborted) after++;
        ac.abort();
        seen.resolve(undefined);
      },
      onclose() { after++; },
      onerror() { after++; },
    });
    await within(seen.promise, 5000, 'first message');
    await within(p, 5000, 'settles');
    await sleep(100);
    assert.equal(after, 0);
  },

  async 'every RequestInit field reaches fetch as given; cache defaults to no-store'({ sse }) {
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
    await sse.fetchEventSource('https://example.test/sse', { .../** @type {any} */ (fields), fetch: fakeFetch, onmessage: (m) => msgs.push(m.data) });
    assert.deepEqual(msgs, ['ok']);
    for (const [k, v] of Object.entries(fields)) assert.equal(inits[0][k], v, k);
    await sse.fetchEventSource('https://example.test/sse', { fetch: fakeFetch });
    assert.equal(inits[1].cache, 'no-store');
    assert.equal(inits[1].method, 'GET');
    assert.equal(inits[1].body, undefined);
  },
};
