// A throwaway consumer project with the packed package installed: `npm pack`
// of npm/, then `npm install <tarball> --offline` into a temp directory, as
// a user's `npm install wasm-sse` would lay it out (no workspace links).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The npm/ directory. */
export const NPM = fileURLToPath(new URL('../../', import.meta.url));
/** The repository root (its node_modules holds esbuild, vite, playwright-core, typescript). */
/**
 * STREAM_ALL is the source of a module that imports the package by its name
 * and exports streamAll(base): two events in each of the three styles, then
 * whether a 404 surfaces as a typed HTTPError. Node and the bundled pages
 * run the same code.
 */
export const STREAM_ALL = `import { fetchEventSource, EventSource, events, HTTPError } from 'wasm-sse';
export async function streamAll(base) {
  const got = [];
  await fetchEventSource(base + '/sse?events=2', { onmessage: (m) => got.push(m.data) });
  for await (const m of events(base + '/sse?events=2')) got.push(m.data);
  await new Promise((resolve, reject) => {
    const es = new EventSource(base + '/sse?events=2&end=hang');
    es.onmessage = (ev) => { got.push(ev.data); if (got.length === 6) { es.close(); resolve(); } };
    es.onerror = (ev) => reject(ev.error);
  });
  let typed = false;
  try { for await (const _ of events(base + '/sse?status=404')) {} } catch (e) { typed = e instanceof HTTPError && e.status === 404; }
  return { got, typed };
}
`;

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * sh runs a command without a shell, bounded in time, and returns stdout.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{cwd: string, timeout?: number, env?: NodeJS.ProcessEnv}} o
 * @returns {Promise<string>}
 */
export function sh(cmd, args, o) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd: o.cwd, timeout: o.timeout ?? 60_000, env: o.env ?? process.env, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} (in ${o.cwd}): ${err.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/**
 * pack runs `npm pack` in npm/ into dir and returns npm's report of the
 * tarball: {filename, size, unpackedSize, files: [{path, size}]}.
 * @param {string} dir
 */
export async function pack(dir) {
  for (const f of ['dist/sse.wasm', 'dist/go-runtime.js', 'dist/wasm_exec.js']) {
    assert.ok(existsSync(join(NPM, f)), `npm/${f} is missing: run \`make build\` first`);
  }
  const out = await sh('npm', ['pack', '--json', '--pack-destination', dir], { cwd: NPM });
  const [info] = JSON.parse(out);
  return { ...info, tarball: join(dir, info.filename) };
}

/**
 * makeProject packs the package and installs the tarball into a fresh
 * project (package.json with "type": "module"); cleanup() removes it all.
 */
export async function makeProject() {
  const dir = mkdtempSync(join(tmpdir(), 'wasm-sse-consumer-'));
  try {
    const info = await pack(dir);
    const app = join(dir, 'app');
    await sh('mkdir', ['-p', app], { cwd: dir });
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
    await sh('npm', ['install', info.tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'], { cwd: app });
    assert.ok(existsSync(join(app, 'node_modules/wasm-sse/package.json')), 'the tarball is installed');
    return { dir, app, info, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
