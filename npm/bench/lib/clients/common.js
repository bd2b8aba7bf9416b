// Shared by the client modules.

/** The global fetch, called without a receiver. */
export const globalFetch = (input, init) => globalThis.fetch(input, init);

/** isAbort tells an abort (the expected end of a stopped run) from a failure. */
export function isAbort(err, signal) {
  return (signal !== undefined && signal.aborted) || (err && err.name === 'AbortError');
}

/**
 * runEventSource counts the events of an EventSource-shaped object es
 * (listening to o.types, default ["message"]) until the first error event
 * after the open — these classes reconnect at the end of a body — or o.signal
 * aborts. An error event before any open rejects with failure(ev).
 * @param {any} es
 * @param {{types?: string[], onEvent?: (n: number) => void, signal?: AbortSignal}} o
 * @param {(ev: any) => Error} failure
 * @returns {Promise<{events: number, chars: number}>}
 */
export function runEventSource(es, o, failure) {
  return new Promise((resolve, reject) => {
    let n = 0, chars = 0, opened = false;
    const onEvent = o.onEvent;
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
    for (const t of o.types ?? ['message']) es.addEventListener(t, listener);
    es.onopen = () => {
      opened = true;
    };
    es.onerror = (ev) => finish(opened ? undefined : failure(ev));
  });
}
