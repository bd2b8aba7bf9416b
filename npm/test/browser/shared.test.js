// The extensions shared by the three styles, in headless Chromium: retry
// policy, idleTimeout, maxEventSize, lastEventId, headers function, onretry.
/* global T */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, run, key, stats } from './helpers.js';

const ctx = suite();

test('retry: initialDelay, factor, maxDelay with no jitter give exact delays; onretry reports them', async () => {
  const k = key('retry-exact');
  const r = await run(ctx.page, async (k) => {
    const infos = [];
    const res = await T.drain(T.url('/sse', { key: k, failTimes: 4, events: 1 }), {
      retry: { initialDelay: 20, factor: 2, maxDelay: 70, jitter: 0 },
      onretry: (i) => infos.push({ attempt: i.attempt, delay: i.delay, error: T.err(i.error) }),
    });
    return { ...res, infos };
  }, k);
  assert.equal(r.error, null);
  assert.deepEqual(r.got, ['msg 1']);
  assert.deepEqual(r.infos.map((i) => [i.attempt, i.delay]), [[1, 20], [2, 40], [3, 70], [4, 70]]);
  assert.ok(r.infos.every((i) => i.error.classes.includes('HTTPError') && i.error.status === 503));
  assert.equal((await stats(k)).requests, 5);
});

test('retry: jitter keeps delays within the fraction', async () => {
  const k = key('retry-jitter');
  const delays = await run(ctx.page, async (k) => {
    const delays = [];
    await T.drain(T.url('/sse', { key: k, failTimes: 3, events: 1 }), {
      retry: { initialDelay: 40, factor: 1, jitter: 0.5 },
      onretry: (i) => delays.push(i.delay),
    });
    return delays;
  }, k);
  assert.equal(delays.length, 3);
  for (const d of delays) assert.ok(d >= 20 && d <= 60, `delay ${d} outside 40±50%`);
});

test('retry: maxRetries gives up with RetriesExhaustedError (attempts, cause); 0 never reconnects', async () => {
  const k = key('retry-max');
  const k0 = key('retry-zero');
  const r = await run(ctx.page, async ({ k, k0 }) => ({
    three: await T.drain(T.url('/sse', { key: k, status: 503 }), { retry: { initialDelay: 5, maxRetries: 3 } }),
    zero: await T.drain(T.url('/sse', { key: k0, status: 503 }), { retry: { maxRetries: 0 } }),
  }), { k, k0 });
  assert.deepEqual(r.three.error.classes, ['SSEError', 'RetriesExhaustedError']);
  assert.equal(r.three.error.attempts, 3);
  assert.deepEqual(r.three.error.cause.classes, ['SSEError', 'HTTPError']);
  assert.equal((await stats(k)).requests, 4);
  assert.deepEqual(r.zero.error.classes, ['SSEError', 'RetriesExhaustedError']);
  assert.equal(r.zero.error.attempts, 0);
  assert.equal((await stats(k0)).requests, 1);
});

test('retry: maxElapsed stops a run of failures', async () => {
  const k = key('retry-elapsed');
  const r = await run(ctx.page, async (k) => {
    const t0 = performance.now();
    const res = await T.drain(T.url('/sse', { key: k, status: 503 }), { retry: { initialDelay: 50, factor: 1, jitter: 0, maxElapsed: 120 } });
    return { ...res, took: performance.now() - t0 };
  }, k);
  assert.deepEqual(r.error.classes, ['SSEError', 'RetriesExhaustedError']);
  assert.match(r.error.reason, /elapsed/);
  assert.ok(r.took < 2000, `took ${r.took} ms`);
  const n = (await stats(k)).requests;
  assert.ok(n >= 2 && n <= 4, `requests ${n}`);
});

