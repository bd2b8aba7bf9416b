// Time from opening a stream to its first event. Its own module so the
// cold-start pages bundle nothing but it and one client.

const now = () => performance.now();

/**
 * firstEvent opens url with client and returns the ms from the call to
 * the first event's callback; the stream is then aborted.
 * @param {(url: string, o: object) => Promise<object>} client
 * @param {string} url
 * @param {string[]} [types]
 */
export async function firstEvent(client, url, types) {
  const ac = new AbortController();
  let first = -1;
  const t0 = now();
  await client(url, {
    signal: ac.signal,
    types,
    onEvent(n) {
      if (n === 1) {
        first = now() - t0;
        ac.abort();
      }
    },
  });
  if (first < 0) throw new Error(`no event from ${url}`);
  return first;
}

