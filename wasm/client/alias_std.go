//go:build !wasmsse_notime

package client

import (
	"context"
	"time"
)

// Context is context.Context. (The npm package's module, built with the
// tag wasmsse_notime, narrows it to what the stream uses, Done and Err,
// so that it does not link package context.)
type Context = context.Context

// Duration is time.Duration (a type of the module's own under the tag
// wasmsse_notime, so that it does not link package time).
type Duration = time.Duration
