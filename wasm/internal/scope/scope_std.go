//go:build !wasmsse_notime || go1.27

package scope

import (
	"context"

	"github.com/wasm-sse/wasm-sse/wasm/internal/clock"
)

// Context is context.Context.
type Context = context.Context

// Canceled is context.Canceled, the error of a cancelled Context.
var Canceled = context.Canceled

// Background returns context.Background().
func Background() Context { return context.Background() }

// WithCancel is context.WithCancel.
func WithCancel(parent Context) (Context, func()) { return context.WithCancel(parent) }

// WithCancelCause is context.WithCancelCause.
func WithCancelCause(parent Context) (Context, func(cause error)) {
	c, cancel := context.WithCancelCause(parent)
	return c, func(cause error) { cancel(cause) }
}

// WithTimeout is context.WithTimeout.
func WithTimeout(parent Context, d clock.Duration) (Context, func()) {
	return context.WithTimeout(parent, d)
}

// AfterFunc is context.AfterFunc.
func AfterFunc(c Context, f func()) (stop func() bool) { return context.AfterFunc(c, f) }

// Cause is context.Cause.
func Cause(c Context) error { return context.Cause(c) }
