// events(): an async iterable over a stream.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { events, HTTPError, ContentTypeError, RetriesExhaustedError } from '../../src/index.js';
import { key, url, raw, stats, within, sleep, echoed } from './helpers.js';

test('iterates messages: event "message" by default, id persists, retry where set; ends with the stream', async () => {
  const got = [];
  for await (const m of events(raw('data: a\n\nevent: tick\ndata: b\nid: 3\nretry: 99\n\ndata: c\n\n'))) got.push(m);
  assert.deepEqual(got, [
    { event: 'message', data: 'a', id: '', retry: undefined },
    { event: 'tick', data: 'b', id: '3', retry: 99 },
    { event: 'message', data: 'c', id: '3', retry: undefined },
  ]);
});

test('nothing is fetched before the first next()', async () => {
  const k = key('ev-lazy');
  const it = events(url('/sse', { key: k, events: 2 }));
  await sleep(100);
  assert.equal((await stats(k)).requests, 0);
  const first = await it.next();
  assert.deepEqual(first, { value: { event: 'message', data: 'msg 1', id: '', retry: undefined }, done: false });
  assert.equal((await stats(k)).requests, 1);
  await it.return();
});

test('break aborts the request: the server sees the disconnect', async () => {
  const k = key('ev-break');
  const got = [];
  for await (const m of events(url('/sse', { key: k, events: 1000, delay: 20 }))) {
    got.push(m.data);
    if (got.length === 3) break;
  }
  assert.deepEqual(got, ['msg 1', 'msg 2', 'msg 3']);
  const st = await stats(k, { wait: 'disconnected', min: 1 });
  assert.equal(st.requests, 1);
  assert.equal(st.completed, 0);
});

test('return() before the first next() never fetches', async () => {
  const k = key('ev-return-early');
  const it = events(url('/sse', { key: k }));
  assert.deepEqual(await it.return('v'), { value: 'v', done: true });
  assert.deepEqual(await it.next(), { value: undefined, done: true });
  assert.equal((await stats(k)).requests, 0);
});

test('return() while a next() is pending settles it as done', async () => {
  const k = key('ev-return-pending');
  const it = events(url('/sse', { key: k, stall: 10000 }));
  const pending = it.next();
  await stats(k, { wait: 'active', min: 1 });
  await it.return();
  assert.deepEqual(await within(pending, 2000, 'pending next'), { value: undefined, done: true });
  await stats(k, { wait: 'disconnected', min: 1 });
});

test('errors are thrown from the loop, typed', async () => {
  await assert.rejects(async () => {
    for await (const _ of events(url('/sse', { status: 403, body: 'forbidden' }))) assert.fail('no message expected');
  }, (e) => e instanceof HTTPError && e.status === 403 && e.body === 'forbidden');
  await assert.rejects(async () => {
    for await (const _ of events(url('/sse', { ctype: 'application/json' }))) assert.fail('no message expected');
  }, (e) => e instanceof ContentTypeError && e.contentType === 'application/json');
  await assert.rejects(async () => {
    for await (const _ of events(url('/sse', { status: 503 }), { retry: { initialDelay: 5, maxRetries: 1 } })) assert.fail('no message');
  }, (e) => e instanceof RetriesExhaustedError && e.cause instanceof HTTPError && e.cause.status === 503);
});

test('messages before an error are delivered first, then the error', async () => {
  const got = [];
  await assert.rejects(async () => {
    for await (const m of events(url('/sse', { events: 5, dropAfter: 2 }), { retry: { maxRetries: 0 } })) got.push(m.data);
  }, RetriesExhaustedError);
  assert.deepEqual(got, ['msg 1', 'msg 2']);
});

test('a signal ends the loop without an error', async () => {
  const k = key('ev-signal');
  const ac = new AbortController();
  const got = [];
  for await (const m of events(url('/sse', { key: k, events: 1000, delay: 10 }), { signal: ac.signal })) {
    got.push(m.data);
    if (got.length === 2) ac.abort();
  }
  assert.deepEqual(got.slice(0, 2), ['msg 1', 'msg 2']);
  await stats(k, { wait: 'disconnected', min: 1 });
  const pre = [];
  for await (const m of events(url('/sse', { key: k }), { signal: AbortSignal.abort() })) pre.push(m);
  assert.deepEqual(pre, []);
  assert.equal((await stats(k)).requests, 1);
});

test('a slow loop body still gets every message in order (the queue is unbounded)', async () => {
  let n = 0;
  for await (const m of events(url('/sse', { events: 2000 }))) {
    n++;
    assert.equal(m.data, `msg ${n}`);
    if (n % 500 === 0) await sleep(30);
  }
  assert.equal(n, 2000);
});

test('POST with a body, headers function, onopen', async () => {
  let opened = null;
  const got = [];
  for await (const m of events(url('/echo'), {
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
});

test('onopen throwing is retried (events)', async () => {
  let opens = 0;
  const got = [];
  for await (const m of events(url('/sse', { events: 1 }), {
    onopen() { if (++opens === 1) throw new Error('first open refused'); },
    retry: { initialDelay: 5, jitter: 0 },
  })) got.push(m.data);
  assert.equal(opens, 2);
  assert.deepEqual(got, ['msg 1']);
});

test('invalid options throw synchronously', () => {
  assert.throws(() => events(url('/sse'), { onmessage() {} }), /events: unknown option "onmessage"/);
  assert.throws(() => events(url('/sse'), { retry: { factor: 0 } }), RangeError);
});
