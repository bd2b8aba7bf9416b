//go:build js && wasm

package jsbridge

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPromiseResolvesFromGoroutine(t *testing.T) {
	base := LiveFuncs()
	p := Promise(func(resolve, reject func(any)) {
		// fn may block: it runs in its own goroutine.
		inner, res, _ := deferred()
		go func() {
			time.Sleep(5 * time.Millisecond)
			res.Invoke("inner")
		}()
		v, err := Await(context.Background(), inner)
		if err != nil {
			reject(err)
			return
		}
		resolve(v.String() + "+outer")
		resolve("ignored")
	})
	require.True(t, p.InstanceOf(Global().Get("Promise")))
	v, err := Await(context.Background(), p)
	require.NoError(t, err)
	assert.Equal(t, "inner+outer", v.String())
	waitLive(t, base)
}

func TestPromiseRejectsWithError(t *testing.T) {
	base := LiveFuncs()
	p := Promise(func(_, reject func(any)) { reject(errors.New("went wrong")) })
	_, err := Await(context.Background(), p)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "Error", e.Name)
	assert.Equal(t, "went wrong", e.Message)
	waitLive(t, base)
}

func TestPromisePanicRejects(t *testing.T) {
	base := LiveFuncs()
	p := Promise(func(_, _ func(any)) { panic("exploded") })
	_, err := Await(context.Background(), p)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "jsbridge: panic: exploded")

	p = Promise(func(resolve, _ func(any)) { resolve(struct{}{}) }) // js.ValueOf rejects it
	_, err = Await(context.Background(), p)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "ValueOf")
	waitLive(t, base)
}
