// events() in headless Chromium against the Go test server: an async
// iterable over a stream; break aborts the request.
/* global T */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, run, key, stats, sleep } from './helpers.js';

const ctx = suite();

test('iterates messages: event "message" by default, id persists, retry where set; ends with the stream', async () => {
  const got = await run(ctx.page, async () => {
    const got = [];
    for await (const m of T.sse.events(T.raw('data: a\n\nevent: tick\ndata: b\nid: 3\nretry: 99\n\ndata: c\n\n'))) got.push(m);
    return got;
  });
  assert.deepEqual(got, [
    { event: 'message', data: 'a', id: '', retry: undefined },
    { event: 'tick', data: 'b', id: '3', retry: 99 },
    { event: 'message', data: 'c', id: '3', retry: undefined },
  ]);
});

test('nothing is fetched before the first next()', async () => {
  const k = key('ev-lazy');
  await run(ctx.page, async (k) => {
    window.__lazy = T.sse.events(T.url('/sse', { key: k, events: 2 }));
  }, k);
  await sleep(100);
  assert.equal((await stats(k)).requests, 0);
  const first = await run(ctx.page, async () => {
    const it = window.__lazy;
    delete window.__lazy;
    const first = await it.next();
    await it.return();
    return first;
  });
  assert.deepEqual(first, { value: { event: 'message', data: 'msg 1', id: '', retry: undefined }, done: false });
  assert.equal((await stats(k)).requests, 1);
});

test('break aborts the request: the server sees the disconnect', async () => {
  const k = key('ev-break');
  const got = await run(ctx.page, async (k) => {
    const got = [];
    for await (const m of T.sse.events(T.url('/sse', { key: k, events: 1000, delay: 20 }))) {
      got.push(m.data);
      if (got.length === 3) break;
    }
    return got;
  }, k);
  assert.deepEqual(got, ['msg 1', 'msg 2', 'msg 3']);
  const st = await stats(k, { wait: 'disconnected', min: 1 });
  assert.equal(st.requests, 1);
  assert.equal(st.completed, 0);
  assert.equal(st.active, 0);
});

test('a throw inside the loop body aborts the request too', async () => {
  const k = key('ev-throw');
  const r = await run(ctx.page, async (k) => {
    try {
      for await (const m of T.sse.events(T.url('/sse', { key: k, events: 1000, delay: 20 }))) {
        if (m.data === 'msg 2') throw new Error('body failed');
      }
      return 'no throw';
    } catch (e) {
      return e.message;
    }
  }, k);
  assert.equal(r, 'body failed');
  const st = await stats(k, { wait: 'disconnected', min: 1 });
  assert.equal(st.requests, 1);
});

test('return() before the first next() never fetches', async () => {
  const k = key('ev-return-early');
  const r = await run(ctx.page, async (k) => {
    const it = T.sse.events(T.url('/sse', { key: k }));
    return [await it.return('v'), await it.next()];
  }, k);
  assert.deepEqual(r, [{ value: 'v', done: true }, { value: undefined, done: true }]);
  assert.equal((await stats(k)).requests, 0);
});

test('return() while a next() is pending settles it as done', async () => {
  const k = key('ev-return-pending');
  const r = await run(ctx.page, async (k) => {
    const it = T.sse.events(T.url('/sse', { key: k, stall: 10000 }));
    const pending = it.next();
    await T.stats(k, { wait: 'active', min: 1 });
    await it.return();
    return T.within(pending, 2000, 'pending next');
  }, k);
  assert.deepEqual(r, { value: undefined, done: true });
  await stats(k, { wait: 'disconnected', min: 1 });
});

test('errors are thrown from the loop, typed', async () => {
  const r = await run(ctx.page, async () => {
    const loop = async (u, init) => {
      try {
        for await (const _ of T.sse.events(u, init)) return 'message';
        return 'ended';
      } catch (e) {
        return T.err(e);
      }
    };
    return {
      http: await loop(T.url('/sse', { status: 403, body: 'forbidden' })),
      ctype: await loop(T.url('/sse', { ctype: 'application/json' })),
      exhausted: await loop(T.url('/sse', { status: 503 }), { retry: { initialDelay: 5, maxRetries: 1 } }),
    };
  });
  assert.deepEqual(r.http.classes, ['SSEError', 'HTTPError']);
  assert.equal(r.http.status, 403);
  assert.equal(r.http.body, 'forbidden');
  assert.deepEqual(r.ctype.classes, ['SSEError', 'ContentTypeError']);
  assert.equal(r.ctype.contentType, 'application/json');
  assert.deepEqual(r.exhausted.classes, ['SSEError', 'RetriesExhaustedError']);
  assert.deepEqual(r.exhausted.cause.classes, ['SSEError', 'HTTPError']);
  assert.equal(r.exhausted.cause.status, 503);
});

