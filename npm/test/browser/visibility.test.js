// `online` and the visibilitychange/online listeners in headless Chromium.
// `online` is real: Playwright's offline emulation makes Chromium fire
// offline/online on window. The visibility behaviours themselves are shared:
// ../behaviour/cases/visibility.js, run by behaviour.test.js.
/* global T */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, run, key, stats, sleep } from './helpers.js';

const ctx = suite();

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
