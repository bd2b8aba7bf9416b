// End-to-end test of the demo: builds and starts demo/server, drives the
// page in Debian's headless Chromium through playwright-core (never a
// downloaded browser), and checks what a user would see against what the
// server embedded and what it saw.
//
//   make build demo-go && node --test demo/e2e/
//
// Screenshots go to out/ (gitignored); their paths are printed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'out');
/** The page's Go client (demo/goclient) as `make demo-go` builds it. */
const GO_CLIENT = join(OUT, 'demo-go');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];
/** The longest any single wait in this file may take. */
const WAIT = 20_000;

let tmp = '';
/** @type {import('node:child_process').ChildProcess | null} */
let server = null;
let serverLog = '';
let base = '';
/** @type {import('playwright-core').BrowserContext | null} */
let browser = null;

before(async () => {
  for (const f of ['dist/sse.wasm', 'dist/go-runtime.js']) {
    assert.ok(existsSync(join(ROOT, 'npm', f)), `npm/${f} is missing: run \`make build\` first`);
  }
  for (const f of ['goclient.wasm', 'wasm_exec.js']) {
    assert.ok(existsSync(join(GO_CLIENT, f)), `out/demo-go/${f} is missing: run \`make demo-go\` first`);
  }
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
  tmp = mkdtempSync(join(tmpdir(), 'wasm-sse-demo-e2e-'));
  const bin = join(tmp, 'demo-server');
  execFileSync(process.env.GO ?? 'go', ['build', '-o', bin, './demo/server'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
  server = spawn(bin, ['-addr', '127.0.0.1:0', '-pkg', join(ROOT, 'npm'), '-goclient', GO_CLIENT, '-delay', '8ms'], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stderr?.on('data', (b) => { serverLog += b; });
  base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`demo server printed no URL in ${WAIT} ms: ${out}${serverLog}`)), WAIT);
    server?.stdout?.on('data', (b) => {
      out += b;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    server?.once('exit', (code) => reject(new Error(`demo server exited (${code}): ${serverLog}`)));
  });
  browser = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 },
  });
});

after(async () => {
  await browser?.close();
  if (server !== null && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', (code, signal) => resolve({ code, signal })));
    server.kill('SIGINT'); // what Ctrl-C sends
    const res = await Promise.race([exited, sleep(5_000, null)]);
    if (res === null) server.kill('SIGKILL');
    assert.deepEqual(res, { code: 0, signal: null }, `the server shuts down cleanly on SIGINT: ${serverLog}`);
  }
  if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
});

/**
 * openPage loads the demo in a new tab and waits for sse.wasm. The returned
 * check() asserts no uncaught error and no CSP violation happened.
 * @param {{width: number, height: number}} [viewport]
 * @param {string} [query] the page URL's query, e.g. ?tick=200
 */
async function openPage(viewport, query = '') {
  const page = await /** @type {import('playwright-core').BrowserContext} */ (browser).newPage();
  if (viewport) await page.setViewportSize(viewport);
  page.setDefaultTimeout(WAIT);
  /** @type {string[]} */
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.goto(base + query);
  await page.waitForSelector('#wasm-info[data-state="ready"]');
  return {
    page,
    check() {
      assert.deepEqual(problems, [], 'no uncaught errors or CSP violations in the page');
    },
  };
}

/**
 * ask types a prompt, sends it and returns the new answer bubble.
 * @param {import('playwright-core').Page} page
 * @param {string} prompt
 */
async function ask(page, prompt) {
  const before = await page.locator('.msg.assistant').count();
  await page.fill('#prompt', prompt);
  await page.click('#send');
  const bubble = page.locator('.msg.assistant').nth(before);
  await bubble.waitFor();
  return bubble;
}

/**
 * finished waits until the bubble leaves the streaming state.
 * @param {import('playwright-core').Locator} bubble
 */
async function finished(bubble) {
  await bubble.and(bubble.page().locator(':not([data-state="streaming"])')).waitFor({ timeout: WAIT });
  return bubble.getAttribute('data-state');
}

/** @param {string} prompt */
async function expected(prompt) {
  const res = await fetch(`${base}api/answer?prompt=${encodeURIComponent(prompt)}`);
  assert.equal(res.status, 200);
  return /** @type {{answer: string, text: string, tokens: string[]}} */ (await res.json());
}

