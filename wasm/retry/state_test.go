package retry

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sec = time.Second

// delays runs n consecutive failures f and returns the delays, requiring
// each decision to retry.
func delays(t *testing.T, s *State, f Failure, n int) []time.Duration {
	t.Helper()
	out := make([]time.Duration, 0, n)
	for i := 0; i < n; i++ {
		d := s.Next(f)
		require.True(t, d.Retry, "attempt %d: %s", i+1, d.Reason)
		require.Equal(t, ReasonNone, d.Reason)
		require.Equal(t, i+1, d.Attempt)
		out = append(out, d.Delay)
	}
	return out
}

func TestBackoffGrowth(t *testing.T) {
	tests := []struct {
		name string
		p    Policy
		r    float64
		want []time.Duration
	}{
		{"defaults, r=0 is the top of the window", Policy{}, 0,
			[]time.Duration{1 * sec, 2 * sec, 4 * sec, 8 * sec, 16 * sec, 30 * sec, 30 * sec}},
		{"defaults, r=0.5 takes a quarter off", Policy{}, 0.5,
			[]time.Duration{750 * time.Millisecond, 1500 * time.Millisecond, 3 * sec, 6 * sec, 12 * sec, 22500 * time.Millisecond}},
		{"no jitter", Policy{Jitter: -1}, 0.99,
			[]time.Duration{1 * sec, 2 * sec, 4 * sec, 8 * sec}},
		{"full jitter", Policy{Jitter: 1}, 0.75,
			[]time.Duration{250 * time.Millisecond, 500 * time.Millisecond}},
		{"custom", Policy{InitialDelay: 100 * time.Millisecond, MaxDelay: time.Second, Factor: 3, Jitter: -1}, 0,
			[]time.Duration{100 * time.Millisecond, 300 * time.Millisecond, 900 * time.Millisecond, sec, sec}},
		{"factor 1 is constant", Policy{Factor: 1, Jitter: -1}, 0,
			[]time.Duration{sec, sec, sec, sec}},
		{"initial above max delay", Policy{InitialDelay: time.Minute, MaxDelay: sec, Jitter: -1}, 0,
			[]time.Duration{time.Minute, time.Minute}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newState(tt.p, tt.r)
			assert.Equal(t, tt.want, delays(t, s, get, len(tt.want)))
		})
	}
}

func TestBackoffManyAttemptsSaturates(t *testing.T) {
	s, _ := newState(Policy{Jitter: -1}, 0)
	var last time.Duration
	for i := 0; i < 5000; i++ {
		d := s.Next(get)
		require.True(t, d.Retry)
		require.Positive(t, d.Delay)
		last = d.Delay
	}
	assert.Equal(t, 30*sec, last)
}

func TestJitterBounds(t *testing.T) {
	const samples = 2000
	for _, j := range []float64{0.5, 0.2, 1} {
		rng := rand.New(rand.NewPCG(1, uint64(j*10)))
		for n, d := range []time.Duration{sec, 2 * sec, 4 * sec, 8 * sec, 16 * sec, 30 * sec, 30 * sec} {
			lo, hi := time.Duration(math.MaxInt64), time.Duration(0)
			for i := 0; i < samples; i++ {
				s := New(Policy{Jitter: j}, newClock().Now, rng.Float64)
				s.attempts = n
				got := s.Next(get).Delay
				lo, hi = min(lo, got), max(hi, got)
			}
			floor := time.Duration(float64(d) * (1 - j))
			assert.Greater(t, lo, floor, "n=%d j=%v", n+1, j)
			assert.LessOrEqual(t, hi, d, "n=%d j=%v", n+1, j)
			// The samples spread over most of the window.
			width := float64(d - floor)
			assert.Less(t, float64(lo-floor), width*0.05, "n=%d j=%v lo=%v", n+1, j, lo)
			assert.Less(t, float64(d-hi), width*0.05, "n=%d j=%v hi=%v", n+1, j, hi)
		}
	}
}

