// The streams that are open in this realm: kept so that the Go runtime
// exiting fails every one of them, and so that Node stays alive while one
// is open (Go's own timers are unref'd, see scope.js: a stream waiting to
// reconnect is work in progress).

/** @type {Set<{fail(err: unknown): void}>} */
const live = new Set();

/** @type {ReturnType<typeof setInterval> | null} */
let keepAlive = null;

/**
 * track records an open stream.
 * @param {{fail(err: unknown): void}} stream
 */
export function track(stream) {
  live.add(stream);
  if (keepAlive === null) keepAlive = setInterval(() => {}, 0x7fffffff);
}

/**
 * untrack forgets a stream that ended.
 * @param {{fail(err: unknown): void}} stream
 */
export function untrack(stream) {
  live.delete(stream);
  if (live.size === 0 && keepAlive !== null) {
    clearInterval(keepAlive);
    keepAlive = null;
  }
}

/**
 * failAll fails every open stream with err (each untracks itself).
 * @param {unknown} err
 */
export function failAll(err) {
  for (const s of [...live]) s.fail(err);
}
