// options.js: validation (TypeError naming the option, RangeError for
// ranges) and conversion to the params object of PROTOCOL.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOptions, applyRequest, requestURL, STYLES } from '../../src/options.js';
import { fetchEventSource, RetriesExhaustedError } from '../../src/index.js';
import { url, key, stats } from './helpers.js';

const U = 'http://127.0.0.1:1/sse';
const parse = (/** @type {any} */ init, /** @type {any} */ style = 'fetchEventSource') => parseOptions(style, U, init);

/**
 * @param {() => unknown} fn
 * @param {Function} type
 * @param {RegExp} re
 */
function throwsLike(fn, type, re) {
  assert.throws(fn, (/** @type {any} */ e) => {
    assert.ok(e instanceof type, `expected ${type.name}, got ${e}`);
    assert.match(e.message, /^wasm-sse: /);
    assert.match(e.message, re);
    return true;
  });
}

test('defaults: GET, no extras, openWhenHidden true', () => {
  const p = parse(undefined);
  assert.deepEqual(p.params, { url: U, init: {}, reconnectOnEnd: false, customOpen: false });
  assert.equal(p.openWhenHidden, true);
  assert.equal(p.signal, undefined);
  assert.deepEqual(parse({}).params, p.params);
  assert.deepEqual(parse(null).params, p.params);
});

test('unknown options are a TypeError naming them, with a suggestion', () => {
  throwsLike(() => parse({ onMessage() {} }), TypeError, /fetchEventSource: unknown option "onMessage" \(did you mean "onmessage"\?\)/);
  throwsLike(() => parse({ idleTimout: 5 }), TypeError, /unknown option "idleTimout" \(did you mean "idleTimeout"\?\)/);
  throwsLike(() => parse({ zzz: 1 }), TypeError, /unknown option "zzz"$/);
  throwsLike(() => parse({ onmessage() {} }, 'EventSource'), TypeError, /EventSource: unknown option "onmessage"/);
  throwsLike(() => parse({ credentials: 'include' }, 'EventSource'), TypeError, /EventSource: unknown option "credentials"/);
  throwsLike(() => parse({ withCredentials: true }, 'events'), TypeError, /events: unknown option "withCredentials"/);
  throwsLike(() => parse({ retry: { maxRetry: 3 } }), TypeError, /unknown option "retry.maxRetry" \(did you mean "maxRetries"\?\)/);
  throwsLike(() => parse('x'), TypeError, /options argument must be an object, got "x"/);
  throwsLike(() => parse([]), TypeError, /options argument must be an object, got an array/);
});

test('undefined values count as absent', () => {
  const p = parse({ method: undefined, headers: undefined, onmessage: undefined, bogus: undefined });
  assert.deepEqual(p.params.init, {});
  assert.equal(p.params.headers, undefined);
});

