// The benchmark page's bundle: every client and measure, driven by the
// harness through window.__bench (npm/bench/lib/browser.js).
import { wasmMemoryBytes, instances } from './wasm-capture.js';
import { init } from 'wasm-sse';
import { debugAPI } from '../../src/loader.js';
import * as measures from '../lib/measures.js';

/**
 * gc asks the harness (CDP HeapProfiler.collectGarbage) for a full GC; in
 * a Chromium without DevTools (bare.html) it calls V8's gc() (--expose-gc).
 */
async function gc() {
  if (typeof globalThis.__gc === 'function') await globalThis.__gc();
  else if (typeof globalThis.gc === 'function') globalThis.gc();
}

/** memory returns {heap, wasm}: used JS heap bytes after a GC, wasm memory bytes. */
async function memory() {
  await gc();
  const heap = typeof globalThis.__heap === 'function' ? await globalThis.__heap() : NaN;
  return { heap, wasm: wasmMemoryBytes() };
}

/** The corpus parserOnly last fetched, and its chunkings (reused across calls). */
const corpusCache = { url: '', bytes: new Uint8Array(0), chunks: new Map() };

globalThis.__bench = {
  /**
   * init loads sse.wasm (the warm measures run after it): the default one
   * next to the package, or wasmURL (the profile loads a build with names).
   */
  async init(wasmURL) {
    await init(wasmURL === undefined ? undefined : { wasmURL });
    return instances.length;
  },
  wasmMemoryBytes,
  async goStats() {
    const api = await debugAPI();
    return { liveFuncs: api.liveFuncs(), goroutines: api.goroutines() };
  },
  endToEnd: (p) => measures.endToEnd({ ...p, gc: p.noGC ? undefined : gc }),
  firstEventWarm: (p) => measures.firstEventWarm({ ...p, gc }),
  async parserOnly(p) {
    if (corpusCache.url !== p.url) {
      corpusCache.bytes = new Uint8Array(await (await fetch(p.url, { method: 'POST' })).arrayBuffer());
      corpusCache.url = p.url;
      corpusCache.chunks.clear();
    }
    const bytes = corpusCache.bytes;
    let chunks = corpusCache.chunks.get(p.chunk);
    if (chunks === undefined) {
      // chunk 'event': one event per chunk (the fixed cost per chunk).
      chunks = p.chunk === 'event' ? measures.splitEvents(bytes) : measures.split(bytes, p.chunk);
      corpusCache.chunks.set(p.chunk, chunks);
    }
    const r = await measures.parserOnly({ ...p, chunks, gc: p.noGC ? undefined : gc });
    return { ...r, bytes: bytes.length, chunks: chunks.length };
  },
  /** memory: JS heap (after a full GC, through CDP) and wasm linear memory. */
  memory,
  /**
   * openClose runs p.cycles open/close cycles and samples memory after the
   * cycle counts in p.at (the Go counters too for wasm-sse).
   */
  async openClose(p) {
    const samples = [];
    const t0 = performance.now();
    await measures.openClose({
      ...p,
      sample: async (i) => {
        const m = await memory();
        if (p.id === 'wasm-sse') Object.assign(m, await globalThis.__bench.goStats());
        samples.push({ cycles: i, ms: performance.now() - t0, ...m });
      },
    });
    return samples;
  },
  concurrent: (id, urls, types) => measures.concurrent(id, urls, types),
  gc,
};
