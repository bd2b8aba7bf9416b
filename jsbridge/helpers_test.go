//go:build js && wasm

package jsbridge

import (
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// jsFn builds a JavaScript function from source (test fixtures only; the
// package itself never evaluates code).
func jsFn(params []string, body string) js.Value {
	args := make([]any, 0, len(params)+1)
	for _, p := range params {
		args = append(args, p)
	}
	args = append(args, body)
	return js.Global().Get("Function").New(args...)
}

// jsEval evaluates a JavaScript expression (test fixtures only).
func jsEval(expr string) js.Value {
	return jsFn(nil, "return ("+expr+");").Invoke()
}

// waitLive waits (at most 2 s) for LiveFuncs to come back to want: callbacks
// are released from the event loop after a promise settles.
func waitLive(t *testing.T, want int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for LiveFuncs() != want && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	require.Equal(t, want, LiveFuncs(), "live funcs")
}

// streamFixture is a JavaScript ReadableStream emitting count chunks of
// size bytes (byte i of chunk k is (k+i)%251), one per pull, each after a
// macrotask, and recording whether it was cancelled.
type streamFixture struct {
	stream js.Value
	state  js.Value // {pulls, cancelled, reason}
}

// newStreamFixture builds the stream; asyncPull makes each chunk wait for a
// setTimeout(0) so every read() really waits.
func newStreamFixture(count, size int, asyncPull bool) streamFixture {
	mk := jsFn([]string{"count", "size", "asyncPull"}, `
		const state = {pulls: 0, cancelled: false, reason: undefined};
		let k = 0;
		const stream = new ReadableStream({
			async pull(c) {
				state.pulls++;
				if (asyncPull) await new Promise(r => setTimeout(r, 0));
				if (k >= count) { c.close(); return; }
				const u = new Uint8Array(size);
				for (let i = 0; i < size; i++) u[i] = (k + i) % 251;
				k++;
				c.enqueue(u);
			},
			cancel(reason) { state.cancelled = true; state.reason = reason; },
		}, {highWaterMark: 0});
		return {stream, state};
	`)
	o := mk.Invoke(count, size, asyncPull)
	return streamFixture{stream: o.Get("stream"), state: o.Get("state")}
}

// expectedChunk returns chunk k of a streamFixture.
func expectedChunk(k, size int) []byte {
	b := make([]byte, size)
	for i := range b {
		b[i] = byte((k + i) % 251)
	}
	return b
}

// pendingStream is a stream that never produces data until it is errored
// or closed from the returned controller.
func pendingStream() (stream, controller js.Value) {
	o := jsEval(`(() => { let ctl; const s = new ReadableStream({start(c) { ctl = c; }}); return {s, get ctl() { return ctl; }}; })()`)
	return o.Get("s"), o.Get("ctl")
}

// deferred returns a pending promise with its resolve and reject functions.
func deferred() (p, resolve, reject js.Value) {
	o := jsEval(`(() => { const d = {}; d.p = new Promise((res, rej) => { d.resolve = res; d.reject = rej; }); return d; })()`)
	return o.Get("p"), o.Get("resolve"), o.Get("reject")
}
