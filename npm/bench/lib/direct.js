// Reference rows of the parser-only measure that bypass fetch and streams.
import { createParser } from 'eventsource-parser';

/**
 * Reference rows of parserOnly that bypass fetch and streams entirely
 * (synchronous loops over the chunk array).
 */
export const direct = {
  /** TextDecoder over every chunk: the floor of any JS client. */
  'decode-only'(chunks) {
    const d = new TextDecoder();
    let chars = 0;
    for (const c of chunks) chars += d.decode(c, { stream: true }).length;
    chars += d.decode().length;
    return { events: chunks.length, chars };
  },
  /** eventsource-parser's feed() on TextDecoder output, no stream. */
  'eventsource-parser-feed'(chunks) {
    const d = new TextDecoder();
    let n = 0, chars = 0;
    const parser = createParser({
      onEvent(ev) {
        n++;
        chars += ev.data.length;
      },
    });
    for (const c of chunks) parser.feed(d.decode(c, { stream: true }));
    parser.feed(d.decode());
    return { events: n, chars };
  },
};

