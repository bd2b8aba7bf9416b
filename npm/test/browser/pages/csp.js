// Streams under the page's CSP and reports {got} or {error}, plus the
// directives of any CSP violation.
import { fetchEventSource } from '../../../src/index.js';

const base = new URLSearchParams(location.search).get('sse') ?? '';
/** @type {string[]} */
const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
const result = /** @type {HTMLElement} */ (document.getElementById('result'));
try {
  const got = [];
  await fetchEventSource(`${base}/sse?events=2`, { onmessage: (m) => got.push(m.data) });
  result.textContent = JSON.stringify({ got, violations });
} catch (e) {
  const err = /** @type {any} */ (e);
  result.textContent = JSON.stringify({ error: `${err?.name}: ${err?.message}`, violations });
}
