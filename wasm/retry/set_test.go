package retry

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestSet covers every option by its npm name: the value the user set,
// zero as zero and Infinity as unlimited, mapped onto the Policy's Go
// conventions, and what the normalized policy then does.
func TestSet(t *testing.T) {
	inf := math.Inf(1)
	for _, c := range []struct {
		name string
		v    any
		want Policy
	}{
		{"initialDelay", 250.0, Policy{InitialDelay: 250 * time.Millisecond}},
		{"initialDelay", 0.0, Policy{InitialDelay: None}},
		{"initialDelay", 0.5, Policy{InitialDelay: 500 * time.Microsecond}},
		{"maxDelay", 5000.0, Policy{MaxDelay: 5 * time.Second}},
		{"maxDelay", 0.0, Policy{MaxDelay: None}},
		{"healthyAfter", 0.0, Policy{HealthyAfter: None}},
		{"healthyAfter", 100.0, Policy{HealthyAfter: 100 * time.Millisecond}},
		{"factor", 1.5, Policy{Factor: 1.5}},
		{"jitter", 0.0, Policy{Jitter: None}},
		{"jitter", 0.25, Policy{Jitter: 0.25}},
		{"maxRetries", 0.0, Policy{MaxRetries: None}},
		{"maxRetries", 3.0, Policy{MaxRetries: 3}},
		{"maxRetries", inf, Policy{MaxRetries: math.MaxInt32}},
		{"maxElapsed", 60000.0, Policy{MaxElapsed: time.Minute}},
		{"maxElapsed", inf, Policy{MaxElapsed: maxDuration}},
		{"nonIdempotent", "never", Policy{NonIdempotent: ResendNever}},
		{"nonIdempotent", "always", Policy{NonIdempotent: ResendAlways}},
	} {
		var p Policy
		assert.True(t, p.Set(c.name, c.v), "%s = %v", c.name, c.v)
		assert.Equal(t, c.want, p, "%s = %v", c.name, c.v)
	}
	var p Policy
	assert.False(t, p.Set("initalDelay", 5.0), "unknown name")
	assert.False(t, p.Set("initialDelay", "5"), "a string for a number")
	assert.False(t, p.Set("jitter", math.NaN()))
	assert.False(t, p.Set("initialDelay", -5.0))
	assert.False(t, p.Set("maxElapsed", 0.0), "zero would mean never reconnect: maxRetries 0 says that")
	assert.False(t, p.Set("nonIdempotent", "sometimes"))
	assert.False(t, p.Set("nonIdempotent", 1.0))
	assert.Equal(t, Policy{}, p, "refused values change nothing")
}

// TestSetZeroBehaves checks what the zeros do once normalized: no delay
// at all, no jitter, no reconnect.
func TestSetZeroBehaves(t *testing.T) {
	var p Policy
	p.Set("initialDelay", 0.0)
	p.Set("jitter", 0.0)
	s, _ := newState(p, 0.9)
	for range 3 {
		d := s.Next(get)
		assert.True(t, d.Retry)
		assert.Zero(t, d.Delay)
	}
	p = Policy{}
	p.Set("maxRetries", 0.0)
	s, _ = newState(p, 0)
	d := s.Next(get)
	assert.False(t, d.Retry)
	assert.Equal(t, ReasonMaxRetries, d.Reason)

	p = Policy{}
	p.Set("healthyAfter", 0.0)
	p.Set("jitter", 0.0)
	s, _ = newState(p, 0)
	for range 3 {
		d = s.Next(Failure{Kind: KindNetwork, Uptime: 1}) // opened, however briefly: healthy
		assert.Equal(t, 1, d.Attempt)
		assert.Equal(t, time.Second, d.Delay)
	}
	d = s.Next(Failure{Kind: KindNetwork}) // never opened: not healthy
	assert.Equal(t, 2, d.Attempt)
}
