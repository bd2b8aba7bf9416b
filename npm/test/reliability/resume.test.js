// Exactly-once resume through the npm package in Node: cuts at seeded byte
// offsets (inside UTF-8 sequences, between CR and LF, mid-line), resumed with
// Last-Event-ID, in each API style. See lib/resume.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runResume } from './lib/resume.js';
import { BASE, scaled, seed, figure } from './helpers.js';

const EVENTS = scaled(2000, 10000);
const CUTS = scaled(50, 200);

/**
 * checkResume asserts a summary of runResume.
 * @param {any} s
 */
export function checkResume(s) {
  const ctx = `seed ${s.seed} (replay with SSE_SEED=${s.seed}): ${JSON.stringify(s)}`;
  assert.equal(s.timedOut, false, ctx);
  assert.equal(s.firstMismatch, null, `received differs from sent; ${ctx}`);
  assert.equal(s.events, s.expected, ctx);
  assert.equal(s.applied, s.planned, `every planned cut was made; ${ctx}`);
  assert.equal(s.serverDropped, s.applied, `the server cut them; ${ctx}`);
  assert.equal(s.serverRequests, s.requests, ctx);
  assert.equal(s.firstHeader, '', ctx);
  assert.equal(s.badResume, null, `each request resumes after the last event received; ${ctx}`);
  assert.ok(s.reconnects >= s.requests - 1, ctx);
  for (const k of ['between CR and LF', 'inside a UTF-8 sequence', 'mid-line']) {
    assert.ok((s.classes[k] ?? 0) > 0, `some cuts ${k}; ${ctx}`);
  }
}

const cases = [
  { style: 'fetchEventSource', variant: 'sse', seed: 101 },
  { style: 'events', variant: 'raw', seed: 202 },
  { style: 'EventSource', variant: 'raw', seed: 303 },
];

for (const c of cases) {
  test(`exactly once: ${c.style}, ${c.variant} stream, ${CUTS} cuts in ${EVENTS} events`, async () => {
    const s = await runResume({ base: BASE, ...c, seed: seed(c.seed), events: EVENTS, cuts: CUTS });
    figure(`node resume ${c.style}/${c.variant}`, {
      events: s.events, cuts: s.applied, requests: s.requests, ms: s.tookMs, seed: s.seed, classes: s.classes,
    });
    checkResume(s);
    if (c.style === 'EventSource') {
      assert.equal(s.endError?.status, 204, 'the EventSource closes on the 204 sent after the last event');
    } else {
      assert.equal(s.endError, null);
    }
  });
}
