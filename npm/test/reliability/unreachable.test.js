// An unreachable server through the npm package in Node (lib/unreachable.js
// says what each case checks; browser.test.js runs them in Chromium).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as sse from '../../src/index.js';
import { CASES, runCase } from './lib/unreachable.js';
import { closedPort, figure } from './helpers.js';

let port = 0;
before(async () => {
  port = await closedPort();
});

for (const name of Object.keys(CASES)) {
  test(name, async () => {
    const r = await runCase({ sse, port }, name);
    figure(`node unreachable ${name}`, r.figures);
    assert.deepEqual(r.failures, []);
  });
}
