// The browser half of the consumer (tsconfig.dom.json): the option types are
// exactly lib.dom's, and lib.dom's named types flow into them.
import { fetchEventSource, EventSource, events, init } from 'wasm-sse';
import type { FetchEventSourceInit, InitOptions } from 'wasm-sse';

// @ts-expect-error: no @types/node in this project
process.exitCode = 1;

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Opt<K extends keyof FetchEventSourceInit> = NonNullable<FetchEventSourceInit[K]>;
type Module = WebAssembly.Module | BufferSource | Response;

const sameAsLibDom: [
  Equal<Parameters<typeof fetchEventSource>[0], RequestInfo | URL>,
  Equal<Parameters<typeof events>[0], RequestInfo | URL>,
  Equal<FetchEventSourceInit['body'], BodyInit | null | undefined>,
  Equal<Opt<'credentials'>, RequestCredentials>,
  Equal<Opt<'mode'>, RequestMode>,
  Equal<Opt<'cache'>, RequestCache>,
  Equal<Opt<'redirect'>, RequestRedirect>,
  Equal<Opt<'referrerPolicy'>, ReferrerPolicy>,
  Equal<Opt<'priority'>, RequestPriority>,
  Equal<NonNullable<InitOptions['wasmModule']>, Module | PromiseLike<Module>>,
] = [true, true, true, true, true, true, true, true, true, true];
void sameAsLibDom;

export async function withLibDomTypes(input: RequestInfo | URL, body: BodyInit, credentials: RequestCredentials,
  mode: RequestMode, listenerOptions: AddEventListenerOptions, listener: EventListenerOrEventListenerObject): Promise<void> {
  const es: globalThis.EventSource = new EventSource('https://api.example/s');
  es.addEventListener('tick', listener, listenerOptions);
  es.removeEventListener('tick', listener, { capture: true } satisfies EventListenerOptions);
  await init({ wasmModule: WebAssembly.compileStreaming(fetch('/sse.wasm')) });
  await fetchEventSource(input, { method: 'POST', body, credentials, mode, onmessage() {} });
}
