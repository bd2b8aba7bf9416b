// Node side of the browser tests: the Go test server (SSE_TEST_URL, and
// SSE_TEST_STATIC_URL serving npm/ under /static/), headless Debian
// Chromium through playwright-core (never a downloaded browser), and
// page.evaluate with a bound on every wait.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { server, key } from '../behaviour/lib/server.js';
import { within, sleep } from '../behaviour/lib/wait.js';

/** The test server's base URL. */
export const BASE = process.env.SSE_TEST_URL ?? '';
/** The URL of the npm/ directory as served by the test server (-static npm). */
export const STATIC = process.env.SSE_TEST_STATIC_URL ?? '';
if (BASE === '' || STATIC === '') {
  throw new Error('SSE_TEST_URL or SSE_TEST_STATIC_URL is not set: build the test server and run\n' +
    '  out/sse-testserver -static npm -- node --test npm/test/browser/');
}
/** The npm/ directory. */
export const NPM = fileURLToPath(new URL('../../', import.meta.url));
/** The test page, relative to npm/. */
export const PAGE = 'test/browser/pages/index.html';
/** The longest one page.evaluate may take unless told otherwise. */
export const WAIT = 15_000;

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/**
 * Chromium's flags. The host rule maps every *.test name to the loopback
 * address: the concurrency test spreads its streams over several host
 * names, since Chromium opens at most 6 HTTP/1.1 connections per host.
 */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  '--host-resolver-rules=MAP *.test 127.0.0.1',
];

// The server helpers are the behaviour cases' (same server, same counters).
export const { url, stats } = server(BASE);
export { key, within, sleep };

/**
 * launch starts Chromium with a fresh profile directory; close() stops it
 * and removes the profile.
 */
export async function launch() {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
  const dir = mkdtempSync(join(tmpdir(), 'wasm-sse-browser-'));
  const context = await within(chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
  }), 30_000, 'launching chromium');
  context.setDefaultTimeout(WAIT);
  return {
    context,
    async close() {
      await within(context.close(), 10_000, 'closing chromium').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * openPage opens a page of npm/ (default: the test page with its harness,
 * waiting for window.T) from origin (default: the test server's /static/),
 * with ?sse=<test server URL>. initScript runs before the page's scripts.
 * Uncaught page errors are collected in errors.
 * @param {import('playwright-core').BrowserContext} context
 * @param {{origin?: string, page?: string, query?: Record<string, string>, initScript?: () => void}} [o]
 */
export async function openPage(context, o = {}) {
  const p = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  if (o.initScript !== undefined) await p.addInitScript(o.initScript);
  const page = o.page ?? PAGE;
  const u = new URL(page, o.origin ?? STATIC);
  u.searchParams.set('sse', BASE);
  for (const [k, v] of Object.entries(o.query ?? {})) u.searchParams.set(k, v);
  await p.goto(u.href);
  if (page === PAGE) {
    await p.waitForFunction(() => /** @type {any} */ (globalThis).T?.ready === true, undefined, { timeout: WAIT });
  }
  return { page: p, errors };
}

/**
 * result waits for the #result element of a page to be filled and parses it.
 * @param {import('playwright-core').Page} page
 */
export async function result(page) {
  await page.waitForFunction(() => (document.getElementById('result')?.textContent ?? '') !== '', undefined, { timeout: WAIT });
  return JSON.parse(/** @type {string} */ (await page.textContent('#result')));
}

/**
 * run evaluates fn(arg) in the page, bounded by ms.
 * @template A, R
 * @param {import('playwright-core').Page} page
 * @param {(arg: A) => R | Promise<R>} fn
 * @param {A} [arg]
 * @param {number} [ms]
 * @returns {Promise<R>}
 */
export function run(page, fn, arg, ms = WAIT) {
  return within(page.evaluate(/** @type {any} */ (fn), arg), ms, `page.evaluate: ${fn.toString().slice(0, 80)}`);
}

/**
 * suite launches Chromium and opens the test page once for a test file
 * (call it at the top level: it registers before/after hooks); tests then
 * use ctx.page. The after hook asserts no uncaught page error happened.
 * @param {string} [origin] the URL npm/ is served at (default: the test server's /static/)
 */
export function suite(origin) {
  /** @type {{page: import('playwright-core').Page, context: import('playwright-core').BrowserContext, errors: string[]}} */
  const ctx = /** @type {any} */ ({});
  /** @type {Awaited<ReturnType<typeof launch>> | null} */
  let browser = null;
  before(async () => {
    browser = await launch();
    ctx.context = browser.context;
    const { page, errors } = await openPage(browser.context, { origin });
    ctx.page = page;
    ctx.errors = errors;
  });
  after(async () => {
    await browser?.close();
    assert.deepEqual(ctx.errors ?? [], [], 'no uncaught errors in the page');
  });
  return ctx;
}
