package client

import (
	"sync/atomic"

	"github.com/wasm-sse/wasm-sse/wasm/internal/clock"
)

// idleWatch calls onIdle once no byte arrived for its timeout. touch only
// stores the time of the last byte: it runs for every chunk, possibly
// inside a //go:wasmexport function, where resetting a timer is not safe
// (on js/wasm the runtime asks the host for a wake-up only when it goes
// idle, so a timer moved earlier there could fire late). Instead the timer
// fires at the old deadline and sets itself again for the time left. A nil
// *idleWatch (no timeout) does nothing.
type idleWatch struct {
	d     Duration
	start int64        // clock.Mono() when the watch started
	last  atomic.Int64 // the Duration since start at the last touch
	done  atomic.Bool
	t     *clock.Timer
}

// newIdleWatch starts watching; it returns nil when d is not positive.
func newIdleWatch(d Duration, onIdle func()) *idleWatch {
	if d <= 0 {
		return nil
	}
	w := &idleWatch{d: d, start: clock.Mono()}
	w.t = clock.AfterFunc(d, func() {
		if w.done.Load() {
			return
		}
		silent := clock.Since(w.start) - Duration(w.last.Load())
		if silent >= w.d {
			onIdle()
			return
		}
		w.t.Reset(w.d - silent)
	})
	return w
}

// touch records that a byte arrived now.
func (w *idleWatch) touch() {
	if w != nil {
		w.last.Store(int64(clock.Since(w.start)))
	}
}

// stop ends the watch; onIdle is not called afterwards unless it is
// already running.
func (w *idleWatch) stop() {
	if w != nil {
		w.done.Store(true)
		w.t.Stop()
	}
}
