// The shared behaviour cases (../behaviour/cases/) in Node against the Go
// test server, one node:test test per case, named as in Chromium. The
// visibility group needs a stand-in document: behaviour-visibility.test.js.
import { test } from 'node:test';
import * as sse from '../../src/index.js';
import { CASES, VISIBILITY_GROUP } from '../behaviour/cases/index.js';
import { makeEnv } from '../behaviour/lib/env.js';
import { timeoutOf } from '../behaviour/lib/case.js';
import { BASE } from './helpers.js';

const env = makeEnv(sse, BASE, 'node');

for (const [name, fn] of CASES) {
  if (name.startsWith(VISIBILITY_GROUP)) continue;
  test(name, { timeout: timeoutOf(fn) }, () => fn(env));
}
