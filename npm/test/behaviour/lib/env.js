// The environment a behaviour case runs in: the package under test, the
// runtime's name and the test server helpers bound to its URL.
import { server, key, echoed } from './server.js';
import { within, sleep, deferred } from './wait.js';
import { until } from './until.js';

/**
 * @typedef {typeof import('../../../src/index.js')} SSE
 * @typedef {'node' | 'chromium'} Runtime
 * @typedef {ReturnType<typeof makeEnv>} Env
 */

/**
 * makeEnv builds the environment of the cases.
 * @param {SSE} sse the module under test
 * @param {string} base the test server's base URL
 * @param {Runtime} runtime
 * @param {{setHidden?: (hidden: boolean) => void}} [page] the runtime's page
 *   visibility: setHidden(h) makes document.hidden report h and fires
 *   visibilitychange on document (the visibility group needs it)
 */
export function makeEnv(sse, base, runtime, page = {}) {
  const setHidden = page.setHidden ?? ((/** @type {boolean} */ _) => { throw new Error('this environment cannot hide the page'); });
  return { sse, runtime, origin: new URL(base).origin, ...server(base), key, echoed, within, sleep, deferred, until, setHidden };
}
