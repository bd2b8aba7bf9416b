// A stream that fails before its first await (a header fetch refuses, a
// headers function that throws with no retry allowed) must report it
// after the call that started it returns, as the native EventSource does:
// an onerror set right after `new EventSource()` has to see it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { init, EventSource, fetchEventSource, events } from '../../src/index.js';
import { BASE, within } from './helpers.js';

before(() => init()); // loaded: streams open synchronously

const BAD = { Authorization: 'Bearer x\r\nX-Injected: 1' };
const THROWS = () => { throw new Error('no token yet'); };

for (const [what, opts] of /** @type {const} */ ([['an invalid header', { headers: BAD }], ['a throwing headers function', { headers: THROWS, retry: { maxRetries: 0 } }]])) {
  test(`EventSource: ${what} fires error after the constructor returns`, async () => {
    let inCtor = true;
    /** @type {string[]} */
    const seen = [];
    class Probe extends EventSource {
      /** @param {Event} e */
      dispatchEvent(e) {
        seen.push(`${e.type}${inCtor ? ' (inside the constructor)' : ''}`);
        return super.dispatchEvent(e);
      }
    }
    const es = new Probe(`${BASE}/sse?events=1`, opts);
    inCtor = false;
    const ev = await within(new Promise((r) => { es.onerror = r; }), 5000, 'error event');
    assert.deepEqual(seen, ['error']);
    assert.equal(es.readyState, EventSource.CLOSED);
    assert.ok(/** @type {any} */ (ev).error instanceof Error);
  });

  test(`fetchEventSource: ${what} calls onerror after the call returns`, async () => {
    let inCall = true;
    /** @type {boolean[]} */
    const calls = [];
    const p = fetchEventSource(`${BASE}/sse?events=1`, { ...opts, onerror: (e) => { calls.push(inCall); throw e; } });
    inCall = false;
    await assert.rejects(within(p, 5000, 'rejection'));
    assert.deepEqual(calls, [false]);
  });
}

test('events(): an invalid header throws from the loop', async () => {
  await assert.rejects(within((async () => { for await (const _ of events(`${BASE}/sse?events=1`, { headers: BAD })) { /* none */ } })(), 5000, 'loop'),
    /header "Authorization"/);
});