func TestServerRetryJitterBounds(t *testing.T) {
	const samples = 2000
	rng := rand.New(rand.NewPCG(7, 8))
	for n, d := range []time.Duration{3 * sec, 6 * sec, 12 * sec, 24 * sec, 30 * sec} {
		lo, hi := time.Duration(math.MaxInt64), time.Duration(0)
		for i := 0; i < samples; i++ {
			s := New(Policy{}, newClock().Now, rng.Float64)
			s.SetServerRetry(3000)
			s.attempts = n
			got := s.Next(get).Delay
			lo, hi = min(lo, got), max(hi, got)
		}
		assert.GreaterOrEqual(t, lo, d, "never below the server's delay, n=%d", n+1)
		assert.Less(t, hi, d+d/2, "n=%d", n+1)
		assert.Less(t, lo-d, d/40, "n=%d lo=%v", n+1, lo)
		assert.Greater(t, hi, d+d/2-d/40, "n=%d hi=%v", n+1, hi)
	}
}

func TestRealRandAndClock(t *testing.T) {
	s := New(Policy{}, nil, nil)
	for i := 0; i < 100; i++ {
		d := s.Next(get)
		require.True(t, d.Retry)
		assert.Greater(t, d.Delay, 500*time.Millisecond)
		assert.LessOrEqual(t, d.Delay, sec)
		s.Reset()
	}
}

func TestRandOutOfRangeIsClamped(t *testing.T) {
	for _, tt := range []struct {
		r    float64
		want time.Duration
	}{
		{-1, sec},
		{math.NaN(), sec},
		{1.5, 500 * time.Millisecond},
		{1, 500 * time.Millisecond},
	} {
		s, _ := newState(Policy{}, tt.r)
		d := s.Next(get)
		assert.InDelta(t, float64(tt.want), float64(d.Delay), 1, "r=%v", tt.r)
		assert.Greater(t, d.Delay, 500*time.Millisecond-1, "r=%v", tt.r)
	}
}

func TestServerRetry(t *testing.T) {
	tests := []struct {
		name string
		p    Policy
		ms   int
		r    float64
		want []time.Duration
	}{
		{"replaces initial delay, r=0", Policy{}, 3000, 0,
			[]time.Duration{3 * sec, 6 * sec, 12 * sec, 24 * sec, 30 * sec, 30 * sec}},
		{"jitter is added above", Policy{}, 3000, 0.5,
			[]time.Duration{3750 * time.Millisecond, 7500 * time.Millisecond}},
		{"not cut by MaxDelay", Policy{}, 60000, 0,
			[]time.Duration{time.Minute, time.Minute, time.Minute}},
		{"below initial delay", Policy{Jitter: -1}, 100, 0.9,
			[]time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond}},
		{"zero: immediate, then grows from InitialDelay", Policy{Jitter: -1}, 0, 0,
			[]time.Duration{0, 2 * sec, 4 * sec, 8 * sec}},
		{"negative is ignored", Policy{Jitter: -1}, -1, 0,
			[]time.Duration{sec, 2 * sec}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newState(tt.p, tt.r)
			s.SetServerRetry(tt.ms)
			assert.Equal(t, tt.want, delays(t, s, get, len(tt.want)))
		})
	}
}

func TestServerRetryLaterValueWins(t *testing.T) {
	s, _ := newState(Policy{Jitter: -1}, 0)
	s.SetServerRetry(5000)
	s.SetServerRetry(noRetry)
	s.SetServerRetry(2000)
	assert.Equal(t, []time.Duration{2 * sec, 4 * sec}, delays(t, s, get, 2))
}

// noRetry mirrors sse.NoRetry, which the client passes through.
const noRetry = -1

func TestServerRetryHugeSaturates(t *testing.T) {
	s, _ := newState(Policy{}, 0.5)
	s.SetServerRetry(math.MaxInt)
	d := s.Next(get)
	require.True(t, d.Retry)
	assert.Equal(t, maxDuration, d.Delay)
	d = s.Next(get)
	require.True(t, d.Retry)
	assert.Equal(t, maxDuration, d.Delay)
}

func TestMaxRetries(t *testing.T) {
	s, _ := newState(Policy{MaxRetries: 3, Jitter: -1}, 0)
	delays(t, s, get, 3)
	d := s.Next(get)
	assert.False(t, d.Retry)
	assert.Equal(t, ReasonMaxRetries, d.Reason)
	assert.Equal(t, 4, d.Attempt)
	assert.Zero(t, d.Delay)
	// Still exhausted on a further call.
	assert.Equal(t, ReasonMaxRetries, s.Next(get).Reason)
}

