// Package scope is the cancellation the engine needs: contexts that are
// cancelled with a cause, functions run on cancellation, and timeouts.
//
// A Go program gets package context behind it: Context is
// context.Context and each function is its context counterpart. The npm
// package's module is built with the tag wasmsse_notime, which puts a
// small implementation of the same API behind it instead (no deadlines,
// no values), so that the module does not link package context and, with
// wasm/internal/clock, package time (about 40 KB gzip for context alone).
package scope
