// The done marker through the npm package in Node (lib/done.js says what
// each case checks; browser.test.js runs them in Chromium).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as sse from '../../src/index.js';
import { CASES, runCase } from './lib/done.js';
import { BASE, figure } from './helpers.js';

for (const name of Object.keys(CASES)) {
  test(name, async () => {
    const r = await runCase({ sse, base: BASE }, name);
    if (Object.keys(r.figures).length > 0) figure(`node ${name}`, r.figures);
    assert.deepEqual(r.failures, []);
  });
}
