// Loads sse.wasm once per realm and hands out Go's API object
// (wasm/jsapi/PROTOCOL.md). Loading starts on the first stream or on init();
// a failed load is forgotten so the next call tries again.
import goRuntime from '../dist/go-runtime.js';
import { failAll } from './live.js';
import { bindInstance } from './memory.js';
import { makeScope } from './scope.js';
import { SSEError } from './errors.js';
import { isInstance, isPlainObject } from './validate.js';

/**
 * The API object Go hands over.
 * @typedef {object} GoAPI
 * @property {string} version
 * @property {(params: object, hooks: object) => Handle} open
 * @property {() => number} liveFuncs
 * @property {() => number} goroutines
 */
/**
 * @typedef {object} Handle
 * @property {() => void} close
 * @property {() => void} pause
 * @property {() => void} resume
 * @property {() => void} wake
 */

/** @type {GoAPI | null} */
let api = null;
/** @type {Promise<GoAPI> | null} */
let loading = null;

/** Module specifiers kept out of bundlers' reach (only Node reaches them). */
const NODE_FS = 'node:fs/promises';
const NODE_CRYPTO = 'node:crypto';

/**
 * loadedAPI returns the API when it is loaded, else null (streams open
 * synchronously when it is).
 * @returns {GoAPI | null}
 */
export function loadedAPI() {
  return api;
}

/**
 * What the current (or finished) load was started with, for init() to
 * compare: the module URL's href, or the wasmModule value.
 * @type {{wasmURL?: string, wasmModule?: unknown} | null}
 */
let loadedWith = null;

/**
 * loadAPI starts loading (once) and resolves to the API.
 * @param {{wasmURL?: string | URL, wasmModule?: any}} [options]
 * @returns {Promise<GoAPI>}
 */
export function loadAPI(options = {}) {
  if (api !== null) return Promise.resolve(api);
  if (loading === null) {
    loadedWith = describe(options);
    loading = load(options).then((a) => {
      api = a;
      return a;
    }, (err) => {
      loading = null; // a failed load can be retried
      loadedWith = null;
      throw err;
    });
  }
  return loading;
}

/**
 * describe returns what identifies a load's source.
 * @param {{wasmURL?: string | URL, wasmModule?: any}} options
 */
function describe(options) {
  if (options.wasmModule !== undefined) return { wasmModule: options.wasmModule };
  try {
    return { wasmURL: moduleURL(options).href };
  } catch {
    return { wasmURL: '' }; // no URL to load from: load() reports it
  }
}

/**
 * loadModule is init's loading step (init.js adds the warm-up): it checks
 * the options and loads the module once per realm. It may be called again
 * without options, or with the same ones; once loading has started (by init
 * or by a first stream, which loads the default URL), different options are
 * an error that says so. A failed load is forgotten, so init can then try
 * other options.
 * @param {{wasmURL?: string | URL, wasmModule?: any}} [options]
 * @returns {Promise<void>}
 */
export function loadModule(options) {
  if (options === undefined) options = {};
  if (!isPlainObject(options)) {
    return Promise.reject(new TypeError('wasm-sse: init: the options argument must be an object'));
  }
  for (const key of Object.keys(options)) {
    if (key !== 'wasmURL' && key !== 'wasmModule') {
      return Promise.reject(new TypeError(`wasm-sse: init: unknown option "${key}" (expected wasmURL or wasmModule)`));
    }
  }
  const u = options.wasmURL;
  if (u !== undefined && typeof u !== 'string' && !isInstance(u, 'URL')) {
    return Promise.reject(new TypeError('wasm-sse: init: option "wasmURL" must be a string or URL'));
  }
  if (loadedWith !== null && (options.wasmURL !== undefined || options.wasmModule !== undefined)) {
    const wanted = describe(options);
    if (wanted.wasmURL !== loadedWith.wasmURL || wanted.wasmModule !== loadedWith.wasmModule) {
      const was = loadedWith.wasmURL !== undefined ? `from ${loadedWith.wasmURL}` : 'from the given wasmModule';
      const by = api === null ? 'is already loading' : 'was already loaded';
      return Promise.reject(new SSEError(`init: sse.wasm ${by} ${was}, and it is loaded once per page: ` +
        'call init({ wasmURL }) before the first stream opens (a stream started first loads the default URL)'));
    }
  }
  return loadAPI(options).then(() => undefined);
}

/**
 * load instantiates the module and runs Go's main against a private scope.
 * @param {{wasmURL?: string | URL, wasmModule?: any}} options
 * @returns {Promise<GoAPI>}
 */
async function load(options) {
  let crypto;
  if (globalThis.crypto === undefined || typeof globalThis.crypto.getRandomValues !== 'function') {
    crypto = (await import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_CRYPTO)).webcrypto;
  }
  const scope = makeScope(crypto);
  const Go = goRuntime(scope);
  const go = new Go();
  const instance = await instantiate(options, go.importObject);
  const exited = go.run(instance); // runs main synchronously up to its first block
  bindInstance(instance);
  const a = scope.__wasmsse;
  delete scope.__wasmsse;
  if (a === null || typeof a !== 'object' || typeof a.open !== 'function') {
    throw new SSEError('sse.wasm did not hand over its API (is it a wasm-sse build?)');
  }
  exited.then(() => onExit(a, undefined), (/** @type {unknown} */ err) => onExit(a, err));
  return a;
}

