// Type definitions for wasm-sse. Hand-written; the runtime is src/*.js.
//
// They compile in a browser project (lib "dom") and in a Node project with
// @types/node and no lib.dom (npm/test/types/tsconfig.{dom,node}.json check
// both). So they name only globals that both declare: fetch, Request,
// Response, Headers, RequestInit, AbortSignal, URL, EventTarget, Event and
// MessageEvent. The lib.dom-only names (BodyInit, RequestCredentials,
// AddEventListenerOptions, WebAssembly.Module, BufferSource, ...) are
// spelled out in the section below or inline, with the same members as
// lib.dom's, so a browser project sees the same API.

// ---------------------------------------------------------------------------
// Stand-ins for lib.dom-only names (not exported: see `export {}` at the end)
// ---------------------------------------------------------------------------

/** lib.dom's `RequestInfo | URL`: what `fetch` takes as its first argument. */
type RequestInput = string | URL | Request;

/**
 * What `fetch` takes as a body: lib.dom's `BodyInit | null` in a browser
 * project, undici's in a Node one (read off the `RequestInit` both declare).
 */
type RequestBody = RequestInit['body'];

/** lib.dom's `EventListenerOrEventListenerObject`. */
type Listener = ((evt: Event) => void) | { handleEvent(object: Event): void };

/** lib.dom's `EventListenerOptions`. */
interface ListenerOptions {
  capture?: boolean;
}

/** lib.dom's `AddEventListenerOptions`. */
interface AddListenerOptions extends ListenerOptions {
  once?: boolean;
  passive?: boolean;
  signal?: AbortSignal;
}

/**
 * `WebAssembly.Module | BufferSource` where a lib declares the WebAssembly
 * namespace (lib.dom, lib.webworker). @types/node does not, so a Node
 * project without lib.dom gets the bytes only: `ArrayBuffer` or a view.
 */
type WasmSource = typeof globalThis extends {
  WebAssembly: { Module: { prototype: infer Module }; compile(bytes: infer Bytes): unknown };
}
  ? Module | Bytes
  : ArrayBuffer | ArrayBufferView;

// ---------------------------------------------------------------------------
// Shared options
// ---------------------------------------------------------------------------

/** Headers as a plain object, a `Headers` instance, or `[name, value]` pairs. */
export type HeadersInput = Record<string, string> | Headers | [string, string][];

/**
 * Request headers: static, or a (possibly async) function called before
 * every attempt, first connect and each reconnect (e.g. a fresh auth token).
 */
export type HeadersOption = HeadersInput | (() => HeadersInput | Promise<HeadersInput>);

/**
 * The reconnection policy. Delays are in milliseconds. A failed attempt waits
 * `min(initialDelay * factor^(n-1), maxDelay)`, randomised by `jitter`, before
 * reconnect n of the current run; a server `retry:` field replaces
 * `initialDelay`, and a `Retry-After` header on 429/503 sets the next delay.
 *
 * Retry counts failures, not reconnects: a run is a sequence of failed
 * attempts that made no progress. An attempt that delivered at least one new
 * event, or moved the last event ID on, made progress: its failure starts a
 * new run (the next reconnect is n = 1 at the base delay, and `maxRetries`
 * and `maxElapsed` start over). So a stream that keeps delivering is resumed
 * however often its connection breaks, while one that delivers nothing backs
 * off and is given up on.
 */
