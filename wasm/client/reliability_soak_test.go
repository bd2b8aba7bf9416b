//go:build js && wasm

package client_test

import (
	"context"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

func TestReliabilitySoak(t *testing.T) {
	seconds := scaled(10, 30)
	key := newKey(t)
	// Warm up (the runtime's finalizer goroutine starts with the first
	// js.Value finalized), then the baseline.
	_, err := run(t, client.Request{URL: route(t, "/sse", key, "events=100")}, client.Handler{}, 5*time.Second)
	require.NoError(t, err)
	base := settleMem(sampleMem(), time.Second)
	var events, bytes atomic.Int64
	var bad atomic.Int64
	s := client.Open(context.Background(), client.Request{URL: route(t, "/sse", key, "events=10000000&size=4096&ids=1")}, client.Handler{
		OnEvent: func(e sse.Event) {
			n := events.Add(1)
			if e.ID != strconv.FormatInt(n, 10) || len(e.Data) != 4096 {
				bad.Add(1)
			}
			bytes.Add(int64(len(e.Data)))
		},
	})
	t.Cleanup(func() { s.Close(); <-s.Done() })

	// One sample per second, without forcing a collection (that would hide
	// a heap that grows between the collector's own cycles); the first two
	// are the warm-up.
	var samples []memSample
	var counts []int64
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for i := 0; i < seconds; i++ {
		select {
		case <-tick.C:
		case <-s.Done():
			t.Fatalf("the stream ended after %d s: %v", i, s.Wait())
		}
		samples = append(samples, readMem())
		counts = append(counts, events.Load())
	}
	s.Close()
	require.NoError(t, wait(t, s, 3*time.Second))
	end := settleMem(base, 5*time.Second)
	assert.Equal(t, base.Funcs, end.Funcs, "live js.Funcs back to the baseline after Close")
	assert.LessOrEqual(t, end.Goroutines, base.Goroutines, "goroutines back to the baseline after Close")
	waitStats(t, key, "disconnected", 1, disconnectWait)

	// The samples do not force a collection. HeapAlloc swings with the GC
	// cycle (garbage included), so growth is judged on the heap the last
	// collection marked live, and on the linear memory: compare the peaks
	// of the first and second half (after a one-second warm-up).
	half := 1 + (len(samples)-1)/2
	var early, late memSample
	for i, m := range samples {
		rate := counts[i]
		if i > 0 {
			rate -= counts[i-1]
		}
		t.Logf("t=%2ds events=%8d (+%6d/s) %v", i+1, counts[i], rate, m)
		peak := &late
		if i < half {
			peak = &early
		}
		if i >= 1 {
			peak.Live, peak.Sys = max(peak.Live, m.Live), max(peak.Sys, m.Sys)
		}
	}
	total := events.Load()
	t.Logf("%d events (%d MB of data) in %d s; peaks first/second half: live heap %s/%s, sys %s/%s",
		total, bytes.Load()>>20, seconds, kib(early.Live), kib(late.Live), kib(early.Sys), kib(late.Sys))
	assert.Zero(t, bad.Load(), "every event in order with its data")
	assert.Greater(t, total, int64(seconds)*5000, "a full-rate stream")
	assert.LessOrEqual(t, late.Live, early.Live+(2<<20), "Go live heap flat: no growth from the first half to the second")
	assert.LessOrEqual(t, late.Sys, early.Sys+(2<<20), "wasm linear memory flat: no growth from the first half to the second")
}
