//go:build js && wasm

package client_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// Progress resets the backoff: an attempt that delivered new events (or
// moved the last event ID on) starts a new run, so a stream cut again and
// again while it keeps delivering reconnects at the base delay and never
// runs out of retries, while a server that delivers nothing still backs off
// exponentially and is given up on.

func TestReliabilityProgressManyCutsAtTheBaseDelay(t *testing.T) {
	nEvents, cuts := scaled(3000, 10000), scaled(60, 200)
	// 60 reconnects at the server's retry: 50 (plus up to 50% jitter and
	// a 20 ms pause before each cut, dropPause) take about 6 s; without the
	// progress rule the delays double up to 30 s. dropSpread=1 spreads the
	// seeded cuts over the whole stream.
	bound := time.Duration(cuts) * 10 * time.Second / 60
	for _, c := range []struct {
		name, method string
		policy       retry.Policy
	}{
		{"GET", "GET", retry.Policy{}},
		{"POST", "POST", retry.Policy{}},
		{"POST with maxRetries 3", "POST", retry.Policy{MaxRetries: 3}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			seed := seedFor(t, 4242)
			key := newKey(t)
			start := time.Now()
			r, err := run(t, client.Request{
				URL: route(t, "/sse", key, "ids=1&retry=50&dropPause=20&events="+strconv.Itoa(nEvents)+
					"&dropSpread=1&dropSeed="+strconv.FormatUint(seed, 10)+"&drops="+strconv.Itoa(cuts)),
				Method: c.method,
				Retry:  c.policy,
			}, client.Handler{}, 3*bound)
			took := time.Since(start)
			require.NoError(t, err)
			events, _, retries, _ := r.snapshot()
			want := make([]sse.Event, nEvents)
			for i := range want {
				want[i] = sse.Event{Type: "message", Data: "msg " + strconv.Itoa(i+1), ID: strconv.Itoa(i + 1), Retry: sse.NoRetry}
			}
			requireSameEvents(t, want, events, "every event exactly once, in order")
			st := getStats(t, key, "")
			assert.EqualValues(t, cuts+1, st.Requests, "one request per cut, and the last one")
			assert.EqualValues(t, cuts, st.Dropped)
			firsts := 0
			for _, info := range retries {
				if info.Attempt == 1 {
					firsts++
				}
			}
			t.Logf("%s: %d events, %d cuts, %d requests in %v (%d of %d reconnects as attempt 1); seed %d",
				c.name, len(events), cuts, st.Requests, took.Round(time.Millisecond), firsts, len(retries), seed)
			assert.Less(t, took, bound, "reconnects at the base delay")
			assert.Greater(t, firsts, len(retries)*9/10, "nearly every reconnect follows an attempt that made progress")
		})
	}
}

func TestReliabilityProgressSilentServerBacksOff(t *testing.T) {
	for _, c := range []struct {
		name, query string
		done        bool
	}{
		{"accepts and closes at once (a done marker is expected)", "events=0", true},
		{"accepts and cuts the connection", "dropAfter=0&dropPause=0", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			key := newKey(t)
			req := client.Request{
				URL:   route(t, "/sse", key, c.query),
				Retry: retry.Policy{InitialDelay: 40 * time.Millisecond, Factor: 2, Jitter: -1, MaxRetries: 4},
			}
			if c.done {
				req.Done = dataIs("[DONE]")
			}
			r, err := run(t, req, client.Handler{}, 10*time.Second)
			var re *client.RetriesExhaustedError
			require.ErrorAs(t, err, &re, "gives up at maxRetries")
			assert.Equal(t, 4, re.Attempts)
			assert.Equal(t, retry.ReasonMaxRetries.String(), re.Reason)
			if c.done {
				assert.ErrorIs(t, err, client.ErrIncomplete)
			}
			_, _, retries, _ := r.snapshot()
			var delays []time.Duration
			var attempts []int
			for _, info := range retries {
				delays = append(delays, info.Delay)
				attempts = append(attempts, info.Attempt)
			}
			ms := time.Millisecond
			assert.Equal(t, []time.Duration{40 * ms, 80 * ms, 160 * ms, 320 * ms}, delays, "exponential backoff: nothing was delivered")
			assert.Equal(t, []int{1, 2, 3, 4}, attempts)
			assert.EqualValues(t, 5, getStats(t, key, "").Requests)
		})
	}
}

func TestReliabilityProgressOneEventThenFailureReconnectsAtTheBaseDelay(t *testing.T) {
	key := newKey(t)
	const base, window = 100 * time.Millisecond, 2 * time.Second
	// Every response delivers the next event and is then cut: each attempt
	// made progress, so each reconnect is attempt 1 after the base delay,
	// never sooner (no hammering) and never longer (no growing backoff).
	s, r := open(t, client.Request{
		URL:   route(t, "/sse", key, "ids=1&events=1000000&dropAfter=1"),
		Retry: retry.Policy{InitialDelay: base, Jitter: -1},
	}, client.Handler{})
	time.Sleep(window)
	s.Close()
	require.NoError(t, wait(t, s, time.Second))
	st := getStats(t, key, "")
	_, _, retries, _ := r.snapshot()
	t.Logf("%d requests and %d events in %v", st.Requests, r.nEvents(), window)
	// Each cycle is the 100 ms delay plus the server's 50 ms pause before
	// its cut: about 13 requests. A doubling backoff (100, 200, 400, 800 ms)
	// would make about 5.
	assert.LessOrEqual(t, st.Requests, int64(window/base)+1, "never sooner than the base delay")
	assert.GreaterOrEqual(t, st.Requests, int64(9), "the delay does not grow")
	for _, info := range retries {
		assert.Equal(t, 1, info.Attempt)
		assert.Equal(t, base, info.Delay)
	}
	assert.GreaterOrEqual(t, r.nEvents(), int(st.Requests)-1, "one new event per request")
}
