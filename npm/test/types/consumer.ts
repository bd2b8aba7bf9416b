// An application using the package, compiled twice: by tsconfig.node.json
// (lib es2022 and @types/node, no lib.dom) and by tsconfig.dom.json (lib.dom,
// no @types/node). 'wasm-sse' resolves through npm/package.json's "exports",
// as in a project that installed the package. What only one world has is in
// consumer-node.ts and consumer-dom.ts.
import {
  fetchEventSource, EventSource, events, init, EventStreamContentType,
  SSEError, HTTPError, ContentTypeError, RetriesExhaustedError, IdleTimeoutError, EventTooLargeError,
} from 'wasm-sse';
import type {
  EventSourceMessage, FetchEventSourceInit, EventSourceInit, EventsInit, SSEMessage, SSEErrorEvent,
  InitOptions, RetryInfo, HeadersOption,
} from 'wasm-sse';
import wasmURL from 'wasm-sse/sse.wasm';
// @ts-expect-error: the stand-ins for lib.dom-only names are not exported
import type { RequestBody } from 'wasm-sse';

const API = 'https://api.example/chat';

// --- fetchEventSource -------------------------------------------------------

export async function chat(prompt: string, signal: AbortSignal): Promise<string> {
  let text = '';
  await fetchEventSource(API, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ prompt }),
    credentials: 'include',
    mode: 'cors',
    cache: 'no-store',
    redirect: 'follow',
    referrerPolicy: 'no-referrer',
    priority: 'high',
    keepalive: false,
    signal,
    retry: { initialDelay: 500, maxRetries: 3, nonIdempotent: 'never' },
    idleTimeout: 30_000,
    maxEventSize: 1 << 20,
    lastEventId: '41',
    openWhenHidden: true,
    async onopen(res) {
      if (res.headers.get('content-type') !== EventStreamContentType) throw new Error(`status ${res.status}`);
    },
    onmessage(msg: EventSourceMessage) {
      const retry: number | undefined = msg.retry;
      void retry;
      text += msg.data;
    },
    onclose() {},
    onerror(err) {
      if (err instanceof HTTPError && err.status === 401) throw err;
      return 1000;
    },
    onretry(info: RetryInfo) {
      console.log(info.attempt, info.delay, info.error);
    },
  });
  return text;
}

const fesInit: FetchEventSourceInit = { fetch: (input, reqInit) => fetch(input, reqInit), onmessage() {} };
export const viaURL: Promise<void> = fetchEventSource(new URL(API), fesInit);
export const viaRequest: Promise<void> = fetchEventSource(new Request(API), { fetch: globalThis.fetch });

// --- EventSource ------------------------------------------------------------

const token: HeadersOption = async () => ({ Authorization: 'Bearer t' });
const esInit: EventSourceInit = { withCredentials: true, method: 'POST', headers: token, body: '{}' };
const es = new EventSource(new URL(API), esInit);
const asTarget: EventTarget = es;
void asTarget;
es.onopen = (ev: Event) => console.log(ev.type);
es.onmessage = function (ev) {
  const data: unknown = ev.data;
  const id: string = ev.lastEventId;
  const self: EventSource = this;
  void data; void id; void self;
};
es.onerror = (ev: SSEErrorEvent) => console.log(ev.error);
const onTick = (ev: MessageEvent): void => console.log(ev.data);
es.addEventListener('tick', onTick, { once: true, passive: true, signal: new AbortController().signal });
es.removeEventListener('tick', onTick, { capture: false });
es.addEventListener('open', { handleEvent: (ev: Event) => console.log(ev.type) }, true);
es.addEventListener('error', (ev) => console.log(ev.error));
const states: [0, 1, 2] = [EventSource.CONNECTING, es.OPEN, EventSource.CLOSED];
if (es.readyState === states[1]) es.close();

// --- events() ---------------------------------------------------------------

export async function collect(signal: AbortSignal): Promise<string[]> {
  const eventsInit: EventsInit = {
    method: 'POST',
    body: new URLSearchParams({ q: 'hi' }),
    headers: [['X-A', '1']],
    signal,
    onopen: (res) => console.log(res.status),
  };
  const out: string[] = [];
  try {
    for await (const msg of events(API, eventsInit)) {
      const m: SSEMessage = msg;
      if (m.event === 'done') break;
      out.push(m.data);
    }
  } catch (e) {
    if (e instanceof HTTPError) console.log(e.status, e.statusText, e.headers.get('retry-after'), e.body, e.response.url);
    else if (e instanceof ContentTypeError) console.log(e.contentType, e.response.status);
    else if (e instanceof RetriesExhaustedError) console.log(e.attempts, e.elapsed, e.reason, e.cause);
    else if (e instanceof IdleTimeoutError) console.log(e.timeout);
    else if (e instanceof EventTooLargeError) console.log(e.limit);
    if (e instanceof SSEError) console.log(e.message);
    throw e;
  }
  return out;
}

// --- init -------------------------------------------------------------------

export async function preload(): Promise<void> {
  await init();
  await init({ wasmURL });
  await init({ wasmURL: new URL(wasmURL, 'https://cdn.example/') });
  await init({ wasmModule: fetch(wasmURL) });
  await init({ wasmModule: new Uint8Array(8) });
  const fromBuffer: InitOptions = { wasmModule: Promise.resolve(new ArrayBuffer(8)) };
  await init(fromBuffer);
}

// --- what must not compile --------------------------------------------------

// @ts-expect-error: not a credentials mode
fetchEventSource(API, { credentials: 'same-site' });
// @ts-expect-error: a plain object is not a body (JSON.stringify it)
fetchEventSource(API, { body: { prompt: 'hi' } });
// @ts-expect-error: the input is a string, a URL or a Request
fetchEventSource(42);
// @ts-expect-error: idleTimeout is a number of ms
events(API, { idleTimeout: '5s' });
// @ts-expect-error: onmessage belongs to fetchEventSource
events(API, { onmessage() {} });
// @ts-expect-error: credentials come from withCredentials on EventSource
new EventSource(API, { credentials: 'include' });
// @ts-expect-error: once is a boolean
es.addEventListener('tick', onTick, { once: 'yes' });
// @ts-expect-error: wasmURL is a string or a URL
init({ wasmURL: 42 });
export function statusIsANumber(e: HTTPError): string {
  // @ts-expect-error: status is a number
  return e.status;
}
