//go:build js && wasm

package jsbridge

import (
	"errors"
	"io"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorFrom(t *testing.T) {
	cases := []struct {
		name, expr, wantName, wantMsg string
		abort, timeout                bool
	}{
		{"TypeError", `new TypeError("bad thing")`, "TypeError", "bad thing", false, false},
		{"Error without message", `new Error()`, "Error", "", false, false},
		{"AbortError", `new DOMException("The operation was aborted.", "AbortError")`, "AbortError", "The operation was aborted.", true, false},
		{"aborted signal reason", `(() => { const c = new AbortController(); c.abort(); return c.signal.reason; })()`, "AbortError", "signal is aborted without reason", true, false},
		{"TimeoutError", `new DOMException("late", "TimeoutError")`, "TimeoutError", "late", false, true},
		{"string", `"plain string"`, "Error", "plain string", false, false},
		{"undefined", `undefined`, "Error", "undefined", false, false},
		{"null", `null`, "Error", "null", false, false},
		{"number", `42`, "Error", "42", false, false},
		{"plain object", `({a: 1})`, "Error", "[object Object]", false, false},
		{"object with name and message", `({name: "MyError", message: "mine"})`, "MyError", "mine", false, false},
		{"no prototype", `Object.create(null)`, "Error", "(object)", false, false},
		{"throwing getter", `({get name() { throw new Error("no"); }})`, "Error", "(unreadable error object)", false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := jsEval(c.expr)
			e := ErrorFrom(v)
			require.NotNil(t, e)
			assert.Equal(t, c.wantName, e.Name)
			if c.name == "aborted signal reason" {
				assert.NotEmpty(t, e.Message) // wording differs between engines
			} else {
				assert.Equal(t, c.wantMsg, e.Message)
			}
			assert.Equal(t, "jsbridge: "+e.Name+": "+e.Message, e.Error())
			assert.Equal(t, c.abort, e.IsAbort())
			assert.Equal(t, c.abort, IsAbort(e))
			assert.Equal(t, c.timeout, e.IsTimeout())
			assert.Equal(t, c.timeout, IsTimeout(e))
			assert.True(t, e.Value.Equal(v) || v.IsNaN())
		})
	}
}

func TestIsAbortWrapped(t *testing.T) {
	abortErr := ErrorFrom(jsEval(`new DOMException("x", "AbortError")`))
	wrapped := errors.Join(errors.New("context"), abortErr)
	assert.True(t, IsAbort(wrapped))
	assert.False(t, IsAbort(io.EOF))
	assert.False(t, IsAbort(nil))
	var nilErr *Error
	assert.False(t, nilErr.IsAbort())
}

func TestToJSErrorKeepsThrownValue(t *testing.T) {
	thrown := jsEval(`new RangeError("r")`)
	assert.True(t, toJSError(ErrorFrom(thrown)).Equal(thrown))
	v := toJSError(errors.New("go side"))
	assert.True(t, v.InstanceOf(js.Global().Get("Error")))
	assert.Equal(t, "go side", v.Get("message").String())
}
