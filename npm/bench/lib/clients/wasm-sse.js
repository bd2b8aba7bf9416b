// wasm-sse through each of its three API styles.
import { EventSource, events, fetchEventSource } from 'wasm-sse';
import { runEventSource } from './common.js';

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


/**
 * wasmSseEventSource: wasm-sse's EventSource style (MessageEvent per event,
 * dispatched through EventTarget). Like the `eventsource` package it
 * reconnects at the end of a body: the run ends at the error event after
 * the open.
 */
export function wasmSseEventSource(url, o = {}) {
  const init = { method: o.method ?? 'POST' };
  if (o.fetch !== undefined) init.fetch = o.fetch;
  return runEventSource(new EventSource(url, init), o, (ev) => ev.error ?? new Error('wasm-sse EventSource: connection failed'));
}

/** wasmSseEvents: wasm-sse's async iterable style, events(). */
export async function wasmSseEvents(url, o = {}) {
  let n = 0, chars = 0;
  const onEvent = o.onEvent;
  const init = { method: o.method ?? 'POST' };
  if (o.fetch !== undefined) init.fetch = o.fetch;
  if (o.signal !== undefined) init.signal = o.signal;
  try {
    for await (const m of events(url, init)) {
      n++;
      chars += m.data.length;
      if (onEvent !== undefined) onEvent(n);
    }
  } catch (err) {
    if (!(o.signal !== undefined && o.signal.aborted)) throw err;
  }
  return { events: n, chars };
}
