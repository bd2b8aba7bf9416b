// Page visibility and `online`, with a stand-in `document` and window-like
// global events (Node has neither; each test file runs in its own process).
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

/** @param {boolean} hidden */
function setHidden(hidden) {
  doc.hidden = hidden;
  doc.visibilityState = hidden ? 'hidden' : 'visible';
  doc.dispatchEvent(new Event('visibilitychange'));
}

test('openWhenHidden: false pauses a GET while hidden (the server sees the disconnect) and resumes with Last-Event-ID', async () => {
  const k = key('vis-get');
  const ac = new AbortController();
  const got = [];
  let hid = false;
  const done = fetchEventSource(url('/sse', { key: k, events: 12, ids: 1, delay: 80 }), {
    openWhenHidden: false,
    signal: ac.signal,
    onmessage(m) {
      got.push(m.data);
      if (got.length === 2 && !hid) {
        hid = true;
        setHidden(true);
      }
    },
  });
  await stats(k, { wait: 'disconnected', min: 1 });
  await sleep(100);
  // Events of a chunk read before the pause may still arrive; none after.
  const n = got.length;
  assert.ok(n >= 2 && n < 12, `${n} events before the pause`);
  await sleep(300);
  assert.equal(got.length, n, 'no event while hidden');
  assert.equal((await stats(k)).requests, 1, 'no reconnect while hidden');
  setHidden(false);
  await within(done, 5000, 'stream end');
  assert.deepEqual(got, Array.from({ length: 12 }, (_, i) => `msg ${i + 1}`));
  const st = await stats(k);
  assert.equal(st.requests, 2);
  assert.deepEqual(st.lastEventIds, ['', String(n)]);
});

test('openWhenHidden: false keeps a non-resumable POST streaming while hidden (never re-sent)', async () => {
  const k = key('vis-post');
  const got = [];
  const done = fetchEventSource(url('/sse', { key: k, events: 5, delay: 30 }), {
    method: 'POST',
    body: 'prompt',
    openWhenHidden: false,
    onmessage(m) {
      got.push(m.data);
      if (got.length === 1) setHidden(true);
    },
  });
  await within(done, 5000, 'stream end');
  setHidden(false);
  assert.equal(got.length, 5);
  const st = await stats(k);
  assert.equal(st.requests, 1);
  assert.equal(st.disconnected, 0);
});

test('the default (openWhenHidden: true) ignores visibility', async () => {
  const k = key('vis-default');
  const got = [];
  await within(fetchEventSource(url('/sse', { key: k, events: 4, delay: 20 }), {
    onmessage(m) {
      got.push(m.data);
      if (got.length === 1) setHidden(true);
    },
  }), 5000, 'stream end');
  setHidden(false);
  assert.equal(got.length, 4);
  assert.equal((await stats(k)).requests, 1);
});

test('a stream opened while hidden waits for visible', async () => {
  const k = key('vis-start-hidden');
  setHidden(true);
  const got = [];
  const it = events(url('/sse', { key: k, events: 2 }), { openWhenHidden: false });
  const first = it.next();
  await sleep(200);
  assert.ok((await stats(k)).requests <= 1);
  setHidden(false);
  const m = await within(first, 5000, 'first message');
  got.push(m.value.data);
  for await (const x of it) got.push(x.data);
  assert.deepEqual(got, ['msg 1', 'msg 2']);
});

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
  assert.ok(registered.has('document:visibilitychange'));
  assert.ok(registered.has('window:online'));
  assert.equal(liveListeners(), 0);
  const ac = new AbortController();
  const it = events(url('/sse', { events: 100, delay: 20 }), { openWhenHidden: false, signal: ac.signal });
  await it.next();
  assert.equal(liveListeners(), 2); // visibilitychange + online
  ac.abort();
  assert.equal(liveListeners(), 0);
  for await (const _ of events(url('/sse', { events: 1 }))) assert.equal(liveListeners(), 1); // online only
  assert.equal(liveListeners(), 0);
});
