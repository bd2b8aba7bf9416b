package retry

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNormalizeDefaults(t *testing.T) {
	p := Policy{}.Normalize()
	assert.Equal(t, Policy{
		InitialDelay:  time.Second,
		MaxDelay:      30 * time.Second,
		Factor:        2,
		Jitter:        0.5,
		MaxRetries:    0,
		MaxElapsed:    0,
		HealthyAfter:  5 * time.Second,
		MaxRetryAfter: 10 * time.Minute,
		NonIdempotent: ResendResumable,
	}, p)
}

func TestNormalizeClamps(t *testing.T) {
	tests := []struct {
		name string
		in   Policy
		want func(t *testing.T, p Policy)
	}{
		{"negative delays are none", Policy{InitialDelay: -5, MaxDelay: -1, HealthyAfter: -time.Second, MaxRetryAfter: -1}, func(t *testing.T, p Policy) {
			assert.Equal(t, time.Duration(None), p.InitialDelay)
			assert.Equal(t, time.Duration(None), p.MaxDelay)
			assert.Equal(t, time.Duration(None), p.HealthyAfter)
			assert.Zero(t, p.initialDelay())
			assert.Zero(t, p.maxDelay())
			assert.Zero(t, p.healthyAfter())
			assert.Equal(t, DefaultMaxRetryAfter, p.MaxRetryAfter, "a Retry-After cap of zero would refuse every Retry-After")
		}},
		{"no initial delay keeps the default cap", Policy{InitialDelay: None}, func(t *testing.T, p Policy) {
			assert.Equal(t, DefaultMaxDelay, p.MaxDelay)
		}},
		{"a zero cap is raised to the initial delay", Policy{InitialDelay: time.Second, MaxDelay: None}, func(t *testing.T, p Policy) {
			assert.Equal(t, time.Second, p.MaxDelay)
		}},
		{"max delay raised to initial", Policy{InitialDelay: time.Minute, MaxDelay: time.Second}, func(t *testing.T, p Policy) {
			assert.Equal(t, time.Minute, p.MaxDelay)
		}},
		{"max delay default below initial", Policy{InitialDelay: time.Minute}, func(t *testing.T, p Policy) {
			assert.Equal(t, time.Minute, p.MaxDelay)
		}},
		{"factor below one", Policy{Factor: 0.5}, func(t *testing.T, p Policy) { assert.Equal(t, 1.0, p.Factor) }},
		{"factor negative", Policy{Factor: -3}, func(t *testing.T, p Policy) { assert.Equal(t, 2.0, p.Factor) }},
		{"factor NaN", Policy{Factor: math.NaN()}, func(t *testing.T, p Policy) { assert.Equal(t, 2.0, p.Factor) }},
		{"factor Inf", Policy{Factor: math.Inf(1)}, func(t *testing.T, p Policy) { assert.Equal(t, 2.0, p.Factor) }},
		{"factor kept", Policy{Factor: 1.5}, func(t *testing.T, p Policy) { assert.Equal(t, 1.5, p.Factor) }},
		{"jitter negative is none", Policy{Jitter: -0.2}, func(t *testing.T, p Policy) {
			assert.Equal(t, -1.0, p.Jitter)
			assert.Equal(t, 0.0, p.jitter())
		}},
		{"jitter above one", Policy{Jitter: 3}, func(t *testing.T, p Policy) { assert.Equal(t, 1.0, p.Jitter) }},
		{"jitter NaN", Policy{Jitter: math.NaN()}, func(t *testing.T, p Policy) { assert.Equal(t, 0.5, p.Jitter) }},
		{"jitter kept", Policy{Jitter: 0.25}, func(t *testing.T, p Policy) { assert.Equal(t, 0.25, p.jitter()) }},
		{"max retries negative", Policy{MaxRetries: -7}, func(t *testing.T, p Policy) { assert.Equal(t, -1, p.MaxRetries) }},
		{"max elapsed negative is unlimited", Policy{MaxElapsed: -time.Second}, func(t *testing.T, p Policy) {
			assert.Equal(t, time.Duration(0), p.MaxElapsed)
		}},
		{"invalid resend mode", Policy{NonIdempotent: 42}, func(t *testing.T, p Policy) {
			assert.Equal(t, ResendResumable, p.NonIdempotent)
		}},
		{"resend mode kept", Policy{NonIdempotent: ResendNever}, func(t *testing.T, p Policy) {
			assert.Equal(t, ResendNever, p.NonIdempotent)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.in.Normalize()
			tt.want(t, p)
			assert.Equal(t, p, p.Normalize(), "Normalize must be idempotent")
		})
	}
}

func TestResendMode(t *testing.T) {
	for _, m := range []ResendMode{ResendResumable, ResendNever, ResendAlways} {
		got, ok := ParseResendMode(m.String())
		require.True(t, ok, m.String())
		assert.Equal(t, m, got)
	}
	assert.Equal(t, "resumable", ResendResumable.String())
	assert.Equal(t, "never", ResendNever.String())
	assert.Equal(t, "always", ResendAlways.String())
	assert.Equal(t, "", ResendMode(-1).String())
	assert.Equal(t, "", ResendMode(3).String())

	m, ok := ParseResendMode("")
	assert.True(t, ok)
	assert.Equal(t, ResendResumable, m)
	for _, bad := range []string{"Always", "sometimes", " never"} {
		_, ok := ParseResendMode(bad)
		assert.False(t, ok, bad)
	}
}
