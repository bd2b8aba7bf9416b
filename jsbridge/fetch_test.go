//go:build js && wasm

package jsbridge

import (
	"context"
	"io"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFetchDataURL(t *testing.T) {
	base := LiveFuncs()
	resp, err := Fetch(context.Background(), js.Undefined(), "data:text/event-stream;charset=utf-8,data:%20hi%0A%0A", js.Undefined())
	require.NoError(t, err)
	assert.Equal(t, 200, resp.Status)
	assert.Equal(t, "text/event-stream;charset=utf-8", resp.Header("Content-Type"))
	assert.Equal(t, "", resp.Header("X-Absent"))
	assert.Equal(t, "", resp.Header("bad name"), "an invalid name gives \"\", no panic")
	assert.False(t, resp.Redirected)
	assert.True(t, strings.HasPrefix(resp.URL, "data:"))
	text, err := resp.Text(context.Background(), 1<<10)
	require.NoError(t, err)
	assert.Equal(t, "data: hi\n\n", text)
	waitLive(t, base)
}

// recordingFetch returns a fetch stand-in that checks it is called with an
// undefined receiver, records its arguments in the returned object, and
// answers with a Response over a fixture stream.
func recordingFetch(fx streamFixture) (fetchFn, rec js.Value) {
	o := jsFn([]string{"stream"}, `
		"use strict";
		const rec = {};
		const fn = function (url, init) {
			if (this !== undefined) throw new TypeError("Illegal invocation");
			rec.url = url; rec.init = init; rec.calls = (rec.calls || 0) + 1;
			return Promise.resolve(new Response(stream, {
				status: 201, statusText: "Made",
				headers: {"content-type": "text/event-stream", "x-multi": "a"},
			}));
		};
		return {fn, rec};
	`).Invoke(fx.stream)
	return o.Get("fn"), o.Get("rec")
}

func TestFetchWithFetchFnAndReader(t *testing.T) {
	base := LiveFuncs()
	fx := newStreamFixture(20, 300, true)
	fetchFn, rec := recordingFetch(fx)

	init := jsEval(`({
		method: "POST",
		headers: new Headers({"x-custom": "1"}),
		body: new Uint8Array([1, 2, 3]),
		credentials: "include", mode: "cors", cache: "no-store", redirect: "follow",
		referrerPolicy: "no-referrer", keepalive: false, priority: "high",
		signal: new AbortController().signal,
	})`)
	resp, err := Fetch(context.Background(), fetchFn, "https://example.test/stream", init)
	require.NoError(t, err)
	assert.Equal(t, 1, rec.Get("calls").Int())
	assert.Equal(t, "https://example.test/stream", rec.Get("url").String())
	assert.True(t, rec.Get("init").Equal(init), "init is passed through unchanged")
	assert.Equal(t, 201, resp.Status)
	assert.Equal(t, "Made", resp.StatusText)
	assert.Equal(t, "text/event-stream", resp.Header("content-type"))
	assert.Equal(t, "a", resp.Header("X-Multi"))
	require.True(t, resp.Body.Truthy())

	r := NewReader(resp.Body)
	n, err := readAll(t, r, 300, 100)
	require.ErrorIs(t, err, io.EOF)
	assert.Equal(t, 20, n)
	r.Close()
	waitLive(t, base)
}

func TestFetchErrors(t *testing.T) {
	base := LiveFuncs()
	ctx := context.Background()

	_, err := Fetch(ctx, jsFn(nil, `throw new TypeError("sync throw");`), "u", js.Undefined())
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "sync throw", e.Message)

	_, err = Fetch(ctx, jsFn(nil, `return Promise.reject(new TypeError("Failed to fetch"));`), "u", js.Undefined())
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "TypeError", e.Name)

	_, err = Fetch(ctx, jsEval(`42`), "u", js.Undefined())
	require.ErrorIs(t, err, errNotFunction)

	_, err = Fetch(ctx, jsFn(nil, `return Promise.resolve(7);`), "u", js.Undefined())
	require.ErrorIs(t, err, errNotResponse)

	// A real network error: nothing listens on port 9 of 127.0.0.1.
	_, err = Fetch(ctx, js.Undefined(), "http://127.0.0.1:9/", js.Undefined())
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "TypeError", e.Name)

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	calls := jsEval(`({n: 0})`)
	counting := jsFn([]string{"c"}, `return function () { c.n++; return new Promise(() => {}); };`).Invoke(calls)
	_, err = Fetch(cancelled, counting, "u", js.Undefined())
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 0, calls.Get("n").Int(), "a done context never fetches")
	waitLive(t, base)
}