/** @param {string} conv */
async function stats(conv) {
  const res = await fetch(`${base}api/stats?conv=${encodeURIComponent(conv)}`);
  assert.equal(res.status, 200, `stats of ${conv}`);
  return await res.json();
}

/**
 * until polls fn every 50 ms until it returns a truthy value, for at most WAIT.
 * @template T
 * @param {() => Promise<T>} fn
 * @param {string} what
 * @returns {Promise<T>}
 */
async function until(fn, what) {
  const deadline = Date.now() + WAIT;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/**
 * screenshot saves the page to out/NAME and prints the path.
 * @param {import('playwright-core').Page} page
 * @param {import('node:test').TestContext} t
 * @param {string} name
 */
async function screenshot(page, t, name) {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, name);
  await page.screenshot({ path, fullPage: true });
  t.diagnostic(`screenshot: ${path}`);
}

test('the chat streams the whole answer, exactly as embedded', async (t) => {
  const { page, check } = await openPage();
  const prompt = 'Hello! What does this demo show?';
  const want = await expected(prompt);
  const bubble = await ask(page, prompt);
  assert.equal(await finished(bubble), 'done');
  assert.equal(await bubble.locator('.text').textContent(), want.text);
  assert.equal(await bubble.getAttribute('data-tokens'), String(want.tokens.length));
  assert.equal(await bubble.getAttribute('data-repeats'), '0');
  assert.equal(await page.textContent('#reconnects'), '0');
  assert.equal(await page.textContent('#state'), 'done');
  assert.match(await bubble.locator('.meta').textContent() ?? '', new RegExp(`^${want.tokens.length} tokens`));
  // The log shows the named events with the id they arrived under.
  assert.equal(await page.locator('#log tr[data-kind="done"]').count(), 1);
  assert.equal(await page.locator('#log tr[data-kind="usage"]').count(), 1);
  assert.equal(await page.locator('#log tr[data-kind="message"]').count(), want.tokens.length);

  const st = await stats(/** @type {string} */ (await bubble.getAttribute('data-conv')));
  assert.equal(st.completed, 1);
  assert.equal(st.streams, 1);
  assert.equal(st.disconnects, 0);
  await screenshot(page, t, 'demo-chat.png');
  check();
  await page.close();
});

test('Stop aborts the request: the server sees the disconnect and no more text arrives', async () => {
  const { page, check } = await openPage();
  const prompt = 'Why does POST matter for streaming?';
  const want = await expected(prompt);
  const bubble = await ask(page, prompt);
  await until(async () => Number(await bubble.getAttribute('data-tokens')) >= 5, '5 tokens');
  await page.click('#stop');
  assert.equal(await finished(bubble), 'stopped');
  assert.equal(await page.textContent('#state'), 'stopped');
  const conv = /** @type {string} */ (await bubble.getAttribute('data-conv'));
  const st = await until(async () => {
    const s = await stats(conv);
    return s.disconnects === 1 ? s : null;
  }, 'the server to count the disconnect');
  assert.equal(st.completed, 0);
  assert.ok(st.tokensSent < want.tokens.length, `stopped early (${st.tokensSent} of ${want.tokens.length})`);

  const tokens = Number(await bubble.getAttribute('data-tokens'));
  const text = await bubble.locator('.text').textContent();
  assert.ok(tokens >= 5 && tokens < want.tokens.length);
  assert.equal(text, want.tokens.slice(0, tokens).join(''), 'the text is the tokens received, in order');
  await sleep(1_000);
  assert.equal(await bubble.locator('.text').textContent(), text, 'no text after Stop');
  assert.equal(await bubble.getAttribute('data-tokens'), String(tokens));
  assert.equal((await stats(conv)).tokensSent, st.tokensSent, 'the server sent nothing more');
  assert.equal(await page.isDisabled('#stop'), true);
  assert.equal(await page.isEnabled('#send'), true);
  check();
  await page.close();
});

