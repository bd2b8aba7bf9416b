// Loads sse.wasm once per realm and hands out Go's API object
// (wasm/jsapi/PROTOCOL.md). Loading starts on the first stream or on init();
// a failed load is forgotten so the next call tries again.
import goRuntime from '../dist/go-runtime.js';
import { bindInstance } from './memory.js';
import { makeScope } from './scope.js';
import { SSEError } from './errors.js';
import { isInstance, isPlainObject } from './options.js';

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
/** Streams with an open handle, failed together if the Go runtime exits. */
const live = new Set();

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
 * loadAPI starts loading (once) and resolves to the API.
 * @param {{wasmURL?: string | URL, wasmModule?: any}} [options]
 * @returns {Promise<GoAPI>}
 */
export function loadAPI(options = {}) {
  if (api !== null) return Promise.resolve(api);
  if (loading === null) {
    loading = load(options).then((a) => {
      api = a;
      return a;
    }, (err) => {
      loading = null; // a failed load can be retried
      throw err;
    });
  }
  return loading;
}

/**
 * init preloads the wasm module. Options apply to the first load only: once
 * loading has started, later calls share it.
 * @param {{wasmURL?: string | URL, wasmModule?: any}} [options]
 * @returns {Promise<void>}
 */
export function init(options) {
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
  return loadAPI(options).then(() => undefined);
}

/**
 * A timer that keeps Node alive while a stream is open (Go's own timers are
 * unref'd, see scope.js): a stream waiting to reconnect is work in progress.
 * @type {ReturnType<typeof setInterval> | null}
 */
let keepAlive = null;

/** @param {object} stream */
export function track(stream) {
  live.add(stream);
  if (keepAlive === null) keepAlive = setInterval(() => {}, 0x7fffffff);
}

/** @param {object} stream */
export function untrack(stream) {
  live.delete(stream);
  if (live.size === 0 && keepAlive !== null) {
    clearInterval(keepAlive);
    keepAlive = null;
  }
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
  exited.then(() => onExit(a, undefined), (err) => onExit(a, err));
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
  const err = new SSEError('the Go runtime exited', { cause });
  for (const s of [...live]) /** @type {any} */ (s).fail(err); // each untracks itself
}

/**
 * instantiate gets an Instance from options.wasmModule (a Module,
 * bytes, a Response, or a Promise of one), options.wasmURL, or the
 * sse.wasm next to this package.
 * @param {{wasmURL?: string | URL, wasmModule?: any}} options
 * @param {WebAssembly.Imports} imports
 * @returns {Promise<WebAssembly.Instance>}
 */
async function instantiate(options, imports) {
  if (options.wasmModule !== undefined) {
    const m = await options.wasmModule;
    if (m instanceof WebAssembly.Module) return WebAssembly.instantiate(m, imports);
    if (m instanceof ArrayBuffer || ArrayBuffer.isView(m)) {
      return (await WebAssembly.instantiate(m, imports)).instance;
    }
    if (isInstance(m, 'Response')) return fromResponse(m, imports);
    throw new TypeError('wasm-sse: init: option "wasmModule" must be a WebAssembly.Module, bytes or a Response');
  }
  if (options.wasmURL === undefined && !import.meta.url) {
    // An IIFE/CommonJS bundle has no import.meta.url to find the module by.
    throw new SSEError('cannot locate sse.wasm in this bundle: call init({ wasmURL }) first (see the README, "Loading, bundlers, CSP")');
  }
  const url = options.wasmURL !== undefined
    ? new URL(String(options.wasmURL), globalThis.location?.href)
    : new URL('../dist/sse.wasm', import.meta.url);
  if (url.protocol === 'file:') {
    const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_FS);
    const bytes = await readFile(url);
    return (await WebAssembly.instantiate(bytes, imports)).instance;
  }
  const fetch = globalThis.fetch;
  return fromResponse(await fetch(url), imports);
}

/**
 * @param {Response} res
 * @param {WebAssembly.Imports} imports
 * @returns {Promise<WebAssembly.Instance>}
 */
async function fromResponse(res, imports) {
  if (!res.ok) throw new SSEError(`loading ${res.url || 'sse.wasm'} failed: HTTP ${res.status}`);
  const type = res.headers.get('content-type') || '';
  if (/^text\/html\s*(;|$)/i.test(type)) {
    // Typically a dev server's fallback page: the bundler did not serve the asset.
    throw new SSEError(`loading ${res.url || 'sse.wasm'} returned an HTML page, not the wasm module: serve dist/sse.wasm as a file or call init({ wasmURL }) (see the README, "Loading, bundlers, CSP")`);
  }
  if (typeof WebAssembly.instantiateStreaming === 'function' && /^application\/wasm\s*(;|$)/i.test(type)) {
    return (await WebAssembly.instantiateStreaming(res, imports)).instance;
  }
  return (await WebAssembly.instantiate(await res.arrayBuffer(), imports)).instance;
}

/**
 * debugAPI is for tests only (not exported by the package): the loaded
 * API, for liveFuncs() and goroutines().
 * @returns {Promise<GoAPI>}
 */
export function debugAPI() {
  return loadAPI();
}
