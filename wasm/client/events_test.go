//go:build js && wasm

package client_test

import (
	"context"
	"errors"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
)

// collect ranges over Events (bounded) and returns the data and the error.
func collect(t *testing.T, ctx context.Context, req client.Request, stopAfter int) ([]string, error) {
	t.Helper()
	var got []string
	for ev, err := range client.Events(ctx, req) {
		if err != nil {
			return got, err
		}
		got = append(got, ev.Data)
		if len(got) == stopAfter || len(got) > 100_000 {
			break
		}
	}
	return got, nil
}

func TestEventsRangesOverTheStream(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	got, err := collect(t, ctx, client.Request{URL: route(t, "/sse", newKey(t), "events=5")}, 0)
	require.NoError(t, err, "a clean end is no error")
	assert.Equal(t, []string{"msg 1", "msg 2", "msg 3", "msg 4", "msg 5"}, got)
}

func TestEventsBreakAbortsTheRequest(t *testing.T) {
	// Warm up, then the baseline.
	_, err := collect(t, context.Background(), client.Request{URL: route(t, "/sse", newKey(t), "events=1")}, 0)
	require.NoError(t, err)
	funcs, goroutines := settle(jsbridge.LiveFuncs(), runtime.NumGoroutine(), time.Second)

	key := newKey(t)
	got, err := collect(t, context.Background(), client.Request{URL: route(t, "/sse", key, "events=1000&delay=5&end=hang")}, 3)
	require.NoError(t, err)
	assert.Equal(t, []string{"msg 1", "msg 2", "msg 3"}, got)
	waitStats(t, key, "disconnected", 1, disconnectWait)
	f, g := settle(funcs, goroutines, 5*time.Second)
	assert.LessOrEqual(t, f, funcs, "live js.Funcs back to the baseline")
	assert.LessOrEqual(t, g, goroutines, "goroutines back to the baseline")
}

func TestEventsYieldsTheFinalError(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	got, err := collect(t, ctx, client.Request{URL: route(t, "/sse", newKey(t), "status=404")}, 0)
	assert.Empty(t, got)
	var he *client.HTTPError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, 404, he.Status)
}

func TestEventsEndsWithTheContextError(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	got, err := collect(t, ctx, client.Request{URL: route(t, "/sse", newKey(t), "events=2&end=hang")}, 0)
	assert.Equal(t, []string{"msg 1", "msg 2"}, got)
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	ctx2, cancel2 := context.WithCancel(context.Background())
	cancel2()
	_, err = collect(t, ctx2, client.Request{URL: route(t, "/sse", newKey(t), "events=2")}, 0)
	assert.True(t, errors.Is(err, context.Canceled), "a cancelled context: %v", err)
}

func TestEventsResumesExactlyOnceAcrossCuts(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	key := newKey(t)
	got, err := collect(t, ctx, client.Request{
		URL:            route(t, "/sse", key, "events=200&ids=1&dropSeed=7&drops=10"),
		ReconnectOnEnd: false,
		Retry:          fastRetry(),
	}, 0)
	require.NoError(t, err)
	want := make([]string, 200)
	for i := range want {
		want[i] = "msg " + strconv.Itoa(i+1)
	}
	assert.Equal(t, want, got, "every event exactly once, in order")
	assert.EqualValues(t, 11, getStats(t, key, "").Requests, "ten cuts, ten resumes")
}
