package retry

import (
	"math"

	"github.com/wasm-sse/wasm-sse/wasm/internal/clock"
)

// Defaults applied by [Policy.Normalize] to zero (or, where documented,
// non-positive) fields.
const (
	// DefaultInitialDelay is the base delay when the server sent no "retry:".
	DefaultInitialDelay = clock.Second
	// DefaultMaxDelay caps the exponential growth of the backoff.
	DefaultMaxDelay = 30 * clock.Second
	// DefaultFactor is the growth factor per consecutive failure.
	DefaultFactor = 2.0
	// DefaultJitter is the randomised fraction of each delay.
	DefaultJitter = 0.5
	// DefaultHealthyAfter is how long a connection must stay open for its
	// failure to reset the backoff even when it made no progress.
	DefaultHealthyAfter = 5 * clock.Second
	// DefaultMaxRetryAfter is the longest Retry-After that is waited for;
	// a longer one stops retrying.
	DefaultMaxRetryAfter = 10 * clock.Minute
)

// Policy holds the reconnection options. The zero value is the default
// policy; [Policy.Normalize] (called by [New]) fills in the defaults.
//
// For Jitter and MaxRetries, where zero selects the default, a negative value
// asks for "none": no jitter, no reconnects at all.
type Policy struct {
	// InitialDelay is the base delay of the backoff. A "retry:" value from
	// the server replaces it. Non-positive: DefaultInitialDelay (1s).
	InitialDelay Duration
	// MaxDelay caps the backoff before jitter. It never cuts a server
	// "retry:" value or a Retry-After. Non-positive: DefaultMaxDelay (30s);
	// raised to InitialDelay when smaller.
	MaxDelay Duration
	// Factor multiplies the delay per consecutive failure. Non-positive,
	// NaN or infinite: DefaultFactor (2); values in (0, 1) become 1
	// (a constant delay).
	Factor float64
	// Jitter is the randomised fraction of each delay, clamped to [0, 1].
	// Zero or NaN: DefaultJitter (0.5). Negative: no jitter.
	Jitter float64
	// MaxRetries is the number of consecutive reconnects allowed in one run
	// (see the package documentation) before stopping with
	// ReasonMaxRetries. An attempt that made progress starts a new run, so
	// only failures without progress use it up. Zero (the default):
	// unlimited. Negative: never reconnect.
	MaxRetries int
	// MaxElapsed stops retrying with ReasonMaxElapsed when the next
	// reconnect would start later than this after the first failure of the
	// run; the clock restarts with each new run. Non-positive (the
	// default): unlimited.
	MaxElapsed Duration
	// HealthyAfter is how long a connection must have stayed open for its
	// failure to reset the backoff even when it made no progress (a stream
	// that opens but stays silent). Non-positive: DefaultHealthyAfter (5s).
	HealthyAfter Duration
	// MaxRetryAfter is the longest Retry-After (on 429/503) that is waited
	// for; a longer one stops with ReasonRetryAfterTooLong. Non-positive:
	// DefaultMaxRetryAfter (10m).
	MaxRetryAfter Duration
	// NonIdempotent says when a request whose method is not GET or HEAD is
	// re-sent. The zero value is ResendResumable.
	NonIdempotent ResendMode
}

// Normalize returns p with defaults filled in and values clamped, as
// documented on each field. It is idempotent.
func (p Policy) Normalize() Policy {
	if p.InitialDelay <= 0 {
		p.InitialDelay = DefaultInitialDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = DefaultMaxDelay
	}
	if p.MaxDelay < p.InitialDelay {
		p.MaxDelay = p.InitialDelay
	}
	switch {
	case p.Factor <= 0 || math.IsNaN(p.Factor) || math.IsInf(p.Factor, 0):
		p.Factor = DefaultFactor
	case p.Factor < 1:
		p.Factor = 1
	}
	switch {
	case p.Jitter == 0 || math.IsNaN(p.Jitter):
		p.Jitter = DefaultJitter
	case p.Jitter < 0:
		p.Jitter = -1
	case p.Jitter > 1:
		p.Jitter = 1
	}
	if p.MaxRetries < 0 {
		p.MaxRetries = -1
	}
	if p.MaxElapsed < 0 {
		p.MaxElapsed = 0
	}
	if p.HealthyAfter <= 0 {
		p.HealthyAfter = DefaultHealthyAfter
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if p.NonIdempotent > ResendAlways {
		p.NonIdempotent = ResendResumable
	}
	return p
}

// jitter returns the effective jitter fraction of a normalized policy.
func (p Policy) jitter() float64 {
	if p.Jitter < 0 {
		return 0
	}
	return p.Jitter
}

// ResendMode says when a non-idempotent request (any method but GET and
// HEAD) is re-sent after a retryable failure.
type ResendMode int

const (
	// ResendResumable (the default) re-sends only when no event was
	// dispatched on the failed attempt, or when the server has given an
	// event id (Last-Event-ID lets it resume). A clean end of the stream is
	// a finished response and is never re-sent.
	ResendResumable ResendMode = iota
	// ResendNever never re-sends a non-idempotent request.
	ResendNever
	// ResendAlways treats every method like GET: any retryable failure,
	// including a clean end of the stream, reconnects.
	ResendAlways
)

// resendNames are the names used by String and ParseResendMode.
var resendNames = [...]string{"resumable", "never", "always"}

// String returns "resumable", "never" or "always" ("" for an invalid mode).
func (m ResendMode) String() string {
	if m < 0 || int(m) >= len(resendNames) {
		return ""
	}
	return resendNames[m]
}

// ParseResendMode parses "resumable", "never" or "always" (as the JS shim
// passes them). The empty string yields the default, ResendResumable.
func ParseResendMode(s string) (ResendMode, bool) {
	if s == "" {
		return ResendResumable, true
	}
	for i, n := range resendNames {
		if s == n {
			return ResendMode(i), true
		}
	}
	return ResendResumable, false
}