func TestMaxRetriesNegativeNeverReconnects(t *testing.T) {
	s, _ := newState(Policy{MaxRetries: -1}, 0)
	d := s.Next(get)
	assert.False(t, d.Retry)
	assert.Equal(t, ReasonMaxRetries, d.Reason)
	assert.Equal(t, 1, d.Attempt)
}

func TestMaxRetriesZeroIsUnlimited(t *testing.T) {
	s, _ := newState(Policy{}, 0)
	delays(t, s, get, 1000)
}

func TestMaxElapsed(t *testing.T) {
	s, c := newState(Policy{MaxElapsed: 10 * sec, Jitter: -1}, 0)
	want := []struct {
		delay, elapsed time.Duration
	}{{1 * sec, 0}, {2 * sec, 1 * sec}, {4 * sec, 3 * sec}}
	for i, w := range want {
		d := s.Next(get)
		require.True(t, d.Retry, "attempt %d", i+1)
		assert.Equal(t, w.delay, d.Delay)
		assert.Equal(t, w.elapsed, d.Elapsed)
		c.Advance(d.Delay)
	}
	// Elapsed 7s + next delay 8s > 10s.
	d := s.Next(get)
	assert.False(t, d.Retry)
	assert.Equal(t, ReasonMaxElapsed, d.Reason)
	assert.Equal(t, 7*sec, d.Elapsed)
	assert.Equal(t, 4, d.Attempt)
}

func TestMaxElapsedAlreadyPassed(t *testing.T) {
	s, c := newState(Policy{MaxElapsed: 10 * sec, Jitter: -1}, 0)
	require.True(t, s.Next(get).Retry)
	c.Advance(time.Hour)
	d := s.Next(get)
	assert.Equal(t, ReasonMaxElapsed, d.Reason)
	assert.Equal(t, time.Hour, d.Elapsed)
}

func TestMaxElapsedHugeDelayDoesNotOverflow(t *testing.T) {
	s, c := newState(Policy{MaxElapsed: 10 * sec}, 0.5)
	s.SetServerRetry(math.MaxInt)
	c.Advance(sec)
	d := s.Next(get)
	assert.False(t, d.Retry)
	assert.Equal(t, ReasonMaxElapsed, d.Reason)
}

func TestClockGoingBackwards(t *testing.T) {
	s, c := newState(Policy{Jitter: -1}, 0)
	require.True(t, s.Next(get).Retry)
	c.Advance(-time.Hour)
	d := s.Next(get)
	assert.True(t, d.Retry)
	assert.Equal(t, time.Duration(0), d.Elapsed)
}

func TestHealthyReset(t *testing.T) {
	tests := []struct {
		name  string
		f     Failure
		reset bool
	}{
		{"open for HealthyAfter", Failure{Kind: KindNetwork, Uptime: 5 * sec}, true},
		{"open longer", Failure{Kind: KindIdleTimeout, Uptime: time.Hour}, true},
		{"open shorter", Failure{Kind: KindNetwork, Uptime: 4999 * time.Millisecond}, false},
		{"clean end after events", Failure{Kind: KindEndOfStream, Dispatched: true}, true},
		{"clean end without events", Failure{Kind: KindEndOfStream, Uptime: sec}, false},
		{"broken after events, Progress unset", Failure{Kind: KindNetwork, Dispatched: true, Uptime: sec}, false},
		{"broken after progress", Failure{Kind: KindNetwork, Dispatched: true, Progress: true, Uptime: sec}, true},
		{"last event ID changed, no event", Failure{Kind: KindNetwork, Progress: true, HasEventID: true, Uptime: sec}, true},
		{"idle timeout after progress", Failure{Kind: KindIdleTimeout, Dispatched: true, Progress: true, Uptime: sec}, true},
		{"5xx", Failure{Kind: KindHTTPStatus, Status: 502}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, c := newState(Policy{Jitter: -1, MaxRetries: 4}, 0)
			delays(t, s, get, 4)
			c.Advance(time.Minute)
			d := s.Next(tt.f)
			if tt.reset {
				require.True(t, d.Retry)
				assert.Equal(t, 1, d.Attempt)
				assert.Equal(t, sec, d.Delay)
				assert.Equal(t, time.Duration(0), d.Elapsed)
			} else {
				assert.False(t, d.Retry)
				assert.Equal(t, ReasonMaxRetries, d.Reason)
				assert.Equal(t, 5, d.Attempt)
				assert.Equal(t, time.Minute, d.Elapsed)
			}
		})
	}
}

