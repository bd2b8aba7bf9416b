// A full-rate stream kept open for a while, checked event by event; the
// caller samples memory around it. The same in Node and in the page.
//
// 256-byte events: in Chromium a full-rate stream of larger events (1-4 KiB,
// 300-400 MB/s) keeps the page's main thread busy for seconds at a time
// (timers and CDP calls wait), so the samples would not be a second apart.
// The test server stops after 10 million events (under 20 s at this rate):
// the soak then opens the next stream at once.
import { fetchEventSource } from '../../../src/index.js';

/**
 * startSoak streams /sse at full rate (256-byte events with ids) until
 * stopped and returns its counters and a stop function.
 * @param {string} base
 */
export function startSoak(base) {
  const st = { events: 0, bad: 0, bytes: 0, streams: 0, error: /** @type {string | null} */ (null), ended: false };
  const ac = new AbortController();
  const keys = [];
  const one = async () => {
    const k = `rel-soak-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    keys.push(k);
    st.streams++;
    let n = 0;
    await fetchEventSource(`${base}/sse?key=${k}&events=10000000&size=256&ids=1`, {
      signal: ac.signal,
      onmessage: (m) => {
        st.events++;
        if (m.id !== String(++n) || m.data.length !== 256) st.bad++;
        st.bytes += m.data.length;
      },
    });
    if (!ac.signal.aborted && n !== 10000000) throw new Error(`stream ${k} ended after ${n} events`);
  };
  const done = (async () => {
    while (!ac.signal.aborted) await one();
  })().then(() => { st.ended = true; }, (e) => { st.ended = true; st.error = String(e && e.message); });
  return {
    keys,
    counters: () => ({ ...st, ended: st.ended && !ac.signal.aborted }),
    /** stop aborts the stream and waits for it to settle. */
    stop: async () => { ac.abort(); await done; },
  };
}
