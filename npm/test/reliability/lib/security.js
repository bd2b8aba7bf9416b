// Security checks through the npm package, the same in Node and in the page:
// errors never carry request headers (tokens); the Last-Event-ID header
// never carries CR or LF; a lastEventId option with CR, LF or NUL is
// rejected.
import { fetchEventSource, events, EventSource } from '../../../src/index.js';

/**
 * errorLeaks returns where token appears in err: its string form, message,
 * stack, JSON and own properties, through its cause chain.
 * @param {unknown} err @param {string} token
 * @returns {string[]}
 */
export function errorLeaks(err, token) {
  /** @type {string[]} */
  const out = [];
  let e = /** @type {any} */ (err);
  for (let depth = 0; depth < 6 && e !== null && e !== undefined; depth++) {
    const at = `cause^${depth} (${e && e.name})`;
    /** @param {string} what @param {() => unknown} get */
    const check = (what, get) => {
      let s;
      try { s = String(get()); } catch { return; }
      if (s.includes(token)) out.push(`${at} ${what}`);
    };
    check('String()', () => e);
    check('message', () => e.message);
    check('stack', () => e.stack);
    check('JSON', () => JSON.stringify(e));
    if (typeof e === 'object') {
      for (const k of Object.getOwnPropertyNames(e)) {
        if (k === 'response' || k === 'headers' || k === 'cause') continue; // the response's own; the cause is walked
        check(`.${k}`, () => (typeof e[k] === 'object' ? JSON.stringify(e[k]) : e[k]));
      }
    }
    e = typeof e === 'object' ? e.cause : undefined;
  }
  return out;
}

/**
 * The error kinds to trigger: query (or url) and options.
 * @type {{kind: string, query?: string, url?: string, opts: object, headers?: object}[]}
 */
const KINDS = [
  { kind: 'HTTPError', query: 'status=401', opts: {} },
  { kind: 'ContentTypeError', query: 'ctype=text/html&body=x', opts: {} },
  { kind: 'IdleTimeoutError', query: 'stallHeaders=5000', opts: { idleTimeout: 100, retry: { maxRetries: 1, initialDelay: 10 } } },
  { kind: 'EventTooLargeError', query: 'huge=100000', opts: { maxEventSize: 1000 } },
  { kind: 'network (RetriesExhaustedError)', url: 'http://127.0.0.1:9/sse', opts: { retry: { maxRetries: 2, initialDelay: 10 } } },
  { kind: 'request: a token with a line break', query: 'events=1', opts: {}, headers: { Authorization: 'Bearer TOKEN\r\nX-Injected: 1' } },
  { kind: 'request: a bad header name', query: 'events=1', opts: {}, headers: { 'Bad Name TOKEN': 'TOKEN' } },
  { kind: 'open: onopen throws', query: 'events=1', opts: { onopen: () => { throw new Error('rejected by the app'); }, onerror: (/** @type {unknown} */ e) => { throw e; } } },
];

/**
 * runErrorKinds triggers each kind with an Authorization and an X-Api-Key
 * header carrying token, through fetchEventSource (and, for two kinds,
 * EventSource and events()), and returns where the token showed up.
 * @param {string} base @param {string} token
 */
export async function runErrorKinds(base, token) {
  const results = [];
  for (const k of KINDS) {
    const url = k.url ?? `${base}/sse?key=rel-sec-${Date.now()}-${Math.random().toString(36).slice(2)}&${k.query}`;
    const headers = { Authorization: `Bearer ${token}`, 'X-Api-Key': token };
    for (const [name, value] of Object.entries(k.headers ?? {})) {
      delete /** @type {any} */ (headers).Authorization;
      /** @type {any} */ (headers)[name.replace('TOKEN', token)] = value.replace('TOKEN', token);
    }
    /** @type {unknown[]} */
    const seen = [];
    let final;
    try {
      await fetchEventSource(url, {
        headers, retry: { initialDelay: 10, maxRetries: 0 },
        ...k.opts,
        onerror: (/** @type {unknown} */ e) => { seen.push(e); if (/** @type {any} */ (k.opts).onerror) throw e; },
        onretry: (/** @type {any} */ info) => { seen.push(info.error); },
      });
      final = new Error('resolved: no error');
    } catch (e) {
      final = e;
    }
    const leaks = [final, ...seen].flatMap((e) => errorLeaks(e, token));
    results.push({ kind: k.kind, style: 'fetchEventSource', name: /** @type {any} */ (final)?.name, message: String(/** @type {any} */ (final)?.message), leaks });
  }
  // The same through the two other styles, for a header error and an HTTP error.
  for (const k of [KINDS[0], KINDS[5]]) {
    const url = `${base}/sse?key=rel-sec-${Date.now()}&${k.query}`;
    const headers = { Authorization: k.headers ? `Bearer ${token}\r\nX-Injected: 1` : `Bearer ${token}` };
    let final;
    try {
      for await (const _ of events(url, { headers, retry: { maxRetries: 0 } })) { /* none */ }
      final = new Error('ended: no error');
    } catch (e) {
      final = e;
    }
    results.push({ kind: k.kind, style: 'events', name: /** @type {any} */ (final)?.name, message: String(/** @type {any} */ (final)?.message), leaks: errorLeaks(final, token) });
    const es = new EventSource(url, { headers, retry: { maxRetries: 0 } });
    const ev = await new Promise((r) => { es.onerror = (/** @type {any} */ x) => { if (es.readyState === EventSource.CLOSED) r(x); }; setTimeout(() => r(null), 5000); });
    es.close();
    const err = ev === null ? new Error('no error event') : /** @type {any} */ (ev).error;
    results.push({ kind: k.kind, style: 'EventSource', name: err?.name, message: String(err?.message), leaks: errorLeaks(err, token) });
  }
  return results;
}