func TestHealthyAfterCustom(t *testing.T) {
	s, _ := newState(Policy{Jitter: -1, HealthyAfter: 100 * time.Millisecond}, 0)
	delays(t, s, get, 3)
	d := s.Next(Failure{Kind: KindNetwork, Uptime: 100 * time.Millisecond})
	assert.Equal(t, 1, d.Attempt)
	assert.Equal(t, sec, d.Delay)
}

func TestExplicitResetKeepsServerRetry(t *testing.T) {
	s, c := newState(Policy{Jitter: -1, MaxElapsed: 20 * sec}, 0)
	s.SetServerRetry(2000)
	delays(t, s, get, 3)
	c.Advance(15 * sec)
	s.Reset()
	d := s.Next(get)
	require.True(t, d.Retry)
	assert.Equal(t, 1, d.Attempt)
	assert.Equal(t, 2*sec, d.Delay)
	assert.Equal(t, time.Duration(0), d.Elapsed)
}

func TestNotRetryableIsNotCounted(t *testing.T) {
	s, _ := newState(Policy{Jitter: -1}, 0)
	delays(t, s, get, 2)
	for _, f := range []Failure{
		{Kind: KindHTTPStatus, Status: 404},
		{Kind: KindHTTPStatus, Status: 204},
		{Kind: KindContentType},
		{Kind: KindTooLarge},
		{},
	} {
		d := s.Next(f)
		assert.False(t, d.Retry)
		assert.Equal(t, ReasonNotRetryable, d.Reason, "%s %d", f.Kind, f.Status)
		assert.Equal(t, 3, d.Attempt)
		assert.Zero(t, d.Delay)
	}
	d := s.Next(get)
	assert.Equal(t, 3, d.Attempt)
	assert.Equal(t, 4*sec, d.Delay)
}

func TestRetryAfter(t *testing.T) {
	clock := newClock()
	date := func(d time.Duration) string {
		return clock.t.Add(d).UTC().Format("Mon, 02 Jan 2006 15:04:05 GMT")
	}
	tests := []struct {
		name   string
		p      Policy
		r      float64
		prior  int // failures before this one
		f      Failure
		want   time.Duration
		reason Reason
	}{
		{"429 seconds", Policy{}, 0, 0, Failure{Kind: KindHTTPStatus, Status: 429, RetryAfter: "120"}, 120 * sec, ReasonNone},
		{"429 seconds jittered above", Policy{}, 0.5, 0, Failure{Kind: KindHTTPStatus, Status: 429, RetryAfter: "120"}, 150 * sec, ReasonNone},
		{"503 date", Policy{}, 0, 0, Failure{Kind: KindHTTPStatus, Status: 503, RetryAfter: date(45 * sec)}, 45 * sec, ReasonNone},
		{"503 past date uses backoff", Policy{}, 0, 2, Failure{Kind: KindHTTPStatus, Status: 503, RetryAfter: date(-time.Hour)}, 4 * sec, ReasonNone},
		{"503 garbage uses backoff", Policy{}, 0, 1, Failure{Kind: KindHTTPStatus, Status: 503, RetryAfter: "later"}, 2 * sec, ReasonNone},
		{"smaller than backoff", Policy{}, 0, 3, Failure{Kind: KindHTTPStatus, Status: 429, RetryAfter: "3"}, 8 * sec, ReasonNone},
		{"ignored on 500", Policy{}, 0, 0, Failure{Kind: KindHTTPStatus, Status: 500, RetryAfter: "120"}, sec, ReasonNone},
		{"ignored on 502", Policy{}, 0, 0, Failure{Kind: KindHTTPStatus, Status: 502, RetryAfter: "120"}, sec, ReasonNone},
		{"not capped by MaxDelay", Policy{MaxDelay: 5 * sec}, 0, 0, Failure{Kind: KindHTTPStatus, Status: 429, RetryAfter: "60"}, time.Minute, ReasonNone},
		{"at MaxRetryAfter", Policy{}, 0, 0, Failure{Kind: KindHTTPStatus, Status: 429, RetryAfter: "600"}, 10 * time.Minute, ReasonNone},
		{"above MaxRetryAfter", Policy{}, 0, 0, Failure{Kind: KindHTTPStatus, Status: 429, RetryAfter: "601"}, 0, ReasonRetryAfterTooLong},
		{"custom MaxRetryAfter", Policy{MaxRetryAfter: 2 * time.Hour}, 0, 0, Failure{Kind: KindHTTPStatus, Status: 503, RetryAfter: "3600"}, time.Hour, ReasonNone},
		{"beyond MaxElapsed", Policy{MaxElapsed: time.Minute}, 0, 0, Failure{Kind: KindHTTPStatus, Status: 429, RetryAfter: "61"}, 0, ReasonMaxElapsed},
		{"POST 429 nothing dispatched", Policy{}, 0, 0, Failure{Kind: KindHTTPStatus, Status: 429, RetryAfter: "30", Method: "POST"}, 30 * sec, ReasonNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(tt.p, clock.Now, constRand(tt.r))
			s.attempts = tt.prior
			d := s.Next(tt.f)
			assert.Equal(t, tt.reason, d.Reason)
			assert.Equal(t, tt.reason == ReasonNone, d.Retry)
			assert.Equal(t, tt.want, d.Delay)
		})
	}
}

