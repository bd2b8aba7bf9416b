//go:build !wasmsse_notime

package retry

import "time"

// Duration is time.Duration. (The npm package's module, built with the tag
// wasmsse_notime, gives it a type of its own so that it does not link
// package time.)
type Duration = time.Duration
