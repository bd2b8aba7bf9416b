// The extensions shared by the three styles: retry policy, idleTimeout,
// maxEventSize, lastEventId, headers function, onretry, typed errors.
// Written once; run in Node and in Chromium (see ../README.md).
import * as assert from '../lib/assert.js';
import { slow } from '../lib/case.js';

/**
 * drainer returns drain(u, init): events() run to its end, giving the data
 * received and the error it ended with (null for none).
 * @param {import('../lib/env.js').SSE} sse
 */
function drainer(sse) {
  /**
   * @param {string} u
   * @param {any} [init]
   * @returns {Promise<{got: string[], error: any}>}
   */
  return async (u, init) => {
    /** @type {string[]} */
    const got = [];
    try {
      for await (const m of sse.events(u, init)) got.push(m.data);
      return { got, error: null };
    } catch (e) {
      return { got, error: e };
    }
  };
}

/** @type {Record<string, import('../lib/case.js').Case>} */
export const CASES = {
  async 'retry: initialDelay, factor, maxDelay with no jitter give exact delays; onretry reports them'({ sse, url, key, stats }) {
    const k = key('retry-exact');
    /** @type {any[]} */
    const infos = [];
    const { got, error } = await drainer(sse)(url('/sse', { key: k, failTimes: 4, events: 1 }), {
      retry: { initialDelay: 20, factor: 2, maxDelay: 70, jitter: 0 },
      onretry: (/** @type {any} */ i) => infos.push(i),
    });
    assert.equal(error, null);
    assert.deepEqual(got, ['msg 1']);
    assert.deepEqual(infos.map((i) => [i.attempt, i.delay]), [[1, 20], [2, 40], [3, 70], [4, 70]]);
    assert.ok(infos.every((i) => i.error instanceof sse.HTTPError && i.error.status === 503));
    assert.equal((await stats(k)).requests, 5);
  },

  async 'retry: jitter keeps delays within the fraction'({ sse, url, key }) {
    /** @type {number[]} */
    const delays = [];
    await drainer(sse)(url('/sse', { key: key('retry-jitter'), failTimes: 3, events: 1 }), {
      retry: { initialDelay: 40, factor: 1, jitter: 0.5 },
      onretry: (/** @type {any} */ i) => delays.push(i.delay),
    });
    assert.equal(delays.length, 3);
    for (const d of delays) assert.ok(d >= 20 && d <= 60, `delay ${d} outside 40±50%`);
  },

  async 'retry: maxRetries gives up with RetriesExhaustedError (attempts, cause); 0 never reconnects'({ sse, url, key, stats }) {
    const drain = drainer(sse);
    const k = key('retry-max');
    const three = await drain(url('/sse', { key: k, status: 503 }), { retry: { initialDelay: 5, maxRetries: 3 } });
    assert.ok(three.error instanceof sse.RetriesExhaustedError, String(three.error));
    assert.equal(three.error.attempts, 3);
    assert.ok(three.error.cause instanceof sse.HTTPError);
    assert.equal((await stats(k)).requests, 4);
    const k0 = key('retry-zero');
    const zero = await drain(url('/sse', { key: k0, status: 503 }), { retry: { maxRetries: 0 } });
    assert.ok(zero.error instanceof sse.RetriesExhaustedError, String(zero.error));
    assert.equal(zero.error.attempts, 0);
    assert.equal((await stats(k0)).requests, 1);
  },

  async 'retry: maxElapsed stops a run of failures'({ sse, url, key, stats }) {
    const k = key('retry-elapsed');
    const t0 = performance.now();
    const { error } = await drainer(sse)(url('/sse', { key: k, status: 503 }), { retry: { initialDelay: 50, factor: 1, jitter: 0, maxElapsed: 120 } });
    const took = performance.now() - t0;
    assert.ok(error instanceof sse.RetriesExhaustedError, String(error));
    assert.match(error.reason, /elapsed/);
    assert.ok(took < 2000, `took ${took} ms`);
    const n = (await stats(k)).requests;
    assert.ok(n >= 2 && n <= 4, `requests ${n}`);
  },

  async 'retry: the server retry: field sets the delay'({ sse, url, key }) {
    /** @type {number[]} */
    const delays = [];
    const { got } = await drainer(sse)(url('/sse', { key: key('retry-field'), events: 2, ids: 1, dropAfter: 1, retry: 150 }), {
      retry: { jitter: 0 },
      onretry: (/** @type {any} */ i) => delays.push(i.delay),
    });
    assert.deepEqual(got, ['msg 1', 'msg 2']);
    assert.equal(delays[0], 150);
  },

  async 'retry: Retry-After on a 503 sets the delay'({ sse, url, key }) {
    /** @type {number[]} */
    const delays = [];
    const { got } = await drainer(sse)(url('/sse', { key: key('retry-after'), failTimes: 1, retryAfter: 1, events: 1 }), {
      retry: { initialDelay: 10, jitter: 0 },
      onretry: (/** @type {any} */ i) => delays.push(i.delay),
    });
    assert.deepEqual(got, ['msg 1']);
    assert.equal(delays[0], 1000);
  },

  async 'retry.nonIdempotent: a POST is re-sent only when allowed'({ sse, url, key, stats }) {
    const drain = drainer(sse);
    const post = { method: 'POST', body: 'x' };
    // Nothing dispatched yet: the default ("resumable") re-sends.
    const k1 = key('post-before');
    assert.deepEqual(await drain(url('/sse', { key: k1, failTimes: 1, events: 1 }), { ...post, retry: { initialDelay: 5 } }),
      { got: ['msg 1'], error: null });
    assert.equal((await stats(k1)).requests, 2);

    // Events without ids were dispatched: not re-sent; the cut is the error.
    const k2 = key('post-after');
    const r2 = await drain(url('/sse', { key: k2, events: 3, dropAfter: 1 }), { ...post, retry: { initialDelay: 5 } });
    assert.deepEqual(r2.got, ['msg 1']);
    assert.ok(r2.error instanceof sse.NetworkError && r2.error.cause instanceof TypeError, String(r2.error));
    assert.equal((await stats(k2)).requests, 1);

    // The server gave ids: resumed with Last-Event-ID.
    const k3 = key('post-ids');
    assert.deepEqual(await drain(url('/sse', { key: k3, events: 3, ids: 1, dropAfter: 1 }), { ...post, retry: { initialDelay: 5 } }),
      { got: ['msg 1', 'msg 2', 'msg 3'], error: null });
    assert.deepEqual((await stats(k3)).lastEventIds, ['', '1', '2', '3']);

    // "always": re-sent even without ids. Every attempt delivers an event,
    // so each failure starts a new run (maxRetries never runs out): stop at
    // the third reconnect's wait.
    const k4 = key('post-always');
    const ac4 = new AbortController();
    let retries4 = 0;
    const r4 = await drain(url('/sse', { key: k4, events: 3, dropAfter: 1 }), {
      ...post, signal: ac4.signal, retry: { initialDelay: 5, nonIdempotent: 'always' },
      onretry: () => { if (++retries4 === 3) ac4.abort(); },
    });
    assert.deepEqual(r4.got, ['msg 1', 'msg 1', 'msg 1']);
    assert.equal((await stats(k4)).requests, 3);

    // "never": not even before any event.
    const k5 = key('post-never');
    const r5 = await drain(url('/sse', { key: k5, failTimes: 1, events: 1 }), { ...post, retry: { initialDelay: 5, nonIdempotent: 'never' } });
    assert.ok(r5.error instanceof sse.HTTPError && r5.error.status === 503, String(r5.error));
    assert.equal((await stats(k5)).requests, 1);
  },

  async 'idleTimeout: a silent connection fails with IdleTimeoutError; comments keep it alive'({ sse, url, key, stats }) {
    const drain = drainer(sse);
    const k = key('idle');
    const silent = await drain(url('/sse', { key: k, events: 3, stallAfter: 1, stall: 5000 }), {
      idleTimeout: 150,
      retry: { maxRetries: 0 },
    });
    assert.deepEqual(silent.got, ['msg 1']);
    assert.ok(silent.error instanceof sse.RetriesExhaustedError, String(silent.error));
    assert.ok(silent.error.cause instanceof sse.IdleTimeoutError);
    assert.equal(silent.error.cause.timeout, 150);
    await stats(k, { wait: 'disconnected', min: 1 });

    /** @type {unknown[]} */
    const errs = [];
    await sse.fetchEventSource(url('/sse', { events: 2, stallAfter: 1, stall: 5000 }), {
      idleTimeout: 150,
      onerror: (e) => { errs.push(e); throw e; },
    }).catch(() => {});
    assert.ok(errs[0] instanceof sse.IdleTimeoutError, String(errs[0]));

    const alive = await drain(url('/sse', { events: 4, delay: 100, comment: 1 }), { idleTimeout: 400, retry: { maxRetries: 0 } });
    assert.equal(alive.error, null);
    assert.equal(alive.got.length, 4);
  },

  async 'maxEventSize: an oversized event is EventTooLargeError, not retried; smaller ones pass'({ sse, url, key, stats }) {
    const drain = drainer(sse);
    const k = key('too-large');
    const big = await drain(url('/sse', { key: k, huge: 200000 }), { maxEventSize: 4096 });
    assert.ok(big.error instanceof sse.EventTooLargeError, String(big.error));
    assert.equal(big.error.limit, 4096);
    assert.equal((await stats(k)).requests, 1);
    const fine = await drain(url('/sse', { events: 3, size: 4000 }), { maxEventSize: 4096 });
    assert.equal(fine.error, null);
    assert.deepEqual(fine.got.map((d) => d.length), [4000, 4000, 4000]);
  },

  async 'lastEventId: sent on the first request, then the stream\'s own on reconnects'({ sse, url, key, stats }) {
    const k = key('last-id');
    const got = [];
    await sse.fetchEventSource(url('/sse', { key: k, events: 6, ids: 1, dropAfter: 2 }), {
      lastEventId: '2',
      onmessage: (m) => got.push(m.id),
      retry: { initialDelay: 5 },
    });
    assert.deepEqual(got, ['3', '4', '5', '6']);
    assert.deepEqual((await stats(k)).lastEventIds, ['2', '4', '6']);
  },

  async 'headers function: called before every attempt, may be async, may throw (retried)'({ sse, url, key, stats }) {
    const k = key('headers-fn');
    let calls = 0;
    const got = [];
    await sse.fetchEventSource(url('/sse', { key: k, failTimes: 2, events: 1 }), {
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
  },

  async 'the same extensions on EventSource: maxEventSize closes it with the typed error'({ sse, url, within }) {
    const es = new sse.EventSource(url('/sse', { huge: 100000 }), { maxEventSize: 1000 });
    /** @type {any} */
    const ev = await within(new Promise((r) => { es.onerror = r; }), 5000, 'error event');
    assert.ok(ev.error instanceof sse.EventTooLargeError, String(ev.error));
    assert.equal(es.readyState, sse.EventSource.CLOSED);
  },

  'large and many events: 2,000 events of 16 KiB each arrive intact': slow(30_000, async ({ sse, url }) => {
    let n = 0;
    let bad = 0;
    const alpha = 'abcdefghijklmnopqrstuvwxyz';
    for await (const m of sse.events(url('/sse', { events: 2000, size: 16384, lines: 4 }))) {
      n++;
      // Event n's character p (LFs excluded) is alpha[(n + p) % 26].
      const flat = m.data.replaceAll('\n', '');
      if (m.data.length !== 16384 || flat[0] !== alpha[n % 26] || flat[16380] !== alpha[(n + 16380) % 26]) bad++;
    }
    assert.deepEqual({ n, bad }, { n: 2000, bad: 0 });
  }),
};
