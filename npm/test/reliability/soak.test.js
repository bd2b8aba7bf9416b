// A full-rate stream for 10 s (30 s with SSE_STRESS=1) in Node, memory
// sampled every second after a forced GC: flat after the warm-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { init } from '../../src/index.js';
import { debugAPI } from '../../src/loader.js';
import { startSoak } from './lib/soak.js';
import { captureWasmMemory, wasmMemory } from './lib/memory.js';
import { BASE, scaled, figure, sleep, stats } from './helpers.js';

v8.setFlagsFromString('--expose-gc');
const gc = /** @type {() => void} */ (vm.runInNewContext('gc'));

test('a full-rate stream keeps memory flat', async () => {
  const seconds = scaled(10, 30);
  captureWasmMemory();
  await init();
  const api = await debugAPI();
  const soak = startSoak(BASE);
  /** @type {{t: number, events: number, wasmMemory: number, jsHeap: number, arrayBuffers: number}[]} */
  const samples = [];
  const t0 = Date.now();
  for (let i = 1; i <= seconds; i++) {
    await sleep(t0 + i * 1000 - Date.now());
    gc();
    const c = soak.counters();
    assert.equal(c.ended, false, `the stream ended after ${i} s: ${c.error}`);
    const m = process.memoryUsage();
    samples.push({ t: i, events: c.events, wasmMemory: wasmMemory() ?? -1, jsHeap: m.heapUsed, arrayBuffers: m.arrayBuffers });
  }
  await soak.stop();
  const c = soak.counters();
  const warm = samples[1];
  const later = samples.slice(2);
  const maxWasm = Math.max(...later.map((s) => s.wasmMemory));
  const maxHeap = Math.max(...later.map((s) => s.jsHeap));
  const maxBuffers = Math.max(...later.map((s) => s.arrayBuffers));
  figure('node soak', { seconds, events: c.events, streams: c.streams, mb: Math.round(c.bytes / 1e6), warm, maxWasm, maxHeap, maxBuffers, samples });
  assert.equal(c.error, null);
  assert.equal(c.bad, 0, 'every event in order with its data');
  assert.ok(c.events > seconds * 5000, `a full-rate stream: ${c.events} events`);
  assert.ok(maxWasm <= warm.wasmMemory + 2 * 1024 * 1024, `wasm memory: ${warm.wasmMemory} → ${maxWasm}`);
  assert.ok(maxHeap <= warm.jsHeap + 8 * 1024 * 1024, `JS heap: ${warm.jsHeap} → ${maxHeap}`);
  // Chunks Go still references (as js.Values not yet finalized) stay here.
  assert.ok(maxBuffers <= warm.arrayBuffers + 48 * 1024 * 1024, `ArrayBuffers: ${warm.arrayBuffers} → ${maxBuffers}`);
  for (const k of soak.keys) await stats(k, { wait: 'active', max: 0, timeout: 8000 });
  assert.equal(api.streams(), 0);
});
