// Open/close cycles closed at seeded random moments in Node: live js.Funcs,
// goroutines and Go streams back to the baseline; the wasm memory and the
// JS heap do not grow with the number of cycles (N/2 against N).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { init } from '../../src/index.js';
import { debugAPI } from '../../src/loader.js';
import { runCycles, KINDS } from './lib/cycles.js';
import { captureWasmMemory, wasmMemory } from './lib/memory.js';
import { BASE, scaled, seed, figure, sleep } from './helpers.js';

v8.setFlagsFromString('--expose-gc');
const gc = /** @type {() => void} */ (vm.runInNewContext('gc'));

/**
 * sample waits (bounded) for the Go counters to be back at base, collects
 * garbage and returns the figures.
 * @param {any} api @param {{funcs: number, goroutines: number} | null} base
 */
async function sample(api, base) {
  for (let i = 0; i < 100; i++) {
    if (base === null || (api.liveFuncs() <= base.funcs && api.goroutines() <= base.goroutines && api.streams() === 0)) break;
    await sleep(50);
  }
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(20);
  }
  return {
    funcs: api.liveFuncs(), goroutines: api.goroutines(), streams: api.streams(),
    wasmMemory: wasmMemory() ?? -1, jsHeap: process.memoryUsage().heapUsed,
  };
}

test('open/close cycles at random moments leave nothing behind and memory does not grow', async () => {
  const cycles = scaled(2000, 10000);
  const s = seed(4242);
  captureWasmMemory();
  await init();
  const api = await debugAPI();
  const prefix = `rel-leak-node-${Date.now()}-`;
  await runCycles({ base: BASE, prefix, from: 0, to: 30, seed: s }); // warm-up
  const base = await sample(api, null);
  const start = Date.now();
  const first = await runCycles({ base: BASE, prefix, from: 30, to: 30 + cycles / 2, seed: s });
  const half = await sample(api, base);
  const second = await runCycles({ base: BASE, prefix, from: 30 + cycles / 2, to: 30 + cycles, seed: s });
  const full = await sample(api, base);
  const phases = { ...first.phases };
  for (const [k, v] of Object.entries(second.phases)) phases[k] = (phases[k] ?? 0) + v;
  figure('node leak cycles', { cycles, seed: s, ms: Date.now() - start, base, half, full, phases });

  assert.deepEqual({ ...first.failures, ...second.failures }, {});
  for (const p of ['before any event', 'mid-read', 'after a failure (backoff or the retry)', 'after the stream ended']) {
    assert.ok((phases[p] ?? 0) > 0, `some closes ${p}: ${JSON.stringify(phases)}`);
  }
  assert.equal(full.funcs, base.funcs, 'live js.Funcs');
  assert.ok(full.goroutines <= base.goroutines, `goroutines ${full.goroutines} > ${base.goroutines}`);
  assert.equal(full.streams, 0, 'Go streams');
  assert.ok(full.wasmMemory <= half.wasmMemory + 2 * 1024 * 1024, `wasm memory grew from ${half.wasmMemory} to ${full.wasmMemory}`);
  assert.ok(full.jsHeap <= half.jsHeap + 4 * 1024 * 1024, `JS heap grew from ${half.jsHeap} to ${full.jsHeap}`);
  for (let k = 0; k < KINDS.length; k++) {
    const res = await fetch(`${BASE}/stats?key=${prefix}${k}&wait=active&max=0&timeout=8000`);
    const st = await res.json();
    assert.equal(st.waitTimedOut, undefined, `${KINDS[k].name}: the server still has ${st.active} requests running`);
  }
});
