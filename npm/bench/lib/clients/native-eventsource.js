// The browser's own EventSource (GET only), for the EventSource-class
// comparison. Not in Node 20, which has no EventSource.
import { runEventSource } from './common.js';

/**
 * nativeEventSource: `new EventSource(url)` of the browser. It can only
 * GET, so it refuses any other method rather than measure a different
 * request. At the end of a body it schedules a reconnect: the run ends at
 * the error event after the open, or on abort.
 */
export function nativeEventSource(url, o = {}) {
  if (o.method !== undefined && o.method !== 'GET') {
    return Promise.reject(new Error(`native EventSource: GET only (asked for ${o.method})`));
  }
  if (o.fetch !== undefined) return Promise.reject(new Error('native EventSource: no fetch option'));
  return runEventSource(new globalThis.EventSource(url), o, () => new Error('native EventSource: connection failed'));
}
