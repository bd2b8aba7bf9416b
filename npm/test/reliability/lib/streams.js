// The streams of the exactly-once resume test: every event's bytes, the
// offset of each event, and what a client must dispatch. Byte-identical to
// wasm/client/reliability_resume_test.go (renderSSE, renderRaw).

const enc = new TextEncoder();

/** The event type of the /sse variant: 2-, 3- and 4-byte UTF-8 sequences. */
export const SSE_EVENT_NAME = 'tick-ü€😀';

/**
 * @typedef {{type: string, data: string, id: string}} Expected
 * @typedef {{full: Uint8Array, off: number[], want: Expected[]}} ResumeStream
 */

/**
 * renderSSE is what /sse?ids=1&eol=crlf&comment=1&lines=2&event=<name>
 * sends for event n.
 * @param {number} n
 * @returns {[Uint8Array, Expected]}
 */
export function renderSSE(n) {
  const text = `: ping\r\nid: ${n}\r\nevent: ${SSE_EVENT_NAME}\r\ndata: msg ${n}.1\r\ndata: msg ${n}.2\r\n\r\n`;
  return [enc.encode(text), { type: SSE_EVENT_NAME, data: `msg ${n}.1\nmsg ${n}.2`, id: String(n) }];
}

/**
 * renderRaw: non-ASCII data, CRLF / LF / lone-CR line endings, comments,
 * two data lines, named and default types, an invalid byte now and then.
 * @param {number} n
 * @returns {[Uint8Array, Expected]}
 */
export function renderRaw(n) {
  const eol = ['\r\n', '\n', '\r'][n % 3];
  const id = String(n);
  const e = { type: 'message', data: `ü€😀 ${id}\n第二行`, id };
  let text = '';
  if (n % 4 === 0) text += `: comment ü${eol}`;
  text += `id: ${id}${eol}`;
  if (n % 5 !== 0) {
    e.type = ['tick', 'ünï'][n % 2];
    text += `event: ${e.type}${eol}`;
  }
  text += `data: ü€😀 ${id}${eol}data: 第二行`;
  const parts = [enc.encode(text)];
  if (n % 7 === 0) {
    parts.push(new Uint8Array([0x20, 0xff]));
    e.data += ' \uFFFD';
  }
  parts.push(enc.encode(eol + eol));
  return [concat(parts), e];
}

/** @param {Uint8Array[]} parts */
function concat(parts) {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * resumeStream renders events 1..n.
 * @param {number} n
 * @param {(n: number) => [Uint8Array, Expected]} render
 * @returns {ResumeStream}
 */
export function resumeStream(n, render) {
  const parts = [];
  const off = [0];
  const want = [];
  for (let i = 1; i <= n; i++) {
    const [bytes, e] = render(i);
    parts.push(bytes);
    off.push(off[i - 1] + bytes.length);
    want.push(e);
  }
  return { full: concat(parts), off, want };
}

/**
 * base64url encodes bytes (no padding) in Node and in browsers.
 * @param {Uint8Array} bytes
 */
export function base64url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode.apply(null, /** @type {any} */ (bytes.subarray(i, i + 0x8000)));
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
