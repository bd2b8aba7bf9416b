// Drives headless Chromium (Debian's /usr/bin/chromium through
// playwright-core; never a downloaded browser) for the browser measures.
// Playwright's launch() runs it with a fresh temporary --user-data-dir.
import { chromium } from 'playwright-core';

/** Hostnames s0.bench.test … map to 127.0.0.1 (see concurrency). */
export const BENCH_HOST_SUFFIX = '.bench.test';

/** The Chromium flags of every run. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  // The concurrency measure gives each stream its own hostname, so
  // Chromium's six-connections-per-host limit of HTTP/1.1 does not queue
  // them (over HTTP/2 they would share one connection instead).
  `--host-resolver-rules=MAP *${BENCH_HOST_SUFFIX} 127.0.0.1`,
];

/** launch starts Chromium. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * openPage opens url in a fresh context, with the bindings the bench page
 * uses: __gc() (a full GC through CDP) and __heap() (used JS heap bytes).
 * When init is set it waits for window.__bench and loads sse.wasm.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{init?: boolean}} [o]
 */
export async function openPage(browser, url, o = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.exposeFunction('__gc', async () => {
    await cdp.send('HeapProfiler.collectGarbage');
  });
  await page.exposeFunction('__heap', async () => (await cdp.send('Runtime.getHeapUsage')).usedSize);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err));
  await page.goto(url);
  if (o.init) {
    await page.waitForFunction(() => globalThis.__bench !== undefined);
    await page.evaluate(() => globalThis.__bench.init());
  }
  return { context, page, cdp, errors, close: () => context.close() };
}
