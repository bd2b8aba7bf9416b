// Security through the npm package in Node: no token in any error, a clean
// Last-Event-ID header, a lastEventId option with CR/LF/NUL rejected.
// (Cookies do not apply in Node: browser.test.js checks them in Chromium.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import util from 'node:util';
import { runErrorKinds, runLastEventIdHeader, initialIdRejected } from './lib/security.js';
import { fetchEventSource } from '../../src/index.js';
import { BASE, figure } from './helpers.js';

const TOKEN = 'tok_9f8e7d6c5b4a';

test('errors never include request headers (tokens), in any style', async () => {
  const results = await runErrorKinds(BASE, TOKEN);
  figure('node error kinds', results.map((r) => `${r.style} ${r.kind}: ${r.name}: ${r.message}`));
  for (const r of results) {
    assert.deepEqual(r.leaks, [], `${r.style} ${r.kind}: ${r.name}: ${r.message}`);
    assert.notEqual(r.name, undefined, `${r.style} ${r.kind} failed`);
  }
  assert.equal(results.length, 12);
});

test('util.inspect of an error (what a logger prints) has no token', async () => {
  for (const headers of [{ Authorization: `Bearer ${TOKEN}\r\nX: 1` }, { [`Bad Name ${TOKEN}`]: 'x' }, { Authorization: `Bearer ${TOKEN}` }]) {
    const err = await fetchEventSource(`${BASE}/sse?status=401`, { headers, retry: { maxRetries: 0 } }).then(() => null, (e) => e);
    assert.ok(err !== null);
    assert.ok(!util.inspect(err, { depth: 8 }).includes(TOKEN), util.inspect(err, { depth: 8 }));
  }
});

test('Last-Event-ID: an id never carries CR or LF into the header; non-ASCII ids go back as UTF-8', async () => {
  const results = await runLastEventIdHeader(BASE);
  figure('node last-event-id header', results);
  for (const r of results) {
    assert.equal(r.error, null, r.name);
    assert.equal(r.idDispatched, r.want, r.name);
    assert.equal(r.lastEventIdHeader, r.want, r.name);
    assert.equal(r.injected, false, r.name);
  }
});

test('a lastEventId option with CR, LF or NUL is a TypeError in every style', async () => {
  const results = await initialIdRejected(BASE);
  figure('node initial lastEventId', results);
  for (const r of results) {
    for (const style of ['fetchEventSource', 'events', 'EventSource']) {
      assert.match(/** @type {any} */ (r)[style], /^TypeError: wasm-sse: .*lastEventId/, `${style} ${r.id}`);
    }
  }
});
