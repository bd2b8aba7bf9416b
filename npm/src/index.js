// wasm-sse: a Server-Sent Events client written in Go, compiled to
// WebAssembly. Three styles over one core: fetchEventSource (drop-in for
// @microsoft/fetch-event-source), EventSource (drop-in for the native
// class) and events() (an async iterable).
export { fetchEventSource, EventStreamContentType } from './fetch-event-source.js';
export { EventSource } from './event-source.js';
export { events } from './events.js';
export { init } from './init.js';
export {
  SSEError,
  HTTPError,
  ContentTypeError,
  RetriesExhaustedError,
  IdleTimeoutError,
  EventTooLargeError,
  NetworkError,
  IncompleteStreamError,
} from './errors.js';