func TestNonIdempotent(t *testing.T) {
	type f = Failure
	post := func(k Kind, dispatched, id bool) Failure {
		return Failure{Kind: k, Method: "POST", Dispatched: dispatched, HasEventID: id}
	}
	tests := []struct {
		name string
		mode ResendMode
		f    Failure
		want Reason
	}{
		// Default: resumable.
		{"GET clean end", ResendResumable, f{Kind: KindEndOfStream, Method: "GET", Dispatched: true}, ReasonNone},
		{"empty method is GET", ResendResumable, f{Kind: KindEndOfStream}, ReasonNone},
		{"HEAD network", ResendResumable, f{Kind: KindNetwork, Method: "head", Dispatched: true}, ReasonNone},
		{"POST network before any event", ResendResumable, post(KindNetwork, false, false), ReasonNone},
		{"POST 503", ResendResumable, f{Kind: KindHTTPStatus, Status: 503, Method: "POST"}, ReasonNone},
		{"POST idle timeout before any event", ResendResumable, post(KindIdleTimeout, false, false), ReasonNone},
		{"POST network after events, no id", ResendResumable, post(KindNetwork, true, false), ReasonNonIdempotent},
		{"POST idle timeout after events, no id", ResendResumable, post(KindIdleTimeout, true, false), ReasonNonIdempotent},
		{"POST network after events with id", ResendResumable, post(KindNetwork, true, true), ReasonNone},
		{"POST clean end after events", ResendResumable, post(KindEndOfStream, true, false), ReasonNonIdempotent},
		{"POST clean end with id", ResendResumable, post(KindEndOfStream, true, true), ReasonNonIdempotent},
		{"POST clean end without events", ResendResumable, post(KindEndOfStream, false, false), ReasonNonIdempotent},
		{"PUT counts as non-idempotent", ResendResumable, f{Kind: KindNetwork, Method: "PUT", Dispatched: true}, ReasonNonIdempotent},
		{"POST 404 is not retryable first", ResendResumable, f{Kind: KindHTTPStatus, Status: 404, Method: "POST"}, ReasonNotRetryable},
		// Never.
		{"never: POST before any event", ResendNever, post(KindNetwork, false, false), ReasonNonIdempotent},
		{"never: POST with id", ResendNever, post(KindNetwork, true, true), ReasonNonIdempotent},
		{"never: POST 503", ResendNever, f{Kind: KindHTTPStatus, Status: 503, Method: "post"}, ReasonNonIdempotent},
		{"never: GET still retried", ResendNever, f{Kind: KindEndOfStream, Method: "GET"}, ReasonNone},
		// Always.
		{"always: POST clean end", ResendAlways, post(KindEndOfStream, true, false), ReasonNone},
		{"always: POST after events, no id", ResendAlways, post(KindNetwork, true, false), ReasonNone},
		{"always: POST content type still final", ResendAlways, post(KindContentType, false, false), ReasonNotRetryable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newState(Policy{NonIdempotent: tt.mode, Jitter: -1}, 0)
			d := s.Next(tt.f)
			assert.Equal(t, tt.want, d.Reason, d.Reason.String())
			assert.Equal(t, tt.want == ReasonNone, d.Retry)
			if d.Retry {
				assert.Equal(t, sec, d.Delay)
			}
		})
		// The same failure after progress, late in a run: the run starts
		// over (attempt 1, the base delay instead of 8s) but the re-send
		// rule decides exactly as without progress.
		t.Run(tt.name+", after progress", func(t *testing.T) {
			s, _ := newState(Policy{NonIdempotent: tt.mode, Jitter: -1}, 0)
			s.attempts = 3
			f := tt.f
			f.Progress = true
			d := s.Next(f)
			assert.Equal(t, tt.want, d.Reason, d.Reason.String())
			assert.Equal(t, tt.want == ReasonNone, d.Retry)
			assert.Equal(t, 1, d.Attempt)
			if d.Retry {
				assert.Equal(t, sec, d.Delay)
			}
		})
	}
}

