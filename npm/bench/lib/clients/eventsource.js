// The `eventsource` npm package.
import { EventSource as EventSourcePolyfill } from 'eventsource';
import { globalFetch, runEventSource } from './common.js';

/**
 * eventsource: the `eventsource` npm package (v4, fetch-based, works in
 * browsers and Node). It only does GET, so a fetch wrapper turns the request
 * into a POST. It reconnects when the stream ends: the run ends at the first
 * error event after the open (the end of the body), or on abort.
 */
export function eventsource(url, o = {}) {
  const f = o.fetch ?? globalFetch;
  const method = o.method ?? 'POST';
  const es = new EventSourcePolyfill(url, { fetch: (u, init) => f(u, { ...init, method }) });
  return runEventSource(es, o, (ev) => new Error(`eventsource: ${ev && ev.message ? ev.message : 'connection failed'}`));
}
