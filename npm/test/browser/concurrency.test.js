// 100 simultaneous streams in one page, in the three styles, all completing
// correctly. Chromium opens at most 6 HTTP/1.1 connections per host, so the
// streams are spread over 20 host names (s0.test ... s19.test, mapped to the
// loopback address by --host-resolver-rules; cross-origin, like most real
// deployments): the test server sees all 100 open at the same time.
/* global T */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, run, key, stats, within, openPage } from './helpers.js';

const ctx = suite();

test('100 simultaneous streams (fetchEventSource, events, EventSource) each get exactly their events; 25 broken off are seen disconnected', async () => {
  const k = key('hundred');
  const started = run(ctx.page, async (k) => {
    const { loadedAPI } = await import(new URL('../../../src/loader.js', location.href).href);
    const go = T.deferred();
    window.__go = go.resolve;
    /** Stream i: 20 events of type s<i>, ids, data of 50+i bytes, stalled after 10 for 2 s. */
    const u = (i) => {
      const x = new URL(T.url('/sse', { key: k, events: 20, ids: 1, event: `s${i}`, size: 50 + i, stallAfter: 10, stall: 2000 }));
      x.hostname = `s${i % 20}.test`;
      return x.href;
    };
    const check = (i, got) => {
      // [type, id, data length] of each event, in order.
      const want = Array.from({ length: got.length }, (_, j) => `s${i}|${j + 1}|${50 + i}`);
      return got.join() === want.join() ? got.length : `stream ${i}: ${got.slice(0, 3).join()}...`;
    };
    const one = async (i) => {
      const got = [];
      switch (i % 4) {
        case 0: // fetchEventSource to the end
          await T.sse.fetchEventSource(u(i), {
            onmessage: (m) => got.push(`${m.event}|${m.id}|${m.data.length}`),
          });
          return check(i, got);
        case 1: // events() to the end
          for await (const m of T.sse.events(u(i))) got.push(`${m.event}|${m.id}|${m.data.length}`);
          return check(i, got);
        case 2: { // EventSource, closed at the last event
          const es = new T.sse.EventSource(u(i));
          await new Promise((resolve, reject) => {
            es.addEventListener(`s${i}`, (ev) => {
              got.push(`${ev.type}|${ev.lastEventId}|${ev.data.length}`);
              if (got.length === 20) { es.close(); resolve(undefined); }
            });
            es.onerror = (ev) => { if (es.readyState === 2) reject(ev.error); };
          });
          return check(i, got);
        }
        default: // events(), broken off during the stall, once the test saw all 100 open
          for await (const m of T.sse.events(u(i))) {
            got.push(`${m.event}|${m.id}|${m.data.length}`);
            if (got.length === 10) {
              await T.within(go.promise, 10_000, 'go');
              break;
            }
          }
          return check(i, got);
      }
    };
    const t0 = performance.now();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => one(i)));
    const took = performance.now() - t0;
    // Every stream's goroutines and js.Funcs are gone once all have ended.
    const api = loadedAPI();
    let streams = -1;
    for (let i = 0; i < 50 && streams !== 0; i++) {
      streams = api.streams();
      if (streams !== 0) await T.sleep(20);
    }
    delete window.__go;
    return { results, took, streams };
  }, k, 30_000);
  // While the streams are stalled after their 10th event, all are open.
  const open = await stats(k, { wait: 'active', min: 100, timeout: 10_000 });
  assert.equal(open.requests, 100);
  await run(ctx.page, () => window.__go());
  const r = await started;
  const want = Array.from({ length: 100 }, (_, i) => (i % 4 === 3 ? 10 : 20));
  assert.deepEqual(r.results, want);
  assert.equal(r.streams, 0, 'no stream left running in Go');
  assert.ok(r.took < 20_000, `took ${r.took} ms`);
  const done = await stats(k, { wait: 'active', max: 0 });
  assert.equal(done.requests, 100);
  // An EventSource closed at its last event may be counted either way.
  assert.ok(done.disconnected >= 25 && done.completed >= 50 && done.disconnected + done.completed === 100, JSON.stringify(done));
});

test('100 streams started before the module is loaded share one sse.wasm download and instance', async () => {
  const { page, errors } = await openPage(ctx.context);
  try {
    const wasm = [];
    page.on('request', (req) => { if (req.url().endsWith('.wasm')) wasm.push(req.url()); });
    const r = await run(page, async () => {
      const got = await Promise.all(Array.from({ length: 100 }, async (_, i) => {
        const u = new URL(T.url('/sse', { events: 3 }));
        u.hostname = `s${i % 20}.test`;
        const out = [];
        for await (const m of T.sse.events(u.href)) out.push(m.data);
        return out.join();
      }));
      return got.filter((g) => g === 'msg 1,msg 2,msg 3').length;
    }, undefined, 20_000);
    assert.equal(r, 100);
    assert.equal(wasm.length, 1, wasm.join());
    assert.match(wasm[0], /\/dist\/sse\.wasm$/);
    assert.deepEqual(errors, []);
  } finally {
    await within(page.close(), 5000, 'page close');
  }
});
