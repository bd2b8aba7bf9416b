// The bad-input table through the npm package in Node; each case states its
// expected outcome in lib/bad-input.js.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { init } from '../../src/index.js';
import { CASES, runCase } from './lib/bad-input.js';
import { captureWasmMemory, wasmMemory } from './lib/memory.js';
import { BASE, figure } from './helpers.js';

before(async () => {
  captureWasmMemory();
  await init();
  assert.ok(wasmMemory() !== undefined, 'the wasm memory is captured');
});

for (const name of Object.keys(CASES)) {
  test(name, async () => {
    const r = await runCase({ base: BASE, wasmMemory }, name);
    if (Object.keys(r.figures).length > 0) figure(`node bad input ${name}`, r.figures);
    assert.deepEqual(r.failures, []);
  });
}
