// The rest of the public API: events(), init(), the errors, and option typos
// that must not compile.
import {
  events, init, fetchEventSource, EventSource,
  SSEError, HTTPError, ContentTypeError, RetriesExhaustedError, IdleTimeoutError, EventTooLargeError, IncompleteStreamError,
} from 'wasm-sse';
import type { SSEMessage, RetryInfo, EventsInit, HeadersOption, RetryOptions } from 'wasm-sse';

export async function stream(signal: AbortSignal): Promise<string> {
  let text = '';
  try {
    for await (const msg of events('/api/chat', {
      method: 'POST',
      body: new URLSearchParams({ q: 'hi' }),
      headers: [['X-A', '1']],
      signal,
      retry: { initialDelay: 500, maxDelay: 10_000, factor: 2, jitter: 0.2, maxRetries: Infinity, maxElapsed: 60_000, healthyAfter: 5000 },
      maxEventSize: 1 << 20,
      onretry: (info: RetryInfo) => console.log(info.attempt, info.delay, info.error),
      onopen: (res) => { if (!res.ok) throw new Error('no'); },
    })) {
      const m: SSEMessage = msg;
      if (m.event === 'done') break;
      text += m.data;
      const r: number | undefined = m.retry;
      void r;
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
  return text;
}

export async function preload(): Promise<void> {
  await init();
  await init({ wasmURL: '/assets/sse.wasm' });
  await init({ wasmURL: new URL('https://cdn.example/sse.wasm') });
  await init({ wasmModule: fetch('/sse.wasm') });
  await init({ wasmModule: new Uint8Array(8) });
}

const h1: HeadersOption = { a: 'b' };
const h2: HeadersOption = () => Promise.resolve(new Headers());
const r: RetryOptions = { nonIdempotent: 'always' };
const e: EventsInit = { headers: h1, retry: r };
void h2; void e;

// The done marker: a string, or a function of each style's own message.
export async function answer(): Promise<string> {
  let text = '';
  try {
    for await (const m of events('/api/chat', { method: 'POST', body: '{}', done: (msg) => msg.event === 'done' })) text += m.data;
    await fetchEventSource('/api/chat', { done: '[DONE]', onmessage: (m) => { text += m.data; }, onclose: () => {} });
    await fetchEventSource('/api/chat', { done: (m) => m.event === 'done' && m.id === '' && m.retry === undefined });
  } catch (e) {
    if (e instanceof IncompleteStreamError) console.log(e.name, e.lastEventId, e.events.toFixed(0), e.url, e.method);
  }
  const es = new EventSource('/feed', { done: (ev) => ev.lastEventId === '99' && typeof ev.data === 'string' });
  es.addEventListener('close', (ev) => console.log(ev.type, es.readyState === EventSource.CLOSED));
  const es2 = new EventSource('/feed', { done: '[DONE]' });
  void es2;
  return text;
}

// @ts-expect-error: done is a string or a predicate
events('/s', { done: 5 });
// @ts-expect-error: the predicate gets the message
fetchEventSource('/s', { done: (m) => m.nope });

// @ts-expect-error: onmessage belongs to fetchEventSource
events('/s', { onmessage() {} });
// @ts-expect-error: not a retry option
events('/s', { retry: { maxRetry: 3 } });
// @ts-expect-error: nonIdempotent is one of three strings
events('/s', { retry: { nonIdempotent: 'yes' } });
// @ts-expect-error: idleTimeout is a number of ms
fetchEventSource('/s', { idleTimeout: '5s' });
// @ts-expect-error: init options
init({ wasmUrl: 'x' });
