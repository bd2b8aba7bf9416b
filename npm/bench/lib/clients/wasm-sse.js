// wasm-sse through its drop-in fetchEventSource.
import { fetchEventSource } from 'wasm-sse';

/** wasmSse: wasm-sse's fetchEventSource (the drop-in style). */
export async function wasmSse(url, o = {}) {
  let n = 0, chars = 0;
  const onEvent = o.onEvent;
  const init = {
    method: o.method ?? 'POST',
    onmessage(m) {
      n++;
      chars += m.data.length;
      if (onEvent !== undefined) onEvent(n);
    },
    onerror(err) {
      throw err;
    },
  };
  if (o.fetch !== undefined) init.fetch = o.fetch;
  if (o.signal !== undefined) init.signal = o.signal;
  await fetchEventSource(url, init);
  return { events: n, chars };
}

