// The live event log: newest row first, at most MAX_ROWS rows.
import { clock, el } from './dom.js';

const MAX_ROWS = 300;
const MAX_DATA = 80;

export class EventLog {
  /** @param {HTMLElement} tbody */
  constructor(tbody) {
    this.tbody = tbody;
  }

  /**
   * add logs one row; kind colours it (open, retry, error, done, ...) and
   * data is shown as given (callers quote event data).
   * @param {string} kind
   * @param {string} type
   * @param {string} id
   * @param {string} data
   */
  add(kind, type, id, data) {
    const tr = el('tr');
    tr.dataset.kind = kind;
    const shown = data.length > MAX_DATA ? data.slice(0, MAX_DATA) + '…' : data;
    tr.append(el('td', '', clock()), el('td', '', type), el('td', '', id), el('td', '', shown));
    this.tbody.prepend(tr);
    while (this.tbody.childElementCount > MAX_ROWS) this.tbody.lastElementChild?.remove();
  }

  clear() {
    this.tbody.replaceChildren();
  }
}
