// The loader and the Go runtime scope, each scenario in a fresh Node process:
// the wasm module is loaded once per realm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BASE } from './helpers.js';

const fixture = (/** @type {string} */ name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/**
 * run executes a fixture in a fresh process and parses its JSON output.
 * @param {string[]} args
 * @param {string[]} [nodeFlags]
 */
function run(args, nodeFlags = []) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...nodeFlags, ...args], { env: { ...process.env, SSE_TEST_URL: BASE }, timeout: 20000 }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(`${args.join(' ')} failed: ${err.message}\n${stderr}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout));
      } catch {
        reject(new Error(`${args.join(' ')}: not JSON: ${stdout}\n${stderr}`));
      }
    });
  });
}

const TWO = ['msg 1', 'msg 2'];

test('globals: loading the package and running streams leaves the global object unchanged', async () => {
  const r = await run([fixture('globals.mjs')]);
  assert.deepEqual(r.got, ['msg 1', 'msg 2', 'msg 1', 'msg 2', 'msg 1', 'msg 2']);
  assert.deepEqual({ added: r.added, removed: r.removed, changed: r.changed, watched: r.watchedChanged },
    { added: [], removed: [], changed: [], watched: [] });
});

test('globals: without a global crypto (as in Node 18) the runtime gets node:crypto privately', async () => {
  const r = await run([fixture('globals.mjs')], ['--no-experimental-global-webcrypto']);
  assert.equal(r.hasGlobalCrypto, 'undefined');
  assert.deepEqual(r.got.length, 6);
  assert.deepEqual({ added: r.added, removed: r.removed, changed: r.changed, watched: r.watchedChanged },
    { added: [], removed: [], changed: [], watched: [] });
});

test('loader: a failed load fails init and the streams waiting on it, and is retried by the next stream', async () => {
  const r = await run([fixture('loader.mjs'), 'retry']);
  assert.equal(r.init.error, 'SSEError');
  assert.equal(r.init.cause, 'ENOENT');
  // The message names the URL tried and the fix.
  assert.match(r.init.message, /^wasm-sse: failed to load sse\.wasm from file:\/\/\/nonexistent\/sse\.wasm: ENOENT.*init\(\{ wasmURL \}\)/);
  assert.equal(r.waiting.sse, true);
  assert.equal(r.waiting.message, r.init.message);
  assert.deepEqual(r.again, { ok: TWO });
});

test('loader: init with another wasmURL after a stream started loading is an error naming both; the same URL or no options share the load', async () => {
  const r = await run([fixture('loader.mjs'), 'conflict']);
  assert.equal(r.other.error, 'SSEError');
  assert.match(r.other.message, /^wasm-sse: init: sse\.wasm is already loading from file:\/\/\S+\/dist\/sse\.wasm, and it is loaded once per page: call init\(\{ wasmURL \}\) before the first stream opens/);
  assert.deepEqual(r.same, {}); // resolved (undefined is dropped by JSON)
  assert.deepEqual(r.stream, { ok: TWO });
  assert.match(r.later.message, /^wasm-sse: init: sse\.wasm was already loaded from /);
  assert.deepEqual(r.plain, {});
});

test('loader: init({wasmModule}) with a compiled Module; later init() calls share the load', async () => {
  const r = await run([fixture('loader.mjs'), 'module']);
  assert.deepEqual(r, { init: {}, second: {}, stream: { ok: TWO } });
});

test('loader: init({wasmModule}) with a Promise of bytes', async () => {
  assert.deepEqual(await run([fixture('loader.mjs'), 'bytes']), { init: {}, stream: { ok: TWO } });
});

test('loader: init({wasmModule}) with an application/wasm Response (instantiateStreaming)', async () => {
  assert.deepEqual(await run([fixture('loader.mjs'), 'response']), { init: {}, stream: { ok: TWO } });
});

test('loader: init({wasmURL}) with a file: URL string', async () => {
  assert.deepEqual(await run([fixture('loader.mjs'), 'url']), { init: {}, stream: { ok: TWO } });
});

test('loader: init() warms the module up without a request and leaves no goroutine or js.Func behind', async () => {
  const r = await run([fixture('loader.mjs'), 'warm']);
  assert.deepEqual(r.got, TWO);
  assert.equal(r.afterInit.responses, 1, 'one warm-up stream, on an in-memory Response');
  assert.equal(r.afterInit.fetches, 0, 'the warm-up stream never reaches the network');
  assert.equal(r.afterInit.funcs, 0);
  assert.equal(r.afterStream.fetches, 1);
  assert.equal(r.afterStream.funcs, 0);
  assert.equal(r.afterInit.goroutines, r.afterStream.goroutines, 'back to the same idle count after the warm-up and after a real stream');
});

test('loader: init options are validated', async () => {
  const r = await run([fixture('loader.mjs'), 'badOptions']);
  assert.equal(r.unknown.error, 'TypeError');
  assert.match(r.unknown.message, /init: unknown option "wasmUrl"/);
  assert.equal(r.type.error, 'TypeError');
  assert.match(r.type.message, /"wasmURL" must be a string or URL/);
  assert.equal(r.module.error, 'TypeError');
  assert.match(r.module.message, /"wasmModule" must be a WebAssembly.Module, bytes or a Response/);
  assert.deepEqual(r.after, { ok: TWO });
});

test('node: a stream waiting to reconnect keeps the process alive', async () => {
  assert.deepEqual(await run([fixture('loader.mjs'), 'backoffKeepsAlive']), { stream: { ok: ['msg 1'] } });
});

test('node: after an abort during a 20 s backoff the process exits at once', async () => {
  const t0 = performance.now();
  assert.deepEqual(await run([fixture('loader.mjs'), 'exitAfterAbort']), { aborted: true });
  const took = performance.now() - t0;
  assert.ok(took < 10000, `the process took ${took} ms to exit`);
});
