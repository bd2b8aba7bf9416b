// Code written for @microsoft/fetch-event-source 2.0.1 (its README's
// patterns, typed with its exported types). tsconfig.json compiles it
// against wasm-sse's types, tsconfig.original.json against the original's.
import { fetchEventSource, EventStreamContentType } from '@microsoft/fetch-event-source';
import type { EventSourceMessage, FetchEventSourceInit } from '@microsoft/fetch-event-source';

class RetriableError extends Error {}
class FatalError extends Error {}

const ctrl = new AbortController();

export async function chat(prompt: string, onToken: (t: string) => void): Promise<void> {
  await fetchEventSource('/api/sse', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: 'Bearer token',
    },
    body: JSON.stringify({ prompt }),
    signal: ctrl.signal,
    openWhenHidden: true,
    credentials: 'include',
    async onopen(response) {
      if (response.ok && response.headers.get('content-type') === EventStreamContentType) {
        return; // everything's good
      } else if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        // client-side errors are usually non-retriable:
        throw new FatalError();
      } else {
        throw new RetriableError();
      }
    },
    onmessage(msg) {
      // if the server emits an error message, throw an exception
      // so it gets handled by the onerror callback below:
      if (msg.event === 'FatalError') {
        throw new FatalError(msg.data);
      }
      const id: string = msg.id;
      const retry: number | undefined = msg.retry;
      void id;
      void retry;
      onToken(msg.data);
    },
    onclose() {
      // if the server closes the connection unexpectedly, retry:
      throw new RetriableError();
    },
    onerror(err) {
      if (err instanceof FatalError) {
        throw err; // rethrow to stop the operation
      } else {
        // do nothing to automatically retry. You can also
        // return a specific retry interval here.
        return 2000;
      }
    },
  });
}

// Options built separately, with the exported types.
const handler = (m: EventSourceMessage): void => console.log(m.event, m.data);
const init: FetchEventSourceInit = {
  headers: { 'X-Token': 'abc' },
  onmessage: handler,
  fetch: (input, reqInit) => fetch(input, reqInit),
  onerror: () => null,
};
export const done: Promise<void> = fetchEventSource(new Request('/api/feed'), init);

// A custom fetch, as users pass for auth wrappers.
export function withFetch(f: typeof fetch): Promise<void> {
  return fetchEventSource('/api/feed', { fetch: f, onmessage() {} });
}

export const contentType: string = EventStreamContentType;
