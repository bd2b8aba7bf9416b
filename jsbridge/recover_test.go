//go:build js && wasm

package jsbridge

import (
	"errors"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var errSentinel = errors.New("sentinel")

func recovered(f func()) (err error) {
	defer Recover(&err)
	f()
	return nil
}

func TestRecoverJSException(t *testing.T) {
	thrower := jsFn(nil, `throw new RangeError("out of range");`)
	err := recovered(func() { thrower.Invoke() })
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "RangeError", e.Name)
	assert.Equal(t, "out of range", e.Message)
	assert.Equal(t, "jsbridge: RangeError: out of range", err.Error())
}

func TestRecoverThrownString(t *testing.T) {
	thrower := jsFn(nil, `throw "just a string";`)
	err := recovered(func() { thrower.Invoke() })
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "just a string", e.Message)
}

func TestRecoverGoPanics(t *testing.T) {
	err := recovered(func() { panic("boom") })
	var pe *PanicError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "jsbridge: panic: boom", err.Error())

	err = recovered(func() { panic(errSentinel) })
	assert.ErrorIs(t, err, errSentinel)

	err = recovered(func() { js.ValueOf("text").Int() }) // *js.ValueError
	var ve *js.ValueError
	assert.ErrorAs(t, err, &ve)

	err = recovered(func() {
		var m map[string]int
		m["x"] = 1 // runtime error
	})
	require.ErrorAs(t, err, &pe)
	assert.Contains(t, err.Error(), "nil map")

	jsErr := ErrorFrom(jsEval(`new TypeError("t")`))
	err = recovered(func() { panic(jsErr) })
	assert.Same(t, jsErr, err)
}

func TestRecoverWithoutPanicKeepsError(t *testing.T) {
	f := func() (err error) {
		defer Recover(&err)
		return errSentinel
	}
	assert.Equal(t, errSentinel, f())
	require.NotPanics(t, func() {
		defer Recover(nil)
		panic("nowhere to store")
	})
}
