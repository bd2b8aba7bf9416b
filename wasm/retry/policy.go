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
// Zero selects a field's default, so a field that can be zero on purpose
// takes a negative value for that, as net.Dialer.KeepAlive does: [None] (or
// any negative) asks for no delay (InitialDelay, MaxDelay, HealthyAfter),
// no jitter, no reconnects at all (MaxRetries).
type Policy struct {
	// InitialDelay is the base delay of the backoff. A "retry:" value from
	// the server replaces it. Zero: DefaultInitialDelay (1s). Negative: no
	// delay.
	InitialDelay Duration
	// MaxDelay caps the backoff before jitter. It never cuts a server
	// "retry:" value or a Retry-After. Zero: DefaultMaxDelay (30s).
	// Negative: a cap of zero. Raised to InitialDelay when smaller.
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
	// that opens but stays silent). Zero: DefaultHealthyAfter (5s).
	// Negative: every connection that opened counts as healthy.
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
	p.InitialDelay = orDefault(p.InitialDelay, DefaultInitialDelay)
	p.MaxDelay = orDefault(p.MaxDelay, DefaultMaxDelay)
	if p.maxDelay() < p.initialDelay() {
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
	p.HealthyAfter = orDefault(p.HealthyAfter, DefaultHealthyAfter)
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if p.NonIdempotent > ResendAlways {
		p.NonIdempotent = ResendResumable
	}
	return p
}

// None asks for "none" in a field whose zero value selects the default:
// no delay, no jitter, no reconnects. Any negative value does the same.
const None = -1

// orDefault returns def for zero, None for a negative d, else d.
func orDefault(d, def Duration) Duration {
	switch {
	case d == 0:
		return def
	case d < 0:
		return None
	}
	return d
}

// The effective delays of a normalized policy (None is zero).
func (p Policy) initialDelay() Duration { return max(p.InitialDelay, 0) }
func (p Policy) maxDelay() Duration     { return max(p.MaxDelay, 0) }
func (p Policy) healthyAfter() Duration { return max(p.HealthyAfter, 0) }

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

// Set sets one option by the name the npm package gives it ("initialDelay",
// "maxRetries", ...), to the value as JavaScript (or JSON) writes it:
// durations in milliseconds, 0 meaning zero (no delay, no jitter, never
// reconnect), +Inf meaning unlimited, and "resumable", "never" or "always"
// for nonIdempotent. It is the one place where those values meet the
// Policy's Go conventions (zero selects the default, None asks for none).
// An option that was not given is not Set: it keeps its default. Set
// reports false, changing nothing, for an unknown name or a value of the
// wrong type, negative or NaN.
func (p *Policy) Set(name string, v any) bool {
	if name == "nonIdempotent" {
		s, _ := v.(string)
		m, ok := ParseResendMode(s)
		if !ok || s == "" { // "" is not a value the shim sends
			return false
		}
		p.NonIdempotent = m
		return true
	}
	f, ok := v.(float64)
	if !ok || math.IsNaN(f) || f < 0 {
		return false // every numeric option is >= 0
	}
	switch name {
	case "initialDelay":
		p.InitialDelay = exactMillis(f)
	case "maxDelay":
		p.MaxDelay = exactMillis(f)
	case "healthyAfter":
		p.HealthyAfter = exactMillis(f)
	case "maxElapsed":
		if f <= 0 {
			return false // zero would be "never reconnect": that is maxRetries 0
		}
		p.MaxElapsed = exactMillis(f)
	case "factor":
		p.Factor = f
	case "jitter":
		p.Jitter = f
		if f == 0 {
			p.Jitter = None
		}
	case "maxRetries":
		switch {
		case f == 0:
			p.MaxRetries = None
		case f >= math.MaxInt32:
			p.MaxRetries = math.MaxInt32 // unlimited in practice
		default:
			p.MaxRetries = int(f)
		}
	default:
		return false
	}
	return true
}

// exactMillis converts ms to a Duration where zero stays zero (None) and
// +Inf is the longest Duration.
func exactMillis(ms float64) Duration {
	switch {
	case ms <= 0:
		return None
	case ms >= float64(maxDuration/Duration(1e6)):
		return maxDuration
	}
	return Duration(ms * 1e6)
}
