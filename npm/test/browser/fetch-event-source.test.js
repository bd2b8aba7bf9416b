// fetchEventSource in headless Chromium against the Go test server (page and
// package same-origin, from the server's /static/): the option names and
// callback semantics of @microsoft/fetch-event-source 2.0.1, minus its bugs.
// Test bodies run in the page (window.T, see pages/harness.js); typed errors
// are checked with instanceof there and described back as JSON.
/* global T */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, run, key, url, stats } from './helpers.js';

const ctx = suite();

test('EventStreamContentType', async () => {
  assert.equal(await run(ctx.page, () => T.sse.EventStreamContentType), 'text/event-stream');
});

test('messages carry the original fields: event "" by default, the block\'s own id, retry only where set', async () => {
  const msgs = await run(ctx.page, async () => {
    const msgs = [];
    await T.within(T.sse.fetchEventSource(T.raw('data: a\n\nevent: ping\ndata: b\nid: 7\nretry: 1234\n\n: comment\ndata: c\ndata:\n\nid: 8\n\nevent: x\n\ndata: d\nid:\n\n'), {
      onmessage: (m) => msgs.push({ ...m, hasRetry: 'retry' in m }),
    }), 5000, 'stream');
    return msgs;
  });
  assert.deepEqual(msgs, [
    { data: 'a', event: '', id: '', retry: undefined, hasRetry: true },
    { data: 'b', event: 'ping', id: '7', retry: 1234, hasRetry: true },
    { data: 'c\n', event: '', id: '', retry: undefined, hasRetry: true }, // no id field of its own
    { data: 'd', event: '', id: '', retry: undefined, hasRetry: true },
  ]);
});

test('spec-exact parsing: CRLF, CR, BOM, colon rules, multi-byte text split byte by byte', async () => {
  const r = await run(ctx.page, async () => {
    const text = '\uFEFFdata:no space\r\ndata:  two spaces\r\n\rdata\n\ndata: ü😀\n\n';
    const whole = [];
    await T.sse.fetchEventSource(T.raw(text), { onmessage: (m) => whole.push(m.data) });
    const trickled = [];
    await T.sse.fetchEventSource(T.raw(text, { trickle: 1 }), { onmessage: (m) => trickled.push(m.data) });
    return { whole, trickled };
  });
  assert.deepEqual(r.whole, ['no space\n two spaces', '', 'ü😀']);
  assert.deepEqual(r.trickled, r.whole);
});

test('onopen gets the Response and is awaited before any message', async () => {
  const order = await run(ctx.page, async () => {
    const order = [];
    await T.sse.fetchEventSource(T.url('/sse', { events: 2 }), {
      async onopen(res) {
        order.push(res instanceof Response && res.status === 200 && res.headers.get('content-type').startsWith('text/event-stream'));
        await T.sleep(50);
        order.push('open');
      },
      onmessage: (m) => order.push(m.data),
    });
    return order;
  });
  assert.deepEqual(order, [true, 'open', 'msg 1', 'msg 2']);
});

test('a user onopen replaces the default validation', async () => {
  const msgs = await run(ctx.page, async () => {
    const msgs = [];
    await T.sse.fetchEventSource(T.url('/sse', { events: 1, ctype: 'text/plain' }), {
      async onopen() {},
      onmessage: (m) => msgs.push(m.data),
    });
    return msgs;
  });
  assert.deepEqual(msgs, ['msg 1']);
});

test('onopen throwing is retried like a network error; the thrown value reaches onerror', async () => {
  const k = key('fes-open-throw');
  const r = await run(ctx.page, async (k) => {
    class Retriable extends Error {}
    let opens = 0;
    const errs = [];
    const msgs = [];
    await T.within(T.sse.fetchEventSource(T.url('/sse', { key: k, events: 1 }), {
      async onopen() {
        if (++opens < 3) throw new Retriable(`no ${opens}`);
      },
      onmessage: (m) => msgs.push(m.data),
      onerror: (e) => { errs.push(e instanceof Retriable); },
      retry: { initialDelay: 10, jitter: 0 },
    }), 5000, 'stream');
    return { opens, errs, msgs };
  }, k);
  assert.deepEqual(r, { opens: 3, errs: [true, true], msgs: ['msg 1'] });
  assert.equal((await stats(k)).requests, 3);
});

