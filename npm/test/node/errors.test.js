// errors.js: Go's error objects become typed errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  toError, isGoError, requestName, SSEError, HTTPError, ContentTypeError, IdleTimeoutError, EventTooLargeError, RetriesExhaustedError, NetworkError,
  IncompleteStreamError,
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
  assert.ok(ex.cause instanceof NetworkError);
  assert.equal(/** @type {NetworkError} */ (ex.cause).cause, netCause);
  assert.equal(ex.message, 'wasm-sse: gave up after 4 retries (max-retries): fetch failed');
});

test('a clean end before the done marker is an IncompleteStreamError with lastEventId and events', () => {
  const cut = /** @type {IncompleteStreamError} */ (toError({ kind: 'incomplete', message: 'x', lastEventId: '41', events: 41 }));
  assert.ok(cut instanceof IncompleteStreamError && cut instanceof SSEError);
  assert.equal(cut.name, 'IncompleteStreamError');
  assert.equal(cut.lastEventId, '41');
  assert.equal(cut.events, 41);
  assert.equal(cut.message, 'wasm-sse: the stream ended before its done marker (41 events received, last event ID "41")');
  const none = /** @type {IncompleteStreamError} */ (toError({ kind: 'incomplete', message: 'x', lastEventId: '', events: 1 },
    requestName('post', 'https://api.example/v1/chat?key=s3cret')));
  assert.equal(none.message, 'wasm-sse: POST https://api.example/v1/chat?…: the stream ended before its done marker (1 event received)');
  const given = /** @type {RetriesExhaustedError} */ (toError({
    kind: 'retries-exhausted', message: 'x', attempts: 3, elapsed: 9, reason: 'retries exhausted',
    cause: { kind: 'incomplete', message: 'x', lastEventId: '7', events: 7 },
  }));
  assert.ok(given.cause instanceof IncompleteStreamError, 'the policy gave up: the cut-off stream is the cause');
  assert.equal(given.message, 'wasm-sse: gave up after 3 retries (retries exhausted): the stream ended before its done marker (7 events received, last event ID "7")');
});

test('a network failure is a NetworkError with the reason at the top level; open failures are what the callback threw; unknown kinds a SSEError', () => {
  const thrown = { mine: true };
  assert.equal(toError({ kind: 'open', message: 'x', cause: thrown }), thrown);
  // Node's fetch hides the reason one level down.
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
  const e = new TypeError('fetch failed', { cause: refused });
  const net = /** @type {NetworkError} */ (toError({ kind: 'network', message: 'x', cause: e }));
  assert.ok(net instanceof NetworkError && net instanceof SSEError);
  assert.equal(net.name, 'NetworkError');
  assert.equal(net.cause, e);
  assert.equal(net.code, 'ECONNREFUSED');
  assert.equal(net.message, 'wasm-sse: fetch failed: connect ECONNREFUSED 127.0.0.1:9');
  // A browser's TypeError has no cause.
  assert.equal(/** @type {any} */ (toError({ kind: 'network', message: 'x', cause: new TypeError('Failed to fetch') })).message,
    'wasm-sse: Failed to fetch');
  const bare = toError({ kind: 'network', message: 'client: connection reset' });
  assert.ok(bare instanceof NetworkError);
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

test('errors name the request without userinfo, query or fragment; the cause is named once', () => {
  const req = requestName('post', 'https://user:secret@api.example.test:8443/v1/chat?key=SECRET#frag');
  assert.deepEqual(req, { method: 'POST', url: 'https://api.example.test:8443/v1/chat?…' });
  assert.deepEqual(requestName('', 'http://h.test/sse'), { method: 'GET', url: 'http://h.test/sse' });
  const http = /** @type {HTTPError} */ (toError({ kind: 'http', message: 'x', status: 404, statusText: 'Not Found', headers: new Headers(), body: '', response: new Response('') }, req));
  assert.equal(http.message, 'wasm-sse: POST https://api.example.test:8443/v1/chat?…: HTTP 404 Not Found');
  assert.equal(http.url, 'https://api.example.test:8443/v1/chat?…');
  assert.equal(http.method, 'POST');
  const ex = /** @type {RetriesExhaustedError} */ (toError({
    kind: 'retries-exhausted', message: 'x', attempts: 1, elapsed: 5, reason: 'max retries',
    cause: { kind: 'network', message: 'x', cause: new TypeError('fetch failed') },
  }, req));
  assert.equal(ex.message, 'wasm-sse: POST https://api.example.test:8443/v1/chat?…: gave up after 1 retry (max retries): fetch failed');
  assert.equal(/** @type {NetworkError} */ (ex.cause).url, req.url);
  assert.ok(!ex.message.includes('SECRET') && !ex.message.includes('secret'));
  assert.equal(new SSEError('x').url, '', 'not about a request');
});