export interface RetryOptions {
  /**
   * Base delay before the first reconnect, in ms. `0` reconnects at once,
   * and every later reconnect too (zero grows to zero): pair it with
   * `maxRetries`. The server's `retry:` field replaces it.
   * @defaultValue 1000
   */
  initialDelay?: number;
  /**
   * Cap on the backoff (before jitter), in ms; raised to `initialDelay`
   * when smaller. Never cuts a server `retry:` value or a `Retry-After`.
   * @defaultValue 30000
   */
  maxDelay?: number;
  /**
   * Growth factor of the delay per consecutive failure without progress (at least 1).
   * @defaultValue 2
   */
  factor?: number;
  /**
   * Randomised fraction of each delay, from 0 (none) to 1.
   * @defaultValue 0.5
   */
  jitter?: number;
  /**
   * Reconnects in a row that delivered nothing (one run) allowed before
   * giving up with {@link RetriesExhaustedError}; an attempt that delivered
   * new events starts the count over. `0` never reconnects.
   * @defaultValue Infinity
   */
  maxRetries?: number;
  /**
   * Give up when the next reconnect would start later than this many ms
   * after the first failure of a run of failures.
   * @defaultValue Infinity
   */
  maxElapsed?: number;
  /**
   * How long (ms) a connection must have stayed open for its failure to
   * reset the backoff to `initialDelay`; `0`: any connection that opened.
   * @defaultValue 5000
   */
  healthyAfter?: number;
  /**
   * When a request whose method is not GET or HEAD (e.g. a POST that starts an
   * LLM generation) is re-sent after a failure:
   * - `"resumable"`: only when no event was dispatched on the failed attempt,
   *   or when the server gave an event id (it can resume from `Last-Event-ID`);
   *   a clean end of the stream is never re-sent;
   * - `"never"`: never;
   * - `"always"`: like GET, on any retryable failure including a clean end.
   * @defaultValue "resumable"
   */
  nonIdempotent?: 'resumable' | 'never' | 'always';
  /**
   * How long, in ms from the start, a stream that has never opened (no
   * response accepted yet) keeps retrying: when the next reconnect would
   * start later than this, it fails with `RetriesExhaustedError` (reason
   * "never opened within ... ms", `cause` the last failure) instead, so a
   * wrong URL or port is reported rather than retried in silence. Once a
   * stream has opened, only the other limits apply. `Infinity`: no limit.
   * @defaultValue 10000 for `fetchEventSource` and `events()`; `Infinity`
   * for `EventSource`, which fires an `error` event at every failed
   * attempt, as the native class does
   */
  openWithin?: number;
}

/** What `onretry` receives just before a backoff wait. */
export interface RetryInfo {
  /** 1 for the first reconnect of a run of failures, then 2, 3, ... */
  attempt: number;
  /** The wait before the reconnect, in ms. */
  delay: number;
  /** Why the last attempt failed: a typed error, the error fetch threw, or what a callback threw. */
  error: unknown;
}

/** The RequestInit fields passed through to `fetch`. */
export interface RequestOptions {
  /**
   * HTTP method.
   * @defaultValue "GET"
   */
  method?: string;
  /**
   * Request body, sent again on every reconnect. A `ReadableStream` (or, in
   * Node, an iterable) body is rejected at run time with a TypeError (it can
   * be read only once).
   * @defaultValue undefined (none)
   */
  body?: RequestBody;
  /**
   * `fetch`'s credentials mode.
   * @defaultValue "same-origin"
   */
  credentials?: 'include' | 'omit' | 'same-origin';
  /**
   * `fetch`'s mode.
   * @defaultValue "cors"
   */
  mode?: 'cors' | 'navigate' | 'no-cors' | 'same-origin';
  /**
   * `fetch`'s cache mode.
   * @defaultValue "no-store"
   */
  cache?: 'default' | 'force-cache' | 'no-cache' | 'no-store' | 'only-if-cached' | 'reload';
  /**
   * `fetch`'s redirect mode.
   * @defaultValue "follow"
   */
  redirect?: 'error' | 'follow' | 'manual';
  /**
   * `fetch`'s referrer.
   * @defaultValue "about:client"
   */
  referrer?: string;
  /**
   * `fetch`'s referrer policy.
   * @defaultValue "" (the page's policy)
   */
  referrerPolicy?:
    | ''
    | 'no-referrer'
    | 'no-referrer-when-downgrade'
    | 'origin'
    | 'origin-when-cross-origin'
    | 'same-origin'
    | 'strict-origin'
    | 'strict-origin-when-cross-origin'
    | 'unsafe-url';
  /**
   * Subresource integrity metadata.
   * @defaultValue ""
   */
  integrity?: string;
  /**
   * `fetch`'s keepalive flag.
   * @defaultValue false
   */
  keepalive?: boolean;
  /**
   * `fetch`'s priority hint.
   * @defaultValue "auto"
   */
  priority?: 'high' | 'low' | 'auto';
}

