// Builds the benchmark page into the static directory the test server
// serves under /static/: the page bundle (every client and measure), one
// cold-start bundle per client, and a copy of sse.wasm at the path
// wasm-sse's loader looks for by default (../dist/sse.wasm next to js/).
import { build } from 'esbuild';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** npm/bench/ */
export const benchDir = path.dirname(here);
/** npm/ */
export const npmDir = path.dirname(benchDir);

/** The module of each client, and the name it exports. */
export const clientModules = {
  'raw-read': ['clients/raw.js', 'rawRead'],
  'raw-decode': ['clients/raw.js', 'rawDecode'],
  'wasm-sse': ['clients/wasm-sse.js', 'wasmSse'],
  'wasm-sse-es': ['clients/wasm-sse.js', 'wasmSseEventSource'],
  'wasm-sse-iter': ['clients/wasm-sse.js', 'wasmSseEvents'],
  'eventsource-parser': ['clients/eventsource-parser.js', 'eventsourceParser'],
  'fetch-event-source': ['clients/fetch-event-source.js', 'fetchEventSource'],
  eventsource: ['clients/eventsource.js', 'eventsource'],
  'native-es': ['clients/native-eventsource.js', 'nativeEventSource'],
};

/** The shared esbuild options: an ES module for current browsers. */
const common = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  logLevel: 'silent',
  absWorkingDir: path.dirname(npmDir),
};

/**
 * buildPage writes index.html, cold.html, cold-preload.html, bare.html,
 * js/bench.js, js/bare.js, js/cold-<id>.js, js/cold-preload.js and
 * dist/sse.wasm (a copy of wasmPath) into staticDir.
 * @param {string} staticDir
 * @param {string} wasmPath
 */
export async function buildPage(staticDir, wasmPath) {
  await fs.mkdir(path.join(staticDir, 'js'), { recursive: true });
  await fs.mkdir(path.join(staticDir, 'dist'), { recursive: true });
  await fs.copyFile(wasmPath, path.join(staticDir, 'dist', 'sse.wasm'));
  for (const f of ['index.html', 'cold.html', 'cold-preload.html', 'bare.html']) {
    await fs.copyFile(path.join(benchDir, 'page', f), path.join(staticDir, f));
  }
  await fs.copyFile(path.join(benchDir, 'page', 'bare.js'), path.join(staticDir, 'js', 'bare.js'));
  await build({
    ...common,
    entryPoints: [path.join(benchDir, 'page', 'main.js')],
    outfile: path.join(staticDir, 'js', 'bench.js'),
  });
  for (const [id, [mod, name]] of Object.entries(clientModules)) {
    await build({
      ...common,
      minify: true,
      entryPoints: [path.join(benchDir, 'page', 'cold.js')],
      outfile: path.join(staticDir, 'js', `cold-${id}.js`),
      plugins: [alias('bench-cold-client', `export { ${name} as client } from ${JSON.stringify(path.join(here, mod))};`)],
    });
  }
  await build({
    ...common,
    minify: true,
    entryPoints: [path.join(benchDir, 'page', 'cold-preload.js')],
    outfile: path.join(staticDir, 'js', 'cold-preload.js'),
  });
}

/**
 * alias is an esbuild plugin resolving one bare specifier to given source.
 * @param {string} specifier
 * @param {string} contents
 */
function alias(specifier, contents) {
  return {
    name: 'alias',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${specifier}$`) }, () => ({ path: specifier, namespace: 'alias' }));
      b.onLoad({ filter: /.*/, namespace: 'alias' }, () => ({ contents, resolveDir: here, loader: 'js' }));
    },
  };
}

/**
 * bundleMin returns the minified esbuild bundle of an entry given as source
 * (e.g. `export { createParser } from 'eventsource-parser'`).
 * @param {string} contents
 * @returns {Promise<Uint8Array>}
 */
export async function bundleMin(contents) {
  const r = await build({
    ...common,
    minify: true,
    write: false,
    stdin: { contents, resolveDir: benchDir, loader: 'js' },
  });
  return r.outputFiles[0].contents;
}