test('a dropped connection resumes: every token exactly once', async (t) => {
  const { page, check } = await openPage();
  await page.check('#opt-drop');
  await page.fill('#opt-drop-n', '12');
  const prompt = 'What happens when the network drops mid-answer?';
  const want = await expected(prompt);
  const bubble = await ask(page, prompt);
  assert.equal(await finished(bubble), 'done');
  assert.equal(await bubble.locator('.text').textContent(), want.text);
  assert.ok(Number(await page.textContent('#reconnects')) >= 1, 'the reconnect counter went up');
  assert.equal(await bubble.getAttribute('data-tokens'), String(want.tokens.length), 'as many tokens as the answer has');
  assert.equal(await bubble.getAttribute('data-repeats'), '0', 'no token repeated');
  assert.equal(await bubble.getAttribute('data-gaps'), '0', 'no token skipped');
  // Token ids in the log, oldest first: 1..N, each once.
  const logged = await page.$$eval('#log tr[data-kind="message"] td:nth-child(3)', (tds) => tds.map((td) => Number(td.textContent)).reverse());
  assert.deepEqual(logged, want.tokens.map((_, i) => i + 1));
  assert.ok(await page.locator('#log tr[data-kind="retry"]').count() >= 1);

  // The server cut the connection right after token 12. Bytes in flight
  // may be lost with the connection (Chromium can drop the last few that
  // arrive with the error), so the client resumes after the last id it
  // actually received: k <= 12, and the server sends k+1.. again.
  const st = await stats(/** @type {string} */ (await bubble.getAttribute('data-conv')));
  assert.equal(st.drops, 1);
  assert.equal(st.completed, 1);
  assert.equal(st.resumes.length, 1, 'one resumed request');
  const k = Number(st.resumes[0]);
  assert.ok(k >= 1 && k <= 12, `resumed with Last-Event-ID ${st.resumes[0]}`);
  assert.equal(st.tokensSent, want.tokens.length + (12 - k), 'the server sent each token once, plus those lost in flight');
  assert.match(await bubble.locator('.meta').textContent() ?? '', new RegExp(`1 reconnect · resumed at token ${k + 1}$`));
  if (k !== 12) t.diagnostic(`tokens ${k + 1}..12 were lost with the connection and sent again`);
  await screenshot(page, t, 'demo-resume.png');
  check();
  await page.close();
});

test('an early clean end with event ids resumes: the answer is complete, each token once', async () => {
  const { page, check } = await openPage();
  await page.check('#opt-end');
  await page.fill('#opt-end-n', '8');
  const prompt = 'What happens when the network drops mid-answer? (clean end)';
  const want = await expected(prompt);
  assert.ok(want.tokens.length > 8);
  const bubble = await ask(page, prompt);
  assert.equal(await finished(bubble), 'done', 'the done event arrived on the resumed response');
  assert.equal(await bubble.locator('.text').textContent(), want.text);
  assert.equal(await bubble.getAttribute('data-tokens'), String(want.tokens.length));
  assert.equal(await bubble.getAttribute('data-repeats'), '0');
  assert.equal(await bubble.getAttribute('data-gaps'), '0');
  assert.equal(await page.textContent('#reconnects'), '1');
  assert.match(await page.locator('#log tr[data-kind="retry"]').first().textContent() ?? '', /after IncompleteStreamError: /);
  assert.equal(await page.locator('#log tr[data-kind="done"]').count(), 1);
  assert.match(await bubble.locator('.meta').textContent() ?? '', /1 reconnect · resumed at token 9$/);
  // A clean end loses nothing in flight: the resume starts right after token 8.
  const st = await stats(/** @type {string} */ (await bubble.getAttribute('data-conv')));
  assert.equal(st.ends, 1);
  assert.deepEqual(st.resumes, ['8']);
  assert.equal(st.requests, 2);
  assert.equal(st.completed, 1);
  assert.equal(st.tokensSent, want.tokens.length, 'every token sent once');
  check();
  await page.close();
});

