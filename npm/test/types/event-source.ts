// wasm-sse's EventSource against lib.dom's: assignable both ways, so code
// typed with the native class takes ours.
import { EventSource as WasmEventSource } from 'wasm-sse';
import type { SSEErrorEvent } from 'wasm-sse';

const ours = new WasmEventSource('https://example.test/stream', {
  withCredentials: true,
  method: 'POST',
  headers: async () => ({ Authorization: 'Bearer t' }),
  body: JSON.stringify({ q: 1 }),
  retry: { maxRetries: 5, nonIdempotent: 'resumable' },
  idleTimeout: 30_000,
  lastEventId: '42',
});

// Ours where the native type is expected.
const asNative: EventSource = ours;
function takesNative(es: EventSource): number {
  return es.readyState;
}
takesNative(ours);

// The native one where ours is expected (same structure).
const asOurs: WasmEventSource = new EventSource('/stream');
void asOurs;

// Class-side constants, as on the native constructor.
const states: [0, 1, 2] = [WasmEventSource.CONNECTING, WasmEventSource.OPEN, WasmEventSource.CLOSED];
const instanceStates: [0, 1, 2] = [ours.CONNECTING, ours.OPEN, ours.CLOSED];
void states;
void instanceStates;

// Handlers and listeners get the usual event types.
ours.onmessage = function (ev) {
  const data: unknown = ev.data;
  const id: string = ev.lastEventId;
  const origin: string = ev.origin;
  const self: WasmEventSource = this;
  void data; void id; void origin; void self;
};
ours.onerror = (ev: SSEErrorEvent) => console.log(ev.error);
ours.onopen = (ev: Event) => console.log(ev.type);
ours.addEventListener('tick', (ev) => {
  const data: unknown = ev.data; // a MessageEvent for named events
  void data;
});
ours.addEventListener('error', (ev) => console.log(ev.error));
ours.addEventListener('open', { handleEvent: (ev: Event) => console.log(ev) });
asNative.close();

// A native-only drop-in: the one-argument form.
const plain: EventSource = new WasmEventSource(new URL('https://example.test/s'));
void plain;

// @ts-expect-error: unknown option
new WasmEventSource('/s', { withCredential: true });
// @ts-expect-error: credentials come from withCredentials on EventSource
new WasmEventSource('/s', { credentials: 'include' });
