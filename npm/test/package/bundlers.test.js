// The packed package as bundled apps use it, in headless Chromium: esbuild
// (ESM and IIFE with the documented recipe, and what happens without it),
// Vite (build with no configuration; the dev server with the documented
// optimizeDeps.exclude), and Web Workers (module workers, bundled by
// esbuild and by Vite, and unbundled). Each page streams in the three
// styles from the Go test server on another origin and checks a typed error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeProject, ROOT, STREAM_ALL } from './project.js';
import { launch, within, BASE } from '../browser/helpers.js';
import { serveStatic } from '../browser/static-server.js';

const esbuild = await import(pathToFileURL(join(ROOT, 'node_modules/esbuild/lib/main.js')).href);
const vite = await import(pathToFileURL(join(ROOT, 'node_modules/vite/dist/node/index.js')).href);

/** What every page and worker reports when all went well. */
const WANT = { got: ['msg 1', 'msg 2', 'msg 1', 'msg 2', 'msg 1', 'msg 2'], typed: true };

/** The consumer's code, written into the throwaway project. */
const SOURCES = {
  // Three styles and a typed error; imports the package by its name.
  'src/stream.js': STREAM_ALL + `
export const report = (p) => p.then(
  (r) => { document.getElementById('result').textContent = JSON.stringify(r); },
  (e) => { document.getElementById('result').textContent = JSON.stringify({ error: e.name + ': ' + e.message }); });
export const sseBase = () => new URLSearchParams(location.search).get('sse');
`,
  // No configuration: relies on the package finding sse.wasm by itself.
  'src/page.js': `
import { streamAll, report, sseBase } from './stream.js';
report(streamAll(sseBase()));
`,
  // The esbuild recipe: the "wasm-sse/sse.wasm" export through the file loader, then init().
  'src/page-init.js': `
import { init } from 'wasm-sse';
import wasmURL from 'wasm-sse/sse.wasm';
import { streamAll, report, sseBase } from './stream.js';
report(init({ wasmURL }).then(() => streamAll(sseBase())));
`,
  // A page that runs worker.js (or worker-init.js) as a module worker.
  'src/page-worker.js': `
const out = document.getElementById('result');
const name = new URLSearchParams(location.search).get('worker') || 'worker.js';
const w = new Worker(new URL('./' + name, import.meta.url), { type: 'module' });
w.onmessage = (e) => { out.textContent = JSON.stringify(e.data); w.terminate(); };
w.onerror = (e) => { out.textContent = JSON.stringify({ error: 'worker: ' + e.message }); };
w.postMessage(new URLSearchParams(location.search).get('sse'));
`,
  'src/page-vite-worker.js': `
const out = document.getElementById('result');
const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
w.onmessage = (e) => { out.textContent = JSON.stringify(e.data); w.terminate(); };
w.onerror = (e) => { out.textContent = JSON.stringify({ error: 'worker: ' + e.message }); };
w.postMessage(new URLSearchParams(location.search).get('sse'));
`,
  'src/worker.js': `
import { streamAll } from './stream-worker.js';
self.onmessage = async (e) => {
  try { self.postMessage({ ...(await streamAll(e.data)), inWorker: typeof document === 'undefined' && typeof WorkerGlobalScope === 'function' }); }
  catch (err) { self.postMessage({ error: String(err) }); }
};
`,
  'src/worker-init.js': `
import { init } from 'wasm-sse';
import wasmURL from 'wasm-sse/sse.wasm';
import { streamAll } from './stream-worker.js';
self.onmessage = async (e) => {
  try { await init({ wasmURL }); self.postMessage({ ...(await streamAll(e.data)), inWorker: typeof document === 'undefined' }); }
  catch (err) { self.postMessage({ error: String(err) }); }
};
`,
  // stream.js without its DOM helpers (the same three styles).
  'src/stream-worker.js': `export { streamAll } from './stream.js';`,
  // An unbundled module worker importing the installed package by path.
  'plain/worker.js': `
import { fetchEventSource, EventSource, events, HTTPError } from '../node_modules/wasm-sse/src/index.js';
self.onmessage = async (e) => {
  const base = e.data;
  try {
    const got = [];
    await fetchEventSource(base + '/sse?events=2', { onmessage: (m) => got.push(m.data), openWhenHidden: false });
    for await (const m of events(base + '/sse?events=2')) got.push(m.data);
    await new Promise((resolve, reject) => {
      const es = new EventSource(base + '/sse?events=2&end=hang');
      es.onmessage = (ev) => { got.push(ev.data); if (got.length === 6) { es.close(); resolve(); } };
      es.onerror = (ev) => reject(ev.error);
    });
    let typed = false;
    try { for await (const _ of events(base + '/sse?status=404')) {} } catch (err) { typed = err instanceof HTTPError; }
    self.postMessage({ got, typed, inWorker: typeof document === 'undefined' });
  } catch (err) { self.postMessage({ error: String(err) }); }
};
`,
  'plain/index.html': html('../src/page-worker.js'),
};

/**
 * html is a page running one module script and showing #result.
 * @param {string} script
 */