func TestPolicyAccessor(t *testing.T) {
	s, _ := newState(Policy{Factor: 0.5}, 0)
	assert.Equal(t, Policy{Factor: 0.5}.Normalize(), s.Policy())
	assert.Equal(t, 1.0, s.Policy().Factor)
}

// moved is a GET whose connection broke after one second, having delivered
// a new event with a new id: an attempt that made progress.
var moved = Failure{Kind: KindNetwork, Method: "GET", Dispatched: true, Progress: true, HasEventID: true, Uptime: sec}

// silent is a GET whose connection broke after one second without
// delivering anything: an attempt without progress.
var silent = Failure{Kind: KindNetwork, Method: "GET", Uptime: sec}

// TestProgressKeepsRetryingAtBaseDelay covers a stream that fails after
// progress 100 times in a row under MaxRetries 3 and MaxElapsed 10s: every
// failure starts a new run, so each reconnect is attempt 1 at the base
// delay (InitialDelay with the usual jitter) with no elapsed time, and the
// limits never stop it. A changed last event ID without any event counts
// as progress too.
func TestProgressKeepsRetryingAtBaseDelay(t *testing.T) {
	idOnly := Failure{Kind: KindNetwork, Method: "GET", Progress: true, HasEventID: true, Uptime: sec}
	tests := []struct {
		name string
		f    Failure
		r    float64
		want time.Duration
	}{
		{"events, r=0", moved, 0, sec},
		{"events, jitter below the base", moved, 0.5, 750 * time.Millisecond},
		{"only the last event ID changed", idOnly, 0, sec},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, c := newState(Policy{MaxRetries: 3, MaxElapsed: 10 * sec}, tt.r)
			for i := 0; i < 100; i++ {
				d := s.Next(tt.f)
				require.True(t, d.Retry, "failure %d: %s", i+1, d.Reason)
				require.Equal(t, 1, d.Attempt, "failure %d", i+1)
				require.Equal(t, tt.want, d.Delay, "failure %d", i+1)
				require.Equal(t, time.Duration(0), d.Elapsed, "failure %d", i+1)
				c.Advance(d.Delay + tt.f.Uptime)
			}
		})
	}
}

