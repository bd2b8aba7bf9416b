// What differs in Node, where there is no page: a relative URL has nothing
// to resolve against, and there is no document to be hidden. The behaviours
// shared with Chromium are in ../behaviour/cases/ (node/behaviour.test.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchEventSource, EventSource } from '../../src/index.js';
import { url } from './helpers.js';

test('EventSource: a relative URL is a SyntaxError DOMException (no page to resolve it against)', () => {
  assert.equal(typeof globalThis.location, 'undefined');
  assert.throws(() => new EventSource('/relative'), (e) => e instanceof DOMException && e.name === 'SyntaxError');
});

test('fetchEventSource: openWhenHidden: false is accepted where there is no document', async () => {
  assert.equal(typeof globalThis.document, 'undefined');
  const msgs = [];
  await fetchEventSource(url('/sse', { events: 1 }), { openWhenHidden: false, onmessage: (m) => msgs.push(m.data) });
  assert.deepEqual(msgs, ['msg 1']);
});
