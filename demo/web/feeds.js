// The ticker panel: the same GET feed through the browser's EventSource and
// through wasm-sse's EventSource, side by side.
import { EventSource as WasmEventSource } from 'wasm-sse';
import { setBadge } from './dom.js';

const STATES = ['connecting', 'open', 'closed'];

/** Feed shows one client's view of /api/ticker. */
class Feed {
  /**
   * @param {HTMLElement} root
   * @param {typeof globalThis.EventSource} Impl
   */
  constructor(root, Impl) {
    this.root = root;
    this.Impl = Impl;
    this.badge = /** @type {HTMLElement} */ (root.querySelector('.badge'));
    this.price = /** @type {HTMLElement} */ (root.querySelector('.price'));
    this.countEl = /** @type {HTMLElement} */ (root.querySelector('.count'));
    this.lastIdEl = /** @type {HTMLElement} */ (root.querySelector('.lastid'));
    this.gapsEl = /** @type {HTMLElement} */ (root.querySelector('.gaps'));
    /** @type {EventSource | null} */
    this.source = null;
    this.count = 0;
    this.gaps = 0;
    this.lastId = 0;
    this.lastPrice = NaN;
    this.timer = 0;
  }

  /** @param {string} url */
  start(url) {
    this.stop();
    this.count = this.gaps = this.lastId = 0;
    this.lastPrice = NaN;
    this.root.dataset.count = '0';
    this.root.dataset.gaps = '0';
    this.countEl.textContent = this.gapsEl.textContent = '0';
    const es = new this.Impl(url);
    this.source = es;
    const show = () => setBadge(this.badge, STATES[es.readyState] ?? 'closed');
    es.onopen = show;
    es.onerror = show;
    es.onmessage = (ev) => {
      const t = JSON.parse(ev.data);
      const id = Number(ev.lastEventId);
      if (this.lastId !== 0 && id !== this.lastId + 1) this.gaps++;
      this.lastId = id;
      this.count++;
      const p = Number(t.price);
      this.price.dataset.dir = p > this.lastPrice ? 'up' : p < this.lastPrice ? 'down' : '';
      this.lastPrice = p;
      this.price.textContent = t.price;
      this.countEl.textContent = String(this.count);
      this.lastIdEl.textContent = ev.lastEventId;
      this.gapsEl.textContent = String(this.gaps);
      this.root.dataset.count = String(this.count);
      this.root.dataset.gaps = String(this.gaps);
      this.root.dataset.lastId = ev.lastEventId;
      show();
    };
    // readyState changes without an event on a clean end: poll it.
    this.timer = setInterval(show, 250);
    show();
  }

  stop() {
    if (this.source !== null) this.source.close();
    this.source = null;
    clearInterval(this.timer);
    setBadge(this.badge, 'closed');
  }
}

/**
 * startFeeds opens both feeds; the cut checkbox reopens them with ?drop=5,
 * so the server ends each response after 5 ticks and both clients resume.
 * @param {HTMLInputElement} cut
 */
export function startFeeds(cut) {
  const native = new Feed(/** @type {HTMLElement} */ (document.getElementById('feed-native')), globalThis.EventSource);
  const wasm = new Feed(/** @type {HTMLElement} */ (document.getElementById('feed-wasm')), /** @type {any} */ (WasmEventSource));
  // ?tick=MS on the page URL sets the feed's interval (default 1 s).
  const tick = Number(new URLSearchParams(location.search).get('tick'));
  const every = Number.isInteger(tick) && tick >= 20 && tick <= 60000 ? tick : 1000;
  const open = () => {
    const q = new URLSearchParams({ every: String(every) });
    if (cut.checked) q.set('drop', '5');
    const url = `/api/ticker?${q}`;
    native.start(url);
    wasm.start(url);
  };
  cut.addEventListener('change', open);
  open();
  return { native, wasm };
}