test('onerror throwing stops: the promise rejects with exactly that value', async () => {
  const k = key('fes-fatal');
  const r = await run(ctx.page, async (k) => {
    const thrown = new Error('stop');
    const seen = [];
    try {
      await T.sse.fetchEventSource(T.url('/sse', { key: k, status: 503 }), {
        onerror(e) {
          seen.push(T.err(e));
          throw thrown;
        },
      });
      return { resolved: true };
    } catch (e) {
      return { same: e === thrown, seen };
    }
  }, k);
  assert.equal(r.same, true);
  assert.equal(r.seen.length, 1);
  assert.deepEqual(r.seen[0].classes, ['SSEError', 'HTTPError']);
  assert.equal(r.seen[0].status, 503);
  assert.equal((await stats(k)).requests, 1);
});

test('onerror returning a number retries after that many ms', async () => {
  const k = key('fes-delay');
  const r = await run(ctx.page, async (k) => {
    const t0 = performance.now();
    let tries = 0;
    const msgs = [];
    await T.within(T.sse.fetchEventSource(T.url('/sse', { key: k, failTimes: 2, events: 1 }), {
      onmessage: (m) => msgs.push(m.data),
      onerror: () => { tries++; return 150; },
    }), 5000, 'stream');
    return { tries, msgs, took: performance.now() - t0 };
  }, k);
  assert.equal(r.tries, 2);
  assert.deepEqual(r.msgs, ['msg 1']);
  assert.ok(r.took >= 290, `two 150 ms waits took ${r.took} ms`);
  assert.equal((await stats(k)).requests, 3);
});

test('onerror returning nothing lets the retry policy decide', async () => {
  const k = key('fes-policy');
  const r = await run(ctx.page, async (k) => {
    let errs = 0;
    const res = await T.settled(() => T.sse.fetchEventSource(T.url('/sse', { key: k, status: 503 }), {
      onerror: () => { errs++; },
      retry: { initialDelay: 10, jitter: 0, maxRetries: 2 },
    }));
    return { errs, res };
  }, k);
  assert.equal(r.errs, 3);
  assert.deepEqual(r.res.error.classes, ['SSEError', 'RetriesExhaustedError']);
  assert.equal(r.res.error.attempts, 2);
  assert.deepEqual(r.res.error.cause.classes, ['SSEError', 'HTTPError']);
  assert.equal((await stats(k)).requests, 3);
});

test('network errors (connection cut) are retried, resume with Last-Event-ID, and reach onerror', async () => {
  const k = key('fes-net');
  const r = await run(ctx.page, async (k) => {
    const errs = [];
    const msgs = [];
    await T.within(T.sse.fetchEventSource(T.url('/sse', { key: k, events: 3, dropAfter: 1, ids: 1 }), {
      onmessage: (m) => msgs.push(m.data),
      onerror: (e) => { errs.push(T.err(e)); },
      retry: { initialDelay: 10, jitter: 0 },
    }), 5000, 'stream');
    return { errs, msgs };
  }, k);
  assert.equal(r.errs.length, 3);
  assert.ok(r.errs.every((e) => e.isError), JSON.stringify(r.errs));
  assert.deepEqual(r.msgs, ['msg 1', 'msg 2', 'msg 3']);
  const st = await stats(k);
  assert.equal(st.requests, 4);
  assert.deepEqual(st.lastEventIds, ['', '1', '2', '3']);
});