/**
 * runLastEventIdHeader sends a stream whose id line is followed by CR, CRLF
 * or LF and an injected header line, or a non-ASCII id; the response is cut
 * after its last byte and the reconnect goes to /echo, which reports the
 * headers it got. Returns [{name, id, lastEventIdHeader, injected}].
 * @param {string} base
 */
export async function runLastEventIdHeader(base) {
  const cases = [
    ['lone CR', 'id: 1\rX-Injected: yes\ndata: a\n\n', '1'],
    ['CRLF', 'id: 2\r\nX-Injected: yes\r\ndata: a\r\n\r\n', '2'],
    ['LF', 'id: 3\nX-Injected: yes\ndata: a\n\n', '3'],
    ['CR CR LF', 'data: a\nid: 4\r\r\n', '4'],
    ['non-ASCII', 'id: 事件-ü-😀\ndata: a\n\n', '事件-ü-😀'],
  ];
  const out = [];
  for (const [name, body, want] of cases) {
    const bytes = new TextEncoder().encode(body);
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    const raw = btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const key = `rel-sec-id-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    let n = 0;
    /** @type {{event: string, data: string, id: string}[]} */
    const msgs = [];
    let error = null;
    try {
      await fetchEventSource(`${base}/sse?key=${key}&raw=${raw}&dropAtByte=${bytes.length}`, {
        retry: { initialDelay: 10, maxRetries: 3 },
        fetch: (/** @type {string} */ u, /** @type {any} */ init) => fetch(n++ === 0 ? u : `${base}/echo?key=${key}`, init),
        onmessage: (m) => { msgs.push({ event: m.event, data: m.data, id: m.id }); },
      });
    } catch (e) {
      error = String(e && /** @type {any} */ (e).message);
    }
    const headers = msgs.filter((m) => m.event === 'header').map((m) => m.data);
    const lei = headers.find((h) => h.startsWith('Last-Event-Id: '));
    out.push({
      name, want, idDispatched: msgs.length > 0 ? msgs[0].id : null, error,
      lastEventIdHeader: lei === undefined ? null : lei.slice('Last-Event-Id: '.length),
      injected: headers.some((h) => h.includes('X-Injected')),
    });
  }
  return out;
}

/**
 * initialIdRejected passes lastEventId values with CR, LF or NUL to each
 * style and returns what happened ('TypeError: ...' or 'accepted').
 * @param {string} base
 */
export async function initialIdRejected(base) {
  const out = [];
  for (const id of ['1\r\nX-Injected: yes', '1\rX', '1\nX', '1\u0000']) {
    const url = `${base}/echo?key=rel-sec-init-${Date.now()}`;
    const r = { id: JSON.stringify(id), fetchEventSource: '', events: '', EventSource: '' };
    try { await fetchEventSource(url, { lastEventId: id }); r.fetchEventSource = 'accepted'; } catch (e) { r.fetchEventSource = `${/** @type {any} */ (e).name}: ${/** @type {any} */ (e).message}`; }
    try { events(url, { lastEventId: id }); r.events = 'accepted'; } catch (e) { r.events = `${/** @type {any} */ (e).name}: ${/** @type {any} */ (e).message}`; }
    try { new EventSource(url, { lastEventId: id }).close(); r.EventSource = 'accepted'; } catch (e) { r.EventSource = `${/** @type {any} */ (e).name}: ${/** @type {any} */ (e).message}`; }
    out.push(r);
  }
  return out;
}
