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
// the runtime itself gives these functions for package time
// (runtime/time.go: time.newTimer, time.stopTimer, time.resetTimer,
// time.Sleep, time.now). They have had these signatures since Go 1.23, and
// this package's tests run them under the tag with the Go that builds. A Go
// newer than 1.26 builds the untagged files instead (a larger module, the
// same behaviour) until someone checks the signatures again and moves the
// bound in the build constraints.
package clock
