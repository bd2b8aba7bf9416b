//go:build js && wasm

package client_test

import (
	"context"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// leakKinds is the number of cycle kinds runCycle knows.
const leakKinds = 7

// runCycle opens one stream and ends it at a moment chosen by kind; it
// returns a description of what went wrong, or "".
func runCycle(base string, i int, headers js.Value) string {
	kind := i % leakKinds
	var dones atomic.Int32
	event := make(chan struct{}, 1)
	retried := make(chan struct{}, 1)
	h := client.Handler{
		OnEvent: func(sse.Event) {
			select {
			case event <- struct{}{}:
			default:
			}
		},
		OnRetry: func(client.RetryInfo) {
			select {
			case retried <- struct{}{}:
			default:
			}
		},
		OnDone: func(error) { dones.Add(1) },
	}
	req := client.Request{Retry: retry.Policy{InitialDelay: 10 * time.Second}}
	switch kind {
	case 0: // closed at once, before or during fetch
		req.URL = base + "/sse?key=leak" + strconv.Itoa(kind) + "&events=5"
	case 1: // closed before the response headers
		req.URL = base + "/sse?key=leak" + strconv.Itoa(kind) + "&stallHeaders=3000"
	case 2, 5, 6: // closed mid-read (5: while paused; 6: through a Sink). The
		// events are large so that Chromium, which may drain an aborted
		// response up to 16 KiB, closes the connection soon (disconnectWait).
		req.URL = base + "/sse?key=leak" + strconv.Itoa(kind) + "&ids=1&events=100000&size=1000&delay=2"
		if kind == 6 {
			h.Sink = &countSink{event: event}
		}
	case 3: // closed during the backoff
		req.URL = base + "/sse?key=leak" + strconv.Itoa(kind) + "&status=503"
	case 4: // ends by itself, with a headers function and an idle timer
		req.URL = base + "/sse?key=leak" + strconv.Itoa(kind) + "&events=2"
		req.Headers = headers
		req.IdleTimeout = 5 * time.Second
	}
	s := client.Open(context.Background(), req, h)
	timeout := time.After(5 * time.Second)
	switch kind {
	case 1:
		time.Sleep(time.Duration(i%4) * time.Millisecond)
	case 2, 5, 6:
		select {
		case <-event:
		case <-timeout:
			s.Close()
			return "no event"
		}
		if kind == 5 {
			s.Pause()
			time.Sleep(time.Millisecond)
		}
	case 3:
		select {
		case <-retried:
		case <-timeout:
			s.Close()
			return "no retry"
		}
	}
	if kind != 4 {
		s.Close()
	}
	select {
	case <-s.Done():
	case <-time.After(2 * time.Second):
		return "not done 2s after Close"
	}
	if err := s.Wait(); err != nil {
		return "error: " + err.Error()
	}
	time.Sleep(time.Millisecond) // OnDone runs before Done is closed; let a second call show
	if n := dones.Load(); n != 1 {
		return "OnDone called " + strconv.Itoa(int(n)) + " times"
	}
	return ""
}

// countSink signals each batch.
type countSink struct{ event chan struct{} }

func (countSink) Begin()                {}
func (countSink) OnEvent(*sse.RawEvent) {}
func (k *countSink) Flush([]byte, bool) {
	select {
	case k.event <- struct{}{}:
	default:
	}
}

// settle waits (at most timeout) until LiveFuncs and NumGoroutine are at
// most the given values.
func settle(funcs, goroutines int, timeout time.Duration) (int, int) {
	deadline := time.Now().Add(timeout)
	for {
		f, g := jsbridge.LiveFuncs(), runtime.NumGoroutine()
		if (f <= funcs && g <= goroutines) || time.Now().After(deadline) {
			return f, g
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestLeakOpenCloseCycles(t *testing.T) {
	const cycles, workers = 1000, 4
	base := baseURL(t)
	headers := jsFn(nil, `let n = 0; return async () => ({"X-Cycle": String(++n)});`).Invoke()

	// Warm up (lazily created values, the HTTP connection pool), then take
	// the baseline once everything has settled.
	for i := 0; i < 2*leakKinds; i++ {
		require.Empty(t, runCycle(base, i, headers), "warm-up cycle %d", i)
	}
	time.Sleep(200 * time.Millisecond)
	funcs0, g0 := jsbridge.LiveFuncs(), runtime.NumGoroutine()
	t.Logf("baseline: %d live funcs, %d goroutines", funcs0, g0)

	start := time.Now()
	var next atomic.Int64
	var mu sync.Mutex
	failures := map[string]int{}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= cycles {
					return
				}
				if msg := runCycle(base, i, headers); msg != "" {
					mu.Lock()
					failures["kind "+strconv.Itoa(i%leakKinds)+": "+msg]++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	t.Logf("%d cycles in %v", cycles, time.Since(start))
	assert.Empty(t, failures)

	settleStart := time.Now()
	funcs, g := settle(funcs0, g0, 5*time.Second)
	t.Logf("settled in %v: %d live funcs, %d goroutines", time.Since(settleStart), funcs, g)
	assert.Equal(t, funcs0, funcs, "live js.Funcs back to the baseline")
	assert.LessOrEqual(t, g, g0, "goroutines back to the baseline")
	statsStart := time.Now()
	var requests, disconnected int64
	for k := 0; k < leakKinds; k++ {
		st := getStats(t, "leak"+strconv.Itoa(k), "wait=active&max=0&timeout="+strconv.Itoa(int(disconnectWait/time.Millisecond)))
		assert.False(t, st.WaitTimedOut, "kind %d: the server still has %d requests running", k, st.Active)
		requests += st.Requests
		disconnected += st.Disconnected
	}
	t.Logf("server idle after %v: %d requests, %d disconnected", time.Since(statsStart), requests, disconnected)
	assert.GreaterOrEqual(t, requests, int64(cycles*5/leakKinds), "most cycles reached the server")
	assert.Greater(t, disconnected, int64(3*cycles/leakKinds), "the server saw the aborts")
}
