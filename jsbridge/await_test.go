//go:build js && wasm

package jsbridge

import (
	"context"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAwaitFulfilled(t *testing.T) {
	base := LiveFuncs()
	p, resolve, _ := deferred()
	go func() {
		time.Sleep(10 * time.Millisecond)
		resolve.Invoke("done")
	}()
	v, err := Await(context.Background(), p)
	require.NoError(t, err)
	assert.Equal(t, "done", v.String())
	waitLive(t, base)
}

func TestAwaitRejected(t *testing.T) {
	base := LiveFuncs()
	p, _, reject := deferred()
	reject.Invoke(jsEval(`new TypeError("nope")`))
	v, err := Await(context.Background(), p)
	assert.True(t, v.IsUndefined())
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "TypeError", e.Name)
	assert.Equal(t, "nope", e.Message)
	waitLive(t, base)
}

func TestAwaitCancelThenSettle(t *testing.T) {
	for _, settle := range []string{"resolve", "reject"} {
		t.Run(settle, func(t *testing.T) {
			base := LiveFuncs()
			p, resolve, reject := deferred()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
			defer cancel()
			start := time.Now()
			_, err := Await(ctx, p)
			require.ErrorIs(t, err, context.DeadlineExceeded)
			assert.Less(t, time.Since(start), time.Second, "ctx must win promptly")
			assert.Equal(t, base+2, LiveFuncs(), "callbacks stay until the promise settles")
			if settle == "resolve" {
				resolve.Invoke(1)
			} else {
				reject.Invoke("late failure")
			}
			waitLive(t, base)
		})
	}
}

func TestAwaitAlreadyCancelled(t *testing.T) {
	base := LiveFuncs()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p, _, _ := deferred()
	_, err := Await(ctx, p)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, base, LiveFuncs())
}

func TestAwaitNonThenable(t *testing.T) {
	base := LiveFuncs()
	for _, expr := range []string{`42`, `"str"`, `undefined`, `null`, `({a: 1})`, `({then: 5})`} {
		in := jsEval(expr)
		v, err := Await(context.Background(), in)
		require.NoError(t, err, expr)
		assert.True(t, v.Equal(in), expr)
	}
	assert.Equal(t, base, LiveFuncs())
}

func TestAwaitThenableObject(t *testing.T) {
	base := LiveFuncs()
	// A misbehaving thenable calling back twice, then throwing: only the
	// first outcome counts, and no released function is ever called.
	th := jsEval(`({then(res, rej) { res(5); res(6); rej("x"); throw new Error("after"); }})`)
	v, err := Await(context.Background(), th)
	require.NoError(t, err)
	assert.Equal(t, 5, v.Int())
	waitLive(t, base)
}

func TestAwaitThrowingThen(t *testing.T) {
	base := LiveFuncs()
	th := jsEval(`({get then() { throw new SyntaxError("then getter"); }})`)
	_, err := Await(context.Background(), th)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "SyntaxError", e.Name)
	assert.Equal(t, base, LiveFuncs())
}

func TestAwaitManyConcurrent(t *testing.T) {
	base := LiveFuncs()
	const n = 50
	resolvers := make([]js.Value, n)
	results := make(chan int, n)
	for i := range n {
		p, resolve, _ := deferred()
		resolvers[i] = resolve
		go func() {
			v, err := Await(context.Background(), p)
			if err != nil {
				results <- -1
				return
			}
			results <- v.Int()
		}()
	}
	for i := range n {
		resolvers[i].Invoke(i)
	}
	sum := 0
	for range n {
		select {
		case v := <-results:
			sum += v
		case <-time.After(2 * time.Second):
			t.Fatal("timeout")
		}
	}
	assert.Equal(t, n*(n-1)/2, sum)
	waitLive(t, base)
}
