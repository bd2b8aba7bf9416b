// One Node measure in a fresh process (run with --expose-gc):
//   node --expose-gc npm/bench/node/worker.mjs '<task as JSON>'
// prints the result as JSON on its last stdout line. lib/node.js spawns it.
import { clients, installNodeShims } from '../lib/clients.js';
import { endToEnd, firstEventWarm, parserOnly, split, splitEvents } from '../lib/measures.js';
import { firstEvent } from '../lib/first-event.js';

const task = JSON.parse(process.argv[2]);
const gc = () => globalThis.gc();

/** The measures a task can name. */
const run = {
  e2e: (t) => endToEnd({ ...t, gc }),
  ttfeWarm: (t) => firstEventWarm({ ...t, gc }),
  async parser(t) {
    const bytes = new Uint8Array(await (await fetch(t.url, { method: 'POST' })).arrayBuffer());
    const r = await parserOnly({ ...t, chunks: split(bytes, t.chunk), gc });
    return { ...r, bytes: bytes.length };
  },
  /** perChunk: parserOnly over chunks of exactly one event each (fixed cost per chunk). */
  async perChunk(t) {
    const bytes = new Uint8Array(await (await fetch(t.url, { method: 'POST' })).arrayBuffer());
    const chunks = splitEvents(bytes);
    const r = await parserOnly({ ...t, chunks, gc });
    return { ...r, bytes: bytes.length, chunks: chunks.length };
  },
  /** cold: the first stream of a fresh process (loads sse.wasm for wasm-sse). */
  async cold(t) {
    const ms = await firstEvent(clients[t.id], t.url, t.types);
    return { call: ms, process: performance.now() };
  },
};

// @microsoft/fetch-event-source needs window and document (see clients).
installNodeShims();
const result = await run[task.measure](task);
process.stdout.write('\n' + JSON.stringify(result) + '\n');
process.exit(0);
