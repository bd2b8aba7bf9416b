// How failures are reported, through the npm package in Node
// (lib/reported.js says what each case checks; browser.test.js runs them in
// Chromium).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as sse from '../../src/index.js';
import { CASES, runCase } from './lib/reported.js';
import { BASE, closedPort, figure } from './helpers.js';

let port = 0;
before(async () => {
  port = await closedPort();
});

for (const name of Object.keys(CASES)) {
  test(name, async () => {
    const r = await runCase({ sse, port, base: BASE }, name);
    if (Object.keys(r.figures).length > 0) figure(`node ${name}`, r.figures);
    assert.deepEqual(r.failures, []);
  });
}
