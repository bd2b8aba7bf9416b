// errors.js: Go's error objects become typed errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  toError, isGoError, SSEError, HTTPError, ContentTypeError, IdleTimeoutError, EventTooLargeError, RetriesExhaustedError,
} from '../../src/errors.js';

test('each kind maps to its class with its fields, name and prefixed message', () => {
  const headers = new Headers({ 'retry-after': '5' });
  const response = new Response('nope', { status: 503, statusText: 'Service Unavailable' });
  const http = toError({ kind: 'http', message: 'client: HTTP 503', status: 503, statusText: 'Service Unavailable', headers, body: 'nope', response });
  assert.ok(http instanceof HTTPError && http instanceof SSEError && http instanceof Error);
  assert.equal(http.name, 'HTTPError');
  assert.equal(http.message, 'wasm-sse: HTTP 503 Service Unavailable');
  assert.deepEqual([http.status, http.statusText, http.headers, http.body, http.response], [503, 'Service Unavailable', headers, 'nope', response]);

  const ct = /** @type {ContentTypeError} */ (toError({ kind: 'content-type', message: 'x', contentType: 'text/html', response }));
  assert.ok(ct instanceof ContentTypeError);
  assert.equal(ct.name, 'ContentTypeError');
  assert.equal(ct.message, 'wasm-sse: expected content-type text/event-stream, got text/html');
  assert.equal(ct.contentType, 'text/html');
  assert.equal(ct.response, response);

  const idle = /** @type {IdleTimeoutError} */ (toError({ kind: 'idle-timeout', message: 'x', timeout: 1500 }));
  assert.ok(idle instanceof IdleTimeoutError);
  assert.equal(idle.name, 'IdleTimeoutError');
  assert.equal(idle.timeout, 1500);
  assert.match(idle.message, /^wasm-sse: no data for 1500 ms$/);

  const big = /** @type {EventTooLargeError} */ (toError({ kind: 'too-large', message: 'x', limit: 64 }));
  assert.ok(big instanceof EventTooLargeError);
  assert.equal(big.name, 'EventTooLargeError');
  assert.equal(big.limit, 64);

  const netCause = new TypeError('fetch failed');
  const ex = /** @type {RetriesExhaustedError} */ (toError({
    kind: 'retries-exhausted', message: 'x', attempts: 4, elapsed: 1234, reason: 'max-retries',
    cause: { kind: 'network', message: 'client: fetch failed', cause: netCause },
  }));
  assert.ok(ex instanceof RetriesExhaustedError);
  assert.equal(ex.name, 'RetriesExhaustedError');
  assert.equal(ex.attempts, 4);
  assert.equal(ex.elapsed, 1234);
  assert.equal(ex.reason, 'max-retries');
  assert.equal(ex.cause, netCause);
  assert.equal(ex.message, 'wasm-sse: gave up after 4 retries (max-retries): fetch failed');
});

test('network and open failures become their cause; unknown kinds a SSEError', () => {
  const thrown = { mine: true };
  assert.equal(toError({ kind: 'open', message: 'x', cause: thrown }), thrown);
  const e = new TypeError('fetch failed');
  assert.equal(toError({ kind: 'network', message: 'x', cause: e }), e);
  const bare = toError({ kind: 'network', message: 'client: connection reset' });
  assert.ok(bare instanceof SSEError);
  assert.equal(bare.message, 'wasm-sse: connection reset');
  const end = toError({ kind: 'end', message: 'client: the server ended the stream' });
  assert.ok(end instanceof SSEError);
  assert.equal(end.name, 'SSEError');
  assert.equal(end.message, 'wasm-sse: the server ended the stream');
});

test('the same Go object maps to the same error; other values pass through', () => {
  const o = { kind: 'idle-timeout', message: 'x', timeout: 1 };
  assert.equal(toError(o), toError(o));
  for (const v of [null, undefined, 'str', 5, new Error('e'), { kind: 1, message: 'x' }, Object.assign(Object.create(null), { kind: 'http' })]) {
    assert.equal(toError(v), v);
  }
  assert.equal(isGoError({ kind: 'http', message: 'm' }), true);
  assert.equal(isGoError(new HTTPError('', { status: 1, statusText: '', headers: new Headers(), body: '', response: new Response('') })), false);
});

test('messages are prefixed once', () => {
  assert.equal(new SSEError('wasm-sse: x').message, 'wasm-sse: x');
  assert.equal(new SSEError('x').message, 'wasm-sse: x');
});
