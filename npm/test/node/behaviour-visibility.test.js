// The shared visibility cases (../behaviour/cases/visibility.js) in Node,
// with a stand-in `document` installed on globalThis. node --test runs each
// file in its own process, so the stand-in never reaches the other cases.
import { test } from 'node:test';
import * as sse from '../../src/index.js';
import { CASES, VISIBILITY_GROUP } from '../behaviour/cases/index.js';
import { makeEnv } from '../behaviour/lib/env.js';
import { timeoutOf } from '../behaviour/lib/case.js';
import { BASE } from './helpers.js';

const doc = Object.assign(new EventTarget(), { hidden: false, visibilityState: 'visible' });
/** @type {any} */ (globalThis).document = doc;

/** @param {boolean} hidden */
function setHidden(hidden) {
  if (doc.hidden === hidden) return;
  doc.hidden = hidden;
  doc.visibilityState = hidden ? 'hidden' : 'visible';
  doc.dispatchEvent(new Event('visibilitychange'));
}

const env = makeEnv(sse, BASE, 'node', { setHidden });

for (const [name, fn] of CASES) {
  if (!name.startsWith(VISIBILITY_GROUP)) continue;
  test(name, { timeout: timeoutOf(fn) }, () => fn(env));
}
