// The chat: POSTs a prompt with wasm-sse's events() and renders the answer
// with a typing effect. The answer is complete only when its "done" event
// arrives (the done option): a clean end of the response before it is a cut,
// resumed with Last-Event-ID, or reported when the answer had no ids. Knobs
// ask the demo server for faults.
import { events, IncompleteStreamError } from 'wasm-sse';
import { $, el, randomId, setBadge } from './dom.js';
import { Typewriter } from './typewriter.js';

/**
 * @typedef {object} Knobs
 * @property {number} drop cut the connection after this many tokens (0: no)
 * @property {string} fail "500", "429" or ""
 * @property {number} slow ms per token (0: server default)
 * @property {number} end end the response cleanly after this many tokens, without "done" (0: no)
 * @property {boolean} noIds the server sends no event ids (the answer cannot resume)
 */

export class Chat {
  /** @param {import('./eventlog.js').EventLog} log */
  constructor(log) {
    this.log = log;
    this.messages = $('messages');
    this.badge = $('state');
    this.reconnectsEl = $('reconnects');
    this.tokensEl = $('tokens');
    /** @type {AbortController | null} */
    this.controller = null;
  }

  /** busy reports whether an answer is streaming. */
  get busy() {
    return this.controller !== null;
  }

  /** stop aborts the answer being streamed. */
  stop() {
    if (this.controller !== null) this.controller.abort();
  }

  /**
   * send streams the answer to prompt. It resolves when the stream is over
   * and the text is on screen, with the final state.
   * @param {string} prompt
   * @param {Knobs} knobs
   * @returns {Promise<string>}
   */
  async send(prompt, knobs) {
    if (this.controller !== null) throw new Error('demo: an answer is already streaming');
    const controller = new AbortController();
    this.controller = controller;
    const conv = randomId();
    $('empty')?.remove();

    const user = el('div', 'msg user', prompt);
    const bubble = el('div', 'msg assistant');
    bubble.dataset.conv = conv;
    bubble.dataset.state = 'streaming';
    const text = el('div', 'text');
    const caret = el('span', 'caret');
    caret.setAttribute('aria-hidden', 'true');
    const meta = el('div', 'meta', 'waiting for the first token…');
    bubble.append(text, meta);
    text.after(caret);
    this.messages.append(user, bubble);
    const typer = new Typewriter(text);

    let reconnects = 0, tokens = 0, lastId = 0, repeats = 0, gaps = 0;
    /** @type {{data: string, id: string} | null} the done event: the marker is not yielded */
    let done = null;
    /** @type {number[]} tokens the server resumed at */
    const resumedAt = [];
    const showCounts = () => {
      this.reconnectsEl.textContent = String(reconnects);
      this.tokensEl.textContent = String(tokens);
      bubble.dataset.reconnects = String(reconnects);
      bubble.dataset.tokens = String(tokens);
    };
    showCounts();
    setBadge(this.badge, 'connecting');
    this.log.add('send', 'POST', '', `/api/chat ${JSON.stringify({ prompt, conv, ...knobs })}`);

    const request = {
      url: '/api/chat',
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ prompt, conv, ...knobs }),
      signal: controller.signal,
    };
    // The Go client (demo/goclient, panel #go-client) streams the same
    // request through wasm/client; Stop aborts it too.
    document.dispatchEvent(new CustomEvent('demo:chat', { detail: request }));

    let state = 'done';
    let summary = '';
    try {
      const stream = events(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
        idleTimeout: 5000,
        retry: { initialDelay: 500, maxDelay: 4000, maxRetries: 6 },
        // The answer is over at its "done" event: the loop ends there and
        // the request is closed. A response that ends before it is a cut.
        done: (msg) => {
          if (msg.event !== 'done') return false;
          done = msg;
          return true;
        },
        onopen: (res) => {
          setBadge(this.badge, 'open');
          this.log.add('open', 'open', '', `HTTP ${res.status} ${res.headers.get('content-type') ?? ''}`);
        },
        onretry: (info) => {
          reconnects++;
          showCounts();
          setBadge(this.badge, 'reconnecting');
          const cut = info.error instanceof IncompleteStreamError;
          const why = info.error?.status ? `HTTP ${info.error.status}` : (info.error?.name ?? 'error');
          this.log.add('retry', 'retry', String(info.attempt), `#${info.attempt} in ${Math.round(info.delay)} ms after ${why}: ${info.error?.message ?? ''}`);
          meta.textContent = `${cut ? 'the response ended before "done"' : `connection lost (${why})`}; reconnecting with Last-Event-ID: ${lastId}…`;
        },
      });
      for await (const msg of stream) {
        switch (msg.event) {
          case 'message': {
            const n = msg.id === '' ? lastId + 1 : Number(msg.id); // without ids: counted
            if (n <= lastId) repeats++;
            else if (n !== lastId + 1) gaps++;
            lastId = Math.max(lastId, n);
            tokens++;
            typer.push(msg.data);
            showCounts();
            if (tokens === 1) meta.textContent = 'streaming…';
            this.log.add('message', 'message', msg.id, JSON.stringify(msg.data));
            break;
          }
          case 'meta': {
            const m = JSON.parse(msg.data);
            this.log.add('meta', 'meta', msg.id, msg.data);
            if (m.from > 1) {
              resumedAt.push(m.from);
              meta.textContent = `resumed at token ${m.from} of ${m.tokens}`;
            }
            break;
          }
          case 'usage': {
            const u = JSON.parse(msg.data);
            summary = `${u.completion_tokens} tokens (prompt ${u.prompt_tokens})`;
            this.log.add('usage', 'usage', msg.id, msg.data);
            break;
          }
          default:
            this.log.add('message', msg.event, msg.id, JSON.stringify(msg.data));
        }
      }
      // Without an error the loop ends at the done event or on Stop.
      if (controller.signal.aborted) state = 'stopped';
      else if (done !== null) this.log.add('done', 'done', done.id, `${done.data} (the answer is complete: the request was closed)`);
    } catch (err) {
      if (err instanceof IncompleteStreamError) {
        state = 'incomplete';
        summary = `the answer was cut off: the server ended the response after ${tokens} tokens without "done", ` +
          'and without event ids it cannot be resumed';
      } else {
        state = 'error';
        summary = `${/** @type {any} */ (err)?.name ?? 'Error'}: ${/** @type {any} */ (err)?.message ?? String(err)}`;
      }
      this.log.add('error', state === 'incomplete' ? 'cut off' : 'error', '', `${/** @type {any} */ (err)?.name}: ${/** @type {any} */ (err)?.message}`);
    } finally {
      this.controller = null;
    }

    if (state === 'stopped') {
      typer.flush();
      this.log.add('error', 'abort', String(lastId), 'stopped by the user: the request was aborted');
      summary = `stopped after ${tokens} tokens`;
    } else {
      await typer.drained();
    }
    const extra = [];
    if (reconnects > 0) extra.push(`${reconnects} reconnect${reconnects === 1 ? '' : 's'}`);
    if (resumedAt.length > 0) extra.push(`resumed at token ${resumedAt.join(', ')}`);
    if (repeats > 0) extra.push(`${repeats} repeated`);
    if (gaps > 0) extra.push(`${gaps} gaps`);
    meta.textContent = [summary, ...extra].filter(Boolean).join(' · ');
    bubble.dataset.repeats = String(repeats);
    bubble.dataset.gaps = String(gaps);
    bubble.dataset.state = state;
    setBadge(this.badge, state);
    return state;
  }
}
