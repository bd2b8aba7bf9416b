// Small DOM helpers. Text from the network only ever goes through
// textContent or text nodes: never innerHTML.

/**
 * el creates an element with a class and optional text.
 * @param {string} tag
 * @param {string} [cls]
 * @param {string} [text]
 * @returns {HTMLElement}
 */
export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * $ returns the element with that id, or throws.
 * @param {string} id
 * @returns {any}
 */
export function $(id) {
  const e = document.getElementById(id);
  if (e === null) throw new Error(`demo: no #${id}`);
  return e;
}

/**
 * setBadge shows a state on a badge element.
 * @param {HTMLElement} badge
 * @param {string} state
 */
export function setBadge(badge, state) {
  badge.dataset.state = state;
  badge.textContent = state;
}

/** clock is the time of day with milliseconds, for the logs. */
export function clock() {
  const d = new Date();
  const p = (n, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** randomId returns a conversation id. */
export function randomId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