test('an early clean end without event ids: the page says the answer was cut off', async (t) => {
  const { page, check } = await openPage();
  await page.check('#opt-end');
  await page.fill('#opt-end-n', '8');
  await page.check('#opt-noids');
  const prompt = 'What happens when the network drops mid-answer? (no ids)';
  const want = await expected(prompt);
  const bubble = await ask(page, prompt);
  assert.equal(await finished(bubble), 'incomplete');
  assert.equal(await page.textContent('#state'), 'incomplete');
  assert.equal(await bubble.locator('.text').textContent(), want.tokens.slice(0, 8).join(''), 'the 8 tokens received, nothing more');
  assert.match(await bubble.locator('.meta').textContent() ?? '', /^the answer was cut off: the server ended the response after 8 tokens without "done"/);
  assert.equal(await page.locator('#log tr[data-kind="done"]').count(), 0);
  assert.match(await page.locator('#log tr[data-kind="error"]').first().textContent() ?? '', /IncompleteStreamError/);
  assert.equal(await page.textContent('#reconnects'), '0', 'a POST without ids is not re-sent');
  const st = await stats(/** @type {string} */ (await bubble.getAttribute('data-conv')));
  assert.equal(st.ends, 1);
  assert.equal(st.requests, 1);
  assert.equal(st.completed, 0);
  await screenshot(page, t, 'demo-cut-off.png');
  check();
  await page.close();
});

for (const status of ['500', '429']) {
  test(`a failed first request (${status}) is retried`, async () => {
    const { page, check } = await openPage();
    await page.check(`#opt-fail-${status}`);
    const prompt = `How does the wasm client work? (${status})`;
    const want = await expected(prompt);
    const t0 = Date.now();
    const bubble = await ask(page, prompt);
    assert.equal(await finished(bubble), 'done');
    const took = Date.now() - t0;
    assert.equal(await bubble.locator('.text').textContent(), want.text);
    assert.ok(Number(await page.textContent('#reconnects')) >= 1);
    const retry = await page.locator('#log tr[data-kind="retry"]').first().textContent();
    assert.match(retry ?? '', new RegExp(`HTTP ${status}`));
    if (status === '429') assert.ok(took >= 1_000, `Retry-After: 1 was honoured (${took} ms)`);
    const st = await stats(/** @type {string} */ (await bubble.getAttribute('data-conv')));
    assert.equal(st.failures, 1);
    assert.equal(st.requests, 2);
    assert.equal(st.completed, 1);
    check();
    await page.close();
  });
}

/**
 * goAnswer waits until the Go client's panel has finished the answer of the
 * npm bubble's conversation (its own conversation is that id + "-go").
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} bubble the npm client's answer
 */
async function goAnswer(page, bubble) {
  const conv = /** @type {string} */ (await bubble.getAttribute('data-conv'));
  const go = page.locator(`#go-client[data-conv="${conv}-go"]:not([data-state="streaming"])`);
  await go.waitFor({ timeout: WAIT });
  return { go, conv: `${conv}-go`, state: await go.getAttribute('data-state') };
}

for (const drop of [false, true]) {
  test(`the Go client (wasm/client) shows the same text as the npm client${drop ? ', both resuming after a drop' : ''}`, async (t) => {
    const { page, check } = await openPage();
    await page.waitForSelector('#go-client[data-ready="true"]');
    if (drop) {
      await page.check('#opt-drop');
      await page.fill('#opt-drop-n', '12');
    }
    const prompt = drop ? 'What happens when the network drops mid-answer? (Go)' : 'How does the wasm client work? (Go)';
    const want = await expected(prompt);
    const bubble = await ask(page, prompt);
    assert.equal(await finished(bubble), 'done');
    const { go, conv, state } = await goAnswer(page, bubble);
    assert.equal(state, 'done', await go.locator('.go-meta').textContent() ?? '');

    const npmText = await bubble.locator('.text').textContent();
    const goText = await go.locator('.go-text').textContent();
    assert.equal(goText, npmText, "the Go client's text is the npm client's");
    assert.equal(goText, want.text, 'both are the whole answer');
    assert.equal(await go.getAttribute('data-tokens'), String(want.tokens.length));
    assert.equal(await go.locator('.go-tokens').textContent(), String(want.tokens.length));
    assert.equal(await go.locator('.go-prompt').textContent(), prompt);
    assert.equal(await go.locator('.badge').textContent(), 'done');

    // The server saw the Go client's request as its own conversation: the
    // same prompt and knobs in the JSON body, the fault injected once for it.
    const st = await stats(conv);
    assert.equal(st.prompt, prompt);
    assert.equal(st.completed, 1);
    if (drop) {
      assert.equal(st.drops, 1);
      assert.equal(st.resumes.length, 1, 'one resumed request');
      const k = Number(st.resumes[0]);
      assert.ok(k >= 1 && k <= 12, `resumed with Last-Event-ID ${st.resumes[0]}`);
      assert.match(await go.locator('.go-meta').textContent() ?? '', new RegExp(` · 2 responses · resumed at token ${k + 1}$`));
    } else {
      assert.deepEqual([st.requests, st.streams, st.resumes], [1, 1, []]);
      assert.equal(await go.locator('.go-meta').textContent(), `${want.tokens.length} tokens`);
      await screenshot(page, t, 'demo-goclient.png');
    }
    check();
    await page.close();
  });
}