/** The extensions every style takes. */
export interface SharedOptions {
  /**
   * Request headers: an object, a `Headers`, `[name, value]` pairs, or a
   * (possibly async) function called before every attempt. `Accept:
   * text/event-stream` is added unless given; `Last-Event-ID` is added on
   * reconnects when the stream has an event id.
   * @defaultValue undefined (none)
   */
  headers?: HeadersOption;
  /**
   * Aborts the stream. Aborting is not an error: fetchEventSource resolves,
   * events() ends, EventSource closes. An already-aborted signal never fetches.
   * @defaultValue undefined
   */
  signal?: AbortSignal | null;
  /**
   * The fetch implementation, called with an undefined receiver.
   * @defaultValue globalThis.fetch
   */
  fetch?: typeof fetch;
  /**
   * The reconnection policy.
   * @defaultValue \{\} (every field at its default)
   */
  retry?: RetryOptions;
  /**
   * Milliseconds without any byte (events or `:` comments) after which the
   * connection is dropped with an {@link IdleTimeoutError} and retried. `0`
   * turns it off. Set it above the server's heartbeat interval.
   * @defaultValue 0 (off)
   */
  idleTimeout?: number;
  /**
   * Largest event, in bytes; a larger one fails the stream with an
   * {@link EventTooLargeError} (not retried) instead of growing memory.
   * @defaultValue 16777216 (16 MiB)
   */
  maxEventSize?: number;
  /**
   * Initial last event ID, sent as `Last-Event-ID` on the first request (to
   * resume a stream seen before). Must not contain NUL, CR or LF.
   * @defaultValue "" (none)
   */
  lastEventId?: string;
  /** Called just before each backoff wait. */
  onretry?: (info: RetryInfo) => void;
  /**
   * When `false`, the stream pauses while the page is hidden
   * (`document.visibilityState`) and resumes when it is visible again; a
   * request that cannot be resumed (a POST without event ids) keeps streaming
   * instead of being re-sent. Default `true`, unlike
   * `@microsoft/fetch-event-source`: closing and re-POSTing when a tab is
   * hidden duplicates LLM generations. Has no effect where there is no
   * `document` (Workers, Node).
   * @defaultValue true
   */
  openWhenHidden?: boolean;
}

// ---------------------------------------------------------------------------
// fetchEventSource: @microsoft/fetch-event-source 2.0.1
// ---------------------------------------------------------------------------

/** The content type of an event stream: `"text/event-stream"`. */
export declare const EventStreamContentType = 'text/event-stream';

/** A message as `fetchEventSource` passes it to `onmessage`. */
export interface EventSourceMessage {
  /**
   * The event's own `id:` field, `""` when its block had none (as the
   * original). The last event ID, which persists across events and is sent
   * as `Last-Event-ID` on reconnect, is what `events()` and `EventSource`
   * report.
   */
  id: string;
  /** The event type: `""` when the event had no `event:` field (the original's convention). */
  event: string;
  /** The data, `data:` lines joined with "\n". */
  data: string;
  /** The event's `retry:` value in ms, when its block had one. */
  retry?: number;
}

/** The options of {@link fetchEventSource}. */
export interface FetchEventSourceInit extends RequestOptions, SharedOptions {
  /**
   * Called with each response. When given, it REPLACES the default validation
   * (status 200 and `text/event-stream`), as in the original: throw (or
   * reject) to refuse the response; the failure is retried like a network
   * error (`onerror` decides). When absent, a 204, a 4xx or a wrong content
   * type fails with {@link HTTPError} / {@link ContentTypeError} without retry.
   */
  onopen?: (response: Response) => Promise<void> | void;
  /**
   * Called for each event. Throwing fails the attempt: `onerror` receives the
   * thrown value and decides (retry, or throw to stop).
   */
  onmessage?: (ev: EventSourceMessage) => void;
  /**
   * Called when the server ends the body cleanly, or when the `done` marker
   * arrives; the promise then resolves. Throw to treat a clean end as a
   * failure (`onerror` decides about a reconnect); a throw after the marker
   * rejects the promise with what you threw (nothing is re-sent: the answer
   * was complete). With `done` set, a clean end before the marker is a
   * failure and `onclose` is not called for it.
   */
  onclose?: () => void;
  /**
   * Called for every failed attempt with a typed error, the error `fetch`
   * threw, or the value a callback threw. Return a number to retry after that
   * many ms, return nothing to let the retry policy decide, or throw to stop
   * (the promise rejects with what you threw).
   */
  onerror?: (err: any) => number | null | undefined | void;
  /**
   * The done marker: a string compared with each event's `data`, or a
   * function of the message (as `onmessage` would receive it) returning
   * true for the marker. The first match ends the stream as a success: it
   * is not passed to `onmessage`, the request is aborted (the server sees
   * the disconnect), nothing reconnects, `onclose` runs and the promise
   * resolves. A clean end of the body before it is a dropped connection:
   * resumed when the request may be re-sent (GET, or the server gave event
   * ids: `Last-Event-ID` picks up where it stopped), else the promise
   * rejects with an {@link IncompleteStreamError}. A throw from the function
   * counts as a throw from `onmessage`.
   * @defaultValue undefined (no marker: a clean end is the end)
   */
  done?: string | ((msg: EventSourceMessage) => boolean);
}