// TestProgressUsesServerRetry covers the delay after progress when the
// server sent "retry: 50": failures without progress grow it (50, 100,
// 200 ms), the next failure after progress waits 50 ms again (jitter
// added above it: 62.5 ms with r=0.5 and the default jitter 0.5), and so
// does every further one.
func TestProgressUsesServerRetry(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name   string
		r      float64
		silent []time.Duration
		base   time.Duration
	}{
		{"r=0", 0, []time.Duration{50 * ms, 100 * ms, 200 * ms}, 50 * ms},
		{"jitter above the server's value", 0.5, []time.Duration{62500 * time.Microsecond, 125 * ms, 250 * ms}, 62500 * time.Microsecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newState(Policy{MaxRetries: 3}, tt.r)
			s.SetServerRetry(50)
			assert.Equal(t, tt.silent, delays(t, s, silent, 3))
			for i := 0; i < 5; i++ {
				d := s.Next(moved)
				require.True(t, d.Retry)
				assert.Equal(t, 1, d.Attempt)
				assert.Equal(t, tt.base, d.Delay)
			}
		})
	}
}

// TestNoProgressBacksOffAndStops covers failures without progress: the
// delay doubles and MaxRetries 3 refuses the fourth reconnect, whether the
// connection never opened, opened briefly, or dispatched events while the
// caller left Progress unset (Dispatched alone is not progress).
func TestNoProgressBacksOffAndStops(t *testing.T) {
	tests := []struct {
		name string
		f    Failure
	}{
		{"never opened", Failure{Kind: KindNetwork}},
		{"open one second, nothing delivered", silent},
		{"idle timeout, nothing delivered", Failure{Kind: KindIdleTimeout, Uptime: 2 * sec}},
		{"503", Failure{Kind: KindHTTPStatus, Status: 503}},
		{"Dispatched without Progress", Failure{Kind: KindNetwork, Dispatched: true, HasEventID: true, Uptime: sec}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, c := newState(Policy{MaxRetries: 3, Jitter: -1}, 0)
			got := make([]time.Duration, 0, 3)
			for i := 0; i < 3; i++ {
				d := s.Next(tt.f)
				require.True(t, d.Retry, "failure %d: %s", i+1, d.Reason)
				require.Equal(t, i+1, d.Attempt)
				got = append(got, d.Delay)
				c.Advance(d.Delay + tt.f.Uptime)
			}
			assert.Equal(t, []time.Duration{sec, 2 * sec, 4 * sec}, got)
			d := s.Next(tt.f)
			assert.False(t, d.Retry)
			assert.Equal(t, ReasonMaxRetries, d.Reason)
			assert.Equal(t, 4, d.Attempt)
			assert.Equal(t, 7*sec+3*tt.f.Uptime, d.Elapsed)
		})
	}
}

// TestProgressMixNumbersAttempts covers a stream that alternates progress
// and silent failures: Attempt is the reconnect number within the current
// run, 1 after each failure with progress and one more per silent failure;
// the delay and Elapsed follow the run; MaxRetries 3 stops the third silent
// failure in a row, and progress after that starts a run again.
func TestProgressMixNumbersAttempts(t *testing.T) {
	s, c := newState(Policy{MaxRetries: 3, Jitter: -1}, 0)
	steps := []struct {
		f       Failure
		attempt int
		delay   time.Duration // zero: refused with ReasonMaxRetries
		elapsed time.Duration
	}{
		{silent, 1, sec, 0},
		{moved, 1, sec, 0},
		{silent, 2, 2 * sec, 2 * sec},
		{silent, 3, 4 * sec, 5 * sec},
		{moved, 1, sec, 0},
		{silent, 2, 2 * sec, 2 * sec},
		{silent, 3, 4 * sec, 5 * sec},
		{silent, 4, 0, 10 * sec},
		{moved, 1, sec, 0},
		{silent, 2, 2 * sec, 2 * sec},
	}
	for i, st := range steps {
		d := s.Next(st.f)
		assert.Equal(t, st.attempt, d.Attempt, "step %d", i+1)
		assert.Equal(t, st.delay, d.Delay, "step %d", i+1)
		assert.Equal(t, st.elapsed, d.Elapsed, "step %d", i+1)
		if st.delay == 0 {
			assert.False(t, d.Retry, "step %d", i+1)
			assert.Equal(t, ReasonMaxRetries, d.Reason, "step %d", i+1)
		} else {
			assert.True(t, d.Retry, "step %d", i+1)
		}
		c.Advance(d.Delay + st.f.Uptime)
	}
}

