//go:build js && wasm

package client_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// closeAndCheck closes s and checks that it settles within a second with
// OnDone(nil) exactly once and that no event is dispatched afterwards.
func closeAndCheck(t *testing.T, s *client.Stream, r *recorder) {
	t.Helper()
	r.closed.Store(true)
	start := time.Now()
	s.Close()
	err := wait(t, s, time.Second)
	assert.Less(t, time.Since(start), time.Second, "Close settles promptly")
	assert.NoError(t, err, "a close is not an error")
	n := r.nEvents()
	time.Sleep(150 * time.Millisecond)
	_, _, _, dones := r.snapshot()
	assert.Equal(t, []error{nil}, dones, "OnDone(nil) exactly once")
	r.mu.Lock()
	assert.Zero(t, r.late, "no event after Close")
	r.mu.Unlock()
	assert.Equal(t, n, r.nEvents())
	s.Close() // idempotent
	assert.NoError(t, s.Wait())
}

func TestAbortBeforeResponse(t *testing.T) {
	key := newKey(t)
	s, r := open(t, client.Request{URL: route(t, "/sse", key, "stallHeaders=5000")}, client.Handler{})
	waitStats(t, key, "requests", 1, 3*time.Second)
	closeAndCheck(t, s, r)
	assert.Zero(t, r.nOpens())
	st := waitStats(t, key, "disconnected", 1, disconnectWait)
	assert.EqualValues(t, 0, st.Active)
	assert.Empty(t, r.errs, "OnError is not called for a close")
}

func TestAbortMidRead(t *testing.T) {
	key := newKey(t)
	s, r := open(t, client.Request{URL: route(t, "/sse", key, "events=1000&delay=30")}, client.Handler{})
	waitFor(t, 5*time.Second, func() bool { return r.nEvents() >= 2 })
	closeAndCheck(t, s, r)
	assert.Less(t, r.nEvents(), 20)
	st := waitStats(t, key, "disconnected", 1, disconnectWait)
	assert.EqualValues(t, 1, st.Requests)
	assert.EqualValues(t, 0, st.Active)
	assert.Empty(t, r.errs)
	assert.Zero(t, r.closes, "OnClose is for a server's clean end only")
}

func TestAbortDuringBackoff(t *testing.T) {
	key := newKey(t)
	s, r := open(t, client.Request{URL: route(t, "/sse", key, "status=503"), Retry: retry.Policy{InitialDelay: 10 * time.Second}}, client.Handler{})
	waitFor(t, 5*time.Second, func() bool { return r.nRetries() >= 1 })
	closeAndCheck(t, s, r)
	time.Sleep(100 * time.Millisecond)
	st := getStats(t, key, "")
	assert.EqualValues(t, 1, st.Requests, "no reconnect after Close")
	assert.EqualValues(t, 0, st.Active)
}

func TestAbortDuringBodyExcerpt(t *testing.T) {
	// An error response whose body never ends: reading its excerpt must
	// not hold up Close.
	key := newKey(t)
	s, r := open(t, client.Request{URL: route(t, "/sse", key, "status=201&events=1&end=hang"), Retry: fastRetry()}, client.Handler{})
	waitStats(t, key, "requests", 1, 3*time.Second)
	time.Sleep(50 * time.Millisecond)
	closeAndCheck(t, s, r)
	waitStats(t, key, "disconnected", 1, disconnectWait)
}

func TestAbortImmediately(t *testing.T) {
	key := newKey(t)
	s, r := open(t, client.Request{URL: route(t, "/sse", key, "events=5")}, client.Handler{})
	closeAndCheck(t, s, r)
	assert.Zero(t, r.nEvents())
}

func TestAbortByContext(t *testing.T) {
	key := newKey(t)
	ctx, cancel := context.WithCancel(context.Background())
	r := &recorder{}
	s := client.Open(ctx, client.Request{URL: route(t, "/sse", key, "events=1000&delay=30")}, r.handler(client.Handler{}))
	waitFor(t, 5*time.Second, func() bool { return r.nEvents() >= 1 })
	r.closed.Store(true)
	cancel()
	require.NoError(t, wait(t, s, time.Second))
	time.Sleep(100 * time.Millisecond)
	_, _, _, dones := r.snapshot()
	assert.Equal(t, []error{nil}, dones)
	assert.Zero(t, r.late)
	waitStats(t, key, "disconnected", 1, disconnectWait)
}

func TestConnectReturnsTheContextError(t *testing.T) {
	key := newKey(t)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	n := 0
	done := make(chan error, 1)
	go func() {
		done <- client.Connect(ctx, client.Request{URL: route(t, "/sse", key, "events=1000&delay=20")}, client.Handler{
			OnEvent: func(sse.Event) { n++ },
		})
	}()
	select {
	case err := <-done:
		assert.ErrorIs(t, err, context.DeadlineExceeded, "Connect returns ctx.Err()")
	case <-time.After(3 * time.Second):
		t.Fatal("Connect did not return after its context ended")
	}
	assert.Greater(t, n, 2)
}

func TestCloseFromCallback(t *testing.T) {
	key := newKey(t)
	var s *client.Stream
	r := &recorder{}
	r.onEvent = func(e sse.Event) {
		if e.Data == "msg 3" {
			r.closed.Store(true)
			s.Close()
		}
	}
	s = client.Open(context.Background(), client.Request{URL: route(t, "/sse", key, "events=100")}, r.handler(client.Handler{}))
	require.NoError(t, wait(t, s, 3*time.Second))
	assert.Equal(t, seq("msg ", 1, 3), r.data(), "the rest of the chunk is not dispatched")
	assert.Zero(t, r.late)
	assert.Equal(t, []error{nil}, r.dones)
}