test('default validation: 204, 4xx and a wrong content type stop without retry, typed', async () => {
  const cases = [
    { status: 204 }, { status: 404, body: 'no such stream' }, { status: 401 }, { ctype: 'text/html' }, { ctype: '' },
  ];
  const ks = cases.map(() => key('fes-validate'));
  const r = await run(ctx.page, async ({ cases, ks }) => {
    const out = [];
    for (let i = 0; i < cases.length; i++) {
      let onerrors = 0;
      const res = await T.within(T.settled(() => T.sse.fetchEventSource(T.url('/sse', { key: ks[i], ...cases[i] }), {
        onerror: () => { onerrors++; },
        retry: { initialDelay: 10, jitter: 0 },
      })), 5000, JSON.stringify(cases[i]));
      out.push({ onerrors, error: res.error });
    }
    return out;
  }, { cases, ks });
  const [s204, s404, s401, html, none] = r;
  assert.deepEqual(s204.error.classes, ['SSEError', 'HTTPError']);
  assert.equal(s204.error.status, 204);
  assert.deepEqual(s404.error.classes, ['SSEError', 'HTTPError']);
  assert.equal(s404.error.status, 404);
  assert.equal(s404.error.statusText, 'Not Found');
  assert.equal(s404.error.body, 'no such stream');
  assert.match(s404.error.headers['content-type'], /^text\/plain/);
  assert.equal(s404.error.responseStatus, 404);
  assert.equal(s401.error.status, 401);
  assert.deepEqual(html.error.classes, ['SSEError', 'ContentTypeError']);
  assert.equal(html.error.contentType, 'text/html');
  assert.equal(html.error.responseStatus, 200);
  assert.deepEqual(none.error.classes, ['SSEError', 'ContentTypeError']);
  assert.ok(none.error.contentType === '' || none.error.contentType === undefined, JSON.stringify(none.error));
  for (let i = 0; i < cases.length; i++) {
    assert.equal(r[i].onerrors, 1, JSON.stringify(cases[i]));
    assert.equal((await stats(ks[i])).requests, 1, JSON.stringify(cases[i]));
  }
});

test('a clean end calls onclose, then resolves; no reconnect', async () => {
  const k = key('fes-end');
  const order = await run(ctx.page, async (k) => {
    const order = [];
    await T.sse.fetchEventSource(T.url('/sse', { key: k, events: 2 }), {
      onmessage: (m) => order.push(m.data),
      onclose: () => order.push('close'),
    });
    return order;
  }, k);
  assert.deepEqual(order, ['msg 1', 'msg 2', 'close']);
  assert.equal((await stats(k)).requests, 1);
});

test('onclose throwing fails the attempt and reaches onerror (the reconnect-on-close pattern)', async () => {
  const k = key('fes-close-throw');
  const r = await run(ctx.page, async (k) => {
    let closes = 0;
    const errs = [];
    class Again extends Error {}
    const res = await T.within(T.settled(() => T.sse.fetchEventSource(T.url('/sse', { key: k, events: 1 }), {
      onclose() { closes++; throw Object.assign(new Again('again'), { tag: 'again' }); },
      onerror(e) {
        errs.push(e instanceof Again);
        if (errs.length === 2) throw e;
      },
      retry: { initialDelay: 10, jitter: 0 },
    })), 5000, 'stream');
    return { closes, errs, res };
  }, k);
  assert.equal(r.closes, 2);
  assert.deepEqual(r.errs, [true, true]);
  assert.equal(r.res.error.tag, 'again');
  assert.equal((await stats(k)).requests, 2);
});

test('onmessage throwing fails the attempt and reaches onerror (README pattern)', async () => {
  const r = await run(ctx.page, async () => {
    class FatalError extends Error {}
    let errs = 0;
    let calls = 0;
    let fatal = false;
    let message = '';
    try {
      await T.sse.fetchEventSource(T.url('/sse', { events: 5, event: 'FatalError' }), {
        onmessage(msg) {
          calls++;
          if (msg.event === 'FatalError') throw new FatalError(msg.data);
        },
        onerror(err) {
          errs++;
          if (err instanceof FatalError) throw err;
        },
      });
    } catch (e) {
      fatal = e instanceof FatalError;
      message = e.message;
    }
    return { calls, errs, fatal, message };
  });
  assert.deepEqual(r, { calls: 1, errs: 1, fatal: true, message: 'msg 1' });
});

test('abort settles the promise and the server sees the disconnect', async () => {
  const k = key('fes-abort');
  const msgs = await run(ctx.page, async (k) => {
    const ac = new AbortController();
    const msgs = [];
    await T.within(T.sse.fetchEventSource(T.url('/sse', { key: k, events: 1000, delay: 20 }), {
      signal: ac.signal,
      onmessage: (m) => {
        msgs.push(m.data);
        if (msgs.length === 2) ac.abort();
      },
    }), 5000, 'abort resolves');
    return msgs;
  }, k);
  assert.deepEqual(msgs, ['msg 1', 'msg 2']);
  const st = await stats(k, { wait: 'disconnected', min: 1 });
  assert.equal(st.requests, 1);
  assert.equal(st.active, 0);
});