test('every option is type-checked', () => {
  /** @type {[string, unknown, RegExp][]} */
  const cases = [
    ['method', 5, /"method" must be an HTTP method name, got number 5/],
    ['method', 'GE T', /"method" must be an HTTP method name/],
    ['body', { a: 1 }, /"body" must be a string, Blob.*got an object \(pass JSON.stringify/],
    ['body', 5, /"body" must be a string/],
    ['body', new ReadableStream(), /"body" cannot be a ReadableStream: a body is re-sent on reconnect/],
    ['credentials', 'yes', /"credentials" must be one of "omit", "same-origin", "include", got "yes"/],
    ['mode', 1, /"mode" must be one of/],
    ['cache', 'none', /"cache" must be one of/],
    ['redirect', 'never', /"redirect" must be one of/],
    ['referrerPolicy', 'x', /"referrerPolicy" must be one of/],
    ['priority', 'urgent', /"priority" must be one of/],
    ['referrer', 1, /"referrer" must be a string/],
    ['integrity', {}, /"integrity" must be a string/],
    ['keepalive', 'true', /"keepalive" must be a boolean/],
    ['headers', 'a: b', /"headers" must be an object of strings, a Headers, an array of pairs or a function/],
    ['headers', { a: 1 }, /"headers.a" must be a string, got number 1/],
    ['headers', [['a']], /"headers" must be an array of \[name, value\] string pairs/],
    ['signal', {}, /"signal" must be an AbortSignal/],
    ['fetch', 'fetch', /"fetch" must be a function/],
    ['retry', 3, /"retry" must be an object/],
    ['idleTimeout', '5s', /"idleTimeout" must be a number/],
    ['idleTimeout', NaN, /"idleTimeout" must be a number/],
    ['maxEventSize', '1MB', /"maxEventSize" must be a number/],
    ['lastEventId', 5, /"lastEventId" must be a string/],
    ['lastEventId', 'a\nb', /"lastEventId" must not contain NUL, CR or LF/],
    ['openWhenHidden', 0, /"openWhenHidden" must be a boolean/],
    ['onopen', true, /"onopen" must be a function/],
    ['onmessage', 'x', /"onmessage" must be a function/],
    ['onclose', {}, /"onclose" must be a function/],
    ['onerror', 1, /"onerror" must be a function/],
    ['onretry', null, /"onretry" must be a function/],
  ];
  for (const [name, value, re] of cases) {
    throwsLike(() => parse({ [name]: value }), TypeError, re);
  }
  throwsLike(() => parse({ withCredentials: 'yes' }, 'EventSource'), TypeError, /EventSource: option "withCredentials" must be a boolean/);
});

test('ranges are a RangeError', () => {
  /** @type {[string, unknown, RegExp][]} */
  const cases = [
    ['idleTimeout', -1, /"idleTimeout" must be >= 0 \(or Infinity\), got -1/],
    ['maxEventSize', 0, /"maxEventSize" must be a finite number >= 1/],
    ['maxEventSize', 1.5, /"maxEventSize" must be an integer from 1 to 2147483647/],
    ['maxEventSize', 2 ** 31, /"maxEventSize" must be an integer/],
    ['maxEventSize', Infinity, /"maxEventSize" must be a finite number/],
  ];
  for (const [name, value, re] of cases) throwsLike(() => parse({ [name]: value }), RangeError, re);
  /** @type {[Record<string, unknown>, Function, RegExp][]} */
  const retry = [
    [{ initialDelay: -5 }, RangeError, /"retry.initialDelay" must be a finite number >= 0, got -5/],
    [{ maxDelay: Infinity }, RangeError, /"retry.maxDelay" must be a finite number/],
    [{ factor: 0.5 }, RangeError, /"retry.factor" must be a finite number >= 1/],
    [{ jitter: 2 }, RangeError, /"retry.jitter" must be between 0 and 1/],
    [{ jitter: '0.1' }, TypeError, /"retry.jitter" must be a number/],
    [{ maxRetries: 1.5 }, RangeError, /"retry.maxRetries" must be an integer/],
    [{ maxRetries: -1 }, RangeError, /"retry.maxRetries" must be >= 0 \(or Infinity\)/],
    [{ maxElapsed: 0 }, RangeError, /"retry.maxElapsed" must be > 0 or Infinity/],
    [{ healthyAfter: 'x' }, TypeError, /"retry.healthyAfter" must be a number/],
    [{ nonIdempotent: 'sometimes' }, TypeError, /"retry.nonIdempotent" must be "resumable", "never" or "always"/],
    [{ openWithin: 0 }, RangeError, /"retry.openWithin" must be > 0 or Infinity/],
    [{ openWithin: '5' }, TypeError, /"retry.openWithin" must be a number/],
  ];
  for (const [r, type, re] of retry) throwsLike(() => parse({ retry: r }), type, re);
});

test('RequestInit fields pass through; signal, callbacks and flags are taken out', () => {
  const ac = new AbortController();
  const fns = { onopen() {}, onmessage() {}, onclose() {}, onerror() {}, onretry() {} };
  const f = async () => new Response('');
  const p = parse({
    method: 'POST', body: 'x', credentials: 'include', mode: 'cors', cache: 'reload', redirect: 'error',
    referrer: '', referrerPolicy: 'no-referrer', integrity: '', keepalive: false, priority: 'high',
    signal: ac.signal, fetch: f, openWhenHidden: false, lastEventId: '42', idleTimeout: 1500, maxEventSize: 1024,
    ...fns,
  });
  assert.deepEqual(p.params.init, {
    method: 'POST', body: 'x', credentials: 'include', mode: 'cors', cache: 'reload', redirect: 'error',
    referrer: '', referrerPolicy: 'no-referrer', integrity: '', keepalive: false, priority: 'high',
  });
  assert.equal(p.params.fetch, f);
  assert.equal(p.params.lastEventId, '42');
  assert.equal(p.params.idleTimeout, 1500);
  assert.equal(p.params.maxEventSize, 1024);
  assert.equal(p.signal, ac.signal);
  assert.equal(p.openWhenHidden, false);
  for (const [k, fn] of Object.entries(fns)) assert.equal(/** @type {any} */ (p)[k], fn);
  assert.equal(parse({ idleTimeout: 0 }).params.idleTimeout, undefined);
  assert.equal(parse({ idleTimeout: Infinity }).params.idleTimeout, undefined);
  assert.equal(parse({ signal: null }).signal, undefined);
  assert.equal(parse({ body: null }).params.init.body, null);
});

test('bodies: strings, bytes, Blob, FormData, URLSearchParams', () => {
  for (const body of ['s', new Uint8Array(2), new ArrayBuffer(2), new DataView(new ArrayBuffer(1)),
    new Blob(['x']), new FormData(), new URLSearchParams('a=1')]) {
    assert.equal(parse({ body }).params.init.body, body);
  }
});

test('headers: objects are copied, Headers kept, pairs merged, functions wrapped and checked', async () => {
  const obj = { Authorization: 'Bearer a' };
  const p = parse({ headers: obj });
  assert.deepEqual(p.params.headers, obj);
  assert.notEqual(p.params.headers, obj);
  const h = new Headers({ a: 'b' });
  assert.equal(parse({ headers: h }).params.headers, h);
  assert.deepEqual(parse({ headers: [['X-A', '1'], ['x-a', '2'], ['B', '3']] }).params.headers, { 'x-a': '1, 2', b: '3' });

  let n = 0;
  const fn = parse({ headers: () => ({ 'x-n': String(++n) }) }).params.headers;
  assert.equal(typeof fn, 'function');
  assert.deepEqual(fn(), { 'x-n': '1' });
  assert.deepEqual(fn(), { 'x-n': '2' });
  const afn = parse({ headers: async () => [['x-async', 'yes']] }).params.headers;
  assert.deepEqual(await afn(), { 'x-async': 'yes' });
  const bad = parse({ headers: () => 42 }).params.headers;
  throwsLike(() => bad(), TypeError, /option "headers\(\)" must be an object of strings/);
  const badAsync = parse({ headers: async () => ({ a: 1 }) }).params.headers;
  await assert.rejects(badAsync(), /option "headers\(\).a" must be a string/);
});

test('retry options cross to Go as the user set them: zero stays zero, Infinity stays Infinity, absent stays absent', () => {
  assert.deepEqual(parse({ retry: {} }).params.retry, {});
  const all = { initialDelay: 0, maxDelay: 0, factor: 1.5, jitter: 0, maxRetries: 0, maxElapsed: Infinity, healthyAfter: 0, nonIdempotent: 'never' };
  assert.deepEqual(parse({ retry: all }).params.retry, all);
  assert.deepEqual(parse({ retry: { maxRetries: Infinity, maxElapsed: 60000, jitter: undefined } }).params.retry, { maxRetries: Infinity, maxElapsed: 60000 });
});

test('retry.openWithin is the shim\'s: kept out of Go\'s params; 10 s by default, Infinity for EventSource', () => {
  const p = parse({ retry: { openWithin: 2500, maxRetries: 3 } });
  assert.equal(p.openWithin, 2500);
  assert.deepEqual(p.params.retry, { maxRetries: 3 });
  assert.equal(parse({}).openWithin, 10000);
  assert.equal(parse({}, 'events').openWithin, 10000);
  assert.equal(parse({}, 'EventSource').openWithin, Infinity);
  assert.equal(parse({ retry: { openWithin: Infinity } }).openWithin, Infinity);
});

test('done: a string or a function, kept in the shim; Go only learns that a marker is set', () => {
  for (const style of /** @type {const} */ (['fetchEventSource', 'events', 'EventSource'])) {
    const fn = () => true;
    const f = parse({ done: fn }, style);
    assert.equal(f.done, fn);
    assert.equal(f.params.done, true);
    const s = parse({ done: '[DONE]' }, style);
    assert.equal(s.done, '[DONE]');
    assert.equal(s.params.done, true);
    assert.equal('done' in parse({}, style).params, false, 'no marker: no flag');
    assert.equal(parse({}, style).done, undefined);
    throwsLike(() => parse({ done: 5 }, style), TypeError, new RegExp(`${style}: option "done" must be a string or a function, got number 5`));
    throwsLike(() => parse({ done: null }, style), TypeError, /option "done" must be a string or a function, got null/);
  }
  throwsLike(() => parse({ doen: 'x' }), TypeError, /unknown option "doen" \(did you mean "done"\?\)/);
});

test('each style knows the shared extensions', () => {
  for (const style of Object.values(STYLES)) {
    for (const k of ['headers', 'signal', 'fetch', 'retry', 'idleTimeout', 'maxEventSize', 'lastEventId', 'onretry', 'openWhenHidden', 'method', 'body', 'done']) {
      assert.ok(style.has(k), k);
    }
  }
});

test('a URL fetch cannot resolve is a TypeError, unless a custom fetch is given', () => {
  throwsLike(() => parseOptions('events', '/relative', {}), TypeError, /events: invalid URL "\/relative" \(without a page, URLs must be absolute\)/);
  throwsLike(() => parseOptions('fetchEventSource', 'http://[x', {}), TypeError, /invalid URL/);
  assert.equal(parseOptions('events', '/relative', { fetch: async () => new Response('') }).params.url, '/relative');
});

test('URL argument: string, URL or Request; a Request lends what the options lack', () => {
  assert.equal(requestURL('events', 'x'), 'x');
  assert.equal(requestURL('events', new URL(U)), U);
  throwsLike(() => requestURL('events', 5), TypeError, /events: the URL must be a string, URL or Request, got number 5/);
  const req = new Request(U, { method: 'PUT', headers: { 'x-r': '1' }, cache: 'reload', redirect: 'manual' });
  assert.equal(requestURL('events', req), U);
  const p = parse({ body: 'b' });
  applyRequest('events', req, p);
  assert.equal(p.params.init.method, 'PUT');
  assert.equal(p.params.init.cache, 'reload');
  assert.equal(p.params.init.redirect, 'manual');
  assert.equal(p.params.headers.get('x-r'), '1');
  assert.ok(p.signal);
  const own = parse({ method: 'POST', headers: { a: 'b' } });
  applyRequest('events', req, own);
  assert.equal(own.params.init.method, 'POST');
  assert.deepEqual(own.params.headers, { a: 'b' });
  const withBody = new Request(U, { method: 'POST', body: 'x' });
  throwsLike(() => applyRequest('events', withBody, parse({})), TypeError, /a Request with a body is not supported/);
});

test('retry.initialDelay: 0 reconnects at once; without it the first reconnect waits the default second', async () => {
  /** @param {object} retry */
  const failing = async (retry) => {
    const k = key('zero-delay');
    const t0 = performance.now();
    await assert.rejects(fetchEventSource(url('/sse', { key: k, status: 503 }), { retry }), RetriesExhaustedError);
    return { ms: performance.now() - t0, requests: (await stats(k)).requests };
  };
  const zero = await failing({ initialDelay: 0, jitter: 0, maxRetries: 4 });
  assert.equal(zero.requests, 5);
  assert.ok(zero.ms < 900, `5 requests without a delay took ${zero.ms.toFixed(0)} ms`);
  const byDefault = await failing({ jitter: 0, maxRetries: 1 });
  assert.equal(byDefault.requests, 2);
  assert.ok(byDefault.ms >= 1000, `the default initial delay is 1 s, the retry came after ${byDefault.ms.toFixed(0)} ms`);
});
