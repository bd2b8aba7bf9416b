// The per-chunk path (the JS pump feeding Go through wasmsse_feed), written
// once for Node and the page: every chunk size from 1 byte to beyond Go's
// 64 KiB input buffer, the wasm memory growing in the middle of a stream,
// many streams feeding interleaved, a stream closed from inside a user
// callback in the middle of a batch, and a user callback that throws.
// Each case returns {failures: string[], figures: object}.

/**
 * @typedef {{base: string, sse: any, api: any, wasmMemory: () => number | undefined}} Env
 * @typedef {{failures: string[], figures: Record<string, unknown>}} Result
 */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/**
 * u builds a test server URL.
 * @param {string} base @param {string} path @param {Record<string, string | number>} [q]
 */
function u(base, path, q = {}) {
  const x = new URL(path, base);
  for (const [k, v] of Object.entries(q)) x.searchParams.set(k, String(v));
  return x.href;
}

let seq = 0;
/** @param {string} name */
function key(name) {
  return `hot-${name}-${Date.now()}-${++seq}-${Math.floor(Math.random() * 1e9)}`;
}

/**
 * chunkedFetch returns a fetch that answers with the given bytes, cut into
 * chunks of `size` bytes handed out one read at a time.
 * @param {Uint8Array} bytes @param {number} size
 */
function chunkedFetch(bytes, size) {
  return () => {
    let off = 0;
    const body = new ReadableStream({
      pull(c) {
        if (off >= bytes.length) {
          c.close();
          return;
        }
        c.enqueue(bytes.slice(off, off + size));
        off += size;
      },
    }, { highWaterMark: 0 });
    return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }));
  };
}

/**
 * collect runs fetchEventSource over fetch and returns every message as
 * [event, data, id].
 * @param {Env} env @param {(input: any, init?: any) => Promise<Response>} fetch
 */
async function collect(env, fetch) {
  /** @type {string[][]} */
  const got = [];
  await env.sse.fetchEventSource('http://in-memory.invalid/stream', {
    fetch,
    maxEventSize: 64 << 20,
    onmessage: (/** @type {any} */ m) => { got.push([m.event, m.data, m.id]); },
    onerror: (/** @type {unknown} */ e) => { throw e; },
  });
  return got;
}

/**
 * firstDifference describes where two message lists differ, or ''.
 * @param {string[][]} want @param {string[][]} got
 */
function firstDifference(want, got) {
  for (let i = 0; i < Math.min(want.length, got.length); i++) {
    if (want[i].join('\u0000') !== got[i].join('\u0000')) return `message ${i}: ${JSON.stringify(got[i]).slice(0, 120)} != ${JSON.stringify(want[i]).slice(0, 120)}`;
  }
  return want.length === got.length ? '' : `${got.length} messages != ${want.length}`;
}

/**
 * waitCounters waits (bounded) until the Go side has no pumped attempt, no
 * stream and at most `funcs` live js.Funcs.
 * @param {Env} env @param {number} funcs
 */
