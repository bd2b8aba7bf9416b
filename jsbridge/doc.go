//go:build js && wasm

// Package jsbridge holds small typed wrappers over syscall/js: callbacks that
// are counted and always released, JavaScript exceptions as Go errors,
// awaiting promises from goroutines, AbortController, fetch, and a
// ReadableStream reader that reuses one callback pair per stream.
//
// Nothing here looks at window or document, so the package works in pages,
// Web Workers and Node. Every JavaScript value that is used repeatedly
// (constructors, helper functions, property keys) is looked up once at
// package initialisation.
//
// Functions that wait on JavaScript (Await, Fetch, Reader.Read,
// Response.Text) must be called from a goroutine, never from inside a js.Func
// callback: the callback would block the event loop that has to settle the
// promise.
package jsbridge
