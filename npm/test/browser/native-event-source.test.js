// Our EventSource next to Chromium's native one, in the same page, against
// the Go test server. The behaviours shared with Node are in
// ../behaviour/cases/ (behaviour.test.js runs them here).
/* global T */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, run, key, stats, BASE } from './helpers.js';

const ctx = suite();
const ORIGIN = new URL(BASE).origin;

test('the constants are the native EventSource\'s', async () => {
  const r = await run(ctx.page, () => {
    const ours = T.sse.EventSource;
    const native = globalThis.EventSource;
    return [ours.CONNECTING, ours.OPEN, ours.CLOSED, native.CONNECTING, native.OPEN, native.CLOSED];
  });
  assert.deepEqual(r, [0, 1, 2, 0, 1, 2]);
});

test('the same event sequence as Chromium\'s native EventSource: open, messages, clean end, reconnect with Last-Event-ID, 204 closes', async () => {
  const kNative = key('es-native');
  const kOurs = key('es-ours');
  const r = await run(ctx.page, async ({ kNative, kOurs }) => {
    const q = { events: 3, ids: 1, retry: 30, doneStatus: 204 };
    const record = async (es) => {
      const log = await T.until(es, ['open', 'message', 'error', 'tick'], () => es.readyState === 2);
      es.close();
      return log.map((e) => [e.type, e.state, e.data, e.id, e.origin]);
    };
    const native = await record(new globalThis.EventSource(T.url('/sse', { key: kNative, ...q })));
    const ours = await record(new T.sse.EventSource(T.url('/sse', { key: kOurs, ...q })));
    return { native, ours };
  }, { kNative, kOurs });
  assert.deepEqual(r.ours, r.native);
  assert.deepEqual(r.ours, [
    ['open', 1, undefined, undefined, undefined],
    ['message', 1, 'msg 1', '1', ORIGIN],
    ['message', 1, 'msg 2', '2', ORIGIN],
    ['message', 1, 'msg 3', '3', ORIGIN],
    ['error', 0, undefined, undefined, undefined],
    ['error', 2, undefined, undefined, undefined],
  ]);
  assert.deepEqual((await stats(kOurs)).lastEventIds, (await stats(kNative)).lastEventIds);
  assert.deepEqual((await stats(kOurs)).lastEventIds, ['', '3']);
});