func TestFetchAbort(t *testing.T) {
	base := LiveFuncs()
	// Already aborted signal, real fetch.
	ac := NewAbortController()
	ac.Abort()
	init := NewObject()
	init.Set("signal", ac.Signal())
	_, err := Fetch(context.Background(), js.Undefined(), "data:text/plain,x", init)
	require.Error(t, err)
	assert.True(t, IsAbort(err), "got %v", err)

	// Abort while the request is pending.
	pendingFetch := jsFn([]string{"url", "init"}, `
		return new Promise((_, reject) => {
			init.signal.addEventListener("abort", () => reject(init.signal.reason));
		});
	`)
	ac = NewAbortController()
	init = NewObject()
	init.Set("signal", ac.Signal())
	go func() {
		time.Sleep(20 * time.Millisecond)
		ac.Abort()
	}()
	start := time.Now()
	_, err = Fetch(context.Background(), pendingFetch, "u", init)
	assert.True(t, IsAbort(err), "got %v", err)
	assert.Less(t, time.Since(start), 2*time.Second)
	waitLive(t, base)
}

func TestFetchContextCancelCancelsLateBody(t *testing.T) {
	base := LiveFuncs()
	fx := newStreamFixture(10, 8, true)
	p, resolve, _ := deferred()
	fetchFn := jsFn([]string{"p"}, `return () => p;`).Invoke(p)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Fetch(ctx, fetchFn, "u", js.Undefined())
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), time.Second)
	resolve.Invoke(js.Global().Get("Response").New(fx.stream))
	waitFor(t, func() bool { return fx.state.Get("cancelled").Bool() })
	waitLive(t, base)
}

func TestResponseText(t *testing.T) {
	base := LiveFuncs()
	ctx := context.Background()
	fx := newStreamFixture(1000, 100, true)
	resp := responseOf(js.Global().Get("Response").New(fx.stream))
	text, err := resp.Text(ctx, 250)
	require.NoError(t, err)
	assert.Len(t, text, 250)
	want := string(expectedChunk(0, 100)) + string(expectedChunk(1, 100)) + string(expectedChunk(2, 50))
	assert.Equal(t, strings.ToValidUTF8(want, "\uFFFD"), text)
	waitFor(t, func() bool { return fx.state.Get("cancelled").Bool() })
	assert.Less(t, fx.state.Get("pulls").Int(), 10, "the rest of the body is not read")

	// UTF-8: a character cut by the limit is dropped, invalid bytes become U+FFFD.
	resp = responseOf(jsEval(`new Response(new Uint8Array([0x68, 0xff, 0x69, 0xe2, 0x82, 0xac, 0xe2, 0x82, 0xac]))`))
	text, err = resp.Text(ctx, 8)
	require.NoError(t, err)
	assert.Equal(t, "h\uFFFDi€", text)

	resp = responseOf(jsEval(`new Response(null, {status: 204})`))
	text, err = resp.Text(ctx, 100)
	require.NoError(t, err)
	assert.Equal(t, "", text)

	fx = newStreamFixture(5, 10, true)
	resp = responseOf(js.Global().Get("Response").New(fx.stream))
	text, err = resp.Text(ctx, 0)
	require.NoError(t, err)
	assert.Equal(t, "", text)
	waitFor(t, func() bool { return fx.state.Get("cancelled").Bool() })
	waitLive(t, base)
}

func TestResponseTextShortBody(t *testing.T) {
	resp := responseOf(jsEval(`new Response("short body")`))
	text, err := resp.Text(context.Background(), 1000)
	require.NoError(t, err)
	assert.Equal(t, "short body", text)
}