async function settled(env, funcs) {
  const until = Date.now() + 5000;
  for (;;) {
    const now = { pumps: env.api.pumps(), streams: env.api.streams(), funcs: env.api.liveFuncs() };
    if ((now.pumps === 0 && now.streams === 0 && now.funcs <= funcs) || Date.now() > until) return now;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** @type {Record<string, (env: Env) => Promise<Result>>} */
export const CASES = {
  /** The mixed corpus (CR/LF/CRLF, comments, ids, retry, types, non-ASCII, invalid UTF-8) at every chunk size. */
  async 'every chunk size, 1 byte to beyond the 64 KiB input buffer, gives the same messages'(env) {
    const failures = [];
    const res = await fetch(u(env.base, '/corpus', { name: 'mixed' }), { method: 'POST' });
    const all = new Uint8Array(await res.arrayBuffer());
    const count = Number(res.headers.get('x-corpus-events'));
    const whole = await collect(env, chunkedFetch(all, 65537));
    if (whole.length !== count) failures.push(`the whole corpus in 65537-byte chunks: ${whole.length} messages, the server counts ${count}`);
    const prefix = all.subarray(0, 200_000);
    const want = await collect(env, chunkedFetch(prefix, prefix.length));
    if (want.length < 300 || !want.some((m) => /[^\x00-\x7f]/.test(m[1]))) failures.push(`the prefix should hold many events with non-ASCII data: ${want.length}`);
    for (const size of [1, 2, 3, 5, 7, 64, 1000, 4096, 65535, 65536, 65537, 131073]) {
      const d = firstDifference(want, await collect(env, chunkedFetch(prefix, size)));
      if (d !== '') failures.push(`${size}-byte chunks: ${d}`);
    }
    return { failures, figures: { corpusBytes: all.length, corpusEvents: count, prefixEvents: want.length } };
  },

  /**
   * The memory grows while pumps hold views of it: concurrent streams of
   * large events (each parser holds a whole event) need more than the
   * memory has, so Go's allocator grows it in the middle of the streams.
   * (Only Go grows it: wasm_exec.js refreshes its own view when Go does.)
   */
  async 'the wasm memory grows in the middle of a stream and no byte is lost'(env) {
    const failures = [];
    const before = env.wasmMemory() ?? 0;
    const size = 4 << 20;
    // Each stream holds about 4 copies of an event at its peak (the line,
    // the data, the records' side buffer, slack): enough streams to need
    // more than the memory has. Run it on a fresh page or process.
    const streams = Math.min(12, Math.ceil(before / (4 * size)) + 1);
    const n = 2;
    const runs = Array.from({ length: streams }, async (_, s) => {
      /** @type {string[]} */
      const datas = [];
      await env.sse.fetchEventSource(u(env.base, '/sse', { events: n, size, ids: 1 }), {
        maxEventSize: 8 << 20,
        onmessage: (/** @type {any} */ m) => { datas.push(m.data); },
        onerror: (/** @type {unknown} */ e) => { throw e; },
      });
      if (datas.length !== n) failures.push(`stream ${s}: ${datas.length} events, want ${n}`);
      datas.forEach((d, i) => {
        const ev = i + 1;
        if (d.length !== size) {
          failures.push(`stream ${s} event ${ev}: ${d.length} bytes, want ${size}`);
          return;
        }
        for (let p = 0; p < size; p += 65521) { // sample the content
          if (d[p] !== ALPHABET[(ev + p) % 26]) {
            failures.push(`stream ${s} event ${ev}: wrong byte at ${p}`);
            return;
          }
        }
      });
    });
    await Promise.all(runs);
    const after = env.wasmMemory() ?? 0;
    if (!(after > before)) failures.push(`the memory did not grow (${before} -> ${after} bytes): the case tests nothing`);
    return { failures, figures: { streams, eventBytes: size, memoryBefore: before, memoryAfter: after } };
  },

  /** Streams whose chunks interleave: each pump writes its own buffers. */
  async 'many streams feeding interleaved each get exactly their own events'(env) {
    const failures = [];
    const streams = 24, events = 300;
    const runs = Array.from({ length: streams }, async (_, s) => {
      /** @type {string[]} */
      const got = [];
      await env.sse.fetchEventSource(u(env.base, '/sse', { events, ids: 1, event: `s${s}`, chunk: 1 + ((s * 7) % 61) }), {
        onmessage: (/** @type {any} */ m) => { got.push(`${m.event}|${m.id}|${m.data}`); },
        onerror: (/** @type {unknown} */ e) => { throw e; },
      });
      const want = Array.from({ length: events }, (_, i) => `s${s}|${i + 1}|msg ${i + 1}`);
      if (got.join('\n') !== want.join('\n')) failures.push(`stream ${s}: ${got.length} events, first wrong: ${got.find((g, i) => g !== want[i])}`);
    });
    await Promise.all(runs);
    return { failures, figures: { streams, events } };
  },

  /** close()/abort/break from a callback while the rest of a batch waits. */
  async 'closing from inside a callback in the middle of a batch stops at once'(env) {
    const failures = [];
    const base = env.api.liveFuncs();
    const sse = env.sse;
    // 40 events in one write: they arrive as one chunk, one batch.
    const target = (/** @type {string} */ k) => u(env.base, '/sse', { key: k, events: 40, ids: 1, end: 'hang' });
    /** @type {[string, () => Promise<string[]>][]} */
    const styles = [
      ['fetchEventSource + abort()', async () => {
        const got = [];
        const ctrl = new AbortController();
        await sse.fetchEventSource(target(key('fes')), {
          signal: ctrl.signal,
          onmessage: (/** @type {any} */ m) => { got.push(m.data); if (got.length === 3) ctrl.abort(); },
        });
        return got;
      }],
      ['events() + break', async () => {
        const got = [];
        for await (const m of sse.events(target(key('iter')))) {
          got.push(m.data);
          if (got.length === 3) break;
        }
        return got;
      }],
      ['EventSource + close()', () => new Promise((resolve) => {
        const got = [];
        const es = new sse.EventSource(target(key('es')));
        es.onmessage = (/** @type {any} */ m) => {
          got.push(m.data);
          if (got.length === 3) {
            es.close();
            setTimeout(() => resolve(got), 50); // nothing more may arrive
          }
        };
      })],
    ];
    for (const [name, run] of styles) {
      const got = await run();
      if (got.join(',') !== 'msg 1,msg 2,msg 3') failures.push(`${name}: got ${got.join(',')}`);
    }
    const now = await settled(env, base);
    if (now.pumps !== 0 || now.streams !== 0 || now.funcs > base) failures.push(`Go still holds ${JSON.stringify(now)} (funcs before: ${base})`);
    return { failures, figures: {} };
  },

  /** A throw fails the attempt; the resume asks again for what was not delivered. */
  async 'a callback that throws mid-batch fails the attempt and the resume loses nothing'(env) {
    const failures = [];
    const k = key('throw');
    const got = [];
    const errors = [];
    class Boom extends Error {}
    let thrown = false;
    await env.sse.fetchEventSource(u(env.base, '/sse', { key: k, events: 30, ids: 1 }), {
      onmessage: (/** @type {any} */ m) => {
        got.push(m.data);
        if (m.id === '5' && !thrown) {
          thrown = true;
          throw new Boom('boom');
        }
      },
      onerror: (/** @type {unknown} */ e) => {
        errors.push(e);
        if (!(e instanceof Boom)) throw e;
        return 0;
      },
    });
    const want = Array.from({ length: 30 }, (_, i) => `msg ${i + 1}`);
    if (got.join(',') !== want.join(',')) failures.push(`got ${got.join(',')}`);
    if (errors.length !== 1 || !(errors[0] instanceof Boom)) failures.push(`onerror got ${errors.map(String).join(', ')}`);
    const st = await (await fetch(u(env.base, '/stats', { key: k }))).json();
    if (st.requests !== 2 || st.lastEventId !== '5') failures.push(`server saw ${st.requests} requests, last Last-Event-ID ${JSON.stringify(st.lastEventId)} (want 2, "5")`);
    return { failures, figures: {} };
  },
};

/**
 * The pump's busy-stream rule: chunks already buffered resolve read() as
 * microtasks, so a stream that never waits must give the event loop a turn
 * (every 50 ms of reading), or the page's timers, input and rendering stop.
 */
CASES['a 120 MB stream read at full speed lets timers run'] = async (env) => {
  const failures = [];
  // 1920 chunks of 64 KiB, 16 events of 4 KiB each, all ready at once: every
  // read() resolves as a microtask, the worst case (a real network's
  // chunks arrive as tasks, which let timers run by themselves).
  const event = new TextEncoder().encode(`data: ${'a'.repeat(4096 - 8)}\n\n`);
  const chunk = new Uint8Array(64 << 10);
  for (let i = 0; i < 16; i++) chunk.set(event, i * event.length);
  const chunks = 1920;
  const fetch = () => {
    let sent = 0;
    const body = new ReadableStream({
      pull(c) {
        if (sent++ < chunks) c.enqueue(chunk.slice());
        else c.close();
      },
    }, { highWaterMark: 0 });
    return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }));
  };
  const ticks = [];
  const timer = setInterval(() => ticks.push(performance.now()), 10);
  const start = performance.now();
  let events = 0;
  try {
    await env.sse.fetchEventSource('http://in-memory.invalid/busy', {
      fetch,
      onmessage: () => { events++; },
      onerror: (/** @type {unknown} */ e) => { throw e; },
    });
  } finally {
    clearInterval(timer);
  }
  const end = performance.now();
  let prev = start, worst = 0;
  for (const at of [...ticks, end]) {
    worst = Math.max(worst, at - prev);
    prev = at;
  }
  if (events !== chunks * 16) failures.push(`${events} events, want ${chunks * 16}`);
  // A bound loose enough for a loaded machine: without the yield the gap
  // is the whole stream.
  if (worst >= 150) failures.push(`the longest gap between timer ticks was ${worst.toFixed(0)} ms`);
  return { failures, figures: { ms: Math.round(end - start), ticks: ticks.length, longestGapMs: Math.round(worst) } };
};

/**
 * runCase runs one case by name.
 * @param {Env} env @param {string} name
 * @returns {Promise<Result>}
 */
export async function runCase(env, name) {
  return CASES[name](env);
}
