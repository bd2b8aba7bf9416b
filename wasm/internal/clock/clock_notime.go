//go:build wasmsse_notime && !go1.27

package clock

import (
	"math"
	_ "unsafe" // go:linkname
)

// Duration is a span of time in nanoseconds, with time.Duration's
// methods that the engine uses.
type Duration int64

// The units of Duration.
const (
	Nanosecond  Duration = 1
	Microsecond          = 1000 * Nanosecond
	Millisecond          = 1000 * Microsecond
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
	Hour                 = 60 * Minute
)

// Milliseconds returns d as an integer count of milliseconds, truncated.
func (d Duration) Milliseconds() int64 { return int64(d) / 1e6 }

// Mono returns a monotonic reading in nanoseconds: only differences
// between two readings mean something.
func Mono() int64 { return nanotime() }

// UnixNano returns the wall clock in nanoseconds since the Unix epoch.
func UnixNano() int64 {
	sec, nsec, _ := walltime()
	return sec*1e9 + int64(nsec)
}

// Sleep pauses the calling goroutine for at least d.
func Sleep(d Duration) { sleep(int64(d)) }

// Timer is a one-shot timer made by AfterFunc: a runtime timer, as behind
// time.AfterFunc.
type Timer struct{ rt *runtimeTimer }

// AfterFunc calls f in its own goroutine once d has passed, unless the
// timer is stopped first.
func AfterFunc(d Duration, f func()) *Timer {
	return &Timer{newTimer(when(d), 0, goFunc, f, nil)}
}

// Stop prevents the timer from firing; it reports whether it did (false
// when the timer had already fired or been stopped).
func (t *Timer) Stop() bool { return stopTimer(t.rt) }

// Reset makes the timer fire d from now; it reports whether the timer was
// still pending.
func (t *Timer) Reset(d Duration) bool { return resetTimer(t.rt, when(d), 0) }

// when returns the monotonic reading d from now, saturated.
func when(d Duration) int64 {
	t := nanotime()
	if d <= 0 {
		return t
	}
	if t += int64(d); t < 0 {
		return math.MaxInt64
	}
	return t
}

// goFunc is the timer's callback: the runtime calls it where it must not
// block, so f runs in a goroutine of its own.
func goFunc(arg any, _ uintptr, _ int64) { go arg.(func())() }

// runtimeTimer is the runtime's timer, opaque here: the runtime allocates
// it and only its pointer crosses.
type runtimeTimer struct{}

// The runtime provides these to package time under these names.

//go:linkname nanotime runtime.nanotime
func nanotime() int64

//go:linkname walltime time.now
func walltime() (sec int64, nsec int32, mono int64)

//go:linkname sleep time.Sleep
func sleep(ns int64)

//go:linkname newTimer time.newTimer
func newTimer(when, period int64, f func(arg any, seq uintptr, delay int64), arg any, c *struct{}) *runtimeTimer

//go:linkname stopTimer time.stopTimer
func stopTimer(t *runtimeTimer) bool

//go:linkname resetTimer time.resetTimer
func resetTimer(t *runtimeTimer, when, period int64) bool
