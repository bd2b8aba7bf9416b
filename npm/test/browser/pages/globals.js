// Snapshot of the global object, the package loaded and used in the three
// styles (and with openWhenHidden: false, which listens on document and
// window), then a second snapshot; the difference goes to #result as JSON.
const base = new URLSearchParams(location.search).get('sse') ?? '';
const OWN = ['process', 'fs', 'path', 'Go'];
// The window's geometry, which the browser itself updates at any time (a
// headless window settles its position and size after the first frames).
const BROWSER_OWNED = new Set(['screenX', 'screenY', 'screenLeft', 'screenTop', 'outerWidth', 'outerHeight',
  'innerWidth', 'innerHeight', 'scrollX', 'scrollY', 'pageXOffset', 'pageYOffset', 'devicePixelRatio']);

const snapshot = () => new Map(Reflect.ownKeys(globalThis).map((k) => {
  let v;
  try { v = /** @type {any} */ (globalThis)[k]; } catch (e) { v = e; }
  return [String(k), v];
}));
const ownJSON = () => JSON.stringify(OWN.map((n) => {
  const v = /** @type {any} */ (globalThis)[n];
  return typeof v === 'function' ? v.toString() : v;
}));

const result = document.getElementById('result');
try {
  const before = snapshot();
  const ownBefore = ownJSON();
  const { fetchEventSource, EventSource, events, init } = await import('wasm-sse');
  await init();
  const got = [];
  await fetchEventSource(`${base}/sse?events=2`, { onmessage: (m) => got.push(m.data) });
  for await (const m of events(`${base}/sse?events=2`, { openWhenHidden: false })) got.push(m.data);
  await new Promise((resolve, reject) => {
    const es = new EventSource(`${base}/sse?events=2&end=hang`);
    let n = 0;
    es.onmessage = (ev) => {
      got.push(ev.data);
      if (++n === 2) { es.close(); resolve(undefined); }
    };
    es.onerror = (ev) => reject(/** @type {any} */ (ev).error);
  });
  const after = snapshot();
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed = [...before.keys()].filter((k) => after.has(k) && !Object.is(after.get(k), before.get(k)) && !BROWSER_OWNED.has(k));
  result.textContent = JSON.stringify({
    added, removed, changed, ownChanged: ownJSON() !== ownBefore, own: ownJSON(), names: before.size, got,
  });
} catch (e) {
  result.textContent = JSON.stringify({ error: String(e && e.stack || e) });
}
