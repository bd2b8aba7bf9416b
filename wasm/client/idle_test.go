//go:build js && wasm

package client_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/client"
)

func TestIdleTimeoutMidStream(t *testing.T) {
	key := newKey(t)
	// Every response stalls for 3s after 2 events; the client gives up
	// after 300ms of silence and resumes from the last id.
	r, err := run(t, client.Request{
		URL:         route(t, "/sse", key, "ids=1&events=5&stallAfter=2&stall=3000"),
		IdleTimeout: 300 * time.Millisecond, Retry: fastRetry(),
	}, client.Handler{}, 5*time.Second)
	require.NoError(t, err)
	assert.Equal(t, seq("msg ", 1, 5), r.data())
	require.Len(t, r.errs, 2)
	for _, e := range r.errs {
		var ie *client.IdleTimeoutError
		require.ErrorAs(t, e, &ie)
		assert.Equal(t, 300*time.Millisecond, ie.Timeout)
		assert.Contains(t, ie.Error(), "300ms")
	}
	st := waitStats(t, key, "disconnected", 2, disconnectWait)
	assert.EqualValues(t, 3, st.Requests)
	assert.Equal(t, []string{"", "2", "4"}, st.LastEventIDs)
}

func TestIdleTimeoutWaitingForHeaders(t *testing.T) {
	key := newKey(t)
	// The first request (only) has its headers held back for 3s.
	fetchFn := jsFn(nil, `let n = 0; return (url, init) => fetch(n++ === 0 ? url + "&stallHeaders=3000" : url, init);`).Invoke()
	start := time.Now()
	r, err := run(t, client.Request{
		URL: route(t, "/sse", key, "events=2"), Fetch: fetchFn,
		IdleTimeout: 300 * time.Millisecond, Retry: fastRetry(),
	}, client.Handler{}, 5*time.Second)
	require.NoError(t, err)
	assert.Equal(t, seq("msg ", 1, 2), r.data())
	require.Len(t, r.errs, 1)
	var ie *client.IdleTimeoutError
	require.ErrorAs(t, r.errs[0], &ie)
	took := r.errTimes[0].Sub(start)
	assert.GreaterOrEqual(t, took, 290*time.Millisecond)
	assert.Less(t, took, 1500*time.Millisecond)
	waitStats(t, key, "disconnected", 1, disconnectWait)
}

func TestIdleTimeoutResetByData(t *testing.T) {
	key := newKey(t)
	r, err := run(t, client.Request{
		URL:         route(t, "/sse", key, "events=6&delay=100"),
		IdleTimeout: 400 * time.Millisecond, Retry: fastRetry(),
	}, client.Handler{}, 5*time.Second)
	require.NoError(t, err)
	assert.Equal(t, seq("msg ", 1, 6), r.data(), "600ms in total, never 400ms of silence")
	assert.Empty(t, r.errs)
}

func TestIdleTimeoutExhaustsRetries(t *testing.T) {
	key := newKey(t)
	p := fastRetry()
	p.MaxRetries = 1
	r, err := run(t, client.Request{
		URL:         route(t, "/sse", key, "stall=3000&events=1"),
		IdleTimeout: 150 * time.Millisecond, Retry: p,
	}, client.Handler{}, 5*time.Second)
	var re *client.RetriesExhaustedError
	require.ErrorAs(t, err, &re)
	var ie *client.IdleTimeoutError
	assert.ErrorAs(t, err, &ie)
	assert.Len(t, r.errs, 2)
	waitStats(t, key, "disconnected", 2, disconnectWait)
}
