//go:build wasmsse_notime

package client

import (
	"github.com/wasm-sse/wasm-sse/wasm/internal/clock"
	"github.com/wasm-sse/wasm-sse/wasm/internal/scope"
)

// Context is the npm module's narrow context (see alias_std.go).
type Context = scope.Context

// Duration is the npm module's own duration type (see alias_std.go).
type Duration = clock.Duration
