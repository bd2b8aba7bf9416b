package retry

import "time"

// fakeClock is a manually advanced clock for deterministic tests.
type fakeClock struct{ t time.Time }

func newClock() *fakeClock {
	return &fakeClock{t: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
}

// Now returns the clock in nanoseconds since the Unix epoch, as New takes it.
func (c *fakeClock) Now() int64              { return c.t.UnixNano() }
func (c *fakeClock) Advance(d time.Duration) { c.t = c.t.Add(d) }

// constRand returns a rand function that always yields v.
func constRand(v float64) func() float64 { return func() float64 { return v } }

// newState returns a State on a fake clock with a constant random value.
func newState(p Policy, r float64) (*State, *fakeClock) {
	c := newClock()
	return New(p, c.Now, constRand(r)), c
}

// get is a retryable network failure of a GET request.
var get = Failure{Kind: KindNetwork, Method: "GET"}
