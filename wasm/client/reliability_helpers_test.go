//go:build js && wasm

package client_test

import (
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"testing"

	"github.com/wasm-sse/wasm-sse/jsbridge"
)

// The reliability tests (TestReliab*) run with small counts by default and
// with their full counts when SSE_STRESS=1 (make stress).

// stress reports whether SSE_STRESS=1 asks for the full counts.
func stress() bool { return os.Getenv("SSE_STRESS") == "1" }

// scaled returns ci normally and full under SSE_STRESS=1.
func scaled(ci, full int) int {
	if stress() {
		return full
	}
	return ci
}

// memSample is the Go side's memory after a forced GC. In js/wasm the
// runtime grows the linear memory and never gives it back, so Sys is (up to
// a few pages) the size of the wasm memory.
type memSample struct {
	HeapInuse  uint64 // bytes in in-use heap spans
	HeapAlloc  uint64 // bytes of heap objects, garbage not yet collected included
	Live       uint64 // bytes marked live by the last collection (independent of GC phase)
	Sys        uint64 // bytes obtained from the "OS": the linear memory in use
	Goroutines int
	Funcs      int // jsbridge.LiveFuncs
}

// sampleMem forces a collection and returns the Go memory figures.
func sampleMem() memSample {
	runtime.GC()
	runtime.GC() // the second cycle frees what finalizers released
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return memSample{HeapInuse: ms.HeapInuse, HeapAlloc: ms.HeapAlloc, Sys: ms.Sys,
		Goroutines: runtime.NumGoroutine(), Funcs: jsbridge.LiveFuncs()}
}

// readMem returns the figures without forcing a collection (sampling a
// running stream must not change how often the collector runs).
func readMem() memSample {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return memSample{HeapInuse: ms.HeapInuse, HeapAlloc: ms.HeapAlloc, Live: liveHeap(), Sys: ms.Sys,
		Goroutines: runtime.NumGoroutine(), Funcs: jsbridge.LiveFuncs()}
}

// liveHeap returns the heap the last collection marked live.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// String formats the sample in KiB.
func (m memSample) String() string {
	return "heapAlloc=" + kib(m.HeapAlloc) + " live=" + kib(m.Live) + " heapInuse=" + kib(m.HeapInuse) + " sys=" + kib(m.Sys) +
		" goroutines=" + strconv.Itoa(m.Goroutines) + " funcs=" + strconv.Itoa(m.Funcs)
}

func kib(n uint64) string { return strconv.FormatUint(n>>10, 10) + "KiB" }

// seedFor returns the test's fixed seed, or SSE_SEED when set (to replay a
// failure), and prints it if the test fails.
func seedFor(t *testing.T, fixed uint64) uint64 {
	seed := fixed
	if v := os.Getenv("SSE_SEED"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("SSE_SEED=%q is not a number", v)
		}
		seed = n
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("%s failed with seed %d (replay with SSE_SEED=%d)", t.Name(), seed, seed)
		}
	})
	return seed
}
