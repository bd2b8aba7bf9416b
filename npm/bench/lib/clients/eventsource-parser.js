// eventsource-parser with fetch, reader.read() and a streaming TextDecoder.
import { createParser } from 'eventsource-parser';
import { globalFetch, isAbort } from './common.js';

/** eventsourceParser: fetch + reader.read() + TextDecoder + eventsource-parser. */
export async function eventsourceParser(url, o = {}) {
  const f = o.fetch ?? globalFetch;
  let n = 0, chars = 0;
  const onEvent = o.onEvent;
  const parser = createParser({
    onEvent(ev) {
      n++;
      chars += ev.data.length;
      if (onEvent !== undefined) onEvent(n);
    },
  });
  const decoder = new TextDecoder();
  try {
    const res = await f(url, { method: o.method ?? 'POST', signal: o.signal, headers: { accept: 'text/event-stream' } });
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    parser.feed(decoder.decode());
  } catch (err) {
    if (!isAbort(err, o.signal)) throw err;
  }
  return { events: n, chars };
}

