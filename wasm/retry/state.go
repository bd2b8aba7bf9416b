package retry

import (
	"math"
	"math/rand/v2"

	"github.com/wasm-sse/wasm-sse/wasm/internal/clock"
)

// maxDuration is the largest Duration; conversions saturate at it.
const maxDuration = Duration(math.MaxInt64)

// noServerRetry marks that the server sent no valid "retry:" field.
const noServerRetry = Duration(-1)

// Decision is the answer of [State.Next]. It carries what the client reports
// through onretry(info).
type Decision struct {
	// Retry reports whether to reconnect after Delay.
	Retry bool
	// Delay is how long to wait before reconnecting (zero when !Retry).
	Delay Duration
	// Attempt is the 1-based number of this reconnect within the current
	// run (see the package documentation): 1 after a failure that made
	// progress or was healthy, then one more per consecutive failure
	// without progress. When Retry is false it is the number of the
	// refused reconnect, so Attempt-1 reconnects were made in the run.
	Attempt int
	// Elapsed is the time since the first failure of the run.
	Elapsed Duration
	// Reason says why Retry is false; ReasonNone when Retry is true.
	Reason Reason
}

// State tracks the reconnection state of one stream: the attempt counter
// and start of the current run, and the server's "retry:" value. It is not
// safe for concurrent use.
type State struct {
	p           Policy
	now         func() int64
	rnd         func() float64
	serverRetry Duration
	attempts    int
	runStart    int64 // now() at the run's first failure
}

// New returns the state of a new stream under p (normalized). now and rnd
// are injectable for tests: now returns the wall clock in nanoseconds since
// the Unix epoch (it dates a Retry-After and times a run); nil means the
// system clock, and math/rand/v2's Float64 for rnd. rnd must return values
// in [0, 1); others are clamped.
func New(p Policy, now func() int64, rnd func() float64) *State {
	if now == nil {
		now = clock.UnixNano
	}
	if rnd == nil {
		rnd = rand.Float64
	}
	return &State{p: p.Normalize(), now: now, rnd: rnd, serverRetry: noServerRetry}
}

// Policy returns the normalized policy in use.
func (s *State) Policy() Policy { return s.p }

// SetServerRetry records the server's "retry:" field, in milliseconds, as
// the base delay of later reconnects. A negative value (such as the
// parser's NoRetry) is ignored; 0 is valid and means "reconnect at once".
func (s *State) SetServerRetry(ms int) {
	if ms < 0 {
		return
	}
	if int64(ms) > int64(maxDuration/clock.Millisecond) {
		s.serverRetry = maxDuration
		return
	}
	s.serverRetry = Duration(ms) * clock.Millisecond
}

// Reset starts a new run: the attempt counter, elapsed time and backoff
// start over. The server's "retry:" value is kept.
func (s *State) Reset() {
	s.attempts = 0
	s.runStart = 0
}

// Next decides, after the failed attempt f, whether and when to reconnect.
// An attempt that made progress (f.Progress), stayed open for
// HealthyAfter, or ended cleanly after dispatching an event first starts a
// new run (see the package documentation); the decision is then made as
// for any failure, so a final failure stays final. When the decision is to
// reconnect, the attempt is counted.
func (s *State) Next(f Failure) Decision {
	if f.Progress || f.Uptime > 0 && f.Uptime >= s.p.healthyAfter() || (f.Kind == KindEndOfStream && f.Dispatched) {
		s.Reset()
	}
	now := s.now()
	if s.attempts == 0 {
		s.runStart = now
	}
	d := Decision{Attempt: s.attempts + 1, Elapsed: max(Duration(now-s.runStart), 0)}
	switch {
	case !Retryable(f):
		d.Reason = ReasonNotRetryable
	case !resendAllowed(s.p.NonIdempotent, f):
		d.Reason = ReasonNonIdempotent
	case s.p.MaxRetries < 0 || (s.p.MaxRetries > 0 && d.Attempt > s.p.MaxRetries):
		d.Reason = ReasonMaxRetries
	}
	if d.Reason != ReasonNone {
		return d
	}
	r := s.random()
	delay := s.backoff(d.Attempt, r)
	if f.Kind == KindHTTPStatus && (f.Status == 429 || f.Status == 503) {
		if ra, ok := ParseRetryAfter(f.RetryAfter, now); ok {
			if ra > s.p.MaxRetryAfter {
				d.Reason = ReasonRetryAfterTooLong
				return d
			}
			if delay < ra {
				delay = addJitter(ra, s.p.jitter()*r)
			}
		}
	}
	if s.p.MaxElapsed > 0 && (d.Elapsed > s.p.MaxElapsed || delay > s.p.MaxElapsed-d.Elapsed) {
		d.Reason = ReasonMaxElapsed
		return d
	}
	s.attempts = d.Attempt
	d.Retry, d.Delay = true, delay
	return d
}

// random returns the next random number, clamped to [0, 1).
func (s *State) random() float64 {
	r := s.rnd()
	if !(r >= 0) { // also NaN
		return 0
	}
	if r >= 1 {
		return 1 - 0x1p-53 // the largest float64 below 1 (math.Nextafter costs size in wasm)
	}
	return r
}

// backoff returns the jittered delay of reconnect n (1-based) for the
// random number r, following the formula in the package documentation.
func (s *State) backoff(n int, r float64) Duration {
	j := s.p.jitter() * r
	if s.serverRetry < 0 {
		return Duration(float64(grow(s.p.initialDelay(), s.p.Factor, n, s.p.maxDelay())) * (1 - j))
	}
	if n == 1 {
		return addJitter(s.serverRetry, j)
	}
	g := s.serverRetry
	if g == 0 {
		g = s.p.initialDelay()
	}
	return addJitter(grow(g, s.p.Factor, n, max(s.p.maxDelay(), s.serverRetry)), j)
}

// grow returns min(base·factor^(n−1), limit) without overflowing. It
// multiplies step by step (factor >= 1 after Normalize) instead of calling
// math.Pow, which is large in the wasm build; it stops at the limit.
func grow(base Duration, factor float64, n int, limit Duration) Duration {
	f := float64(base)
	for i := 1; i < n && f < float64(limit); i++ {
		f *= factor
	}
	if f >= float64(limit) || math.IsNaN(f) {
		return limit
	}
	return Duration(f)
}

// addJitter returns d·(1+j), saturating at the largest duration.
func addJitter(d Duration, j float64) Duration {
	f := float64(d) * (1 + j)
	if f >= float64(maxDuration) {
		return maxDuration
	}
	return Duration(f)
}
