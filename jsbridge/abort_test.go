//go:build js && wasm

package jsbridge

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAbortController(t *testing.T) {
	a := NewAbortController()
	sig := a.Signal()
	require.True(t, sig.InstanceOf(Global().Get("AbortSignal")))
	assert.False(t, a.Aborted())
	a.Abort()
	assert.True(t, a.Aborted())
	assert.True(t, SignalAborted(sig))
	first := sig.Get("reason")
	assert.True(t, IsAbort(ErrorFrom(first)))
	a.Abort() // idempotent
	assert.True(t, sig.Get("reason").Equal(first))
}

func TestAbortWithReason(t *testing.T) {
	a := NewAbortController()
	a.AbortWithReason(errors.New("user left"))
	reason := a.Signal().Get("reason")
	e := ErrorFrom(reason)
	assert.Equal(t, "user left", e.Message)
	assert.False(t, e.IsAbort(), "a custom reason is not an AbortError")
	assert.True(t, a.Aborted())
}

func TestSignalAbortedOnOddValues(t *testing.T) {
	assert.False(t, SignalAborted(jsEval(`undefined`)))
	assert.False(t, SignalAborted(jsEval(`null`)))
	assert.False(t, SignalAborted(jsEval(`({get aborted() { throw new Error("x"); }})`)))
	assert.True(t, SignalAborted(jsEval(`AbortSignal.abort()`)))
}
