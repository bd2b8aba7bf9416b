// The shared behaviour cases (../behaviour/cases/) in headless Chromium: the
// page (../behaviour/page.html, same origin as the test server) runs each
// case by name; each is one node:test test, named as in Node.
/* global B */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, run } from './helpers.js';
import { CASES } from '../behaviour/cases/index.js';
import { timeoutOf } from '../behaviour/lib/case.js';

/** @type {Awaited<ReturnType<typeof launch>> | undefined} */
let browser;
/** @type {Awaited<ReturnType<typeof openPage>>} */
let p;

before(async () => {
  browser = await launch();
  p = await openPage(browser.context, { page: 'test/behaviour/page.html' });
  await p.page.waitForFunction(() => /** @type {any} */ (globalThis).B?.ready === true, undefined, { timeout: 15_000 });
  // The page runs the same list as Node.
  assert.deepEqual(await run(p.page, () => B.names().map((/** @type {any} */ c) => c.name)), [...CASES.keys()]);
});

after(async () => {
  await browser?.close();
  assert.deepEqual(p?.errors ?? [], [], 'no uncaught errors in the page');
});

for (const [name, fn] of CASES) {
  test(name, async () => {
    const r = await run(p.page, (name) => B.run(name), name, timeoutOf(fn) + 5000);
    if (!r.ok) assert.fail(`${r.message}\n(in Chromium)\n${r.stack}`);
  });
}
