// Retry counts failures, not reconnects, through the npm package in Node
// (lib/progress.js says what each case checks; browser.test.js runs them in
// Chromium). The cut-stream cases use 3,000 events and 60 cuts, 10,000 and
// 200 under SSE_STRESS=1 (make stress), and print the time and the number
// of requests of every run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as sse from '../../src/index.js';
import { CASES, runCase } from './lib/progress.js';
import { BASE, figure, scaled, seed } from './helpers.js';

const env = { sse, base: BASE, events: scaled(3000, 10000), cuts: scaled(60, 200), seed: seed(4242) };

for (const name of Object.keys(CASES)) {
  test(name, async () => {
    const r = await runCase(env, name);
    if (Object.keys(r.figures).length > 0) figure(`node ${name}`, r.figures);
    assert.deepEqual(r.failures, [], `seed ${env.seed} (replay with SSE_SEED=${env.seed})`);
  });
}
