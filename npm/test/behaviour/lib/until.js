// until records the events of an EventSource (ours or a native one) and
// resolves once a predicate holds: for Node and the page alike.
import { within } from './wait.js';

/**
 * until records every event of the given types on es (type, readyState,
 * data, lastEventId, origin, error) and resolves with a snapshot of the log
 * once pred(ev, log) holds; rejects after ms.
 * @param {EventTarget & {readyState: number}} es
 * @param {string[]} types
 * @param {(ev: any, log: any[]) => boolean} pred
 * @param {number} [ms]
 * @returns {Promise<any[]>}
 */
export function until(es, types, pred, ms = 5000) {
  /** @type {(log: any[]) => void} */
  let resolve = () => {};
  /** @type {Promise<any[]>} */
  const done = new Promise((r) => { resolve = r; });
  /** @type {any[]} */
  const log = [];
  for (const t of types) {
    es.addEventListener(t, (/** @type {any} */ ev) => {
      /** @type {any} */
      const e = { type: ev.type, state: es.readyState };
      if (ev instanceof MessageEvent) Object.assign(e, { data: ev.data, id: ev.lastEventId, origin: ev.origin });
      if (ev.error !== undefined) e.error = ev.error;
      log.push(e);
      if (pred(ev, log)) resolve(log.slice()); // later events of the same turn may follow
    });
  }
  return within(done, ms, `waiting on ${types}`);
}
