//go:build js && wasm

package client_test

import (
	"sync"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
)

// A stream whose chunks are always ready must still let the page's timers
// run: it yields to the event loop at least every 50 ms of reading.
func TestFastStreamLetsTimersRun(t *testing.T) {
	var mu sync.Mutex
	var ticks []time.Time
	tick := jsbridge.FuncOf(func(js.Value, []js.Value) any {
		mu.Lock()
		ticks = append(ticks, time.Now())
		mu.Unlock()
		return nil
	})
	defer tick.Release()
	interval := js.Global().Call("setInterval", tick.Value, 10)
	defer js.Global().Call("clearInterval", interval)

	start := time.Now()
	r, err := run(t, client.Request{URL: route(t, "/sse", newKey(t), "events=30000&size=4096"), Method: "POST"}, client.Handler{}, 60*time.Second)
	require.NoError(t, err)
	end := time.Now()
	require.Equal(t, 30000, r.nEvents())

	mu.Lock()
	defer mu.Unlock()
	prev, worst := start, time.Duration(0)
	for _, at := range append(ticks, end) {
		worst = max(worst, at.Sub(prev))
		prev = at
	}
	t.Logf("%d events in %v, %d timer ticks, longest gap %v", r.nEvents(), end.Sub(start), len(ticks), worst)
	// Without the yield the longest gap here is ~225 ms (and seconds on a
	// slower page); with it, ~60-80 ms.
	assert.Less(t, worst, 150*time.Millisecond, "the page's timers ran while the stream was busy")
}
