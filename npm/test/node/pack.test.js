// The published shape: `npm pack` gives a tarball that installs into a
// fresh project, imports as `wasm-sse` in Node, and bundles with esbuild
// (browser platform, no node: specifier to resolve) and Vite (sse.wasm
// emitted as an asset through new URL(..., import.meta.url)).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, readdir, copyFile, readFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE } from './helpers.js';

const pkgDir = fileURLToPath(new URL('../../', import.meta.url));
const rootBin = fileURLToPath(new URL('../../../node_modules/.bin/', import.meta.url));
/** @type {string} */
let dir;
/** @type {string} */
let project;

/**
 * sh runs a command and resolves with its stdout.
 * @param {string} cmd
 * @param {string[]} args
 * @param {string} cwd
 */
function sh(cmd, args, cwd) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, timeout: 120000, env: { ...process.env, SSE_TEST_URL: BASE, npm_config_update_notifier: 'false' } }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')}: ${err.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

const APP = `import { events, init, EventSource, fetchEventSource, HTTPError } from 'wasm-sse';
if (process.env.WASM_URL) await init({ wasmURL: process.env.WASM_URL });
const got = [];
for await (const m of events(process.env.SSE_TEST_URL + '/sse?events=3')) got.push(m.data);
console.log(JSON.stringify({ got, types: [typeof EventSource, typeof fetchEventSource, typeof HTTPError] }));
`;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wasm-sse-pack-'));
  project = join(dir, 'app');
  await mkdir(project);
  await sh('npm', ['pack', '--pack-destination', dir, '--silent'], pkgDir);
  const tgz = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
  assert.ok(tgz, 'npm pack made no tarball');
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  await sh('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', join(dir, tgz)], project);
  await writeFile(join(project, 'app.js'), APP);
});

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the tarball holds the files the exports map needs, and no tests', async () => {
  const files = (await sh('find', ['.', '-type', 'f'], join(project, 'node_modules/wasm-sse'))).split('\n').filter(Boolean).map((f) => f.slice(2)).sort();
  assert.deepEqual(files, [
    'README.md', 'dist/go-runtime.js', 'dist/sse.wasm', 'dist/wasm_exec.js', 'index.d.ts', 'package.json',
    'src/batch.js', 'src/errors.js', 'src/event-source.js', 'src/events.js', 'src/fetch-event-source.js',
    'src/index.js', 'src/loader.js', 'src/options.js', 'src/scope.js', 'src/stream.js',
  ]);
  const pkg = JSON.parse(await readFile(join(project, 'node_modules/wasm-sse/package.json'), 'utf8'));
  assert.equal(pkg.name, 'wasm-sse');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.sideEffects, false);
});

test('installed: imports as wasm-sse in Node and streams; export subpaths resolve', async () => {
  const out = JSON.parse(await sh(process.execPath, ['app.js'], project));
  assert.deepEqual(out, { got: ['msg 1', 'msg 2', 'msg 3'], types: ['function', 'function', 'function'] });
  const sub = await sh(process.execPath, ['-e', "for (const s of ['wasm-sse/sse.wasm', 'wasm-sse/wasm_exec.js', 'wasm-sse/package.json']) console.log(require.resolve(s).slice(process.cwd().length))"], project);
  assert.deepEqual(sub.trim().split('\n'), [
    '/node_modules/wasm-sse/dist/sse.wasm', '/node_modules/wasm-sse/dist/wasm_exec.js', '/node_modules/wasm-sse/package.json',
  ]);
});

test('esbuild bundles it for the browser; the bundle runs with init({wasmURL})', async () => {
  await sh(join(rootBin, 'esbuild'), ['app.js', '--bundle', '--format=esm', '--platform=browser', '--outfile=out/app.js', '--log-level=warning'], project);
  const bundle = await readFile(join(project, 'out/app.js'), 'utf8');
  assert.ok(!bundle.includes('eval('), 'no eval in the bundle');
  await copyFile(join(project, 'node_modules/wasm-sse/dist/sse.wasm'), join(project, 'out/sse.wasm'));
  const wasmURL = new URL('out/sse.wasm', `file://${project}/`).href;
  const out = await new Promise((resolve, reject) => {
    execFile(process.execPath, ['out/app.js'], { cwd: project, timeout: 30000, env: { ...process.env, SSE_TEST_URL: BASE, WASM_URL: wasmURL } },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
  });
  assert.deepEqual(JSON.parse(/** @type {string} */ (out)).got, ['msg 1', 'msg 2', 'msg 3']);
});

test('Vite emits sse.wasm as an asset of the build', async () => {
  await writeFile(join(project, 'index.html'), '<!doctype html><script type="module" src="./web.js"></script>');
  await writeFile(join(project, 'web.js'), "import { events } from 'wasm-sse';\nfor await (const m of events('/sse')) document.body.append(m.data);\n");
  await sh(join(rootBin, 'vite'), ['build', '--logLevel', 'warn', '--outDir', 'vdist'], project);
  const assets = await readdir(join(project, 'vdist/assets'));
  const wasm = assets.find((f) => /^sse-.*\.wasm$/.test(f));
  assert.ok(wasm, `no sse*.wasm among ${assets}`);
  const js = assets.filter((f) => f.endsWith('.js'));
  const code = (await Promise.all(js.map((f) => readFile(join(project, 'vdist/assets', f), 'utf8')))).join('\n');
  assert.ok(code.includes(wasm), 'the bundle refers to the emitted wasm');
});
