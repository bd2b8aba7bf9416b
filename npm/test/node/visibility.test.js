// `online` and the visibilitychange/online listeners, with a stand-in
// `document` and window-like global events (Node has neither; each test file
// runs in its own process). The visibility behaviours themselves are shared:
// ../behaviour/cases/visibility.js, run by behaviour-visibility.test.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchEventSource, events } from '../../src/index.js';
import { key, url, stats, within, sleep } from './helpers.js';

const g = /** @type {any} */ (globalThis);
const doc = Object.assign(new EventTarget(), { hidden: false, visibilityState: 'visible' });
g.document = doc;
const windowEvents = new EventTarget();
g.ononline = null;

/** Registered listeners per target and type, to check that none is left behind. */
const registered = new Set();
/** @param {EventTarget} target @param {string} name */
function counted(target, name) {
  const add = target.addEventListener.bind(target);
  const remove = target.removeEventListener.bind(target);
  return {
    add: (/** @type {string} */ type, /** @type {any} */ fn, /** @type {any} */ o) => { registered.add(`${name}:${type}`); registered.add(fn); add(type, fn, o); },
    remove: (/** @type {string} */ type, /** @type {any} */ fn, /** @type {any} */ o) => { registered.delete(fn); remove(type, fn, o); },
  };
}
const d = counted(doc, 'document');
doc.addEventListener = d.add;
doc.removeEventListener = d.remove;
const w = counted(windowEvents, 'window');
g.addEventListener = w.add;
g.removeEventListener = w.remove;
const liveListeners = () => [...registered].filter((x) => typeof x === 'function').length;

test('online skips the rest of the backoff wait', async () => {
  const k = key('online');
  const t0 = performance.now();
  const done = fetchEventSource(url('/sse', { key: k, failTimes: 1, events: 1 }), {
    retry: { initialDelay: 20000, jitter: 0, openWithin: Infinity }, // a long wait before the first open
    onmessage() {},
  });
  await stats(k, { wait: 'requests', min: 1 });
  await sleep(100);
  windowEvents.dispatchEvent(new Event('online'));
  await within(done, 3000, 'reconnect after online');
  assert.ok(performance.now() - t0 < 3000);
  assert.equal((await stats(k)).requests, 2);
});

test('listeners are added per stream and removed when streams end', async () => {
  assert.equal(liveListeners(), 0);
  const ac = new AbortController();
  const it = events(url('/sse', { events: 100, delay: 20 }), { openWhenHidden: false, signal: ac.signal });
  await it.next();
  assert.equal(liveListeners(), 2); // visibilitychange + online
  assert.ok(registered.has('document:visibilitychange'));
  assert.ok(registered.has('window:online'));
  ac.abort();
  assert.equal(liveListeners(), 0);
  for await (const _ of events(url('/sse', { events: 1 }))) assert.equal(liveListeners(), 1); // online only
  assert.equal(liveListeners(), 0);
});
