// The extensions shared by the three styles: retry policy, idleTimeout,
// maxEventSize, lastEventId, headers function, onretry, typed errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fetchEventSource, events, EventSource,
  HTTPError, IdleTimeoutError, EventTooLargeError, RetriesExhaustedError, NetworkError,
} from '../../src/index.js';
import { key, url, stats, within } from './helpers.js';

/**
 * drain runs events() to its end and returns [messages, error].
 * @param {string} u
 * @param {object} init
 */
async function drain(u, init) {
  const got = [];
  try {
    for await (const m of events(u, init)) got.push(m.data);
    return [got, null];
  } catch (e) {
    return [got, e];
  }
}

test('retry: initialDelay, factor, maxDelay with no jitter give exact delays; onretry reports them', async () => {
  const k = key('retry-exact');
  const infos = [];
  const [got, err] = await drain(url('/sse', { key: k, failTimes: 4, events: 1 }), {
    retry: { initialDelay: 20, factor: 2, maxDelay: 70, jitter: 0 },
    onretry: (i) => infos.push(i),
  });
  assert.equal(err, null);
  assert.deepEqual(got, ['msg 1']);
  assert.deepEqual(infos.map((i) => [i.attempt, i.delay]), [[1, 20], [2, 40], [3, 70], [4, 70]]);
  assert.ok(infos.every((i) => i.error instanceof HTTPError && i.error.status === 503));
  assert.equal((await stats(k)).requests, 5);
});

test('retry: jitter keeps delays within the fraction', async () => {
  const infos = [];
  await drain(url('/sse', { key: key('retry-jitter'), failTimes: 3, events: 1 }), {
    retry: { initialDelay: 40, factor: 1, jitter: 0.5 },
    onretry: (i) => infos.push(i.delay),
  });
  assert.equal(infos.length, 3);
  for (const d of infos) assert.ok(d >= 20 && d <= 60, `delay ${d} outside 40±50%`);
});

test('retry: maxRetries gives up with RetriesExhaustedError (attempts, cause); 0 never reconnects', async () => {
  const k = key('retry-max');
  const [, err] = await drain(url('/sse', { key: k, status: 503 }), { retry: { initialDelay: 5, maxRetries: 3 } });
  assert.ok(err instanceof RetriesExhaustedError);
  assert.equal(err.attempts, 3);
  assert.ok(err.cause instanceof HTTPError);
  assert.equal((await stats(k)).requests, 4);
  const k0 = key('retry-zero');
  const [, err0] = await drain(url('/sse', { key: k0, status: 503 }), { retry: { maxRetries: 0 } });
  assert.ok(err0 instanceof RetriesExhaustedError);
  assert.equal(err0.attempts, 0);
  assert.equal((await stats(k0)).requests, 1);
});

test('retry: maxElapsed stops a run of failures', async () => {
  const k = key('retry-elapsed');
  const t0 = performance.now();
  const [, err] = await drain(url('/sse', { key: k, status: 503 }), { retry: { initialDelay: 50, factor: 1, jitter: 0, maxElapsed: 120 } });
  assert.ok(err instanceof RetriesExhaustedError);
  assert.match(err.reason, /elapsed/);
  assert.ok(performance.now() - t0 < 2000);
  const n = (await stats(k)).requests;
  assert.ok(n >= 2 && n <= 4, `requests ${n}`);
});

test('retry: the server retry: field sets the delay', async () => {
  const infos = [];
  const [got] = await drain(url('/sse', { key: key('retry-field'), events: 2, ids: 1, dropAfter: 1, retry: 150 }), {
    retry: { jitter: 0 },
    onretry: (i) => infos.push(i.delay),
  });
  assert.deepEqual(got, ['msg 1', 'msg 2']);
  assert.equal(infos[0], 150);
});

test('retry: Retry-After on a 503 sets the delay', async () => {
  const infos = [];
  const [got] = await drain(url('/sse', { key: key('retry-after'), failTimes: 1, retryAfter: 1, events: 1 }), {
    retry: { initialDelay: 10, jitter: 0 },
    onretry: (i) => infos.push(i.delay),
  });
  assert.deepEqual(got, ['msg 1']);
  assert.equal(infos[0], 1000);
});