test('Stop stops the Go client too: the server sees its disconnect', async () => {
  const { page, check } = await openPage();
  await page.waitForSelector('#go-client[data-ready="true"]');
  await page.check('#opt-slow'); // 1.5 s per token: both are mid-answer at Stop
  const bubble = await ask(page, 'Why does POST matter for streaming? (Go, stop)');
  await until(async () => Number(await bubble.getAttribute('data-tokens')) >= 1, 'a token');
  await page.click('#stop');
  assert.equal(await finished(bubble), 'stopped');
  const { go, conv, state } = await goAnswer(page, bubble);
  assert.equal(state, 'stopped');
  assert.match(await go.locator('.go-meta').textContent() ?? '', /^stopped after \d+ tokens?$/);
  await until(async () => (await stats(conv)).disconnects === 1, 'the server to count the Go client\'s disconnect');
  check();
  await page.close();
});

test('server text with an <img onerror> tag is shown as text', async () => {
  const { page, check } = await openPage();
  const prompt = 'Show me some HTML in an answer';
  const want = await expected(prompt);
  assert.ok(want.tokens.some((tok) => tok.includes('<img src=x onerror=')), 'the answer has the tag as one token');
  const bubble = await ask(page, prompt);
  assert.equal(await finished(bubble), 'done');
  const text = await bubble.locator('.text').textContent();
  assert.equal(text, want.text);
  assert.ok(text?.includes('<img src=x onerror="window.__xss'), 'the tag is visible as characters');
  assert.equal(await page.locator('img').count(), 0, 'no img element anywhere in the page');
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__xss), undefined, 'the onerror handler never ran');
  check();
  await page.close();
});

test('the ticker feed reaches the native EventSource and wasm-sse side by side', async () => {
  const { page, check } = await openPage(undefined, '?tick=200');
  for (const id of ['feed-native', 'feed-wasm']) {
    await until(async () => Number(await page.getAttribute(`#${id}`, 'data-count')) >= 2, `2 ticks in #${id}`);
    assert.equal(await page.textContent(`#${id} .badge`), 'open');
    assert.match(await page.textContent(`#${id} .price`) ?? '', /^\d+\.\d\d$/);
  }
  // Ending each response after 5 ticks: both reconnect with Last-Event-ID
  // and continue without a gap.
  await page.check('#feed-cut');
  for (const id of ['feed-native', 'feed-wasm']) {
    await until(async () => Number(await page.getAttribute(`#${id}`, 'data-count')) >= 7, `7 ticks in #${id} across a reconnect`);
    assert.equal(await page.getAttribute(`#${id}`, 'data-gaps'), '0');
    const count = Number(await page.getAttribute(`#${id}`, 'data-count'));
    const lastId = Number(await page.getAttribute(`#${id}`, 'data-last-id'));
    assert.ok(Math.abs(count - lastId) <= 1, `ids follow on (${count} ticks, last id ${lastId})`);
  }
  const res = await fetch(`${base}api/stats`);
  const { ticker } = await res.json();
  assert.ok(ticker.resumes >= 2, `both clients resumed with Last-Event-ID (${JSON.stringify(ticker)})`);
  check();
  await page.close();
});

test('the page fits a narrow screen', async (t) => {
  const { page, check } = await openPage({ width: 390, height: 844 });
  const prompt = 'Why does POST matter for streaming?';
  const bubble = await ask(page, prompt);
  assert.equal(await finished(bubble), 'done');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px too wide)`);
  const chat = await page.locator('.chat').boundingBox();
  const side = await page.locator('.side').boundingBox();
  assert.ok(chat && side && side.y >= chat.y + chat.height - 1, 'the columns stack');
  await screenshot(page, t, 'demo-narrow.png');
  check();
  await page.close();
});
