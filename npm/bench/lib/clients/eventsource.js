// The `eventsource` npm package.
import { EventSource as EventSourcePolyfill } from 'eventsource';
import { globalFetch } from './common.js';

/**
 * eventsource: the `eventsource` npm package (v4, fetch-based, works in
 * browsers and Node). It only does GET, so a fetch wrapper turns the request
 * into a POST. It reconnects when the stream ends: the run ends at the first
 * error event after the open (the end of the body), or on abort.
 */
export function eventsource(url, o = {}) {
  const f = o.fetch ?? globalFetch;
  const method = o.method ?? 'POST';
  const types = o.types ?? ['message'];
  return new Promise((resolve, reject) => {
    let n = 0, chars = 0, opened = false;
    const onEvent = o.onEvent;
    const es = new EventSourcePolyfill(url, { fetch: (u, init) => f(u, { ...init, method }) });
    const finish = (err) => {
      es.close();
      if (o.signal !== undefined) o.signal.removeEventListener('abort', onAbort);
      if (err !== undefined) reject(err);
      else resolve({ events: n, chars });
    };
    const onAbort = () => finish();
    if (o.signal !== undefined) {
      if (o.signal.aborted) return finish();
      o.signal.addEventListener('abort', onAbort, { once: true });
    }
    const listener = (ev) => {
      n++;
      chars += ev.data.length;
      if (onEvent !== undefined) onEvent(n);
    };
    for (const t of types) es.addEventListener(t, listener);
    es.onopen = () => {
      opened = true;
    };
    es.onerror = (ev) => {
      if (opened) finish();
      else finish(new Error(`eventsource: ${ev && ev.message ? ev.message : 'connection failed'}`));
    };
  });
}

