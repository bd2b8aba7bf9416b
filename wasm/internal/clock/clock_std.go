//go:build !wasmsse_notime || go1.27

package clock

import "time"

// Duration is time.Duration.
type Duration = time.Duration

// The units of Duration.
const (
	Nanosecond  = time.Nanosecond
	Microsecond = time.Microsecond
	Millisecond = time.Millisecond
	Second      = time.Second
	Minute      = time.Minute
	Hour        = time.Hour
)

// origin is the start of the monotonic readings.
var origin = time.Now()

// Mono returns a monotonic reading in nanoseconds: only differences
// between two readings mean something.
func Mono() int64 { return int64(time.Since(origin)) }

// UnixNano returns the wall clock in nanoseconds since the Unix epoch.
func UnixNano() int64 { return time.Now().UnixNano() }

// Sleep pauses the calling goroutine for at least d.
func Sleep(d Duration) { time.Sleep(d) }

// Timer is a one-shot timer made by AfterFunc.
type Timer struct{ t *time.Timer }

// AfterFunc calls f in its own goroutine once d has passed, unless the
// timer is stopped first.
func AfterFunc(d Duration, f func()) *Timer { return &Timer{time.AfterFunc(d, f)} }

// Stop prevents the timer from firing; it reports whether it did (false
// when the timer had already fired or been stopped).
func (t *Timer) Stop() bool { return t.t.Stop() }

// Reset makes the timer fire d from now; it reports whether the timer was
// still pending.
func (t *Timer) Reset(d Duration) bool { return t.t.Reset(d) }
