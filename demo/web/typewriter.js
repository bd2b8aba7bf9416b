// Typewriter reveals text a few characters per frame, appending to one text
// node. However fast tokens arrive, the backlog drains in about 8 frames.

export class Typewriter {
  /** @param {HTMLElement} target the element the text node goes into */
  constructor(target) {
    this.node = document.createTextNode('');
    target.append(this.node);
    /** Text received but not shown yet. */
    this.pending = '';
    /** Every character pushed, shown or not. */
    this.received = '';
    this.frame = 0;
    /** @type {(() => void)[]} */
    this.waiters = [];
  }

  /** @param {string} text */
  push(text) {
    this.pending += text;
    this.received += text;
    if (document.hidden) this.flush(); // no frames in a hidden tab
    else if (this.frame === 0) this.frame = requestAnimationFrame(() => this.tick());
  }

  tick() {
    this.frame = 0;
    let n = Math.max(2, Math.ceil(this.pending.length / 8));
    // Never split a surrogate pair.
    if (n < this.pending.length) {
      const c = this.pending.charCodeAt(n - 1);
      if (c >= 0xd800 && c <= 0xdbff) n++;
    }
    this.node.appendData(this.pending.slice(0, n));
    this.pending = this.pending.slice(n);
    if (this.pending !== '') this.frame = requestAnimationFrame(() => this.tick());
    else this.wake();
  }

  /** flush shows everything received at once. */
  flush() {
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.node.appendData(this.pending);
    this.pending = '';
    this.wake();
  }

  /** drained resolves once everything received is on screen. */
  drained() {
    if (this.pending === '') return Promise.resolve();
    return new Promise((resolve) => { this.waiters.push(() => resolve(undefined)); });
  }

  wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
