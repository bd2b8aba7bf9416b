//go:build js && wasm

package client_test

import (
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
)

func TestRetryServerRetryFieldIsTheBaseDelay(t *testing.T) {
	key := newKey(t)
	// Without the server's value the client would wait 5s.
	s, r := open(t, client.Request{
		URL:            route(t, "/sse", key, "retry=300&events=1"),
		ReconnectOnEnd: true,
		Retry:          retry.Policy{InitialDelay: 5 * time.Second, Jitter: -1},
	}, client.Handler{})
	waitFor(t, 5*time.Second, func() bool { return r.nOpens() >= 2 }, "reconnected")
	s.Close()
	require.NoError(t, wait(t, s, time.Second))
	_, errs, retries, _ := r.snapshot()
	require.NotEmpty(t, retries)
	assert.Equal(t, 300*time.Millisecond, retries[0].Delay, "retry: 300 is the delay (no jitter)")
	assert.ErrorIs(t, errs[0], client.ErrEndOfStream)
	r.mu.Lock()
	gap := r.openAt[1].Sub(r.errTimes[0])
	r.mu.Unlock()
	assert.GreaterOrEqual(t, gap, 290*time.Millisecond)
	assert.Less(t, gap, 1500*time.Millisecond)
}

func TestRetryMaxRetries(t *testing.T) {
	key := newKey(t)
	p := fastRetry()
	p.MaxRetries = 2
	r, err := run(t, client.Request{URL: route(t, "/sse", key, "status=503"), Retry: p}, client.Handler{}, 5*time.Second)
	var re *client.RetriesExhaustedError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 2, re.Attempts)
	assert.Equal(t, retry.ReasonMaxRetries.String(), re.Reason)
	assert.Greater(t, re.Elapsed, 30*time.Millisecond, "two 20ms waits")
	var he *client.HTTPError
	require.ErrorAs(t, err, &he, "the last failure is wrapped")
	assert.Equal(t, 503, he.Status)
	assert.Contains(t, err.Error(), "503")
	require.Len(t, r.retries, 2)
	assert.Equal(t, []int{1, 2}, []int{r.retries[0].Attempt, r.retries[1].Attempt})
	assert.Len(t, r.errs, 3)
	assert.EqualValues(t, 3, getStats(t, key, "").Requests)
}

func TestRetryNeverWithNegativeMaxRetries(t *testing.T) {
	key := newKey(t)
	_, err := run(t, client.Request{URL: route(t, "/sse", key, "status=503"), Retry: retry.Policy{MaxRetries: -1}}, client.Handler{}, 5*time.Second)
	var re *client.RetriesExhaustedError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 0, re.Attempts)
	assert.EqualValues(t, 1, getStats(t, key, "").Requests)
}

func TestRetryCleanEndStopsWithoutReconnectOnEnd(t *testing.T) {
	key := newKey(t)
	r, err := run(t, client.Request{URL: route(t, "/sse", key, "events=2"), Retry: fastRetry()}, client.Handler{}, 5*time.Second)
	require.NoError(t, err)
	assert.Equal(t, seq("msg ", 1, 2), r.data())
	assert.Equal(t, 1, r.closes, "OnClose called")
	assert.Empty(t, r.errs)
	assert.Equal(t, []error{nil}, r.dones)
	time.Sleep(100 * time.Millisecond)
	assert.EqualValues(t, 1, getStats(t, key, "").Requests)
}

func TestRetryCleanEndReconnectsWithReconnectOnEnd(t *testing.T) {
	key := newKey(t)
	s, r := open(t, client.Request{URL: route(t, "/sse", key, "events=2"), Retry: fastRetry(), ReconnectOnEnd: true}, client.Handler{})
	waitFor(t, 5*time.Second, func() bool { return r.nEvents() >= 6 }, "three connections")
	s.Close()
	require.NoError(t, wait(t, s, time.Second))
	_, errs, _, dones := r.snapshot()
	assert.GreaterOrEqual(t, len(errs), 2)
	for _, e := range errs {
		assert.ErrorIs(t, e, client.ErrEndOfStream)
	}
	assert.Equal(t, []error{nil}, dones)
	assert.GreaterOrEqual(t, getStats(t, key, "").Requests, int64(3))
}

func TestRetryOnCloseErrorFailsTheAttempt(t *testing.T) {
	key := newKey(t)
	closes := 0
	r, err := run(t, client.Request{URL: route(t, "/sse", key, "events=1"), Retry: fastRetry()}, client.Handler{
		OnClose: func() error {
			closes++
			if closes == 1 {
				return errors.New("not done yet")
			}
			return nil
		},
	}, 5*time.Second)
	require.NoError(t, err)
	assert.Equal(t, 2, closes)
	require.Len(t, r.errs, 1)
	var oe *client.OpenError
	assert.ErrorAs(t, r.errs[0], &oe)
	assert.Equal(t, []string{"msg 1", "msg 1"}, r.data())
}

