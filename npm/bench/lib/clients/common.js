// Shared by the client modules.

/** The global fetch, called without a receiver. */
export const globalFetch = (input, init) => globalThis.fetch(input, init);

/** isAbort tells an abort (the expected end of a stopped run) from a failure. */
export function isAbort(err, signal) {
  return (signal !== undefined && signal.aborted) || (err && err.name === 'AbortError');
}
