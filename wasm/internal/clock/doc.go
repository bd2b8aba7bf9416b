// Package clock is the time the engine needs: durations, a monotonic
// reading, the wall clock, sleeping and one-shot timers.
//
// A Go program gets package time behind it: Duration is time.Duration and
// Timer wraps a *time.Timer. The npm package's module is built with the
// tag wasmsse_notime, which puts the runtime's own clock and timers behind
// the same API instead, so that the module links neither package time nor
// what it pulls in (internal/godebug and its settings): about 54 KB gzip
// of the module's weight for one type and three functions. Package
// wasm/internal/scope does the same for package context.
//
// The tagged build reaches the runtime through //go:linkname, by the names
// the runtime itself gives these functions for package time. Their
// signatures are checked for Go 1.24 to 1.26; a newer Go builds the
// untagged files instead (a larger module, the same behaviour) until they
// are checked again.
package clock
