// What the test server's /corpus route serves, as the report describes it.
import { createParser } from 'eventsource-parser';

/** The corpora, in report order, with a description. */
export const CORPORA = {
  small: 'OpenAI-shaped: 100k one-line JSON chat-completion chunks (~250 B each, one word of content), then `data: [DONE]`',
  'llm-like': 'LLM token stream: 100k one-line JSON events of ~50 B, `data: {"content":"<token>","i":<n>,"done":false}`, ~3% non-ASCII tokens',
  large: '2k events of 64 KiB, each split over 64 `data:` lines (joining lines), ASCII',
  mixed: 'mixed: CRLF/CR/LF, comments, ids, retry, named events, non-ASCII, invalid UTF-8',
};

/**
 * corpusInfo fetches a corpus once (POST) and returns its size, the event
 * count a conforming client dispatches (the server's X-Corpus-Events) and
 * the event types in it (the `eventsource` client must listen to each).
 * @param {string} base SSE_TEST_URL
 * @param {string} name
 */
export async function corpusInfo(base, name) {
  const url = `${base}/corpus?name=${name}`;
  const res = await fetch(url, { method: 'POST' });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const events = Number(res.headers.get('x-corpus-events'));
  const types = new Set();
  let parsed = 0;
  const parser = createParser({
    onEvent(ev) {
      parsed++;
      types.add(ev.event || 'message');
    },
  });
  const decoder = new TextDecoder();
  let bytes = 0;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    parser.feed(decoder.decode(chunk, { stream: true }));
  }
  parser.feed(decoder.decode());
  if (parsed !== events) throw new Error(`${name}: eventsource-parser counts ${parsed} events, the server says ${events}`);
  return { name, url, bytes, events, types: [...types].sort() };
}
