//go:build wasmsse_notime

package retry

import "github.com/wasm-sse/wasm-sse/wasm/internal/clock"

// Duration is the npm module's own duration type (see duration_std.go).
type Duration = clock.Duration
