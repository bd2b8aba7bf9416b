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
 * makeScope returns a fresh scope object inheriting from the real global.
 * Accessor properties of the global (crypto, performance, document, ... in
 * browsers; crypto and others in Node) check their receiver, so each one is
 * shadowed by a getter that calls the original on the real global object.
 * `crypto` may be given when the global lacks it (Node 18).
 * @param {object} [crypto]
 * @returns {Record<string, any>}
 */
export function makeScope(crypto) {
  const real = globalThis;
  const scope = Object.create(real);
  const seen = new Set(OWN);
  for (const name of OWN) {
    Object.defineProperty(scope, name, { value: undefined, writable: true, configurable: true });
  }
  seen.add('setTimeout');
  Object.defineProperty(scope, 'setTimeout', { value: unrefSetTimeout, writable: true, configurable: true });
  if (crypto !== undefined) {
    seen.add('crypto');
    Object.defineProperty(scope, 'crypto', { value: crypto, writable: true, configurable: true });
  }
  for (let o = real; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const desc = Object.getOwnPropertyDescriptor(o, name);
      if (desc === undefined || desc.get === undefined) continue;
      const get = desc.get;
      Object.defineProperty(scope, name, { get: () => get.call(real), configurable: true });
    }
  }
  return scope;
}
