// The published artifact: `npm pack` holds exactly the package's files, the
// tarball installs offline into a throwaway project, Node imports it from
// there and streams, and TypeScript finds its types through "exports".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeProject, sh, NPM, ROOT, STREAM_ALL } from './project.js';

const BASE = process.env.SSE_TEST_URL ?? '';
if (BASE === '') throw new Error('SSE_TEST_URL is not set: run through out/sse-testserver -static npm -- node --test npm/test/package/');

/** @type {Awaited<ReturnType<typeof makeProject>>} */
let project;
before(async () => { project = await makeProject(); });
after(() => project?.cleanup());

test('npm pack: the tarball holds src, dist/sse.wasm, dist/go-runtime.js, dist/wasm_exec.js, index.d.ts, sse.wasm.d.ts, README.md, package.json, nothing else', () => {
  const files = project.info.files.map((/** @type {{path: string}} */ f) => f.path).sort();
  const src = readdirSync(join(NPM, 'src')).filter((f) => f.endsWith('.js')).map((f) => `src/${f}`);
  assert.ok(src.length >= 5, 'npm/src has the modules');
  const want = ['README.md', 'dist/go-runtime.js', 'dist/sse.wasm', 'dist/wasm_exec.js', 'index.d.ts', 'package.json', 'sse.wasm.d.ts', ...src].sort();
  assert.deepEqual(files, want);
  assert.ok(!files.some((f) => /(^|\/)(test|bench|scripts)\//.test(f)), 'no tests, benchmarks or scripts');
  const wasm = project.info.files.find((/** @type {{path: string}} */ f) => f.path === 'dist/sse.wasm');
  assert.equal(wasm.size, statSync(join(NPM, 'dist/sse.wasm')).size, 'the built module, whole');
  assert.ok(project.info.size < project.info.unpackedSize / 2, `the tarball compresses the wasm: ${project.info.size} of ${project.info.unpackedSize} bytes`);
});

test('the installed package.json: ESM, exports with types and default, the wasm and wasm_exec.js subpaths, side-effect free, Node >= 18', () => {
  const pkg = JSON.parse(readFileSync(join(project.app, 'node_modules/wasm-sse/package.json'), 'utf8'));
  assert.equal(pkg.name, 'wasm-sse');
  assert.equal(pkg.type, 'module');
  assert.deepEqual(pkg.exports['.'], { types: './index.d.ts', default: './src/index.js' });
  assert.deepEqual(pkg.exports['./sse.wasm'], { types: './sse.wasm.d.ts', default: './dist/sse.wasm' });
  assert.equal(pkg.exports['./wasm_exec.js'], './dist/wasm_exec.js');
  assert.equal(pkg.sideEffects, false);
  assert.equal(pkg.engines.node, '>=18');
  for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) {
    assert.equal(pkg.scripts?.[s], undefined, `no ${s} script runs on users' machines`);
  }
});

test('Node: the installed package imports by name and streams in the three styles', async () => {
  writeFileSync(join(project.app, 'stream.mjs'), STREAM_ALL);
  writeFileSync(join(project.app, 'consumer.mjs'), `
import { streamAll } from './stream.mjs';
const { got, typed } = await streamAll(process.env.SSE_TEST_URL);
process.stdout.write(JSON.stringify({
  got, typed,
  resolved: import.meta.resolve('wasm-sse'),
  wasm: import.meta.resolve('wasm-sse/sse.wasm'),
}));
`);
  const out = JSON.parse(await sh(process.execPath, ['consumer.mjs'], { cwd: project.app, timeout: 30_000, env: { ...process.env, SSE_TEST_URL: BASE } }));
  assert.deepEqual(out.got, ['msg 1', 'msg 2', 'msg 1', 'msg 2', 'msg 1', 'msg 2']);
  assert.equal(out.typed, true);
  assert.equal(out.resolved, `file://${project.app}/node_modules/wasm-sse/src/index.js`);
  assert.equal(out.wasm, `file://${project.app}/node_modules/wasm-sse/dist/sse.wasm`);
});

test('Node: init({wasmURL}) with the "wasm-sse/sse.wasm" export, as a user hosting the module elsewhere would', async () => {
  writeFileSync(join(project.app, 'init.mjs'), `
import { init, events } from 'wasm-sse';
await init({ wasmURL: import.meta.resolve('wasm-sse/sse.wasm') });
const got = [];
for await (const m of events(process.env.SSE_TEST_URL + '/sse?events=1')) got.push(m.data);
process.stdout.write(JSON.stringify(got));
`);
  const out = JSON.parse(await sh(process.execPath, ['init.mjs'], { cwd: project.app, timeout: 30_000, env: { ...process.env, SSE_TEST_URL: BASE } }));
  assert.deepEqual(out, ['msg 1']);
});

test('TypeScript resolves the installed package\'s types (moduleResolution bundler and nodenext)', async () => {
  writeFileSync(join(project.app, 'app.ts'), `
import { fetchEventSource, EventSource, events, init, HTTPError, EventStreamContentType } from 'wasm-sse';
import type { EventSourceMessage, FetchEventSourceInit } from 'wasm-sse';

export async function main(): Promise<string[]> {
  await init({ wasmURL: '/assets/sse.wasm' });
  const out: string[] = [EventStreamContentType];
  const opts: FetchEventSourceInit = { method: 'POST', body: '{}', onmessage: (m: EventSourceMessage) => { out.push(m.data); } };
  await fetchEventSource('/chat', opts);
  const native: globalThis.EventSource = new EventSource('/feed', { headers: { Authorization: 'Bearer x' } });
  native.close();
  try {
    for await (const m of events('/feed')) out.push(m.event, m.data, m.id);
  } catch (e) {
    if (e instanceof HTTPError) out.push(String(e.status));
  }
  // @ts-expect-error misspelled option names are rejected
  await fetchEventSource('/chat', { onMessage() {} });
  return out;
}
`);
  for (const [module, moduleResolution] of [['esnext', 'bundler'], ['nodenext', 'nodenext']]) {
    writeFileSync(join(project.app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: 'es2022', lib: ['es2022', 'dom', 'dom.iterable'],
        module, moduleResolution, types: [], skipLibCheck: false,
      },
      files: ['app.ts'],
    }));
    await sh(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: project.app, timeout: 60_000 });
  }
});
