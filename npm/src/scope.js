// The private object Go's runtime sees as globalThis (and Go as js.Global()).
// It inherits everything from the real global object, so fetch, timers,
// typed arrays and constructors are the page's own, but the names the Go
// runtime installs (fs, process, path, Go) and the API hand-off property
// land on the scope and never on the page.

/**
 * setTimeout for the Go runtime. Go leaves the JS timeout of a stopped timer
 * (e.g. a backoff wait cut short by close()) pending until it fires; in Node
 * that would keep the process alive for up to the longest backoff. Go's
 * timers are therefore unref'd (where timers have unref), and loader.js
 * keeps the process alive while a stream is open instead.
 * @param {(...args: any[]) => void} fn
 * @param {number} [ms]
 */
function unrefSetTimeout(fn, ms) {
  const t = /** @type {any} */ (setTimeout(fn, ms));
  if (t !== null && typeof t === 'object' && typeof t.unref === 'function') t.unref();
  return t;
}

/** Names the Go runtime or the API hand-off assign: own data properties. */
const OWN = ['fs', 'process', 'path', 'Go', '__wasmsse'];

/**
 * makeScope returns a fresh scope object. Reads of names it does not own go
 * to the real global object with the real global as receiver (accessors
 * such as crypto, performance or document check their receiver), writes
 * stay on the scope. A Proxy does this lazily: copying every accessor of a
 * page's window up front took ~17 ms of the cold start in Chromium.
 * `crypto` may be given when the global lacks it (Node 18).
 * @param {object} [crypto]
 * @returns {Record<string, any>}
 */
export function makeScope(crypto) {
  const real = globalThis;
  /** @type {Record<string | symbol, any>} */
  const own = Object.create(null);
  for (const name of OWN) own[name] = undefined;
  own.setTimeout = unrefSetTimeout;
  if (crypto !== undefined) own.crypto = crypto;
  return new Proxy(own, {
    get: (t, k) => (k in t ? t[k] : Reflect.get(real, k)),
    set: (t, k, v) => {
      t[k] = v;
      return true;
    },
    has: (t, k) => k in t || k in real,
    deleteProperty: (t, k) => {
      if (OWN.includes(/** @type {string} */ (k))) t[k] = undefined;
      else delete t[k];
      return true;
    },
  });
}
