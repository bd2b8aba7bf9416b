// The clients under comparison, each behind one uniform function so every
// measure (browser and Node) drives them the same way:
//
//   client(url, o) → Promise<{events, chars}>
//
// o.fetch    fetch function to use (default: the global fetch)
// o.method   request method (default POST)
// o.signal   AbortSignal: aborting ends the run (resolves, never rejects)
// o.onEvent  optional (n) => void after the n-th event reached the callback
// o.types    event types to listen for (only the `eventsource` package
//            needs them: it has no catch-all listener)
//
// The raw loops have no events: they report chunks as events and bytes as
// chars; onEvent(n) is called per chunk, which is enough for time to first
// byte. Every event's data is touched (its length is summed) so no client
// can skip materialising it.
import { rawRead, rawDecode } from './clients/raw.js';
import { wasmSse, wasmSseEventSource, wasmSseEvents } from './clients/wasm-sse.js';
import { eventsourceParser } from './clients/eventsource-parser.js';
import { fetchEventSource, installNodeShims } from './clients/fetch-event-source.js';
import { eventsource } from './clients/eventsource.js';
import { nativeEventSource } from './clients/native-eventsource.js';

export { installNodeShims };

/** The clients in table order, by id. */
export const clients = {
  'raw-read': rawRead,
  'raw-decode': rawDecode,
  'wasm-sse': wasmSse,
  'wasm-sse-es': wasmSseEventSource,
  'wasm-sse-iter': wasmSseEvents,
  'eventsource-parser': eventsourceParser,
  'fetch-event-source': fetchEventSource,
  eventsource,
  'native-es': nativeEventSource,
};

/** Display names of the clients. */
export const clientNames = {
  'raw-read': 'raw fetch + reader.read() (ceiling)',
  'raw-decode': 'raw read + TextDecoder (decode floor)',
  'wasm-sse': 'wasm-sse fetchEventSource',
  'wasm-sse-es': 'wasm-sse EventSource (MessageEvent per event)',
  'wasm-sse-iter': 'wasm-sse events() (for await)',
  'eventsource-parser': 'eventsource-parser + fetch',
  'fetch-event-source': '@microsoft/fetch-event-source',
  eventsource: 'eventsource (npm, POST via fetch option)',
  'native-es': 'browser EventSource (native, GET only)',
};

