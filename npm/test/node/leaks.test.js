// 200 open/close cycles through the three styles leave no js.Func and no
// goroutine behind (api.liveFuncs() / api.goroutines() back to baseline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchEventSource, events, EventSource } from '../../src/index.js';
import { debugAPI } from '../../src/loader.js';
import { key, url, stats, sleep, within } from './helpers.js';

/**
 * settle polls until the counters are back to the baseline (bounded).
 * @param {import('../../src/loader.js').GoAPI} api
 * @param {{funcs: number, goroutines: number}} base
 */
async function settle(api, base) {
  let now = { funcs: -1, goroutines: -1 };
  for (let i = 0; i < 100; i++) {
    now = { funcs: api.liveFuncs(), goroutines: api.goroutines() };
    if (now.funcs === base.funcs && now.goroutines === base.goroutines) return now;
    await sleep(50);
  }
  return now;
}

test('200 open/close cycles: liveFuncs and goroutines return to baseline; the server sees every stream end', async () => {
  const api = await debugAPI();
  const base = await settle(api, { funcs: api.liveFuncs(), goroutines: api.goroutines() });
  const k = key('leaks');
  const live = url('/sse', { key: k, events: 100000, delay: 5 });
  for (let i = 0; i < 200; i++) {
    switch (i % 5) {
      case 0: { // fetchEventSource, aborted after the first message
        const ac = new AbortController();
        await within(fetchEventSource(live, { signal: ac.signal, onmessage: () => ac.abort() }), 5000, `cycle ${i}`);
        break;
      }
      case 1: { // events(), break after the first message
        for await (const _ of events(live)) break;
        break;
      }
      case 2: { // EventSource closed from its first message
        const es = new EventSource(live);
        await within(new Promise((r) => { es.onmessage = () => { es.close(); r(undefined); }; }), 5000, `cycle ${i}`);
        break;
      }
      case 3: { // a stream that ends by itself
        await fetchEventSource(url('/sse', { key: k, events: 2 }), {});
        break;
      }
      default: { // a stream that fails for good
        await fetchEventSource(url('/sse', { key: k, status: 404 }), {}).catch(() => {});
        break;
      }
    }
  }
  const after = await settle(api, base);
  assert.deepEqual(after, base);
  const st = await stats(k, { wait: 'active', max: 0 });
  assert.equal(st.requests, 200);
  assert.equal(st.completed + st.disconnected, 200);
  assert.equal(/** @type {any} */ (api).streams?.() ?? 0, 0);
});