func TestRetryPOSTNotResentAfterDispatchWithoutID(t *testing.T) {
	key := newKey(t)
	r, err := run(t, client.Request{
		URL: route(t, "/sse", key, "events=5&dropAfter=2&delay=30"), Method: "POST", JSBody: jsEval(`"prompt"`), Retry: fastRetry(),
	}, client.Handler{}, 5*time.Second)
	var je *jsbridge.Error
	require.ErrorAs(t, err, &je, "the cut connection is final for a POST that dispatched without an id")
	assert.NotEmpty(t, r.events)
	assert.LessOrEqual(t, r.nEvents(), 2)
	assert.Empty(t, r.retries)
	require.Len(t, r.errs, 1)
	time.Sleep(100 * time.Millisecond)
	st := getStats(t, key, "")
	assert.EqualValues(t, 1, st.Requests)
	assert.Equal(t, "POST", st.LastMethod)
}

func TestRetryPOSTCleanEndNotResent(t *testing.T) {
	key := newKey(t)
	r, err := run(t, client.Request{
		URL: route(t, "/sse", key, "events=2"), Method: "POST", Retry: fastRetry(), ReconnectOnEnd: true,
	}, client.Handler{}, 5*time.Second)
	assert.ErrorIs(t, err, client.ErrEndOfStream, "a finished POST response is not re-sent")
	assert.Equal(t, seq("msg ", 1, 2), r.data())
	assert.EqualValues(t, 1, getStats(t, key, "").Requests)
}

func TestRetryPOSTResentWhenNothingDispatched(t *testing.T) {
	key := newKey(t)
	r, err := run(t, client.Request{
		URL: route(t, "/sse", key, "events=2&failTimes=2&status=502"), Method: "POST", JSBody: jsEval(`"prompt"`), Retry: fastRetry(),
	}, client.Handler{}, 5*time.Second)
	require.NoError(t, err)
	assert.Equal(t, seq("msg ", 1, 2), r.data())
	st := getStats(t, key, "")
	assert.EqualValues(t, 3, st.Requests)
	assert.Equal(t, "POST", st.LastMethod)

	// A network error before any event is re-sent too.
	key = newKey(t)
	p := fastRetry()
	p.MaxRetries = 2
	_, err = run(t, client.Request{URL: route(t, "/sse", key, "dropAfter=0"), Method: "POST", Retry: p}, client.Handler{}, 5*time.Second)
	var re *client.RetriesExhaustedError
	require.ErrorAs(t, err, &re)
	var je *jsbridge.Error
	assert.ErrorAs(t, err, &je)
	assert.EqualValues(t, 3, getStats(t, key, "").Requests)
}

func TestRetryPOSTResentWithEventID(t *testing.T) {
	key := newKey(t)
	r, err := run(t, client.Request{
		URL:    route(t, "/sse", key, "ids=1&events=6&dropAfter=3&delay=5&doneStatus=204"),
		Method: "POST", JSBody: jsEval(`"prompt"`), Retry: fastRetry(),
	}, client.Handler{}, 5*time.Second)
	// A cut connection may lose its last bytes (a TCP reset discards
	// unread data), so where each response starts varies; the stream ends
	// cleanly after event 6 or with the server's 204 for a resume past it.
	if err != nil {
		var he *client.HTTPError
		require.ErrorAs(t, err, &he)
		assert.Equal(t, 204, he.Status)
	}
	assert.Equal(t, seq("msg ", 1, 6), r.data(), "resumed exactly where it stopped")
	assert.Equal(t, seq("", 1, 6), r.ids())
	st := getStats(t, key, "")
	assert.Equal(t, "POST", st.LastMethod)
	checkResumeIDs(t, st.LastEventIDs)
}

// checkResumeIDs checks the Last-Event-ID headers of a stream's requests
// (as the server recorded them): absent until an event was received, then
// numeric and never decreasing (a response whose bytes were all lost is
// resumed from the same id), with at least one resume.
func checkResumeIDs(t *testing.T, ids []string) {
	t.Helper()
	require.GreaterOrEqual(t, len(ids), 2, "reconnected")
	prev := 0
	for i, id := range ids {
		if id == "" {
			assert.Zero(t, prev, "request %d lost the last event ID: %q", i, ids)
			continue
		}
		n, err := strconv.Atoi(id)
		require.NoError(t, err, "%q", ids)
		assert.GreaterOrEqual(t, n, prev, "ids never move back: %q", ids)
		prev = n
	}
	assert.NotZero(t, prev, "resumed with an id at least once: %q", ids)
}