test('retry: the server retry: field and Retry-After set the delay', async () => {
  const r = await run(ctx.page, async ({ k1, k2 }) => {
    const field = [];
    const a = await T.drain(T.url('/sse', { key: k1, events: 2, ids: 1, dropAfter: 1, retry: 150 }), {
      retry: { jitter: 0 },
      onretry: (i) => field.push(i.delay),
    });
    const after = [];
    const b = await T.drain(T.url('/sse', { key: k2, failTimes: 1, retryAfter: 1, events: 1 }), {
      retry: { initialDelay: 10, jitter: 0 },
      onretry: (i) => after.push(i.delay),
    });
    return { a: a.got, field, b: b.got, after };
  }, { k1: key('retry-field'), k2: key('retry-after') });
  assert.deepEqual(r.a, ['msg 1', 'msg 2']);
  assert.equal(r.field[0], 150);
  assert.deepEqual(r.b, ['msg 1']);
  assert.equal(r.after[0], 1000);
});

test('retry.nonIdempotent: a POST is re-sent only when allowed', async () => {
  const ks = ['post-before', 'post-after', 'post-ids', 'post-always', 'post-never'].map(key);
  const r = await run(ctx.page, async (ks) => {
    const post = { method: 'POST', body: 'x' };
    return [
      // Nothing dispatched yet: the default ("resumable") re-sends.
      await T.drain(T.url('/sse', { key: ks[0], failTimes: 1, events: 1 }), { ...post, retry: { initialDelay: 5 } }),
      // Events without ids were dispatched: not re-sent; the cut is the error.
      await T.drain(T.url('/sse', { key: ks[1], events: 3, dropAfter: 1 }), { ...post, retry: { initialDelay: 5 } }),
      // The server gave ids: resumed with Last-Event-ID.
      await T.drain(T.url('/sse', { key: ks[2], events: 3, ids: 1, dropAfter: 1 }), { ...post, retry: { initialDelay: 5 } }),
      // "always": re-sent even without ids. Every attempt delivers an event,
      // so each failure starts a new run: stop at the third reconnect's wait.
      await (async () => {
        const ac = new AbortController();
        let n = 0;
        return T.drain(T.url('/sse', { key: ks[3], events: 3, dropAfter: 1 }),
          { ...post, signal: ac.signal, retry: { initialDelay: 5, nonIdempotent: 'always' }, onretry: () => { if (++n === 3) ac.abort(); } });
      })(),
      // "never": not even before any event.
      await T.drain(T.url('/sse', { key: ks[4], failTimes: 1, events: 1 }), { ...post, retry: { initialDelay: 5, nonIdempotent: 'never' } }),
    ];
  }, ks);
  assert.deepEqual(r[0], { got: ['msg 1'], error: null });
  assert.equal((await stats(ks[0])).requests, 2);
  assert.deepEqual(r[1].got, ['msg 1']);
  assert.deepEqual(r[1].error.classes, ['SSEError', 'NetworkError'], JSON.stringify(r[1].error));
  assert.equal(r[1].error.cause.isTypeError, true, JSON.stringify(r[1].error));
  assert.equal((await stats(ks[1])).requests, 1);
  assert.deepEqual(r[2], { got: ['msg 1', 'msg 2', 'msg 3'], error: null });
  assert.deepEqual((await stats(ks[2])).lastEventIds, ['', '1', '2', '3']);
  assert.deepEqual(r[3].got, ['msg 1', 'msg 1', 'msg 1']);
  assert.equal((await stats(ks[3])).requests, 3);
  assert.deepEqual(r[4].error.classes, ['SSEError', 'HTTPError']);
  assert.equal(r[4].error.status, 503);
  assert.equal((await stats(ks[4])).requests, 1);
});

test('idleTimeout: a silent connection fails with IdleTimeoutError; comments keep it alive', async () => {
  const k = key('idle');
  const r = await run(ctx.page, async (k) => {
    const silent = await T.drain(T.url('/sse', { key: k, events: 3, stallAfter: 1, stall: 5000 }), {
      idleTimeout: 150,
      retry: { maxRetries: 0 },
    });
    const errs = [];
    await T.sse.fetchEventSource(T.url('/sse', { events: 2, stallAfter: 1, stall: 5000 }), {
      idleTimeout: 150,
      onerror: (e) => { errs.push(T.err(e)); throw e; },
    }).catch(() => {});
    const alive = await T.drain(T.url('/sse', { events: 4, delay: 100, comment: 1 }), { idleTimeout: 400, retry: { maxRetries: 0 } });
    return { silent, errs, alive };
  }, k);
  assert.deepEqual(r.silent.got, ['msg 1']);
  assert.deepEqual(r.silent.error.classes, ['SSEError', 'RetriesExhaustedError']);
  assert.deepEqual(r.silent.error.cause.classes, ['SSEError', 'IdleTimeoutError']);
  assert.equal(r.silent.error.cause.timeout, 150);
  await stats(k, { wait: 'disconnected', min: 1 });
  assert.deepEqual(r.errs[0].classes, ['SSEError', 'IdleTimeoutError']);
  assert.equal(r.alive.error, null);
  assert.equal(r.alive.got.length, 4);
});

