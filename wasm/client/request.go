//go:build js && wasm

package client

import (
	"syscall/js"
	"unicode/utf8"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// Request describes a stream: what to fetch and how to keep it going.
type Request struct {
	// URL is the stream's URL (relative URLs resolve as fetch resolves them).
	URL string
	// Method is the HTTP method; "" means GET.
	Method string
	// Header holds static request headers, as Go programs write them (the
	// shape of net/http's Header, without importing it): a key's values are
	// sent in order, so a header may repeat. They replace a header of the
	// same name from Init.
	Header map[string][]string
	// Body is the request body, sent again with every attempt. For a
	// string, use []byte(s). fetch adds no Content-Type for bytes: set one
	// in Header.
	Body []byte
	// GetBody, when set, gives the body of each attempt instead of Body
	// (called before every attempt, as net/http calls Request.GetBody
	// before re-sending). An error fails the attempt as an *OpenError,
	// which is retried like a network error.
	GetBody func() ([]byte, error)
	// JSBody is the body as fetch takes it, for what only JavaScript has
	// (Blob, FormData, URLSearchParams, a JS string); the zero js.Value
	// (undefined) for none. Body and GetBody win over it.
	JSBody js.Value
	// Init holds further RequestInit fields passed to fetch as given
	// (credentials, mode, cache, redirect, referrer, referrerPolicy,
	// integrity, keepalive, priority, and also method, body and headers:
	// the fields above override them). Undefined for none.
	Init js.Value
	// Headers, when a function, is called before every attempt and may
	// return a Promise; its result (an object or Headers) is applied over
	// Header and Init.headers. When an object or Headers, it is applied
	// as is.
	Headers js.Value
	// Fetch is the fetch implementation; undefined means globalThis.fetch.
	Fetch js.Value
	// LastEventID is the initial last event ID (sent as Last-Event-ID).
	LastEventID string
	// Retry is the reconnection policy. It counts failures, not
	// reconnects: an attempt that delivered at least one event or moved the
	// last event ID on made progress (retry.Failure.Progress), so its
	// failure starts a new run, reconnecting at the base delay with
	// MaxRetries and MaxElapsed starting over. A stream that keeps
	// delivering is resumed however often its connection breaks; one that
	// delivers nothing backs off and is given up on.
	Retry retry.Policy
	// IdleTimeout drops and retries a connection that delivers no byte for
	// this long. Zero: off.
	IdleTimeout Duration
	// MaxEventSize bounds one event (see sse.Options). Zero: 16 MiB.
	MaxEventSize int
	// ReconnectOnEnd treats a clean end of the body as a retryable failure
	// (native EventSource behaviour). Otherwise a clean end, after OnClose,
	// ends the stream.
	ReconnectOnEnd bool
	// Done, when set, recognises the stream's done marker (for an LLM
	// answer, say the "[DONE]" event). The first event for which it returns
	// true ends the stream as a success: it is not delivered, the request is
	// aborted (the server sees the disconnect), nothing reconnects (not even
	// under ReconnectOnEnd), OnClose runs and then OnDone(nil). With a
	// marker expected, a clean end of the body before it is a dropped
	// connection, never a success: it fails the attempt with an
	// *IncompleteStreamError (OnClose is not called), which is retried
	// like a network error. Done runs on the stream's goroutine, or inside
	// Feed when Handler.Sink is set, and must not block.
	Done func(e sse.Event) bool
	// ExpectDone applies Done's rule for a clean end of the body (an
	// *IncompleteStreamError) when the marker is matched outside Go: the
	// npm shim matches its done option in JavaScript and closes the stream
	// when it sees the marker. Done implies it.
	ExpectDone bool
}

var objectAssign = jsbridge.Global().Get("Object").Get("assign")

// buildInit returns the RequestInit of one attempt. Invalid headers (a
// name or value Headers rejects) are a *RequestError, which is never
// retried: the next attempt would fail the same way.
func (s *Stream) buildInit(ctx Context, signal js.Value, lastID string) (_ js.Value, err error) {
	defer func() {
		if err != nil && !isUserError(err) && !isRequestError(err) {
			// A JS error may quote a header's value (Node's does), and
			// header values carry credentials: never pass it on.
			err = &RequestError{Err: errRequest}
		}
	}()
	defer jsbridge.Recover(&err)
	init := jsbridge.NewObject()
	if isObject(s.req.Init) {
		objectAssign.Invoke(init, s.req.Init)
	}
	h := jsbridge.Headers(js.Undefined())
	if err := addHeaders(h, init.Get("headers"), "append"); err != nil {
		return js.Undefined(), err
	}
	for k, vs := range s.req.Header {
		op := "set" // the first value replaces Init's; the rest add to it
		for _, v := range vs {
			if err := setHeader(h, op, js.ValueOf(k), js.ValueOf(v)); err != nil {
				return js.Undefined(), err
			}
			op = "append"
		}
	}
	extra := s.req.Headers
	if extra.Type() == js.TypeFunction {
		v, err := callAwait(ctx, extra)
		if err != nil {
			return js.Undefined(), &OpenError{Err: err}
		}
		extra = v
	}
	if err := addHeaders(h, extra, "set"); err != nil {
		return js.Undefined(), err
	}
	if !h.Call("has", "accept").Bool() {
		h.Call("set", "Accept", "text/event-stream")
	}
	if lastID != "" {
		if err := setHeader(h, "set", js.ValueOf("Last-Event-ID"), js.ValueOf(byteString(lastID))); err != nil {
			return js.Undefined(), err
		}
	}
	init.Set("headers", h)
	init.Set("method", s.method)
	switch {
	case s.req.GetBody != nil:
		b, err := s.req.GetBody()
		if err != nil {
			return js.Undefined(), &OpenError{Err: err}
		}
		init.Set("body", bytesToJS(b))
	case s.req.Body != nil:
		init.Set("body", bytesToJS(s.req.Body))
	case !s.req.JSBody.IsUndefined():
		init.Set("body", s.req.JSBody)
	}
	if init.Get("cache").IsUndefined() {
		init.Set("cache", "no-store")
	}
	init.Set("signal", signal)
	return init, nil
}

// bytesToJS copies b into a new Uint8Array (fetch reads it when it sends).
func bytesToJS(b []byte) js.Value {
	u8 := jsbridge.NewUint8Array(len(b))
	js.CopyBytesToJS(u8, b)
	return u8
}

// byteString returns s (UTF-8) as a string of one character per byte, the
// form in which fetch sends a header value's bytes unchanged: a non-ASCII
// event ID is sent as its UTF-8 bytes, as the native EventSource does,
// instead of failing the request (characters above U+00FF are not a valid
// header value) or being sent as Latin-1.
func byteString(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			b := make([]byte, 0, 2*len(s))
			for j := 0; j < len(s); j++ {
				b = utf8.AppendRune(b, rune(s[j]))
			}
			return string(b)
		}
	}
	return s
}

// callAwait calls fn and awaits its result. A synchronous throw is
// returned as an error, like a rejection, so both reach the caller the same
// way (an OpenError), not as a panic recovered by the attempt.
func callAwait(ctx Context, fn js.Value) (v js.Value, err error) {
	defer jsbridge.Recover(&err)
	return jsbridge.Await(ctx, fn.Invoke())
}

func isObject(v js.Value) bool {
	t := v.Type()
	return t == js.TypeObject || t == js.TypeFunction
}