test('retry.nonIdempotent: a POST is re-sent only when allowed', async () => {
  // Nothing dispatched yet: the default ("resumable") re-sends.
  const k1 = key('post-before');
  const [got1, err1] = await drain(url('/sse', { key: k1, failTimes: 1, events: 1 }), { method: 'POST', body: 'x', retry: { initialDelay: 5 } });
  assert.equal(err1, null);
  assert.deepEqual(got1, ['msg 1']);
  assert.equal((await stats(k1)).requests, 2);

  // Events without ids were dispatched: not re-sent; the cut is the error.
  const k2 = key('post-after');
  const [got2, err2] = await drain(url('/sse', { key: k2, events: 3, dropAfter: 1 }), { method: 'POST', body: 'x', retry: { initialDelay: 5 } });
  assert.deepEqual(got2, ['msg 1']);
  assert.ok(err2 instanceof NetworkError && /** @type {any} */ (err2).cause instanceof TypeError, String(err2));
  assert.equal((await stats(k2)).requests, 1);

  // The server gave ids: resumed with Last-Event-ID.
  const k3 = key('post-ids');
  const [got3, err3] = await drain(url('/sse', { key: k3, events: 3, ids: 1, dropAfter: 1 }), { method: 'POST', body: 'x', retry: { initialDelay: 5 } });
  assert.equal(err3, null);
  assert.deepEqual(got3, ['msg 1', 'msg 2', 'msg 3']);

  // "always": re-sent even without ids. Every attempt delivers an event,
  // so each failure starts a new run (maxRetries never runs out): stop at
  // the third reconnect's wait.
  const k4 = key('post-always');
  const ac4 = new AbortController();
  let retries4 = 0;
  const [got4] = await drain(url('/sse', { key: k4, events: 3, dropAfter: 1 }), {
    method: 'POST', body: 'x', signal: ac4.signal, retry: { initialDelay: 5, nonIdempotent: 'always' },
    onretry: () => { if (++retries4 === 3) ac4.abort(); },
  });
  assert.deepEqual(got4, ['msg 1', 'msg 1', 'msg 1']);
  assert.equal((await stats(k4)).requests, 3);

  // "never": not even before any event.
  const k5 = key('post-never');
  const [, err5] = await drain(url('/sse', { key: k5, failTimes: 1, events: 1 }), {
    method: 'POST', body: 'x', retry: { initialDelay: 5, nonIdempotent: 'never' },
  });
  assert.ok(err5 instanceof HTTPError && err5.status === 503, String(err5));
  assert.equal((await stats(k5)).requests, 1);
});

test('idleTimeout: a silent connection fails with IdleTimeoutError; comments keep it alive', async () => {
  const k = key('idle');
  const errs = [];
  const [got, err] = await drain(url('/sse', { key: k, events: 3, stallAfter: 1, stall: 5000 }), {
    idleTimeout: 150,
    retry: { maxRetries: 0 },
  });
  assert.deepEqual(got, ['msg 1']);
  assert.ok(err instanceof RetriesExhaustedError);
  assert.ok(err.cause instanceof IdleTimeoutError);
  assert.equal(err.cause.timeout, 150);
  await stats(k, { wait: 'disconnected', min: 1 });

  await fetchEventSource(url('/sse', { events: 2, stallAfter: 1, stall: 5000 }), {
    idleTimeout: 150,
    onerror: (e) => { errs.push(e); throw e; },
  }).catch(() => {});
  assert.ok(errs[0] instanceof IdleTimeoutError);

  const [alive, aliveErr] = await drain(url('/sse', { events: 4, delay: 100, comment: 1 }), { idleTimeout: 400, retry: { maxRetries: 0 } });
  assert.equal(aliveErr, null);
  assert.equal(alive.length, 4);
});

test('maxEventSize: an oversized event is EventTooLargeError, not retried; smaller ones pass', async () => {
  const k = key('too-large');
  const [, err] = await drain(url('/sse', { key: k, huge: 200000 }), { maxEventSize: 4096 });
  assert.ok(err instanceof EventTooLargeError, String(err));
  assert.equal(err.limit, 4096);
  assert.equal((await stats(k)).requests, 1);
  const [ok, okErr] = await drain(url('/sse', { events: 3, size: 4000 }), { maxEventSize: 4096 });
  assert.equal(okErr, null);
  assert.equal(ok.length, 3);
  assert.equal(ok[0].length, 4000);
});

test('lastEventId: sent on the first request, then the stream\'s own on reconnects', async () => {
  const k = key('last-id');
  const got = [];
  await fetchEventSource(url('/sse', { key: k, events: 6, ids: 1, dropAfter: 2 }), {
    lastEventId: '2',
    onmessage: (m) => got.push(m.id),
    retry: { initialDelay: 5 },
  });
  assert.deepEqual(got, ['3', '4', '5', '6']);
  assert.deepEqual((await stats(k)).lastEventIds, ['2', '4', '6']);
});

test('headers function: called before every attempt, may be async, may throw (retried)', async () => {
  const k = key('headers-fn');
  let calls = 0;
  const got = [];
  await fetchEventSource(url('/sse', { key: k, failTimes: 2, events: 1 }), {
    headers: async () => {
      calls++;
      if (calls === 1) throw new Error('token service down');
      return { Authorization: `Bearer token-${calls}` };
    },
    onmessage: (m) => got.push(m.data),
    retry: { initialDelay: 5 },
  });
  assert.equal(calls, 4);
  assert.deepEqual(got, ['msg 1']);
  const st = await stats(k);
  assert.equal(st.requests, 3);
  assert.equal(st.lastHeaders.Authorization, 'Bearer token-4');
});

test('the same extensions on EventSource: maxEventSize closes it with the typed error', async () => {
  const es = new EventSource(url('/sse', { huge: 100000 }), { maxEventSize: 1000 });
  const ev = await within(new Promise((r) => { es.onerror = r; }), 5000, 'error event');
  assert.ok(ev.error instanceof EventTooLargeError);
  assert.equal(es.readyState, EventSource.CLOSED);
});