/**
 * onExit forgets an API whose Go runtime stopped and fails its streams.
 * @param {GoAPI} a
 * @param {unknown} cause
 */
function onExit(a, cause) {
  if (api !== a) return;
  api = null;
  loading = null;
  failAll(new SSEError('the Go runtime exited', { cause }));
}

/**
 * The fix to name when the module cannot be found where the package looked.
 */
const LOAD_HINT = 'if a bundler moved sse.wasm, give its URL with init({ wasmURL }) before the first stream ' +
  '(esbuild: import wasmURL from "wasm-sse/sse.wasm"; Vite dev server: optimizeDeps: { exclude: ["wasm-sse"] }; ' +
  'see the README, "Loading, bundlers, CSP")';

/**
 * moduleURL is where the module is fetched from: options.wasmURL resolved
 * against the page, or sse.wasm next to this package.
 * @param {{wasmURL?: string | URL}} options
 * @returns {URL}
 */
function moduleURL(options) {
  if (options.wasmURL !== undefined) return new URL(String(options.wasmURL), globalThis.location?.href);
  if (!import.meta.url) {
    // An IIFE/CommonJS bundle has no import.meta.url to find the module by.
    throw new SSEError('cannot locate sse.wasm in this bundle (it has no import.meta.url): call init({ wasmURL }) ' +
      'before the first stream (see the README, "Loading, bundlers, CSP")');
  }
  return new URL('../dist/sse.wasm', import.meta.url);
}

/**
 * instantiate gets an Instance from options.wasmModule (a Module,
 * bytes, a Response, or a Promise of one), options.wasmURL, or the
 * sse.wasm next to this package. Every failure is an SSEError naming the
 * URL it tried and, where it helps, the fix.
 * @param {{wasmURL?: string | URL, wasmModule?: any}} options
 * @param {WebAssembly.Imports} imports
 * @returns {Promise<WebAssembly.Instance>}
 */
async function instantiate(options, imports) {
  if (options.wasmModule !== undefined) {
    const m = await options.wasmModule;
    if (m instanceof WebAssembly.Module) return WebAssembly.instantiate(m, imports);
    if (m instanceof ArrayBuffer || ArrayBuffer.isView(m)) {
      return (await WebAssembly.instantiate(/** @type {BufferSource} */ (m), imports)).instance;
    }
    if (isInstance(m, 'Response')) return fromResponse(m, imports);
    throw new TypeError('wasm-sse: init: option "wasmModule" must be a WebAssembly.Module, bytes or a Response');
  }
  const url = moduleURL(options);
  try {
    if (url.protocol === 'file:') {
      const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_FS);
      const bytes = await readFile(url);
      return (await WebAssembly.instantiate(bytes, imports)).instance;
    }
    const fetch = globalThis.fetch;
    return await fromResponse(await fetch(url), imports);
  } catch (err) {
    if (err instanceof SSEError) throw err;
    const e = /** @type {any} */ (err);
    const why = e && e.message ? String(e.message) : String(err);
    const missing = e && e.code === 'ENOENT';
    throw new SSEError(`failed to load sse.wasm from ${url.href}: ${why}${missing ? `; ${LOAD_HINT}` : ''}`, { cause: err });
  }
}

/**
 * @param {Response} res
 * @param {WebAssembly.Imports} imports
 * @returns {Promise<WebAssembly.Instance>}
 */
async function fromResponse(res, imports) {
  const where = res.url || 'sse.wasm';
  if (!res.ok) {
    throw new SSEError(`failed to load sse.wasm from ${where}: HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}` +
      (res.status === 404 ? `; ${LOAD_HINT}` : ''));
  }
  const type = res.headers.get('content-type') || '';
  if (/^text\/html\s*(;|$)/i.test(type)) {
    // Typically a dev server's fallback page: the bundler did not serve the asset.
    throw new SSEError(`failed to load sse.wasm from ${where}: the server returned an HTML page, not the wasm module; ${LOAD_HINT}`);
  }
  try {
    if (typeof WebAssembly.instantiateStreaming === 'function' && /^application\/wasm\s*(;|$)/i.test(type)) {
      return (await WebAssembly.instantiateStreaming(res, imports)).instance;
    }
    return (await WebAssembly.instantiate(await res.arrayBuffer(), imports)).instance;
  } catch (err) {
    const e = /** @type {any} */ (err);
    throw new SSEError(`failed to load sse.wasm from ${where}: ${e && e.message ? e.message : String(err)}`, { cause: err });
  }
}

/**
 * debugAPI is for tests only (not exported by the package): the loaded
 * API, for liveFuncs() and goroutines().
 * @returns {Promise<GoAPI>}
 */
export function debugAPI() {
  return loadAPI();
}