func TestRetryPOSTResendNeverAndAlways(t *testing.T) {
	key := newKey(t)
	p := fastRetry()
	p.NonIdempotent = retry.ResendNever
	_, err := run(t, client.Request{URL: route(t, "/sse", key, "events=1&failTimes=1&status=503"), Method: "POST", Retry: p}, client.Handler{}, 5*time.Second)
	var he *client.HTTPError
	require.ErrorAs(t, err, &he, "ResendNever: not even a failure before any event is re-sent")
	assert.EqualValues(t, 1, getStats(t, key, "").Requests)

	key = newKey(t)
	p.NonIdempotent = retry.ResendAlways
	s, r := open(t, client.Request{URL: route(t, "/sse", key, "events=1"), Method: "POST", Retry: p, ReconnectOnEnd: true}, client.Handler{})
	waitFor(t, 5*time.Second, func() bool { return r.nEvents() >= 3 }, "ResendAlways reconnects like GET")
	s.Close()
	require.NoError(t, wait(t, s, time.Second))
}

func TestRetryOnErrorOverride(t *testing.T) {
	// A final 404 retried by OnError, then stopped with OnError's error.
	key := newKey(t)
	errStop := errors.New("enough")
	var nexts []client.Next
	r, err := run(t, client.Request{URL: route(t, "/sse", key, "status=404"), Retry: fastRetry()}, client.Handler{
		OnError: func(err error, next client.Next) (client.Next, error) {
			nexts = append(nexts, next)
			if len(nexts) <= 2 {
				return client.Next{Retry: true, Delay: 10 * time.Millisecond}, nil
			}
			return client.Next{}, errStop
		},
	}, 5*time.Second)
	assert.Same(t, errStop, err)
	assert.Equal(t, []error{errStop}, r.dones)
	require.Len(t, nexts, 3)
	assert.False(t, nexts[0].Retry, "the policy's decision for a 404")
	require.Len(t, r.retries, 2)
	assert.Equal(t, 10*time.Millisecond, r.retries[0].Delay)
	assert.Equal(t, []int{1, 2}, []int{r.retries[0].Attempt, r.retries[1].Attempt}, "reconnects OnError granted are numbered")
	assert.EqualValues(t, 3, getStats(t, key, "").Requests)

	// A retryable 503 stopped by returning Retry: false.
	key = newKey(t)
	_, err = run(t, client.Request{URL: route(t, "/sse", key, "status=503"), Retry: fastRetry()}, client.Handler{
		OnError: func(err error, next client.Next) (client.Next, error) {
			assert.True(t, next.Retry)
			assert.Equal(t, 20*time.Millisecond, next.Delay)
			return client.Next{}, nil
		},
	}, 5*time.Second)
	var he *client.HTTPError
	require.ErrorAs(t, err, &he)
	assert.EqualValues(t, 1, getStats(t, key, "").Requests)

	// A delay returned by OnError replaces the policy's 10s.
	key = newKey(t)
	start := time.Now()
	r, err = run(t, client.Request{URL: route(t, "/sse", key, "events=1&failTimes=1"), Retry: retry.Policy{InitialDelay: 10 * time.Second}}, client.Handler{
		OnError: func(err error, next client.Next) (client.Next, error) {
			return client.Next{Retry: true, Delay: 30 * time.Millisecond}, nil
		},
	}, 5*time.Second)
	require.NoError(t, err)
	assert.Equal(t, []string{"msg 1"}, r.data())
	assert.Less(t, time.Since(start), 2*time.Second)
}

func TestRetryBackoffGrows(t *testing.T) {
	key := newKey(t)
	p := retry.Policy{InitialDelay: 10 * time.Millisecond, Factor: 2, MaxDelay: 40 * time.Millisecond, Jitter: -1, MaxRetries: 5}
	r, err := run(t, client.Request{URL: route(t, "/sse", key, "status=500"), Retry: p}, client.Handler{}, 5*time.Second)
	var re *client.RetriesExhaustedError
	require.ErrorAs(t, err, &re)
	var delays []time.Duration
	for _, info := range r.retries {
		delays = append(delays, info.Delay)
	}
	ms := time.Millisecond
	assert.Equal(t, []time.Duration{10 * ms, 20 * ms, 40 * ms, 40 * ms, 40 * ms}, delays)
}
