//go:build js && wasm

package jsbridge

import (
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFuncOfCountsAndReleasesOnce(t *testing.T) {
	base := LiveFuncs()
	f := FuncOf(func(this js.Value, args []js.Value) any { return len(args) })
	require.Equal(t, base+1, LiveFuncs())
	assert.Equal(t, 2, f.Value.Invoke(1, 2).Int())

	copyOfF := f
	f.Release()
	require.Equal(t, base, LiveFuncs())
	f.Release()
	copyOfF.Release()
	require.Equal(t, base, LiveFuncs(), "second release must not decrement again")

	var zero Func
	zero.Release()
	require.Equal(t, base, LiveFuncs())
}

func TestFuncOfRecoversPanic(t *testing.T) {
	base := LiveFuncs()
	f := FuncOf(func(js.Value, []js.Value) any { panic("boom") })
	defer f.Release()
	var got js.Value
	require.NotPanics(t, func() { got = f.Value.Invoke() })
	assert.True(t, got.IsUndefined())
	f.Release()
	require.Equal(t, base, LiveFuncs())
}