/**
 * Streams `input` and calls the callbacks of `init`. Resolves when the stream
 * ends cleanly (after `onclose`) or `init.signal` aborts it; rejects with what
 * `onerror` threw, or with a typed error when the stream fails without retry
 * (e.g. {@link HTTPError}, {@link RetriesExhaustedError}). Invalid options
 * reject with a TypeError or RangeError.
 */
export declare function fetchEventSource(input: RequestInput, init?: FetchEventSourceInit): Promise<void>;

// ---------------------------------------------------------------------------
// EventSource: the native class, plus method, headers, body, extensions
// ---------------------------------------------------------------------------

/** The second argument of {@link EventSource}. */
export interface EventSourceInit extends Omit<RequestOptions, 'credentials'>, SharedOptions {
  /**
   * Send cookies and credentials cross-origin (`credentials: "include"`).
   * @defaultValue false
   */
  withCredentials?: boolean;
  /**
   * The done marker: a string compared with each event's `data`, or a
   * function of the `MessageEvent` that would be dispatched returning true
   * for the marker. The first match is not dispatched: the request is
   * aborted (the server sees the disconnect), nothing reconnects,
   * `readyState` becomes CLOSED and a `close` event (a plain `Event`) fires;
   * no `error` event, since it is a success. A clean end of the body before
   * it is resumed like any other (GET, or POST with event ids); a request
   * that may not be re-sent closes with an `error` event whose `error` is
   * an {@link IncompleteStreamError}. A throw from the function counts as a
   * throw from a listener of the event.
   * @defaultValue undefined (no marker: a clean end reconnects, as the native class)
   */
  done?: string | ((ev: MessageEvent) => boolean);
}

/** The `error` event: an `Event` as the native one, plus the failure. */
export interface SSEErrorEvent extends Event {
  /** The typed error, the error fetch threw, or the value a callback threw. */
  readonly error?: unknown;
}

/** Event types of {@link EventSource} with their event classes. */
export interface EventSourceEventMap {
  /** The `done` marker arrived: the stream is over (`readyState` is CLOSED). */
  close: Event;
  error: SSEErrorEvent;
  message: MessageEvent;
  open: Event;
}

/**
 * A drop-in for the native `EventSource`: same properties, events and
 * reconnection (a clean end reconnects; `Last-Event-ID` is sent; the server's
 * `retry:` sets the delay), plus `method`, `headers`, `body`, a retry policy
 * and the other {@link SharedOptions}. Unknown options throw a TypeError.
 */
