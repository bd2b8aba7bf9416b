//go:build js && wasm

package jsbridge

import (
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGlobalAndConstructors(t *testing.T) {
	assert.True(t, Global().Equal(js.Global()))
	o := NewObject()
	assert.Equal(t, js.TypeObject, o.Type())
	assert.Equal(t, 0, js.Global().Get("Object").Call("keys", o).Length())

	u8 := NewUint8Array(16)
	assert.Equal(t, 16, u8.Length())
	i32 := NewInt32ArrayOn(u8)
	assert.Equal(t, 4, i32.Length())
	i32.SetIndex(1, 0x01020304)
	buf := make([]byte, 16)
	js.CopyBytesToGo(buf, u8)
	assert.Equal(t, []byte{4, 3, 2, 1}, buf[4:8], "same buffer, little endian")

	sub := u8.Call("subarray", 8)
	assert.Equal(t, 2, NewInt32ArrayOn(sub).Length())
}

func TestHeaders(t *testing.T) {
	cases := map[string]string{
		"object":  `({"X-A": "1", "x-b": "2"})`,
		"array":   `[["X-A", "1"], ["x-b", "2"]]`,
		"Headers": `new Headers({"x-a": "1", "X-B": "2"})`,
	}
	for name, expr := range cases {
		t.Run(name, func(t *testing.T) {
			h := Headers(jsEval(expr))
			assert.Equal(t, "1", h.Call("get", "x-a").String())
			assert.Equal(t, "2", h.Call("get", "X-B").String())
		})
	}
	for _, expr := range []string{`undefined`, `null`} {
		h := Headers(jsEval(expr))
		assert.True(t, h.InstanceOf(js.Global().Get("Headers")))
		assert.True(t, h.Call("get", "x-a").IsNull())
	}
}

func TestHeadersInvalidPanicsRecoverably(t *testing.T) {
	err := recovered(func() { Headers(jsEval(`({"bad name": "v"})`)) })
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "TypeError", e.Name)
}
