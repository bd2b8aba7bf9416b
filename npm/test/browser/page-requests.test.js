// What a page's fetch adds to a request, in headless Chromium against the Go
// test server (page and package same-origin, from the server's /static/):
// relative URLs resolve against the page, and RequestInit fields take effect
// (Referer, redirect). The behaviours shared with Node are in
// ../behaviour/cases/ (behaviour.test.js runs them here).
/* global T */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, run, url } from './helpers.js';

const ctx = suite();

test('fetchEventSource: a relative URL resolves against the page', async () => {
  const msgs = await run(ctx.page, async () => {
    const msgs = [];
    const path = new URL(T.url('/sse', { events: 2 }));
    await T.sse.fetchEventSource(path.pathname + path.search, { onmessage: (m) => msgs.push(m.data) });
    return msgs;
  });
  assert.deepEqual(msgs, ['msg 1', 'msg 2']);
});

test('EventSource: a relative URL resolves against the page; url is the absolute one', async () => {
  const r = await run(ctx.page, async () => {
    const es = new T.sse.EventSource(new URL(T.url('/echo')).pathname);
    const log = await T.until(es, ['method', 'end'], (ev) => ev.type === 'end');
    es.close();
    return { url: es.url, method: log[0].data };
  });
  assert.deepEqual(r, { url: url('/echo'), method: 'GET' });
});

test('RequestInit fields reach fetch as given and take effect in Chromium (redirect, referrerPolicy, cache, priority, keepalive)', async () => {
  const r = await run(ctx.page, async () => {
    const seen = [];
    const spy = (input, init) => {
      seen.push({ cache: init.cache, priority: init.priority, keepalive: init.keepalive, redirect: init.redirect, referrerPolicy: init.referrerPolicy });
      return fetch(input, init);
    };
    const echo = async (init) => {
      const msgs = [];
      await T.sse.fetchEventSource(T.url('/echo'), { ...init, fetch: spy, onmessage: (m) => msgs.push(m) });
      return T.echoed(msgs).headers;
    };
    const withReferrer = await echo({});
    const noReferrer = await echo({ referrerPolicy: 'no-referrer', cache: 'reload', priority: 'high', keepalive: true });
    // redirect: 'error' turns a redirect into a network error (a TypeError, not retried here).
    const redirected = await T.settled(() => T.sse.fetchEventSource(T.url('/sse', { redirect: 302, to: '/sse?events=1' }), {
      redirect: 'error', retry: { maxRetries: 0 },
    }));
    return { withReferrer: withReferrer.referer ?? null, noReferrer: noReferrer.referer ?? null, seen, redirected: redirected.error };
  });
  assert.match(r.withReferrer, /\/test\/browser\/pages\//);
  assert.equal(r.noReferrer, null);
  assert.deepEqual(r.seen, [
    { cache: 'no-store', priority: undefined, keepalive: undefined, redirect: undefined, referrerPolicy: undefined },
    { cache: 'reload', priority: 'high', keepalive: true, redirect: undefined, referrerPolicy: 'no-referrer' },
  ]);
  assert.deepEqual(r.redirected.classes, ['SSEError', 'RetriesExhaustedError']);
  assert.deepEqual(r.redirected.cause.classes, ['SSEError', 'NetworkError']);
  assert.equal(r.redirected.cause.cause.isTypeError, true);
});
