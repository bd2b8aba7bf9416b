//go:build js && wasm

package client_test

import (
	"context"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// reliabilityKinds are the streams the leak cycles open; each is closed
// after a random delay, so closes land before the response, mid-read,
// during a backoff or after the stream ended by itself.
var reliabilityKinds = []struct {
	name, query string
	idle        time.Duration
}{
	{"streaming", "ids=1&events=100000&size=200&delay=1", 0},
	{"stalled headers", "stallHeaders=3000", 0},
	{"503 and backoff", "status=503", 0},
	{"short", "events=3", 0},
	{"idle timeout", "ids=1&events=100&stallAfter=1&stall=3000", 15 * time.Millisecond},
}

// cyclePhase is when a cycle's Close happened.
type cyclePhase int

const (
	phaseBeforeResponse cyclePhase = iota
	phaseMidRead
	phaseBackoff
	phaseEnded
	phaseCount
)

var phaseNames = [phaseCount]string{"before the response", "after the response (mid-read)", "after a failure (backoff or the retry)", "after the stream ended"}

// reliabilityCycle opens one stream of the given kind, closes it after
// delay, and checks that it settles: OnDone once, nothing after Close.
func reliabilityCycle(base string, kind int, delay time.Duration) (cyclePhase, string) {
	k := reliabilityKinds[kind]
	var opened, failed, dones, late atomic.Int32
	var closed atomic.Bool
	h := client.Handler{
		OnOpen: func(jsbridge.Response) error { opened.Add(1); return nil },
		OnEvent: func(sse.Event) {
			if closed.Load() {
				late.Add(1)
			}
		},
		OnError: func(err error, next client.Next) (client.Next, error) {
			failed.Add(1)
			return next, nil
		},
		OnDone: func(error) { dones.Add(1) },
	}
	req := client.Request{
		URL:         base + "/sse?key=rleak" + strconv.Itoa(kind) + "&" + k.query,
		Retry:       retry.Policy{InitialDelay: 20 * time.Millisecond, MaxDelay: 40 * time.Millisecond},
		IdleTimeout: k.idle,
	}
	s := client.Open(context.Background(), req, h)
	select {
	case <-s.Done():
	case <-time.After(delay):
	}
	phase := phaseBeforeResponse
	select {
	case <-s.Done():
		phase = phaseEnded
	default:
		switch {
		case failed.Load() > 0:
			phase = phaseBackoff
		case opened.Load() > 0:
			phase = phaseMidRead
		}
	}
	closed.Store(true)
	s.Close()
	select {
	case <-s.Done():
	case <-time.After(2 * time.Second):
		return phase, k.name + ": not done 2s after Close"
	}
	if err := s.Wait(); err != nil {
		return phase, k.name + ": error " + err.Error()
	}
	time.Sleep(time.Millisecond) // let a late callback show
	if n := dones.Load(); n != 1 {
		return phase, k.name + ": OnDone called " + strconv.Itoa(int(n)) + " times"
	}
	if late.Load() != 0 {
		return phase, k.name + ": event after Close"
	}
	return phase, ""
}

func TestReliabilityLeakCycles(t *testing.T) {
	cycles, workers := scaled(2000, 10000), 4
	seed := seedFor(t, 77)
	base := baseURL(t)

	// Warm up (connection pool, lazily created values), then the baseline.
	for i := 0; i < 2*len(reliabilityKinds); i++ {
		_, msg := reliabilityCycle(base, i%len(reliabilityKinds), 30*time.Millisecond)
		require.Empty(t, msg, "warm-up cycle %d", i)
	}
	base0 := settleMem(sampleMem(), 5*time.Second)
	t.Logf("baseline: %v", base0)

	var mu sync.Mutex
	failures := map[string]int{}
	var phases [phaseCount]int
	runHalf := func(from, to int) {
		var next atomic.Int64
		next.Store(int64(from))
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1)) - 1
					if i >= to {
						return
					}
					rng := rand.New(rand.NewPCG(seed, uint64(i)))
					kind := rng.IntN(len(reliabilityKinds))
					delay := time.Duration(rng.IntN(40_000)) * time.Microsecond
					phase, msg := reliabilityCycle(base, kind, delay)
					mu.Lock()
					phases[phase]++
					if msg != "" {
						failures[msg]++
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
	}

	start := time.Now()
	runHalf(0, cycles/2)
	half := settleMem(base0, 5*time.Second)
	t.Logf("after %d cycles (%v): %v", cycles/2, time.Since(start).Round(time.Millisecond), half)
	runHalf(cycles/2, cycles)
	full := settleMem(base0, 5*time.Second)
	t.Logf("after %d cycles (%v): %v", cycles, time.Since(start).Round(time.Millisecond), full)

	assert.Empty(t, failures)
	for p, n := range phases {
		t.Logf("closed %s: %d", phaseNames[p], n)
		assert.Positive(t, n, "some closes %s", phaseNames[p])
	}
	assert.Equal(t, base0.Funcs, full.Funcs, "live js.Funcs back to the baseline")
	assert.LessOrEqual(t, full.Goroutines, base0.Goroutines, "goroutines back to the baseline")
	// Memory does not grow with the number of cycles: the second half adds
	// (almost) nothing to what the first half reached.
	assert.LessOrEqual(t, full.Sys, half.Sys+(2<<20), "wasm linear memory: second half of the cycles")
	assert.LessOrEqual(t, full.HeapAlloc, half.HeapAlloc+(512<<10), "Go heap: second half of the cycles")
	assert.LessOrEqual(t, full.HeapAlloc, base0.HeapAlloc+(1<<20), "Go heap back near the baseline")

	for k := range reliabilityKinds {
		st := getStats(t, "rleak"+strconv.Itoa(k), "wait=active&max=0&timeout="+strconv.Itoa(int(disconnectWait/time.Millisecond)))
		assert.False(t, st.WaitTimedOut, "%s: the server still has %d requests running", reliabilityKinds[k].name, st.Active)
	}
}

// settleMem waits (bounded) until goroutines and live funcs are back to
// those of base, then returns a fresh sample.
func settleMem(base memSample, timeout time.Duration) memSample {
	deadline := time.Now().Add(timeout)
	for {
		m := sampleMem()
		if (m.Funcs <= base.Funcs && m.Goroutines <= base.Goroutines) || time.Now().After(deadline) {
			return m
		}
		time.Sleep(20 * time.Millisecond)
	}
}
