// Package client runs one Server-Sent Events stream over fetch in a Go
// program compiled to WebAssembly (GOOS=js GOARCH=wasm): it builds the
// request, validates the response, reads the body's ReadableStream, parses
// it with package sse, reconnects under a retry.Policy, and hands events to
// a Handler.
//
// Go-wasm applications use Connect (or Open for a handle they can pause and
// close); the npm package uses the same Stream through wasm/jsapi.
//
// Two rules make a stream that breaks often safe to resume. Retry counts
// failures, not reconnects: an attempt that delivered new events starts a
// new run of the backoff (Request.Retry). And with a done marker
// (Request.Done) the answer is complete only at the marker: a clean end of
// the body before it is a dropped connection, resumed with Last-Event-ID
// when the request may be re-sent, else an *IncompleteStreamError.
//
// Two ways to read a body share one parser and one dispatch core. A Go
// application gets the Go-driven reader: each chunk is a read() whose
// promise wakes a goroutine through a js.Func, then a copy into Go (about
// 10–25 µs of boundary cost per chunk, on top of parsing; negligible for
// chunks of kilobytes, noticeable for a stream of one tiny event per chunk).
// The npm package sets Handler.Pump: JavaScript reads the body and hands
// each chunk to Go through one //go:wasmexport call (well under a
// microsecond of boundary cost), and events come back as records in Go
// memory (Handler.Sink); see wasm/jsapi/PROTOCOL.md.
//
// The API is built for js/wasm only, so `go doc` in a plain shell shows
// this text alone; to read it, ask for that platform:
//
//	GOOS=js GOARCH=wasm go doc -all github.com/wasm-sse/wasm-sse/wasm/client
//
// Context and Duration are context.Context and time.Duration. The npm
// package's module builds this package with the tag wasmsse_notime, under
// which they are the engine's own narrower types (wasm/internal/scope,
// wasm/internal/clock) and the module links neither package context nor
// package time (about 95 KB gzip); a Go program never sets that tag.
//
// The few pure parts (the content-type check, the idle watch) build on every
// platform and are tested natively with -race.
package client