export declare class EventSource extends EventTarget {
  /**
   * @param url absolute, or relative to the page (`location`); in Node it must be absolute.
   * @throws DOMException "SyntaxError" for an invalid URL; TypeError/RangeError for invalid options.
   */
  constructor(url: string | URL, init?: EventSourceInit);
  /** The absolute URL. */
  readonly url: string;
  /** Whether credentials are sent cross-origin. */
  readonly withCredentials: boolean;
  /** CONNECTING (0), OPEN (1) or CLOSED (2). */
  readonly readyState: number;
  readonly CONNECTING: 0;
  readonly OPEN: 1;
  readonly CLOSED: 2;
  static readonly CONNECTING: 0;
  static readonly OPEN: 1;
  static readonly CLOSED: 2;
  onopen: ((this: EventSource, ev: Event) => any) | null;
  onmessage: ((this: EventSource, ev: MessageEvent) => any) | null;
  onerror: ((this: EventSource, ev: SSEErrorEvent) => any) | null;
  /** Stops for good: no more events, no reconnect. */
  close(): void;
  addEventListener<K extends keyof EventSourceEventMap>(type: K, listener: (this: EventSource, ev: EventSourceEventMap[K]) => any, options?: boolean | AddListenerOptions): void;
  addEventListener(type: string, listener: (this: EventSource, event: MessageEvent) => any, options?: boolean | AddListenerOptions): void;
  addEventListener(type: string, listener: Listener, options?: boolean | AddListenerOptions): void;
  removeEventListener<K extends keyof EventSourceEventMap>(type: K, listener: (this: EventSource, ev: EventSourceEventMap[K]) => any, options?: boolean | ListenerOptions): void;
  removeEventListener(type: string, listener: (this: EventSource, event: MessageEvent) => any, options?: boolean | ListenerOptions): void;
  removeEventListener(type: string, listener: Listener, options?: boolean | ListenerOptions): void;
}

// ---------------------------------------------------------------------------
// events(): an async iterable
// ---------------------------------------------------------------------------

/** A message as {@link events} yields it. */
export interface SSEMessage {
  /** The event type; `"message"` when the event had no `event:` field (as the native EventSource). */
  event: string;
  /** The data, `data:` lines joined with "\n". */
  data: string;
  /** The last event ID ("" when none). */
  id: string;
  /** The event's `retry:` value in ms, when its block had one. */
  retry: number | undefined;
}

/** The options of {@link events}. */
export interface EventsInit extends RequestOptions, SharedOptions {
  /**
   * Called with each accepted response (after the default validation). May
   * return a Promise; throw to refuse the response (retried like a network error).
   */
  onopen?: (response: Response) => Promise<void> | void;
  /**
   * The done marker: a string compared with each event's `data`, or a
   * function of the message (as the loop would receive it) returning true
   * for the marker. The first match ends the loop (it is not yielded): the
   * request is aborted (the server sees the disconnect) and nothing
   * reconnects. A clean end of the body before it is a dropped connection:
   * resumed when the request may be re-sent (GET, or the server gave event
   * ids), else the loop throws an {@link IncompleteStreamError}. A throw
   * from the function fails the attempt like a dropped connection.
   * @defaultValue undefined (no marker: a clean end ends the loop)
   */
  done?: string | ((msg: SSEMessage) => boolean);
}

/**
 * The messages of `input` as an async iterable. The request starts on the
 * first `next()`; `break` (or `return()`) aborts it; the loop ends when the
 * stream ends and throws the error when it fails. Messages arriving while
 * the loop body is busy are queued without bound.
 * @throws TypeError / RangeError for invalid options (synchronously).
 */
export declare function events(input: RequestInput, init?: EventsInit): AsyncIterableIterator<SSEMessage>;

// ---------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------

/** The options of {@link init}. */
export interface InitOptions {
  /**
   * Where to load `sse.wasm` from (e.g. a CDN, or the URL your bundler gave
   * the asset).
   * @defaultValue new URL('../dist/sse.wasm', import.meta.url) of the package
   */
  wasmURL?: string | URL;
  /** The module itself: compiled, as bytes, as a Response, or a Promise of one. */
  wasmModule?: WasmSource | Response | PromiseLike<WasmSource | Response>;
}

/**
 * Loads the wasm module ahead of the first stream (otherwise the first stream
 * loads it, from the default URL), then warms it up: it resolves once one
 * stream has run through the module against an in-memory response (no
 * network), so that the browser has compiled what a stream runs before the
 * first real one opens. Call it at start-up. Loading happens once per realm. Calling
 * `init` again with no options or the same ones shares the load; with other
 * options once loading has started (also by a first stream) it rejects with
 * an `SSEError` that says so. A failed load is forgotten: the next call or
 * stream tries again. Errors name the URL tried and, for a missing module,
 * the fix (`init({ wasmURL })` and the bundler recipes).
 */