test('maxEventSize: an oversized event is EventTooLargeError, not retried; smaller ones pass', async () => {
  const k = key('too-large');
  const r = await run(ctx.page, async (k) => ({
    big: await T.drain(T.url('/sse', { key: k, huge: 200000 }), { maxEventSize: 4096 }),
    ok: await T.drain(T.url('/sse', { events: 3, size: 4000 }), { maxEventSize: 4096 }),
  }), k);
  assert.deepEqual(r.big.error.classes, ['SSEError', 'EventTooLargeError']);
  assert.equal(r.big.error.limit, 4096);
  assert.equal((await stats(k)).requests, 1);
  assert.equal(r.ok.error, null);
  assert.deepEqual(r.ok.got.map((d) => d.length), [4000, 4000, 4000]);
});

test('lastEventId: sent on the first request, then the stream\'s own on reconnects', async () => {
  const k = key('last-id');
  const got = await run(ctx.page, async (k) => {
    const got = [];
    await T.sse.fetchEventSource(T.url('/sse', { key: k, events: 6, ids: 1, dropAfter: 2 }), {
      lastEventId: '2',
      onmessage: (m) => got.push(m.id),
      retry: { initialDelay: 5 },
    });
    return got;
  }, k);
  assert.deepEqual(got, ['3', '4', '5', '6']);
  assert.deepEqual((await stats(k)).lastEventIds, ['2', '4', '6']);
});

test('headers function: called before every attempt, may be async, may throw (retried)', async () => {
  const k = key('headers-fn');
  const r = await run(ctx.page, async (k) => {
    let calls = 0;
    const got = [];
    await T.sse.fetchEventSource(T.url('/sse', { key: k, failTimes: 2, events: 1 }), {
      headers: async () => {
        calls++;
        if (calls === 1) throw new Error('token service down');
        return { Authorization: `Bearer token-${calls}` };
      },
      onmessage: (m) => got.push(m.data),
      retry: { initialDelay: 5 },
    });
    return { calls, got };
  }, k);
  assert.deepEqual(r, { calls: 4, got: ['msg 1'] });
  const st = await stats(k);
  assert.equal(st.requests, 3);
  assert.equal(st.lastHeaders.Authorization, 'Bearer token-4');
});

test('the same extensions on EventSource: maxEventSize closes it with the typed error', async () => {
  const r = await run(ctx.page, async () => {
    const es = new T.sse.EventSource(T.url('/sse', { huge: 100000 }), { maxEventSize: 1000 });
    const ev = await T.within(new Promise((res) => { es.onerror = res; }), 5000, 'error event');
    return { error: T.err(ev.error), state: es.readyState };
  });
  assert.deepEqual(r.error.classes, ['SSEError', 'EventTooLargeError']);
  assert.equal(r.state, 2);
});

test('large and many events in one page: 2,000 events of 16 KiB each arrive intact', async () => {
  const r = await run(ctx.page, async () => {
    let n = 0;
    let bad = 0;
    const alpha = 'abcdefghijklmnopqrstuvwxyz';
    for await (const m of T.sse.events(T.url('/sse', { events: 2000, size: 16384, lines: 4 }))) {
      n++;
      // Event n's character p (LFs excluded) is alpha[(n + p) % 26].
      const flat = m.data.replaceAll('\n', '');
      if (m.data.length !== 16384 || flat[0] !== alpha[n % 26] || flat[16380] !== alpha[(n + 16380) % 26]) bad++;
    }
    return { n, bad };
  }, undefined, 30_000);
  assert.deepEqual(r, { n: 2000, bad: 0 });
});
