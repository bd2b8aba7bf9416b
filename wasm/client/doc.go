// Package client runs one Server-Sent Events stream over fetch in a Go
// program compiled to WebAssembly (GOOS=js GOARCH=wasm): it builds the
// request, validates the response, reads the body's ReadableStream, parses
// it with package sse, reconnects under a retry.Policy, and hands events to
// a Handler.
//
// Go-wasm applications use Connect (or Open for a handle they can pause and
// close); the npm package uses the same Stream through wasm/jsapi with a
// Sink that batches events per chunk.
//
// The pure parts (batch encoding, content-type check) build on every
// platform and are tested natively; the rest needs js/wasm.
package client
