// Page visibility (openWhenHidden: false) and `online` in headless Chromium.
// Headless Chromium never hides a page, so the harness emulates it:
// document.hidden / visibilityState report T.setHidden's state and
// visibilitychange fires on document. `online` is real: Playwright's offline
// emulation makes Chromium fire offline/online on window.
/* global T */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, run, key, stats, sleep } from './helpers.js';

const ctx = suite();

test('openWhenHidden: false pauses a GET while hidden (the server sees the disconnect) and resumes with Last-Event-ID', async () => {
  const k = key('vis-get');
  await run(ctx.page, (k) => {
    window.__got = [];
    let hid = false;
    window.__done = T.sse.fetchEventSource(T.url('/sse', { key: k, events: 6, ids: 1, delay: 30 }), {
      openWhenHidden: false,
      onmessage(m) {
        window.__got.push(m.data);
        if (window.__got.length === 2 && !hid) {
          hid = true;
          T.setHidden(true);
        }
      },
    });
  }, k);
  await stats(k, { wait: 'disconnected', min: 1 });
  await sleep(200);
  assert.equal((await stats(k)).requests, 1, 'no reconnect while hidden');
  assert.deepEqual(await run(ctx.page, () => window.__got), ['msg 1', 'msg 2']);
  const got = await run(ctx.page, async () => {
    T.setHidden(false);
    await T.within(window.__done, 5000, 'stream end');
    const got = window.__got;
    delete window.__got;
    delete window.__done;
    return got;
  });
  assert.deepEqual(got, ['msg 1', 'msg 2', 'msg 3', 'msg 4', 'msg 5', 'msg 6']);
  const st = await stats(k);
  assert.equal(st.requests, 2);
  assert.deepEqual(st.lastEventIds, ['', '2']);
});

test('openWhenHidden: false keeps a POST without ids streaming while hidden (never re-sent)', async () => {
  const k = key('vis-post');
  const got = await run(ctx.page, async (k) => {
    const got = [];
    const done = T.sse.fetchEventSource(T.url('/sse', { key: k, events: 5, delay: 30 }), {
      method: 'POST',
      body: 'prompt',
      openWhenHidden: false,
      onmessage(m) {
        got.push(m.data);
        if (got.length === 1) T.setHidden(true);
      },
    });
    try {
      await T.within(done, 5000, 'stream end');
    } finally {
      T.setHidden(false);
    }
    return got;
  }, k);
  assert.equal(got.length, 5);
  const st = await stats(k);
  assert.equal(st.requests, 1);
  assert.equal(st.disconnected, 0);
});

test('the default (openWhenHidden: true) never pauses, in all three styles', async () => {
  const ks = [key('vis-default-fes'), key('vis-default-events'), key('vis-default-es')];
  const r = await run(ctx.page, async (ks) => {
    const q = (k) => T.url('/sse', { key: k, events: 4, delay: 20 });
    const out = {};
    try {
      const fes = [];
      await T.within(T.sse.fetchEventSource(q(ks[0]), {
        onmessage(m) {
          fes.push(m.data);
          T.setHidden(true);
        },
      }), 5000, 'fetchEventSource');
      out.fes = fes.length;
      T.setHidden(false);
      let n = 0;
      for await (const _ of T.sse.events(q(ks[1]))) {
        n++;
        T.setHidden(true);
      }
      out.events = n;
      T.setHidden(false);
      const es = new T.sse.EventSource(q(ks[2]));
      const log = await T.until(es, ['message', 'error'], (_, l) => { T.setHidden(true); return l.length === 4; });
      es.close();
      out.es = log.map((e) => e.type).join();
    } finally {
      T.setHidden(false);
    }
    return out;
  }, ks);
  assert.deepEqual(r, { fes: 4, events: 4, es: 'message,message,message,message' });
  for (const k of ks) assert.equal((await stats(k)).requests, 1, k);
  // The EventSource is closed by the test as the server ends: a disconnect
  // may be counted for it, not for the two others.
  for (const k of ks.slice(0, 2)) assert.equal((await stats(k)).disconnected, 0, k);
});