test('an already-aborted signal never fetches and resolves', async () => {
  const k = key('fes-pre-abort');
  const r = await run(ctx.page, async (k) => {
    let fetched = 0;
    let called = 0;
    await T.within(T.sse.fetchEventSource(T.url('/sse', { key: k }), {
      signal: AbortSignal.abort(),
      fetch: (...a) => { fetched++; return fetch(...a); },
      onopen: async () => { called++; },
      onmessage: () => { called++; },
      onerror: () => { called++; },
    }), 1000, 'resolves');
    return { fetched, called };
  }, k);
  assert.deepEqual(r, { fetched: 0, called: 0 });
  assert.equal((await stats(k)).requests, 0);
});

test('fetch: the given implementation is used, with an undefined receiver; the page fetch needs none', async () => {
  const u = url('/sse', { events: 1 });
  const r = await run(ctx.page, async (u) => {
    const calls = [];
    const msgs = [];
    await T.sse.fetchEventSource(u, {
      fetch: function (input, init) {
        'use strict';
        const h = new Headers(init.headers);
        calls.push({
          selfUndefined: this === undefined, input: String(input), accept: h.get('accept'),
          signal: init.signal instanceof AbortSignal, cache: init.cache,
        });
        return fetch(input, init);
      },
      onmessage: (m) => msgs.push(m.data),
    });
    // Without the option the page's own fetch is called, which throws
    // "Illegal invocation" on any receiver but undefined or window.
    await T.sse.fetchEventSource(u, { onmessage: (m) => msgs.push(m.data) });
    return { calls, msgs };
  }, u);
  assert.deepEqual(r.calls, [{ selfUndefined: true, input: u, accept: 'text/event-stream', signal: true, cache: 'no-store' }]);
  assert.deepEqual(r.msgs, ['msg 1', 'msg 1']);
});

test('method, body and headers (object, Headers, pairs) reach the server', async () => {
  const reqs = await run(ctx.page, async () => {
    const out = [];
    for (const headers of [{ 'X-Token': 'abc' }, new Headers({ 'X-Token': 'abc' }), [['X-Token', 'abc']]]) {
      const msgs = [];
      await T.sse.fetchEventSource(T.url('/echo'), {
        method: 'POST',
        body: JSON.stringify({ q: 'hi' }),
        headers,
        onmessage: (m) => msgs.push(m),
      });
      out.push(T.echoed(msgs));
    }
    return out;
  });
  for (const req of reqs) {
    assert.equal(req.method, 'POST');
    assert.equal(req.body, '{"q":"hi"}');
    assert.equal(req.headers['x-token'], 'abc');
    assert.equal(req.headers.accept, 'text/event-stream');
  }
});

test('bodies: Blob, bytes, FormData and URLSearchParams are sent as fetch sends them', async () => {
  const reqs = await run(ctx.page, async () => {
    const fd = new FormData();
    fd.append('f', 'v');
    const out = [];
    for (const body of [new Blob(['blob!']), new TextEncoder().encode('bytes'), fd, new URLSearchParams({ a: '1' })]) {
      const msgs = [];
      await T.sse.fetchEventSource(T.url('/echo'), { method: 'POST', body, onmessage: (m) => msgs.push(m) });
      out.push(T.echoed(msgs));
    }
    return out;
  });
  assert.equal(reqs[0].body, 'blob!');
  assert.equal(reqs[1].body, 'bytes');
  assert.match(reqs[2].headers['content-type'], /^multipart\/form-data; boundary=/);
  assert.match(reqs[2].body, /name="f"\r\n\r\nv\r\n/);
  assert.equal(reqs[3].body, 'a=1');
  assert.match(reqs[3].headers['content-type'], /^application\/x-www-form-urlencoded/);
});

test('a caller Accept header is kept', async () => {
  const req = await run(ctx.page, async () => {
    const msgs = [];
    await T.sse.fetchEventSource(T.url('/echo'), { headers: { Accept: 'text/event-stream, application/json' }, onmessage: (m) => msgs.push(m) });
    return T.echoed(msgs);
  });
  assert.equal(req.headers.accept, 'text/event-stream, application/json');
});

test('a Request as input lends method and headers', async () => {
  const req = await run(ctx.page, async () => {
    const msgs = [];
    await T.sse.fetchEventSource(new Request(T.url('/echo'), { method: 'PUT', headers: { 'X-From-Request': '1' } }), {
      body: 'b',
      onmessage: (m) => msgs.push(m),
    });
    return T.echoed(msgs);
  });
  assert.equal(req.method, 'PUT');
  assert.equal(req.headers['x-from-request'], '1');
  assert.equal(req.body, 'b');
});

