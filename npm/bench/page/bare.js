// The bench page in a Chromium started without any DevTools connection
// (npm/bench/lib/bare.js): runs one task, given in the URL, through
// window.__bench (js/bench.js, loaded first) and posts the result as JSON to
// the harness's ?report= URL (cross-origin, so a no-cors text/plain POST).
const q = new URL(location.href).searchParams;
const report = q.get('report');
let body;
try {
  const task = JSON.parse(q.get('task'));
  await globalThis.__bench.init();
  body = { result: await globalThis.__bench[task.fn](task.arg) };
} catch (err) {
  body = { error: err && err.stack ? String(err.stack) : String(err) };
}
await fetch(report, { method: 'POST', mode: 'no-cors', body: JSON.stringify(body) });
