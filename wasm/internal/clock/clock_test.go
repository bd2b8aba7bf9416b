package clock

import (
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests run against both builds: go test ./wasm/internal/clock/ and
// go test -tags wasmsse_notime ./wasm/internal/clock/.

func TestMonoAndSleep(t *testing.T) {
	a := Mono()
	Sleep(20 * Millisecond)
	assert.GreaterOrEqual(t, Mono()-a, int64(20*Millisecond))
}

func TestAfterFuncFires(t *testing.T) {
	done := make(chan int64, 1)
	a := Mono()
	AfterFunc(10*Millisecond, func() { done <- Mono() - a })
	assert.GreaterOrEqual(t, <-done, int64(10*Millisecond))
}

func TestStopPreventsFiring(t *testing.T) {
	var fired atomic.Bool
	tm := AfterFunc(20*Millisecond, func() { fired.Store(true) })
	require.True(t, tm.Stop(), "stopped while pending")
	require.False(t, tm.Stop(), "a second stop finds nothing pending")
	Sleep(40 * Millisecond)
	assert.False(t, fired.Load())
}

func TestResetMovesTheDeadline(t *testing.T) {
	done := make(chan int64, 2)
	a := Mono()
	var tm atomic.Pointer[Timer]
	var n atomic.Int32
	tm.Store(AfterFunc(Hour, func() {
		if n.Add(1) == 1 {
			assert.False(t, tm.Load().Reset(15*Millisecond), "reset from the callback: no longer pending")
		}
		done <- Mono() - a
	}))
	require.True(t, tm.Load().Reset(5*Millisecond), "pending before its first run")
	assert.GreaterOrEqual(t, <-done, int64(5*Millisecond))
	assert.GreaterOrEqual(t, <-done, int64(20*Millisecond))
	assert.False(t, tm.Load().Stop())
}

func TestStopAfterFiring(t *testing.T) {
	done := make(chan struct{})
	tm := AfterFunc(0, func() { close(done) })
	<-done
	assert.False(t, tm.Stop())
}