// TestProgressRestartsMaxElapsed covers MaxElapsed after progress: after
// three silent failures 7s into the run, a fourth silent one is refused
// (7s + 8s > 10s), while a failure with progress at the same point starts
// a new run whose elapsed time is measured from it.
func TestProgressRestartsMaxElapsed(t *testing.T) {
	setup := func(t *testing.T) (*State, *fakeClock) {
		s, c := newState(Policy{MaxElapsed: 10 * sec, Jitter: -1}, 0)
		for i := 0; i < 3; i++ {
			d := s.Next(Failure{Kind: KindNetwork})
			require.True(t, d.Retry)
			c.Advance(d.Delay)
		}
		return s, c
	}
	t.Run("without progress", func(t *testing.T) {
		s, _ := setup(t)
		d := s.Next(Failure{Kind: KindNetwork})
		assert.Equal(t, ReasonMaxElapsed, d.Reason)
		assert.Equal(t, 7*sec, d.Elapsed)
	})
	t.Run("after progress", func(t *testing.T) {
		s, c := setup(t)
		c.Advance(sec) // the connection's uptime
		d := s.Next(moved)
		require.True(t, d.Retry, d.Reason.String())
		assert.Equal(t, 1, d.Attempt)
		assert.Equal(t, sec, d.Delay)
		assert.Equal(t, time.Duration(0), d.Elapsed)
		c.Advance(d.Delay)
		for _, w := range []struct{ delay, elapsed time.Duration }{{2 * sec, sec}, {4 * sec, 3 * sec}} {
			d = s.Next(Failure{Kind: KindNetwork})
			require.True(t, d.Retry, d.Reason.String())
			assert.Equal(t, w.delay, d.Delay)
			assert.Equal(t, w.elapsed, d.Elapsed)
			c.Advance(d.Delay)
		}
		d = s.Next(Failure{Kind: KindNetwork})
		assert.Equal(t, ReasonMaxElapsed, d.Reason)
		assert.Equal(t, 7*sec, d.Elapsed)
	})
}

// TestHealthyAfterResetsSilentStream covers a connection that opens but
// stays silent: when it stayed open for HealthyAfter (5s) each failure
// starts a new run and MaxRetries 2 never stops it; just below HealthyAfter
// the failures count and the third is refused.
func TestHealthyAfterResetsSilentStream(t *testing.T) {
	t.Run("open for HealthyAfter", func(t *testing.T) {
		s, c := newState(Policy{MaxRetries: 2, Jitter: -1}, 0)
		f := Failure{Kind: KindIdleTimeout, Uptime: DefaultHealthyAfter}
		for i := 0; i < 20; i++ {
			d := s.Next(f)
			require.True(t, d.Retry, "failure %d: %s", i+1, d.Reason)
			require.Equal(t, 1, d.Attempt)
			require.Equal(t, sec, d.Delay)
			c.Advance(d.Delay + f.Uptime)
		}
	})
	t.Run("open just less", func(t *testing.T) {
		s, _ := newState(Policy{MaxRetries: 2, Jitter: -1}, 0)
		f := Failure{Kind: KindIdleTimeout, Uptime: DefaultHealthyAfter - time.Millisecond}
		assert.Equal(t, []time.Duration{sec, 2 * sec}, delays(t, s, f, 2))
		assert.Equal(t, ReasonMaxRetries, s.Next(f).Reason)
	})
}

// TestProgressDoesNotMakeFinalRetryable covers final failures after
// progress: they stay final (ReasonNotRetryable, no delay); only the run
// starts over, so Attempt is 1.
func TestProgressDoesNotMakeFinalRetryable(t *testing.T) {
	for _, f := range []Failure{
		{Kind: KindHTTPStatus, Status: 404},
		{Kind: KindHTTPStatus, Status: 204},
		{Kind: KindContentType},
		{Kind: KindTooLarge},
		{},
	} {
		s, _ := newState(Policy{Jitter: -1}, 0)
		delays(t, s, silent, 2)
		f.Progress, f.Dispatched = true, true
		d := s.Next(f)
		assert.False(t, d.Retry, "%s %d", f.Kind, f.Status)
		assert.Equal(t, ReasonNotRetryable, d.Reason, "%s %d", f.Kind, f.Status)
		assert.Zero(t, d.Delay)
		assert.Equal(t, 1, d.Attempt)
	}
}