test('a relative URL resolves against the page', async () => {
  const msgs = await run(ctx.page, async () => {
    const msgs = [];
    const path = new URL(T.url('/sse', { events: 2 }));
    await T.sse.fetchEventSource(path.pathname + path.search, { onmessage: (m) => msgs.push(m.data) });
    return msgs;
  });
  assert.deepEqual(msgs, ['msg 1', 'msg 2']);
});

test('invalid options reject the promise with a TypeError and fetch nothing', async () => {
  const k = key('fes-bad');
  const r = await run(ctx.page, async (k) => ({
    misspelled: (await T.settled(() => T.sse.fetchEventSource(T.url('/sse', { key: k }), { onMessage() {} }))).error,
    header: (await T.settled(() => T.sse.fetchEventSource(T.url('/sse', { key: k }), { headers: { a: 1 } }))).error,
    input: (await T.settled(() => T.sse.fetchEventSource(42, {}))).error,
    range: (await T.settled(() => T.sse.fetchEventSource(T.url('/sse', { key: k }), { retry: { jitter: 2 } }))).error,
  }), k);
  assert.equal(r.misspelled.isTypeError, true);
  assert.match(r.misspelled.message, /unknown option "onMessage" \(did you mean "onmessage"\?\)/);
  assert.equal(r.header.isTypeError, true);
  assert.equal(r.input.isTypeError, true);
  assert.equal(r.range.name, 'RangeError');
  assert.equal((await stats(k)).requests, 0);
});

test('callbacks after close: none once the signal aborted', async () => {
  const after = await run(ctx.page, async () => {
    const ac = new AbortController();
    const seen = T.deferred();
    let after = 0;
    const p = T.sse.fetchEventSource(T.url('/sse', { events: 50, delay: 5 }), {
      signal: ac.signal,
      onmessage() {
        if (ac.signal.aborted) after++;
        ac.abort();
        seen.resolve(undefined);
      },
      onclose() { after++; },
      onerror() { after++; },
    });
    await T.within(seen.promise, 5000, 'first message');
    await T.within(p, 5000, 'settles');
    await T.sleep(100);
    return after;
  });
  assert.equal(after, 0);
});

test('RequestInit fields reach fetch as given and take effect in Chromium (redirect, referrerPolicy, cache, priority, keepalive)', async () => {
  const r = await run(ctx.page, async () => {
    const seen = [];
    const spy = (input, init) => {
      seen.push({ cache: init.cache, priority: init.priority, keepalive: init.keepalive, redirect: init.redirect, referrerPolicy: init.referrerPolicy });
      return fetch(input, init);
    };
    const echo = async (init) => {
      const msgs = [];
      await T.sse.fetchEventSource(T.url('/echo'), { ...init, fetch: spy, onmessage: (m) => msgs.push(m) });
      return T.echoed(msgs).headers;
    };
    const withReferrer = await echo({});
    const noReferrer = await echo({ referrerPolicy: 'no-referrer', cache: 'reload', priority: 'high', keepalive: true });
    // redirect: 'error' turns a redirect into a network error (a TypeError, not retried here).
    const redirected = await T.settled(() => T.sse.fetchEventSource(T.url('/sse', { redirect: 302, to: '/sse?events=1' }), {
      redirect: 'error', retry: { maxRetries: 0 },
    }));
    return { withReferrer: withReferrer.referer ?? null, noReferrer: noReferrer.referer ?? null, seen, redirected: redirected.error };
  });
  assert.match(r.withReferrer, /\/test\/browser\/pages\//);
  assert.equal(r.noReferrer, null);
  assert.deepEqual(r.seen, [
    { cache: 'no-store', priority: undefined, keepalive: undefined, redirect: undefined, referrerPolicy: undefined },
    { cache: 'reload', priority: 'high', keepalive: true, redirect: undefined, referrerPolicy: 'no-referrer' },
  ]);
  assert.deepEqual(r.redirected.classes, ['SSEError', 'RetriesExhaustedError']);
  assert.deepEqual(r.redirected.cause.classes, ['SSEError', 'NetworkError']);
  assert.equal(r.redirected.cause.cause.isTypeError, true);
});
