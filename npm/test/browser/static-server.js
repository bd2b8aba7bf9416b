// A tiny static file server on 127.0.0.1:0: a second origin for the
// cross-origin tests, and the host of bundled pages in the package tests.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
};

/**
 * serveStatic serves the files under root. Options: wasmType replaces the
 * content type of .wasm files ('' sends none); headers are added to every
 * response. Returns the base URL ("http://127.0.0.1:<port>/"), a log of the
 * requested paths, and close().
 * @param {string} root
 * @param {{wasmType?: string, headers?: Record<string, string>}} [opts]
 * @returns {Promise<{url: string, requests: string[], close: () => Promise<void>}>}
 */
export async function serveStatic(root, opts = {}) {
  const top = normalize(root + sep);
  /** @type {string[]} */
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const file = normalize(join(top, path));
    try {
      if (!file.startsWith(top)) throw new Error('outside the root');
      const f = (await stat(file)).isDirectory() ? join(file, 'index.html') : file;
      const body = await readFile(f);
      const ext = extname(f).toLowerCase();
      let type = /** @type {Record<string, string>} */ (TYPES)[ext] ?? 'application/octet-stream';
      if (ext === '.wasm' && opts.wasmType !== undefined) type = opts.wasmType;
      /** @type {Record<string, string>} */
      const headers = { 'cache-control': 'no-store', ...opts.headers };
      if (type !== '') headers['content-type'] = type;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
