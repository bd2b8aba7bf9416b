// A full-rate stream kept open for a while, checked event by event; the
// caller samples memory around it. The same in Node and in the page.
import { fetchEventSource } from '../../../src/index.js';

/**
 * startSoak opens /sse at full rate (4 KiB events with ids) and returns
 * its counters and a stop function.
 * @param {string} base
 */
export function startSoak(base) {
  const st = { events: 0, bad: 0, bytes: 0, error: /** @type {string | null} */ (null), ended: false };
  const ac = new AbortController();
  const k = `rel-soak-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const done = fetchEventSource(`${base}/sse?key=${k}&events=10000000&size=4096&ids=1`, {
    signal: ac.signal,
    onmessage: (m) => {
      st.events++;
      if (m.id !== String(st.events) || m.data.length !== 4096) st.bad++;
      st.bytes += m.data.length;
    },
  }).then(() => { st.ended = true; }, (e) => { st.ended = true; st.error = String(e && e.message); });
  return {
    key: k,
    counters: () => ({ ...st }),
    /** stop aborts the stream and waits for it to settle. */
    stop: async () => { ac.abort(); await done; },
  };
}
