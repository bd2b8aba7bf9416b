// events(): an async iterable over a stream; break aborts the request.
// Written once; run in Node and in Chromium (see ../README.md).
import * as assert from '../lib/assert.js';

/** @type {Record<string, import('../lib/case.js').Case>} */
export const CASES = {
  async 'iterates messages: event "message" by default, id persists, retry where set; ends with the stream'({ sse, raw }) {
    const got = [];
    for await (const m of sse.events(raw('data: a\n\nevent: tick\ndata: b\nid: 3\nretry: 99\n\ndata: c\n\n'))) got.push(m);
    assert.deepEqual(got, [
      { event: 'message', data: 'a', id: '', retry: undefined },
      { event: 'tick', data: 'b', id: '3', retry: 99 },
      { event: 'message', data: 'c', id: '3', retry: undefined },
    ]);
  },

  async 'nothing is fetched before the first next()'({ sse, url, key, stats, sleep }) {
    const k = key('ev-lazy');
    const it = sse.events(url('/sse', { key: k, events: 2 }));
    await sleep(100);
    assert.equal((await stats(k)).requests, 0);
    const first = await it.next();
    assert.deepEqual(first, { value: { event: 'message', data: 'msg 1', id: '', retry: undefined }, done: false });
    assert.equal((await stats(k)).requests, 1);
    await it.return();
  },

  async 'break aborts the request: the server sees the disconnect'({ sse, url, key, stats }) {
    const k = key('ev-break');
    const got = [];
    for await (const m of sse.events(url('/sse', { key: k, events: 1000, delay: 20 }))) {
      got.push(m.data);
      if (got.length === 3) break;
    }
    assert.deepEqual(got, ['msg 1', 'msg 2', 'msg 3']);
    const st = await stats(k, { wait: 'disconnected', min: 1 });
    assert.equal(st.requests, 1);
    assert.equal(st.completed, 0);
    assert.equal(st.active, 0);
  },

  async 'a throw inside the loop body aborts the request too'({ sse, url, key, stats }) {
    const k = key('ev-throw');
    await assert.rejects(async () => {
      for await (const m of sse.events(url('/sse', { key: k, events: 1000, delay: 20 }))) {
        if (m.data === 'msg 2') throw new Error('body failed');
      }
    }, (e) => e.message === 'body failed');
    const st = await stats(k, { wait: 'disconnected', min: 1 });
    assert.equal(st.requests, 1);
  },

  async 'return() before the first next() never fetches'({ sse, url, key, stats }) {
    const k = key('ev-return-early');
    const it = sse.events(url('/sse', { key: k }));
    assert.deepEqual(await it.return('v'), { value: 'v', done: true });
    assert.deepEqual(await it.next(), { value: undefined, done: true });
    assert.equal((await stats(k)).requests, 0);
  },

  async 'return() while a next() is pending settles it as done'({ sse, url, key, stats, within }) {
    const k = key('ev-return-pending');
    const it = sse.events(url('/sse', { key: k, stall: 10000 }));
    const pending = it.next();
    await stats(k, { wait: 'active', min: 1 });
    await it.return();
    assert.deepEqual(await within(pending, 2000, 'pending next'), { value: undefined, done: true });
    await stats(k, { wait: 'disconnected', min: 1 });
  },

  async 'errors are thrown from the loop, typed'({ sse, url }) {
    /** @param {string} u @param {any} [init] */
    const loop = async (u, init) => {
      for await (const _ of sse.events(u, init)) assert.fail('no message expected');
    };
    await assert.rejects(loop(url('/sse', { status: 403, body: 'forbidden' })),
      (e) => e instanceof sse.HTTPError && e instanceof sse.SSEError && e.status === 403 && e.body === 'forbidden');
    await assert.rejects(loop(url('/sse', { ctype: 'application/json' })),
      (e) => e instanceof sse.ContentTypeError && e.contentType === 'application/json');
    await assert.rejects(loop(url('/sse', { status: 503 }), { retry: { initialDelay: 5, maxRetries: 1 } }),
      (e) => e instanceof sse.RetriesExhaustedError && e.cause instanceof sse.HTTPError && e.cause.status === 503);
  },

  async 'messages before an error are delivered first, then the error'({ sse, url }) {
    const got = [];
    await assert.rejects(async () => {
      for await (const m of sse.events(url('/sse', { events: 5, dropAfter: 2 }), { retry: { maxRetries: 0 } })) got.push(m.data);
    }, (e) => e instanceof sse.RetriesExhaustedError && e.cause instanceof sse.NetworkError &&
      // its cause is the TypeError fetch's reader threw
      e.cause.cause instanceof TypeError);
    assert.deepEqual(got, ['msg 1', 'msg 2']);
  },

  async 'a signal ends the loop without an error; an aborted one never fetches'({ sse, url, key, stats }) {
    const k = key('ev-signal');
    const ac = new AbortController();
    const got = [];
    // No delay: many events are queued while the loop body runs; none of
    // them is yielded after the abort.
    for await (const m of sse.events(url('/sse', { key: k, events: 1000, end: 'hang' }), { signal: ac.signal })) {
      got.push(m.data);
      if (got.length === 2) ac.abort();
    }
    assert.deepEqual(got, ['msg 1', 'msg 2']);
    await stats(k, { wait: 'disconnected', min: 1 });
    const pre = [];
    for await (const m of sse.events(url('/sse', { key: k }), { signal: AbortSignal.abort() })) pre.push(m);
    assert.deepEqual(pre, []);
    assert.equal((await stats(k)).requests, 1);
  },

  async 'a slow loop body still gets every message in order (the queue is unbounded)'({ sse, url, sleep }) {
    let n = 0;
    for await (const m of sse.events(url('/sse', { events: 2000 }))) {
      n++;
      assert.equal(m.data, `msg ${n}`);
      if (n % 500 === 0) await sleep(30);
    }
    assert.equal(n, 2000);
  },

  async 'POST with a body, headers function, onopen'({ sse, url, echoed }) {
    /** @type {number | null} */
    let opened = null;
    const got = [];
    for await (const m of sse.events(url('/echo'), {
      method: 'POST',
      body: new URLSearchParams({ a: '1' }),
      headers: () => ({ 'X-Fresh': 'yes' }),
      onopen: (res) => { opened = res.status; },
    })) got.push(m);
    const req = echoed(got);
    assert.equal(opened, 200);
    assert.equal(req.method, 'POST');
    assert.equal(req.body, 'a=1');
    assert.equal(req.headers['x-fresh'], 'yes');
    assert.match(req.headers['content-type'], /^application\/x-www-form-urlencoded/);
  },

  async 'onopen throwing is retried (events)'({ sse, url }) {
    let opens = 0;
    const got = [];
    for await (const m of sse.events(url('/sse', { events: 1 }), {
      onopen() { if (++opens === 1) throw new Error('first open refused'); },
      retry: { initialDelay: 5, jitter: 0 },
    })) got.push(m.data);
    assert.equal(opens, 2);
    assert.deepEqual(got, ['msg 1']);
  },

  'invalid options throw synchronously'({ sse, url }) {
    assert.throws(() => sse.events(url('/sse'), /** @type {any} */ ({ onmessage() {} })),
      (e) => e instanceof TypeError && /events: unknown option "onmessage"/.test(e.message));
    assert.throws(() => sse.events(url('/sse'), { retry: { factor: 0 } }), RangeError);
  },
};
