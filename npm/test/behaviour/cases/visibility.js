// Page visibility: openWhenHidden: false pauses a resumable stream while the
// page is hidden. The runtime emulates hiding with env.setHidden (Node with a
// stand-in document in its own process, Chromium in the page).
import * as assert from '../lib/assert.js';

/** @type {Record<string, import('../lib/case.js').Case>} */
export const CASES = {
  async 'openWhenHidden: false pauses a GET while hidden (the server sees the disconnect) and resumes with Last-Event-ID'({ sse, url, key, stats, within, sleep, setHidden }) {
    const k = key('vis-get');
    /** @type {string[]} */
    const got = [];
    let hid = false;
    const done = sse.fetchEventSource(url('/sse', { key: k, events: 12, ids: 1, delay: 80 }), {
      openWhenHidden: false,
      onmessage(m) {
        got.push(m.data);
        if (got.length === 2 && !hid) {
          hid = true;
          setHidden(true);
        }
      },
    });
    try {
      await stats(k, { wait: 'disconnected', min: 1 });
      await sleep(100);
      // Events of a chunk read before the pause may still arrive; none after.
      const n = got.length;
      assert.ok(n >= 2 && n < 12, `${n} events before the pause`);
      await sleep(300);
      assert.equal(got.length, n, 'no event while hidden');
      assert.equal((await stats(k)).requests, 1, 'no reconnect while hidden');
      setHidden(false);
      await within(done, 5000, 'stream end');
      assert.deepEqual(got, Array.from({ length: 12 }, (_, i) => `msg ${i + 1}`));
      const st = await stats(k);
      assert.equal(st.requests, 2);
      assert.deepEqual(st.lastEventIds, ['', String(n)]);
    } finally {
      setHidden(false);
    }
  },

  async 'openWhenHidden: false keeps a POST without ids streaming while hidden (never re-sent)'({ sse, url, key, stats, within, setHidden }) {
    const k = key('vis-post');
    /** @type {string[]} */
    const got = [];
    const done = sse.fetchEventSource(url('/sse', { key: k, events: 5, delay: 30 }), {
      method: 'POST',
      body: 'prompt',
      openWhenHidden: false,
      onmessage(m) {
        got.push(m.data);
        if (got.length === 1) setHidden(true);
      },
    });
    try {
      await within(done, 5000, 'stream end');
    } finally {
      setHidden(false);
    }
    assert.equal(got.length, 5);
    const st = await stats(k);
    assert.equal(st.requests, 1);
    assert.equal(st.disconnected, 0);
  },

  async 'the default (openWhenHidden: true) never pauses, in all three styles'({ sse, url, key, stats, within, until, setHidden }) {
    const ks = [key('vis-default-fes'), key('vis-default-events'), key('vis-default-es')];
    const q = (/** @type {string} */ k) => url('/sse', { key: k, events: 4, delay: 20 });
    /** @type {Record<string, number | string>} */
    const out = {};
    try {
      let fes = 0;
      await within(sse.fetchEventSource(q(ks[0]), {
        onmessage() {
          fes++;
          setHidden(true);
        },
      }), 5000, 'fetchEventSource');
      out.fes = fes;
      setHidden(false);
      let n = 0;
      for await (const _ of sse.events(q(ks[1]))) {
        n++;
        setHidden(true);
      }
      out.events = n;
      setHidden(false);
      const es = new sse.EventSource(q(ks[2]));
      const log = await until(es, ['message', 'error'], (_, l) => { setHidden(true); return l.length === 4; });
      es.close();
      out.es = log.map((e) => e.type).join();
    } finally {
      setHidden(false);
    }
    assert.deepEqual(out, { fes: 4, events: 4, es: 'message,message,message,message' });
    for (const k of ks) assert.equal((await stats(k)).requests, 1, k);
    // The EventSource is closed as the server ends: a disconnect may be
    // counted for it, not for the two others.
    for (const k of ks.slice(0, 2)) assert.equal((await stats(k)).disconnected, 0, k);
  },

  async 'EventSource with openWhenHidden: false pauses and resumes from its last event id'({ sse, url, key, stats, sleep, until, setHidden }) {
    const k = key('vis-es');
    const es = new sse.EventSource(url('/sse', { key: k, events: 4, ids: 1, delay: 30, end: 'hang' }), { openWhenHidden: false });
    try {
      const logged = until(es, ['open', 'message', 'error'], (_, l) => l.filter((e) => e.type === 'message').length === 4);
      es.addEventListener('message', (ev) => { if (/** @type {MessageEvent} */ (ev).data === 'msg 2') setHidden(true); });
      await stats(k, { wait: 'disconnected', min: 1 });
      await sleep(200);
      assert.equal((await stats(k)).requests, 1, 'no reconnect while hidden');
      assert.notEqual(es.readyState, 2, 'a paused EventSource is not CLOSED');
      setHidden(false);
      const log = await logged;
      assert.deepEqual(log.filter((e) => e.type === 'message').map((e) => /** @type {MessageEvent} */ (e).data), ['msg 1', 'msg 2', 'msg 3', 'msg 4']);
      assert.deepEqual((await stats(k)).lastEventIds, ['', '2']);
    } finally {
      es.close();
      setHidden(false);
    }
  },

  async 'a stream opened while hidden waits for visible'({ sse, url, key, stats, within, sleep, setHidden }) {
    const k = key('vis-start-hidden');
    setHidden(true);
    /** @type {string[]} */
    const got = [];
    try {
      const it = sse.events(url('/sse', { key: k, events: 2 }), { openWhenHidden: false });
      const first = it.next();
      await sleep(200);
      assert.ok((await stats(k)).requests <= 1);
      setHidden(false);
      const m = await within(first, 5000, 'first message');
      got.push(/** @type {any} */ (m).value.data);
      for await (const x of it) got.push(x.data);
    } finally {
      setHidden(false);
    }
    assert.deepEqual(got, ['msg 1', 'msg 2']);
  },
};