test('messages before an error are delivered first, then the error', async () => {
  const r = await run(ctx.page, () => T.drain(T.url('/sse', { events: 5, dropAfter: 2 }), { retry: { maxRetries: 0 } }));
  assert.deepEqual(r.got, ['msg 1', 'msg 2']);
  assert.deepEqual(r.error.classes, ['SSEError', 'RetriesExhaustedError']);
  assert.deepEqual(r.error.cause.classes, ['SSEError', 'NetworkError']);
  assert.equal(r.error.cause.cause.isTypeError, true, 'its cause is the TypeError fetch\'s reader threw');
});

test('a signal ends the loop without an error; an aborted one never fetches', async () => {
  const k = key('ev-signal');
  const r = await run(ctx.page, async (k) => {
    const ac = new AbortController();
    const got = [];
    for await (const m of T.sse.events(T.url('/sse', { key: k, events: 1000, delay: 10 }), { signal: ac.signal })) {
      got.push(m.data);
      if (got.length === 2) ac.abort();
    }
    await T.stats(k, { wait: 'disconnected', min: 1 });
    const pre = [];
    for await (const m of T.sse.events(T.url('/sse', { key: k }), { signal: AbortSignal.abort() })) pre.push(m);
    return { got, pre };
  }, k);
  assert.deepEqual(r.got, ['msg 1', 'msg 2']);
  assert.deepEqual(r.pre, []);
  assert.equal((await stats(k)).requests, 1);
});

test('a slow loop body still gets every message in order (the queue is unbounded)', async () => {
  const r = await run(ctx.page, async () => {
    let n = 0;
    let bad = 0;
    for await (const m of T.sse.events(T.url('/sse', { events: 2000 }))) {
      n++;
      if (m.data !== `msg ${n}`) bad++;
      if (n % 500 === 0) await T.sleep(30);
    }
    return { n, bad };
  });
  assert.deepEqual(r, { n: 2000, bad: 0 });
});

test('POST with a body, headers function, onopen', async () => {
  const r = await run(ctx.page, async () => {
    let opened = null;
    const got = [];
    for await (const m of T.sse.events(T.url('/echo'), {
      method: 'POST',
      body: new URLSearchParams({ a: '1' }),
      headers: () => ({ 'X-Fresh': 'yes' }),
      onopen: (res) => { opened = res.status; },
    })) got.push(m);
    return { opened, req: T.echoed(got) };
  });
  assert.equal(r.opened, 200);
  assert.equal(r.req.method, 'POST');
  assert.equal(r.req.body, 'a=1');
  assert.equal(r.req.headers['x-fresh'], 'yes');
  assert.match(r.req.headers['content-type'], /^application\/x-www-form-urlencoded/);
});

test('onopen throwing is retried (events)', async () => {
  const r = await run(ctx.page, async () => {
    let opens = 0;
    const got = [];
    for await (const m of T.sse.events(T.url('/sse', { events: 1 }), {
      onopen() { if (++opens === 1) throw new Error('first open refused'); },
      retry: { initialDelay: 5, jitter: 0 },
    })) got.push(m.data);
    return { opens, got };
  });
  assert.deepEqual(r, { opens: 2, got: ['msg 1'] });
});

test('invalid options throw synchronously', async () => {
  const r = await run(ctx.page, () => {
    const out = [];
    for (const init of [{ onmessage() {} }, { retry: { factor: 0 } }]) {
      try {
        T.sse.events(T.url('/sse'), init);
        out.push(null);
      } catch (e) {
        out.push([e.name, e.message]);
      }
    }
    return out;
  });
  assert.equal(r[0][0], 'TypeError');
  assert.match(r[0][1], /events: unknown option "onmessage"/);
  assert.equal(r[1][0], 'RangeError');
});
