// The shim's implementation, typed by its own JSDoc (npm/src is checked with
// checkJs --strict in the same program), must be assignable to what
// index.d.ts publishes: an export that is missing or renamed, a class
// member the declarations promise but the code lacks, or a parameter or
// result of an incompatible type fails `make lint`.
import * as impl from '../../src/index.js';
import type * as api from 'wasm-sse';

type API = typeof api;

export const fetchEventSource: API['fetchEventSource'] = impl.fetchEventSource;
export const events: API['events'] = impl.events;
export const init: API['init'] = impl.init;
export const EventStreamContentType: API['EventStreamContentType'] = impl.EventStreamContentType;
// EventSource: the constructor, the constants, and every instance member
// but the listener methods, whose typed overloads (as lib.dom declares
// them) no EventTarget subclass written in JS can match under
// strictFunctionTypes; the DOM type test checks them against lib.dom.
type Instance = Omit<api.EventSource, 'addEventListener' | 'removeEventListener'>;
export const EventSource: new (url: string | URL, init?: api.EventSourceInit) => Instance = impl.EventSource;
export const EventSourceConstants: Pick<API['EventSource'], 'CONNECTING' | 'OPEN' | 'CLOSED'> = impl.EventSource;
export const SSEError: API['SSEError'] = impl.SSEError;
export const HTTPError: API['HTTPError'] = impl.HTTPError;
export const ContentTypeError: API['ContentTypeError'] = impl.ContentTypeError;
export const RetriesExhaustedError: API['RetriesExhaustedError'] = impl.RetriesExhaustedError;
export const IdleTimeoutError: API['IdleTimeoutError'] = impl.IdleTimeoutError;
export const EventTooLargeError: API['EventTooLargeError'] = impl.EventTooLargeError;
export const NetworkError: API['NetworkError'] = impl.NetworkError;
export const IncompleteStreamError: API['IncompleteStreamError'] = impl.IncompleteStreamError;

// Instances too: what the code builds has every published member.
export const es: Instance = new impl.EventSource('http://x.invalid/');
