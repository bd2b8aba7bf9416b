// The browser's own EventSource (GET only), for the EventSource-class
// comparison. Not in Node 20, which has no EventSource.

/**
 * nativeEventSource: `new EventSource(url)` of the browser. It can only
 * GET, so it refuses any other method rather than measure a different
 * request. At the end of a body it schedules a reconnect: the run ends at
 * the error event after the open, or on abort.
 */
export function nativeEventSource(url, o = {}) {
  if (o.method !== undefined && o.method !== 'GET') {
    return Promise.reject(new Error(`native EventSource: GET only (asked for ${o.method})`));
  }
  if (o.fetch !== undefined) return Promise.reject(new Error('native EventSource: no fetch option'));
  const types = o.types ?? ['message'];
  return new Promise((resolve, reject) => {
    let n = 0, chars = 0, opened = false;
    const onEvent = o.onEvent;
    const es = new globalThis.EventSource(url);
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
    es.onerror = () => finish(opened ? undefined : new Error('native EventSource: connection failed'));
  });
}
