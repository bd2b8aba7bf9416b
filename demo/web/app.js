// The demo page: wires the chat, the fault knobs, the event log and the feeds.
import { init } from 'wasm-sse';
import { $ } from './dom.js';
import { EventLog } from './eventlog.js';
import { Chat } from './chat.js';
import { startFeeds } from './feeds.js';

const log = new EventLog($('log'));
const chat = new Chat(log);

const form = /** @type {HTMLFormElement} */ ($('composer'));
const prompt = /** @type {HTMLTextAreaElement} */ ($('prompt'));
const send = /** @type {HTMLButtonElement} */ ($('send'));
const stop = /** @type {HTMLButtonElement} */ ($('stop'));

/** knobs reads the fault switches. */
function knobs() {
  const drop = /** @type {HTMLInputElement} */ ($('opt-drop')).checked
    ? Math.max(1, Number(/** @type {HTMLInputElement} */ ($('opt-drop-n')).value) || 12)
    : 0;
  const fail = /** @type {HTMLInputElement | null} */ (document.querySelector('input[name="fail"]:checked'))?.value ?? '';
  const slow = /** @type {HTMLInputElement} */ ($('opt-slow')).checked ? 1500 : 0;
  const end = /** @type {HTMLInputElement} */ ($('opt-end')).checked
    ? Math.max(1, Number(/** @type {HTMLInputElement} */ ($('opt-end-n')).value) || 8)
    : 0;
  const noIds = /** @type {HTMLInputElement} */ ($('opt-noids')).checked;
  return { drop, fail, slow, end, noIds };
}

/** @param {string} text */
async function ask(text) {
  text = text.trim();
  if (text === '' || chat.busy) return;
  send.disabled = true;
  stop.disabled = false;
  try {
    await chat.send(text, knobs());
  } finally {
    send.disabled = false;
    stop.disabled = true;
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  ask(prompt.value);
});
prompt.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    form.requestSubmit();
  }
});
stop.addEventListener('click', () => chat.stop());
$('suggestions').addEventListener('click', (/** @type {MouseEvent} */ e) => {
  const b = /** @type {HTMLElement} */ (e.target).closest('button[data-prompt]');
  if (b instanceof HTMLElement && b.dataset.prompt) {
    prompt.value = b.dataset.prompt;
    ask(b.dataset.prompt);
  }
});
$('log-clear').addEventListener('click', () => log.clear());

// Load the module up front, so the first answer does not wait for it.
const info = $('wasm-info');
const t0 = performance.now();
init().then(() => {
  info.dataset.state = 'ready';
  info.textContent = `sse.wasm ready in ${Math.round(performance.now() - t0)} ms`;
}, (err) => {
  info.dataset.state = 'error';
  info.textContent = `sse.wasm failed to load: ${err?.message ?? err}`;
});

startFeeds(/** @type {HTMLInputElement} */ ($('feed-cut')));
document.body.dataset.ready = 'true';
