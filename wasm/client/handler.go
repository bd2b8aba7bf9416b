//go:build js && wasm

package client

import (
	"syscall/js"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// Next is the decision taken after a failed attempt.
type Next struct {
	// Retry reports whether to reconnect.
	Retry bool
	// Delay is the wait before reconnecting.
	Delay Duration
}

// RetryInfo describes a reconnect about to happen (Handler.OnRetry).
type RetryInfo struct {
	// Attempt is the 1-based reconnect number in the current run of failures.
	Attempt int
	// Delay is the wait before it.
	Delay Duration
	// Err is the failure that caused it.
	Err error
}

// Handler receives a stream's life. Every field is optional. Callbacks run
// on the stream's goroutine, one at a time, and must not block for long.
type Handler struct {
	// OnOpen is called with each response (hooks returning errors here and
	// in OnClose and Sink.Flush are the user's code failing). When CustomOpen is false it runs
	// after the default validation (status 200, text/event-stream); when
	// true it replaces it. A returned error fails the attempt (retried like
	// a network error, wrapped in *OpenError).
	OnOpen func(resp jsbridge.Response) error
	// CustomOpen makes OnOpen replace the default validation.
	CustomOpen bool
	// OnEvent receives each event (ignored when Sink is set).
	OnEvent func(e sse.Event)
	// Sink, when set, receives the raw events of each chunk instead of
	// OnEvent: Begin before a chunk is parsed, the events, Flush after it.
	// The npm shim's bridge uses it to write one batch of records per chunk
	// into memory that JavaScript reads in place.
	Sink Sink
	// Pump, when set, reads each response body outside Go. It is given the
	// body's ReadableStreamDefaultReader and a Feed, and must return when
	// the body ends (nil), fails (the error), or ctx is done (ctx.Err()).
	// See Feed for what the reading side calls and when. When nil, the
	// stream reads the body from Go (one promise callback per chunk).
	Pump func(ctx Context, reader js.Value, feed Feed) error
	// OnClose is called when the server ends the body cleanly, and when the
	// done marker arrives (Request.Done). A returned error fails the
	// attempt (wrapped in *OpenError); after the marker it ends the stream
	// with that error instead (the answer was complete: nothing is re-sent).
	// With a done marker expected, a clean end before it is a failure and
	// OnClose is not called.
	OnClose func() error
	// OnError is called after every failed attempt with the policy's
	// decision; it returns the decision to apply, or a non-nil error to
	// stop the stream with that error.
	OnError func(err error, next Next) (Next, error)
	// OnRetry is called just before the backoff wait of a reconnect.
	OnRetry func(info RetryInfo)
	// OnDone is called exactly once when the stream has ended for good,
	// with nil after Close, a clean end or the done marker, else the final
	// error.
	OnDone func(err error)
}

// Sink receives events in per-chunk batches.
type Sink interface {
	// Begin is called before a chunk is parsed.
	Begin()
	// OnEvent receives one event of the chunk (valid only during the call).
	OnEvent(e *sse.RawEvent)
	// Flush is called after the chunk was parsed: data is the chunk's
	// bytes, ascii the parser's ChunkASCII.
	Flush(data []byte, ascii bool)
}

// Feed parses the next chunk of the body an attempt's Pump reads, reports
// its events (to Sink or OnEvent) before it returns, and reports whether
// the pump should read on: false once the attempt is over (the stream was
// closed or paused, the idle timeout fired, or an event was too large),
// after which the pump stops reading and returns.
//
// Feed never blocks and never waits for another goroutine, so it may be
// called from a //go:wasmexport function. It must not be called
// concurrently with itself, nor after Pump returned.
type Feed func(chunk []byte) (more bool)
