// The raw loops: the ceiling (bytes only) and the decode floor.
import { globalFetch, isAbort } from './common.js';

/** rawRead: fetch + reader.read(), bytes only: the ceiling. */
export async function rawRead(url, o = {}) {
  const f = o.fetch ?? globalFetch;
  let chunks = 0, bytes = 0;
  try {
    const res = await f(url, { method: o.method ?? 'POST', signal: o.signal });
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      bytes += value.length;
      if (o.onEvent !== undefined) o.onEvent(chunks);
    }
  } catch (err) {
    if (!isAbort(err, o.signal)) throw err;
  }
  return { events: chunks, chars: bytes };
}

/** rawDecode: rawRead plus one streaming TextDecoder pass: the decode floor. */
export async function rawDecode(url, o = {}) {
  const f = o.fetch ?? globalFetch;
  const decoder = new TextDecoder();
  let chunks = 0, chars = 0;
  try {
    const res = await f(url, { method: o.method ?? 'POST', signal: o.signal });
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      chars += decoder.decode(value, { stream: true }).length;
      if (o.onEvent !== undefined) o.onEvent(chunks);
    }
    chars += decoder.decode().length;
  } catch (err) {
    if (!isAbort(err, o.signal)) throw err;
  }
  return { events: chunks, chars };
}

