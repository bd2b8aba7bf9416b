// @microsoft/fetch-event-source 2.0.1.
import { fetchEventSource as msFetchEventSource } from '@microsoft/fetch-event-source';
import { globalFetch } from './common.js';

/**
 * fetchEventSource: @microsoft/fetch-event-source 2.0.1. It reaches for
 * window and document even with openWhenHidden (dispose() removes a
 * visibilitychange listener), so Node needs stand-ins for both
 * (installNodeShims).
 */
export async function fetchEventSource(url, o = {}) {
  let n = 0, chars = 0;
  const onEvent = o.onEvent;
  await msFetchEventSource(url, {
    method: o.method ?? 'POST',
    fetch: o.fetch ?? globalFetch,
    signal: o.signal,
    openWhenHidden: true,
    onmessage(m) {
      n++;
      chars += m.data.length;
      if (onEvent !== undefined) onEvent(n);
    },
    onerror(err) {
      throw err;
    },
  });
  return { events: n, chars };
}

/**
 * installNodeShims gives @microsoft/fetch-event-source the window and
 * document it expects (Node has neither). Call only in Node processes that
 * run it; nothing else reads them with openWhenHidden set.
 */
export function installNodeShims() {
  const g = globalThis;
  if (g.window === undefined) g.window = g;
  if (g.document === undefined) {
    g.document = { hidden: false, addEventListener() {}, removeEventListener() {} };
  }
}