export declare function init(options?: InitOptions): Promise<void>;

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/** Base class of the errors this package creates; messages start with "wasm-sse: ". */
export declare class SSEError extends Error {
  constructor(message: string, options?: { cause?: unknown });
  /**
   * The request this error is about, as its message names it: the URL
   * without userinfo, query or fragment (they may carry credentials; a
   * query shows as `?…`). `""` for errors not about a request (loading
   * sse.wasm, invalid options).
   */
  url: string;
  /** The request's method (`"GET"`, `"POST"`, ...); `""` when {@link url} is. */
  method: string;
}

/**
 * The request failed at the network level: fetch or reading the body threw
 * (a refused or reset connection, DNS, CORS). Retried by the policy. The
 * message carries the underlying reason at the top level (Node's
 * "fetch failed: connect ECONNREFUSED 127.0.0.1:9"), `cause` is what fetch
 * threw.
 */
export declare class NetworkError extends SSEError {
  constructor(message: string, fields: { cause: unknown });
  readonly name: 'NetworkError';
  /** The system error code when the runtime gives one (Node: `"ECONNREFUSED"`, ...), else `""`. */
  readonly code: string;
  readonly cause: unknown;
}

/** The response status was not 200 (default validation). Retried for 408, 429 and 5xx; not for 204 and the other statuses. */
export declare class HTTPError extends SSEError {
  /** `message` "" builds "HTTP <status> <statusText>". */
  constructor(message: string, fields: { status: number; statusText: string; headers: Headers; body: string; response: Response });
  readonly name: 'HTTPError';
  readonly status: number;
  readonly statusText: string;
  /** The response headers (e.g. `Retry-After`). */
  readonly headers: Headers;
  /** The first 512 bytes of the response body, as text. */
  readonly body: string;
  readonly response: Response;
}

/** The response was not `text/event-stream` (default validation). Not retried. */
export declare class ContentTypeError extends SSEError {
  /** `message` "" builds one naming the content type. */
  constructor(message: string, fields: { contentType: string | null; response: Response });
  readonly name: 'ContentTypeError';
  /** The Content-Type received ("" or null when absent). */
  readonly contentType: string | null;
  readonly response: Response;
}

/** The retry policy gave up; `cause` is the last attempt's error. */
export declare class RetriesExhaustedError extends SSEError {
  /** `message` "" builds one from the fields. */
  constructor(message: string, fields: { attempts: number; elapsed: number; reason?: string; cause: unknown });
  readonly name: 'RetriesExhaustedError';
  /** Reconnects made in the last run of failures (0 when none was allowed). */
  readonly attempts: number;
  /** ms from the first failure of that run to giving up. */
  readonly elapsed: number;
  /** Why the policy stopped (e.g. "retries exhausted", "maximum elapsed time exceeded"). */
  readonly reason: string;
  readonly cause: unknown;
}

/**
 * With the `done` option set, the body ended cleanly before the marker: the
 * answer was cut off. A clean end is retried like a dropped connection (a
 * GET, or a request whose server gave event ids, resumes with
 * `Last-Event-ID`); this error ends the stream when the request may not be
 * re-sent (a POST without event ids, `nonIdempotent: "never"`), and is the
 * `cause` of a {@link RetriesExhaustedError} when the policy gave up.
 */
export declare class IncompleteStreamError extends SSEError {
  /** `message` "" builds one from the fields. */
  constructor(message: string, fields: { lastEventId: string; events: number });
  readonly name: 'IncompleteStreamError';
  /** The last event ID when the body ended (`""` when the server gave none). */
  readonly lastEventId: string;
  /** How many events arrived over the whole stream (every attempt), the marker excluded. */
  readonly events: number;
}

/** No byte arrived for `idleTimeout` ms. Retried by the policy. */
export declare class IdleTimeoutError extends SSEError {
  /** `message` "" builds one naming the timeout. */
  constructor(message: string, fields: { timeout: number });
  readonly name: 'IdleTimeoutError';
  /** The idle timeout, in ms. */
  readonly timeout: number;
}

/** An event exceeded `maxEventSize` bytes. Not retried. */
export declare class EventTooLargeError extends SSEError {
  /** `message` "" builds one naming the limit. */
  constructor(message: string, fields: { limit: number });
  readonly name: 'EventTooLargeError';
  /** The limit, in bytes. */
  readonly limit: number;
}

// The helper types at the top stay private: without this, a declaration file
// exports every top-level declaration.
export {};