test('EventSource with openWhenHidden: false pauses and resumes from its last event id', async () => {
  const k = key('vis-es');
  await run(ctx.page, (k) => {
    const es = new T.sse.EventSource(T.url('/sse', { key: k, events: 4, ids: 1, delay: 30, end: 'hang' }), { openWhenHidden: false });
    window.__es = es;
    window.__log = T.until(es, ['open', 'message', 'error'], (_, l) => l.filter((e) => e.type === 'message').length === 4);
    es.addEventListener('message', (ev) => { if (ev.data === 'msg 2') T.setHidden(true); });
  }, k);
  await stats(k, { wait: 'disconnected', min: 1 });
  await sleep(200);
  assert.equal((await stats(k)).requests, 1, 'no reconnect while hidden');
  const r = await run(ctx.page, async () => {
    const state = window.__es.readyState;
    T.setHidden(false);
    const log = await window.__log;
    window.__es.close();
    delete window.__es;
    delete window.__log;
    return { state, log: log.map((e) => [e.type, e.data ?? null]) };
  });
  assert.notEqual(r.state, 2, 'a paused EventSource is not CLOSED');
  assert.deepEqual(r.log.filter(([t]) => t === 'message'), [['message', 'msg 1'], ['message', 'msg 2'], ['message', 'msg 3'], ['message', 'msg 4']]);
  assert.deepEqual((await stats(k)).lastEventIds, ['', '2']);
});

test('a stream opened while hidden waits for visible', async () => {
  const k = key('vis-start-hidden');
  await run(ctx.page, (k) => {
    T.setHidden(true);
    window.__it = T.sse.events(T.url('/sse', { key: k, events: 2 }), { openWhenHidden: false });
    window.__first = window.__it.next();
  }, k);
  await sleep(200);
  assert.ok((await stats(k)).requests <= 1);
  const got = await run(ctx.page, async () => {
    T.setHidden(false);
    const got = [(await T.within(window.__first, 5000, 'first message')).value.data];
    for await (const x of window.__it) got.push(x.data);
    delete window.__it;
    delete window.__first;
    return got;
  });
  assert.deepEqual(got, ['msg 1', 'msg 2']);
});

test('online (Chromium leaving offline emulation) skips the rest of the backoff wait', async () => {
  const k = key('online');
  await run(ctx.page, (k) => {
    window.__online = 0;
    window.addEventListener('online', () => { window.__online++; }, { once: true });
    window.__t0 = performance.now();
    window.__done = T.sse.fetchEventSource(T.url('/sse', { key: k, failTimes: 1, events: 1 }), {
      retry: { initialDelay: 20000, jitter: 0, openWithin: Infinity }, // a long wait before the first open
      onmessage() {},
    });
  }, k);
  await stats(k, { wait: 'requests', min: 1 });
  await sleep(100);
  await ctx.context.setOffline(true);
  await sleep(50);
  await ctx.context.setOffline(false);
  const r = await run(ctx.page, async () => {
    await T.within(window.__done, 3000, 'reconnect after online');
    const r = { online: window.__online, took: performance.now() - window.__t0 };
    for (const n of ['__online', '__t0', '__done']) delete window[n];
    return r;
  });
  assert.equal(r.online, 1);
  assert.ok(r.took < 3000, `took ${r.took} ms`);
  assert.equal((await stats(k)).requests, 2);
});

test('visibilitychange and online listeners are added per stream and removed when streams end', async () => {
  const r = await run(ctx.page, async () => {
    const live = new Set();
    const wrap = (target, name) => {
      const add = target.addEventListener;
      const remove = target.removeEventListener;
      target.addEventListener = function (type, fn, o) {
        if (type === 'visibilitychange' || type === 'online') {
          live.add(`${name}:${type}`);
          live.add(fn);
        }
        return add.call(this, type, fn, o);
      };
      target.removeEventListener = function (type, fn, o) { live.delete(fn); return remove.call(this, type, fn, o); };
      return () => { delete target.addEventListener; delete target.removeEventListener; };
    };
    const undo = [wrap(document, 'document'), wrap(window, 'window')];
    const count = () => [...live].filter((x) => typeof x === 'function').length;
    try {
      const out = { before: count() };
      const ac = new AbortController();
      const it = T.sse.events(T.url('/sse', { events: 100, delay: 20 }), { openWhenHidden: false, signal: ac.signal });
      await it.next();
      out.hiddenAware = count();
      out.names = [...live].filter((x) => typeof x === 'string').sort();
      ac.abort();
      out.afterAbort = count();
      out.during = [];
      for await (const _ of T.sse.events(T.url('/sse', { events: 1 }))) out.during.push(count());
      out.after = count();
      return out;
    } finally {
      undo.forEach((f) => f());
    }
  });
  assert.deepEqual(r, {
    before: 0, hiddenAware: 2, names: ['document:visibilitychange', 'window:online'], afterAbort: 0, during: [1], after: 0,
  });
});