function html(script) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>consumer</title>` +
    `<script type="module" src="${script}"></script></head><body><pre id="result"></pre></body></html>`;
}

/** @type {Awaited<ReturnType<typeof makeProject>>} */
let project;
/** @type {Awaited<ReturnType<typeof launch>>} */
let browser;
/** @type {{close: () => Promise<void>}[]} */
const servers = [];

before(async () => {
  [project, browser] = await Promise.all([makeProject(), launch()]);
  for (const [path, text] of Object.entries(SOURCES)) {
    mkdirSync(join(project.app, path, '..'), { recursive: true });
    writeFileSync(join(project.app, path), text);
  }
});
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await browser?.close();
  project?.cleanup();
});

/**
 * serve serves dir on a new loopback port (a second origin: the streams are cross-origin).
 * @param {string} dir
 */
async function serve(dir) {
  const s = await serveStatic(dir);
  servers.push(s);
  return s;
}

/**
 * open loads a page in Chromium and returns what it wrote to #result, the
 * URLs of the .wasm files it requested, and its uncaught errors.
 * @param {string} pageURL
 * @param {Record<string, string>} [query]
 */
async function open(pageURL, query = {}) {
  const page = await browser.context.newPage();
  /** @type {string[]} */
  const wasm = [];
  /** @type {string[]} */
  const errors = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    const u = new URL(pageURL);
    u.searchParams.set('sse', BASE);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    await page.goto(u.href);
    await page.waitForFunction(() => (document.getElementById('result')?.textContent ?? '') !== '', undefined, { timeout: 20_000 });
    return { result: JSON.parse(/** @type {string} */ (await page.textContent('#result'))), wasm, errors };
  } finally {
    await within(page.close(), 5000, 'page close');
  }
}

/**
 * bundle runs esbuild on entries of src/ into outDir (with an index.html
 * per entry page), as a user's build script would.
 * @param {string} outDir
 * @param {object} options esbuild options on top of bundle + outdir
 * @param {string[]} entries
 */
async function bundle(outDir, options, entries) {
  const r = await esbuild.build({
    absWorkingDir: project.app,
    entryPoints: entries.map((e) => `src/${e}`),
    bundle: true,
    outdir: outDir,
    logLevel: 'silent',
    ...options,
  });
  return r;
}

test('esbuild (ESM): "wasm-sse/sse.wasm" through the file loader plus init({wasmURL}) streams in the three styles', async () => {
  const out = join(project.app, 'out-esm');
  const r = await bundle(out, { format: 'esm', loader: { '.wasm': 'file' } }, ['page-init.js']);
  assert.deepEqual(r.errors, []);
  writeFileSync(join(out, 'index.html'), html('./page-init.js'));
  const emitted = readdirSync(out).filter((f) => f.endsWith('.wasm'));
  assert.equal(emitted.length, 1, `esbuild copied sse.wasm: ${readdirSync(out)}`);
  const s = await serve(out);
  const { result, wasm, errors } = await open(s.url + 'index.html');
  assert.deepEqual(result, WANT);
  assert.deepEqual(wasm, [s.url + emitted[0]]);
  assert.deepEqual(errors, []);
});

test('the README\'s esbuild recipe as printed: its code and its command line build a page that streams', async () => {
  const readme = readFileSync(join(ROOT, 'npm/README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('- **esbuild**'));
  const code = /```js\n([\s\S]*?)```/.exec(section);
  const cmd = /```sh\n([\s\S]*?)```/.exec(section);
  assert.ok(code && cmd, 'the README has the recipe\'s code and command');
  const line = cmd[1].trim();
  assert.match(line, /^npx esbuild app\.js /);
  const dir = join(project.app, 'readme-esbuild');
  mkdirSync(dir);
  // The README's code (indented in its list item), then the page's streams.
  writeFileSync(join(dir, 'app.js'), code[1].replace(/^ {2}/gm, '') +
    "import { streamAll, report, sseBase } from '../src/stream.js';\nreport(streamAll(sseBase()));\n");
  // The command as printed; npx runs the repository's esbuild (no download).
  execFileSync(join(ROOT, 'node_modules/.bin/esbuild'), line.split(/\s+/).slice(2), { cwd: dir, stdio: 'pipe' });
  writeFileSync(join(dir, 'dist/index.html'), html('./app.js'));
  const s = await serve(join(dir, 'dist'));
  const { result, errors } = await open(s.url + 'index.html');
  assert.deepEqual(result, WANT);
  assert.deepEqual(errors, []);
});

test('esbuild (IIFE, its default browser format): the same recipe works; without init() the load fails (import.meta is empty there)', async () => {
  const out = join(project.app, 'out-iife');
  const r = await bundle(out, { format: 'iife', loader: { '.wasm': 'file' } }, ['page-init.js']);
  assert.deepEqual(r.errors, []);
  const classic = (/** @type {string} */ src) => `<!doctype html><html><head><meta charset="utf-8"><script src="${src}" defer></script></head><body><pre id="result"></pre></body></html>`;
  writeFileSync(join(out, 'index.html'), classic('./page-init.js'));
  const s = await serve(out);
  const { result, errors } = await open(s.url + 'index.html');
  assert.deepEqual(result, WANT);
  assert.deepEqual(errors, []);
  // Without init(), an IIFE bundle has no import.meta.url to find sse.wasm from.
  const bare = join(project.app, 'out-iife-bare');
  assert.deepEqual((await bundle(bare, { format: 'iife' }, ['page.js'])).errors, []);
  writeFileSync(join(bare, 'index.html'), classic('./page.js'));
  const b = await serve(bare);
  const failed = (await open(b.url + 'index.html')).result;
  assert.match(failed.error, /^SSEError: wasm-sse: cannot locate sse\.wasm in this bundle \(it has no import\.meta\.url\): call init\(\{ wasmURL \}\)/);
});

test('esbuild without the recipe: the bundle builds, and the first stream fails with an SSEError naming the sse.wasm URL it tried', async () => {
  const out = join(project.app, 'out-bare');
  const r = await bundle(out, { format: 'esm' }, ['page.js']);
  assert.deepEqual(r.errors, []);
  writeFileSync(join(out, 'index.html'), html('./page.js'));
  const s = await serve(out);
  const { result } = await open(s.url + 'index.html');
  // new URL('../dist/sse.wasm', import.meta.url) now points next to the bundle.
  assert.ok(result.error.startsWith(`SSEError: wasm-sse: failed to load sse.wasm from ${s.url}dist/sse.wasm: HTTP 404`), result.error);
  // ... and says what to do about it.
  assert.match(result.error, /init\(\{ wasmURL \}\).*esbuild: import wasmURL from "wasm-sse\/sse\.wasm"/);
  // Copying the module to that URL is the other way to make it work.
  mkdirSync(join(out, 'dist'));
  cpSync(join(project.app, 'node_modules/wasm-sse/dist/sse.wasm'), join(out, 'dist/sse.wasm'));
  assert.deepEqual((await open(s.url + 'index.html')).result, WANT);
});

test('esbuild: a module worker bundled with the recipe streams in the three styles', async () => {
  const out = join(project.app, 'out-worker');
  const r = await bundle(out, { format: 'esm', loader: { '.wasm': 'file' } }, ['page-worker.js', 'worker-init.js']);
  assert.deepEqual(r.errors, []);
  writeFileSync(join(out, 'index.html'), html('./page-worker.js'));
  const s = await serve(out);
  const { result, wasm } = await open(s.url + 'index.html', { worker: 'worker-init.js' });
  assert.deepEqual(result, { ...WANT, inWorker: true });
  assert.equal(wasm.length, 1);
});

test('unbundled: a module worker importing the installed package by path streams in the three styles', async () => {
  const s = await serve(project.app);
  const { result, wasm } = await open(s.url + 'plain/index.html', { worker: '../plain/worker.js' });
  assert.deepEqual(result, { ...WANT, inWorker: true });
  assert.deepEqual(wasm, [s.url + 'node_modules/wasm-sse/dist/sse.wasm']);
});

test('Vite build, no configuration: sse.wasm is emitted as an asset and resolves, in a page and in a module worker', async () => {
  writeFileSync(join(project.app, 'index.html'), html('./src/page.js'));
  writeFileSync(join(project.app, 'worker.html'), html('./src/page-vite-worker.js'));
  await vite.build({
    root: project.app,
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir: 'out-vite',
      rollupOptions: { input: { main: join(project.app, 'index.html'), worker: join(project.app, 'worker.html') } },
    },
  });
  const out = join(project.app, 'out-vite');
  const assets = readdirSync(join(out, 'assets'));
  assert.ok(assets.some((f) => /^sse-.*\.wasm$/.test(f)), `sse.wasm emitted: ${assets}`);
  const s = await serve(out);
  const page = await open(s.url + 'index.html');
  assert.deepEqual(page.result, WANT);
  assert.equal(page.wasm.length, 1);
  assert.match(page.wasm[0], /\/assets\/sse-.*\.wasm$/);
  const worker = await open(s.url + 'worker.html');
  assert.deepEqual(worker.result, { ...WANT, inWorker: true });
});

test('Vite dev server with optimizeDeps.exclude: ["wasm-sse"] serves a page that streams in the three styles', async () => {
  writeFileSync(join(project.app, 'index.html'), html('./src/page.js'));
  const dev = await vite.createServer({
    root: project.app,
    configFile: false,
    logLevel: 'silent',
    appType: 'spa',
    cacheDir: join(project.app, 'node_modules/.vite'),
    optimizeDeps: { exclude: ['wasm-sse'] },
    server: { middlewareMode: true, hmr: false, ws: false },
  });
  const http = createServer(dev.middlewares);
  await new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve(undefined)));
  servers.push({
    close: async () => {
      await dev.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(() => resolve(undefined)));
    },
  });
  const port = /** @type {import('node:net').AddressInfo} */ (http.address()).port;
  const { result, wasm } = await open(`http://127.0.0.1:${port}/index.html`);
  assert.deepEqual(result, WANT);
  assert.deepEqual(wasm, [`http://127.0.0.1:${port}/node_modules/wasm-sse/dist/sse.wasm`]);
});
