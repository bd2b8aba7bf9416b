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
)

func TestPauseGETDropsAndResumesWithLastEventID(t *testing.T) {
	key := newKey(t)
	s, r := open(t, client.Request{URL: route(t, "/sse", key, "ids=1&events=1000&delay=20"), Retry: fastRetry()}, client.Handler{})
	waitFor(t, 5*time.Second, func() bool { return r.nEvents() >= 3 })
	s.Pause()
	waitStats(t, key, "disconnected", 1, disconnectWait)
	time.Sleep(50 * time.Millisecond)
	n := r.nEvents()
	time.Sleep(250 * time.Millisecond)
	assert.Equal(t, n, r.nEvents(), "nothing arrives while paused")
	assert.EqualValues(t, 1, getStats(t, key, "").Requests, "no reconnect while paused")
	assert.Empty(t, r.errs, "a pause is not a failure")

	s.Resume()
	waitFor(t, 5*time.Second, func() bool { return r.nEvents() >= n+3 })
	s.Close()
	require.NoError(t, wait(t, s, time.Second))
	ids := r.ids()
	for i, id := range ids {
		require.Equal(t, strconv.Itoa(i+1), id, "no gap, no duplicate")
	}
	st := getStats(t, key, "")
	require.Len(t, st.LastEventIDs, 2)
	assert.Equal(t, strconv.Itoa(n), st.LastEventIDs[1], "resumed from the last id")
}

func TestPausePOSTWithoutIDKeepsStreaming(t *testing.T) {
	key := newKey(t)
	s, r := open(t, client.Request{URL: route(t, "/sse", key, "events=15&delay=20"), Method: "POST", JSBody: jsEval(`"q"`), Retry: fastRetry()}, client.Handler{})
	waitFor(t, 5*time.Second, func() bool { return r.nEvents() >= 2 })
	s.Pause()
	require.NoError(t, wait(t, s, 5*time.Second))
	assert.Equal(t, seq("msg ", 1, 15), r.data(), "a POST that cannot resume is not dropped")
	st := getStats(t, key, "")
	assert.EqualValues(t, 1, st.Requests)
	assert.EqualValues(t, 0, st.Disconnected)
	assert.EqualValues(t, 1, st.Completed)
}

func TestPausePOSTWithIDIsDropped(t *testing.T) {
	key := newKey(t)
	s, r := open(t, client.Request{URL: route(t, "/sse", key, "ids=1&events=1000&delay=20"), Method: "POST", Retry: fastRetry()}, client.Handler{})
	waitFor(t, 5*time.Second, func() bool { return r.nEvents() >= 2 })
	s.Pause()
	waitStats(t, key, "disconnected", 1, disconnectWait)
	s.Resume()
	waitFor(t, 5*time.Second, func() bool { return getStats(t, key, "").Requests >= 2 })
	st := getStats(t, key, "")
	assert.Equal(t, "POST", st.LastMethod)
	assert.NotEmpty(t, st.LastEventID, "resumable because the server gave ids")
}

func TestPauseDuringBackoffAndResume(t *testing.T) {
	key := newKey(t)
	s, r := open(t, client.Request{URL: route(t, "/sse", key, "events=2&failTimes=1"),
		Retry: retry.Policy{InitialDelay: 100 * time.Millisecond, Jitter: -1}}, client.Handler{})
	waitFor(t, 5*time.Second, func() bool { return r.nRetries() >= 1 })
	s.Pause()
	time.Sleep(400 * time.Millisecond)
	assert.EqualValues(t, 1, getStats(t, key, "").Requests, "the backoff ended while paused: no reconnect")
	start := time.Now()
	s.Resume()
	waitFor(t, 3*time.Second, func() bool { return r.nEvents() >= 2 })
	assert.Less(t, time.Since(start), time.Second, "resume reconnects at once")
	require.NoError(t, wait(t, s, 3*time.Second))
}

func TestWakeCutsBackoffShort(t *testing.T) {
	key := newKey(t)
	s, r := open(t, client.Request{URL: route(t, "/sse", key, "events=2&failTimes=1"),
		Retry: retry.Policy{InitialDelay: 20 * time.Second, Jitter: -1}}, client.Handler{})
	waitFor(t, 5*time.Second, func() bool { return r.nRetries() >= 1 })
	assert.Equal(t, 20*time.Second, r.retries[0].Delay)
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	s.Wake()
	require.NoError(t, wait(t, s, 3*time.Second))
	assert.Less(t, time.Since(start), time.Second)
	assert.Equal(t, seq("msg ", 1, 2), r.data())
}

func TestWakeBeforeBackoffIsIgnored(t *testing.T) {
	key := newKey(t)
	s, r := open(t, client.Request{URL: route(t, "/sse", key, "events=1&delay=100&failTimes=1"),
		Retry: retry.Policy{InitialDelay: 400 * time.Millisecond, Jitter: -1}}, client.Handler{})
	s.Wake() // nothing to cut short yet
	waitFor(t, 3*time.Second, func() bool { return r.nErrs() >= 1 })
	start := time.Now()
	require.NoError(t, wait(t, s, 3*time.Second))
	assert.GreaterOrEqual(t, time.Since(start), 300*time.Millisecond, "a stale Wake does not skip the next backoff")
}
