// Exactly-once resume through the npm package in Node: cuts at seeded byte
// offsets (inside UTF-8 sequences, between CR and LF, mid-line), resumed with
// Last-Event-ID, in each API style. See lib/resume.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runResume } from './lib/resume.js';
import { BASE, scaled, seed, figure, checkResume } from './helpers.js';

const EVENTS = scaled(2000, 10000);
const CUTS = scaled(50, 200);

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
