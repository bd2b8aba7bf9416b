// The Go test server as the tests use it, for Node and the page alike:
// URLs of its routes, a raw body, its per-key counters (/stats) and the
// request /echo saw. server(base) binds them to one server's base URL.

let seq = 0;

/**
 * key returns a key unique to this process or page, for the server's
 * per-key counters.
 * @param {string} name
 */
export function key(name) {
  return `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${++seq}`;
}

/**
 * echoed turns the events of /echo into {method, url, headers, body}
 * (a binary body or one with CR arrives base64-encoded: decoded as Latin-1).
 * @param {{event: string, data: string}[]} msgs
 */
export function echoed(msgs) {
  /** @type {{method: string, url: string, headers: Record<string, string>, body: string, bodyLength: number}} */
  const out = { method: '', url: '', headers: {}, body: '', bodyLength: 0 };
  for (const m of msgs) {
    if (m.event === 'method') out.method = m.data;
    else if (m.event === 'url') out.url = m.data;
    else if (m.event === 'header') {
      const i = m.data.indexOf(':');
      out.headers[m.data.slice(0, i).trim().toLowerCase()] = m.data.slice(i + 1).trim();
    } else if (m.event === 'body') out.body = m.data;
    else if (m.event === 'body-base64') out.body = atob(m.data);
    else if (m.event === 'body-length') out.bodyLength = Number(m.data);
  }
  return out;
}

/**
 * server binds the helpers to the test server at base.
 * @param {string} base
 */
export function server(base) {
  /**
   * url builds a test server URL from a path and query parameters.
   * @param {string} path
   * @param {Record<string, string | number | string[]>} [q]
   */
  function url(path, q = {}) {
    const u = new URL(path, base);
    for (const [k, v] of Object.entries(q)) {
      for (const one of Array.isArray(v) ? v : [v]) u.searchParams.append(k, String(one));
    }
    return u.href;
  }

  /**
   * raw returns a /sse URL whose body is exactly text (UTF-8).
   * @param {string} text
   * @param {Record<string, string | number>} [q]
   */
  function raw(text, q = {}) {
    let bin = '';
    for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
    const b64 = btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    return url('/sse', { raw: b64, ...q });
  }

  /**
   * stats returns the server's counters of key k; with w, long-polls until
   * counter w.wait is within [w.min, w.max] and throws if it never gets there.
   * @param {string} k
   * @param {{wait: string, min?: number, max?: number, timeout?: number}} [w]
   * @returns {Promise<any>}
   */
  async function stats(k, w) {
    /** @type {Record<string, string | number>} */
    const q = { key: k };
    if (w !== undefined) {
      Object.assign(q, { wait: w.wait, timeout: w.timeout ?? 5000 });
      if (w.min !== undefined) q.min = w.min;
      if (w.max !== undefined) q.max = w.max;
    }
    const res = await fetch(url('/stats', q));
    if (res.status !== 200) throw new Error(`stats ${k}: HTTP ${res.status}`);
    const st = await res.json();
    if (st.waitTimedOut) throw new Error(`stats ${k}: ${w?.wait} never reached ${w?.min}..${w?.max}: ${JSON.stringify(st)}`);
    return st;
  }

  return { base, url, raw, stats };
}
