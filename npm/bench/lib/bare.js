// Runs one bench-page task in a Chromium started without any DevTools
// connection. Playwright drives the browser through CDP with the Network
// domain enabled, and Chromium then reports every message of a native
// EventSource to it (Network.eventSourceMessageReceived): that made the
// browser's own EventSource about eight times slower than it is for a page.
// This runner starts Chromium on the page itself and takes the result from
// a POST to a local HTTP server of its own. Its only DevTools link is the
// pipe of --remote-debugging-pipe, with no session and no domain enabled,
// used once to close the browser cleanly (Browser.close), so its helper
// processes exit with it.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS } from './browser.js';

/**
 * runBare opens `${base}/static/bare.html` with the task in its URL in a
 * fresh headless Chromium (its own temporary profile; --expose-gc, so the
 * page's gc() still runs a full GC) and resolves to the task's result.
 * Rejects on a page error or after timeoutMs.
 * @param {string} base SSE_TEST_URL
 * @param {{fn: string, arg: any}} task a window.__bench method and its argument
 * @param {number} [timeoutMs]
 */
export async function runBare(base, task, timeoutMs = 300_000) {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'wasm-sse-bench-'));
  let child = null;
  const server = http.createServer();
  try {
    const got = new Promise((resolve, reject) => {
      server.on('request', (req, res) => {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (d) => { body += d; });
        req.on('end', () => {
          res.end();
          if (req.method !== 'POST') return;
          try {
            const msg = JSON.parse(body);
            if (msg.error !== undefined) reject(new Error(`bare page: ${msg.error}`));
            else resolve(msg.result);
          } catch (err) {
            reject(err);
          }
        });
      });
      setTimeout(() => reject(new Error(`bare page: no result after ${timeoutMs / 1000} s`)), timeoutMs).unref();
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const report = `http://127.0.0.1:${server.address().port}/result`;
    const url = `${base}/static/bare.html?task=${encodeURIComponent(JSON.stringify(task))}&report=${encodeURIComponent(report)}`;
    child = spawn(process.env.CHROMIUM ?? '/usr/bin/chromium',
      [...CHROMIUM_ARGS, `--user-data-dir=${profile}`, '--js-flags=--expose-gc', '--remote-debugging-pipe', url],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    child.stdio[4].resume(); // the replies: read and dropped
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const failed = new Promise((_, reject) => child.once('error', reject));
    return await Promise.race([got, failed, exited.then((code) => {
      throw new Error(`bare page: chromium exited (${code}) before a result`);
    })]);
  } finally {
    if (child !== null && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdio[3].end(JSON.stringify({ id: 1, method: 'Browser.close' }) + '\0');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    server.close();
    await fs.rm(profile, { recursive: true, force: true });
  }
}
