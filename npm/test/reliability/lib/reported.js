// How failures are reported, written once for Node and the page. A stream
// whose server is unreachable (a refused port) is reported, not retried in
// silence: fetchEventSource and events() give up once they would still not
// have opened 10 s after the start (retry.openWithin), and EventSource fires
// an error event at every failed attempt. Every message names the request
// (never its query, which may hold a secret) and the reason.

/**
 * The stream URL on a loopback port where nothing listens (found by the
 * runner: a port bound, then closed), with a secret in the query.
 * @param {Env} env
 */
const refused = (env) => `http://127.0.0.1:${env.port}/v1/stream?token=SECRET`;

/**
 * @typedef {{sse: any, port: number, base: string}} Env
 * @typedef {{failures: string[], figures: Record<string, unknown>}} Result
 */

/**
 * check collects what is wrong with the final error of a style.
 * @param {string[]} failures @param {string} style @param {any} err @param {number} ms @param {number} bound
 */
function check(failures, style, err, ms, bound) {
  if (!(err instanceof Error)) {
    failures.push(`${style}: ended without an error after ${ms} ms`);
    return;
  }
  if (ms > bound) failures.push(`${style}: reported after ${ms} ms, want at most ${bound}`);
  if (err.name !== 'RetriesExhaustedError') failures.push(`${style}: ${err.name}, want RetriesExhaustedError`);
  if (!/^wasm-sse: GET http:\/\/127\.0\.0\.1:\d+\/v1\/stream\?…: gave up after /.test(err.message)) failures.push(`${style}: message ${JSON.stringify(err.message)}`);
  if (!/never opened within/.test(err.message)) failures.push(`${style}: the message does not say why: ${err.message}`);
  if (err.message.includes('SECRET')) failures.push(`${style}: the query leaked into the message`);
  const cause = /** @type {any} */ (err).cause;
  if (!cause || cause.name !== 'NetworkError') failures.push(`${style}: cause ${cause && cause.name}, want NetworkError`);
}

/** @type {Record<string, (env: Env) => Promise<Result>>} */
export const CASES = {
  async 'a refused port: fetchEventSource and events() fail within 10 s by default, naming the request and the reason'(env) {
    const failures = [];
    let t0 = Date.now();
    let err;
    try {
      await env.sse.fetchEventSource(refused(env), { onmessage() {} });
    } catch (e) {
      err = e;
    }
    const fesMs = Date.now() - t0;
    check(failures, 'fetchEventSource', err, fesMs, 10_500);
    t0 = Date.now();
    err = undefined;
    try {
      for await (const m of env.sse.events(refused(env), { retry: { openWithin: 1500 } })) failures.push(`events(): a message ${m.data}`);
    } catch (e) {
      err = e;
    }
    const iterMs = Date.now() - t0;
    check(failures, 'events() with openWithin 1500', err, iterMs, 2_500);
    return { failures, figures: { fetchEventSourceMs: fesMs, eventsMs: iterMs, message: String(err && /** @type {any} */ (err).message) } };
  },

  async 'a refused port: EventSource fires an error event per failed attempt, naming the request'(env) {
    const failures = [];
    const t0 = Date.now();
    const first = await new Promise((resolve) => {
      const es = new env.sse.EventSource(refused(env), { retry: { initialDelay: 50 } });
      es.onerror = (/** @type {any} */ ev) => {
        es.close();
        resolve({ ms: Date.now() - t0, error: ev.error, state: es.readyState });
      };
    });
    const f = /** @type {any} */ (first);
    if (f.ms > 10_000) failures.push(`the first error event came after ${f.ms} ms`);
    if (!f.error || f.error.name !== 'NetworkError') failures.push(`error event's error: ${f.error && f.error.name}`);
    else if (!/^wasm-sse: GET http:\/\/127\.0\.0\.1:\d+\/v1\/stream\?…: /.test(f.error.message)) failures.push(`message ${f.error.message}`);
    return { failures, figures: { firstErrorMs: f.ms, message: f.error && f.error.message } };
  },
};

/**
 * The server's failures name the request too, in every style: a 404, a wrong
 * content type, and the retry policy giving up.
 */
CASES['HTTP, content-type and retries-exhausted errors name the request in each style'] = async (env) => {
  const failures = [];
  const url = (/** @type {string} */ q) => `${env.base}/sse?${q}&token=SECRET`;
  const shown = new URL(env.base).origin + '/sse?…';
  const kinds = [
    ['status=404', 'HTTPError', 'HTTP 404'],
    ['ctype=text/html', 'ContentTypeError', 'expected content-type text/event-stream'],
    ['status=503', 'RetriesExhaustedError', 'gave up after 1 retry'],
  ];
  const opts = { retry: { maxRetries: 1, initialDelay: 10 } };
  for (const [q, name, text] of kinds) {
    /** @type {[string, () => Promise<unknown>][]} */
    const styles = [
      ['fetchEventSource', () => env.sse.fetchEventSource(url(q), { ...opts, onmessage() {} }).then(() => null, (e) => e)],
      ['events()', async () => {
        try {
          for await (const _ of env.sse.events(url(q), opts)) { /* none */ }
          return null;
        } catch (e) {
          return e;
        }
      }],
      ['EventSource', () => new Promise((resolve) => {
        const es = new env.sse.EventSource(url(q), opts);
        es.onerror = (/** @type {any} */ ev) => {
          if (es.readyState === env.sse.EventSource.CLOSED) resolve(ev.error);
        };
      })],
    ];
    for (const [style, run] of styles) {
      const e = /** @type {any} */ (await run());
      const want = `wasm-sse: GET ${shown}: `;
      if (!e || e.name !== name) failures.push(`${style} ${q}: ${e && e.name}, want ${name}`);
      else if (!e.message.startsWith(want) || !e.message.includes(text)) failures.push(`${style} ${q}: message ${JSON.stringify(e.message)}`);
      else if (e.url !== new URL(env.base).origin + '/sse?…' || e.method !== 'GET') failures.push(`${style} ${q}: url ${e.url}, method ${e.method}`);
      if (e && String(e.message).includes('SECRET')) failures.push(`${style} ${q}: the query leaked`);
    }
  }
  return { failures, figures: {} };
};

/**
 * runCase runs one case by name.
 * @param {Env} env @param {string} name
 * @returns {Promise<Result>}
 */
export function runCase(env, name) {
  return CASES[name](env);
}
