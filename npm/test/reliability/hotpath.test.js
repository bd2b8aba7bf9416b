// The per-chunk path (JS pump → wasmsse_feed → records in Go memory)
// through the npm package in Node; each case states what it checks in
// lib/hotpath.js, and browser.test.js runs the same cases in Chromium.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as sse from '../../src/index.js';
import { debugAPI } from '../../src/loader.js';
import { CASES, runCase } from './lib/hotpath.js';
import { captureWasmMemory, wasmMemory } from './lib/memory.js';
import { BASE, figure } from './helpers.js';

/** @type {any} */
let api;

before(async () => {
  captureWasmMemory();
  await sse.init();
  api = await debugAPI();
  assert.ok(wasmMemory() !== undefined, 'the wasm memory is captured');
});

for (const name of Object.keys(CASES)) {
  test(name, async () => {
    const r = await runCase({ base: BASE, sse, api, wasmMemory }, name);
    if (Object.keys(r.figures).length > 0) figure(`node hot path ${name}`, r.figures);
    assert.deepEqual(r.failures, []);
  });
}
