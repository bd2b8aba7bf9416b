// drive runs one stream to its end through one of the three API styles and
// records what the style reports, the same in Node and in the page (the
// done-marker and progress cases share it).

/**
 * @typedef {'fetchEventSource' | 'events' | 'EventSource'} Style
 * @typedef {object} Driven
 * @property {string[]} data the data of every message delivered, in order
 * @property {string[]} ids the last event ID of every message ("" for none)
 * @property {{attempt: number, delay: number, error: any, at: number}[]} retries onretry, with ms since the start
 * @property {any[]} errors failed attempts: fetchEventSource's onerror, EventSource's error events while reconnecting
 * @property {number} closes fetchEventSource's onclose calls, EventSource's close events
 * @property {any} end null when the stream ended without error, else the error
 * @property {number} state the EventSource's readyState at the end (-1 for the other styles)
 * @property {number} ms how long it ran
 * @property {boolean} timedOut
 */

/**
 * The message the done function of each style receives, as a predicate on
 * the last event ID (so one test matches the same event in every style).
 * @param {Style} style @param {string} id
 * @returns {(m: any) => boolean}
 */
export function idMarker(style, id) {
  switch (style) {
    case 'fetchEventSource': return (m) => typeof m.event === 'string' && m.id === id; // its own id field
    case 'events': return (m) => m.event === 'message' && m.id === id;
    default: return (ev) => typeof ev.type === 'string' && ev.lastEventId === id; // a MessageEvent
  }
}

/**
 * drive streams url through style with opts (shared options: method, body,
 * retry, done, signal...) until the stream ends, timeoutMs passes (then it
 * is closed), or stopWhen(data) holds after a message (then it is closed or
 * aborted by the caller's way: es.close(), break, signal).
 * @param {any} sse the package
 * @param {Style} style @param {string} url @param {Record<string, any>} opts
 * @param {{timeoutMs?: number, stopWhen?: (data: string[]) => boolean}} [o]
 * @returns {Promise<Driven>}
 */
export async function drive(sse, style, url, opts, o = {}) {
  const t0 = Date.now();
  /** @type {Driven} */
  const r = { data: [], ids: [], retries: [], errors: [], closes: 0, end: null, state: -1, ms: 0, timedOut: false };
  const ac = new AbortController();
  const stop = o.stopWhen ?? (() => false);
  const shared = {
    ...opts,
    onretry: (/** @type {any} */ info) => { r.retries.push({ ...info, at: Date.now() - t0 }); },
  };
  /** @type {() => void} */
  let close = () => ac.abort();
  /** @type {Promise<any>} */
  let finished;
  switch (style) {
    case 'fetchEventSource':
      finished = sse.fetchEventSource(url, {
        ...shared, signal: opts.signal ?? ac.signal,
        onmessage: (/** @type {any} */ m) => {
          r.data.push(m.data);
          r.ids.push(m.id);
          if (stop(r.data)) ac.abort();
        },
        onclose: () => { r.closes++; },
        onerror: (/** @type {any} */ e) => { r.errors.push(e); },
      }).then(() => null, (/** @type {any} */ e) => e);
      break;
    case 'events':
      finished = (async () => {
        for await (const m of sse.events(url, { ...shared, signal: opts.signal ?? ac.signal })) {
          r.data.push(m.data);
          r.ids.push(m.id);
          if (stop(r.data)) break;
        }
        return null;
      })().catch((e) => e);
      break;
    default: {
      const es = new sse.EventSource(url, shared);
      close = () => es.close();
      finished = new Promise((resolve) => {
        es.addEventListener('message', (/** @type {any} */ ev) => {
          r.data.push(ev.data);
          r.ids.push(ev.lastEventId);
          if (stop(r.data)) {
            es.close();
            resolve(null);
          }
        });
        es.addEventListener('close', () => {
          r.closes++;
          resolve(null);
        });
        es.addEventListener('error', (/** @type {any} */ ev) => {
          if (es.readyState === sse.EventSource.CLOSED) resolve(ev.error ?? null);
          else r.errors.push(ev.error);
        });
        if (opts.signal) opts.signal.addEventListener('abort', () => { es.close(); resolve(null); });
      });
      finished.then(() => { r.state = es.readyState; });
    }
  }
  let timer;
  const timedOut = await Promise.race([
    finished.then(() => false),
    new Promise((resolve) => { timer = setTimeout(() => resolve(true), o.timeoutMs ?? 20_000); }),
  ]);
  clearTimeout(timer);
  if (timedOut) close();
  r.timedOut = /** @type {boolean} */ (timedOut);
  r.end = timedOut ? 'timed out' : await finished;
  await Promise.resolve(); // the readyState read above
  r.ms = Date.now() - t0;
  return r;
}

/**
 * describeEnd names an end for a failure message.
 * @param {any} e
 */
export function describeEnd(e) {
  if (e === null) return 'no error';
  if (typeof e === 'string') return e;
  return `${e && e.name}: ${e && e.message}`;
}

/**
 * stats returns the test server's counters of key; with wait, long-polls
 * until the counter reaches min (at most timeout ms).
 * @param {string} base @param {string} key
 * @param {{wait: string, min: number, timeout?: number}} [w]
 */
export async function serverStats(base, key, w) {
  let q = `key=${encodeURIComponent(key)}`;
  if (w !== undefined) q += `&wait=${w.wait}&min=${w.min}&timeout=${w.timeout ?? 5000}`;
  const res = await fetch(`${base}/stats?${q}`);
  return res.json();
}

let seq = 0;
/**
 * uniqueKey returns a stats key unique to this run.
 * @param {string} name
 */
export function uniqueKey(name) {
  return `${name}-${Date.now()}-${++seq}-${Math.floor(Math.random() * 1e9)}`;
}
