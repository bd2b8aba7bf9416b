//go:build js && wasm && !wasmsse_notime

package client

import (
	"io"
	"sync/atomic"
	"syscall/js"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/internal/clock"
)

// readBody reads the body from Go, one promise callback per chunk, until
// it ends (nil) or fails.
func (s *Stream) readBody(actx Context, body js.Value, over *atomic.Bool, idle *idleWatch) error {
	r := jsbridge.NewReader(body)
	defer r.Close()
	busy := clock.Mono()
	for {
		if clock.Since(busy) >= yieldAfter {
			// Chunks already buffered arrive as microtasks, which starve the
			// page's timers, input and rendering: give the event loop a turn.
			clock.Sleep(clock.Millisecond)
			busy = clock.Mono()
		}
		data, _, err := r.Read(actx)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if !s.feed(over, data, idle) {
			return nil
		}
	}
}
