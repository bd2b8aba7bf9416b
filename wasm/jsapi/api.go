//go:build js && wasm

// Package jsapi builds the API object that the npm shim receives from
// sse.wasm: open a stream with JS params and hooks, control it by id. The
// contract is written down in PROTOCOL.md next to this file.
package jsapi

import (
	"runtime"
	"sync"
	"syscall/js"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/internal/scope"
)

// Version is the protocol version reported as api.version.
const Version = "2"

// registry maps stream ids to running streams.
type registry struct {
	mu      sync.Mutex
	next    int
	streams map[int]*entry
}

type entry struct {
	st     *client.Stream
	cancel func()
}

var streams = registry{streams: map[int]*entry{}}

// New returns the API object. Its functions live for the whole program
// (they are not counted by jsbridge.LiveFuncs): a stream costs no js.Func.
func New() js.Value {
	api := jsbridge.NewObject()
	api.Set("version", Version)
	set := func(name string, fn func(args []js.Value) any) {
		api.Set(name, js.FuncOf(func(_ js.Value, args []js.Value) (out any) {
			defer func() {
				if r := recover(); r != nil {
					out = js.Undefined()
				}
			}()
			return fn(args)
		}))
	}
	set("open", func(args []js.Value) any { return open(arg(args, 0), arg(args, 1)) })
	set("close", func(args []js.Value) any { withStream(args, func(e *entry) { e.cancel(); e.st.Close() }); return nil })
	set("pause", func(args []js.Value) any { withStream(args, func(e *entry) { e.st.Pause() }); return nil })
	set("resume", func(args []js.Value) any { withStream(args, func(e *entry) { e.st.Resume() }); return nil })
	set("wake", func(args []js.Value) any { withStream(args, func(e *entry) { e.st.Wake() }); return nil })
	set("liveFuncs", func([]js.Value) any { return jsbridge.LiveFuncs() })
	set("goroutines", func([]js.Value) any { return runtime.NumGoroutine() })
	set("streams", func([]js.Value) any {
		streams.mu.Lock()
		defer streams.mu.Unlock()
		return len(streams.streams)
	})
	set("pumps", func([]js.Value) any { return pipes.size() })
	return api
}

// open starts a stream and returns its id. It never blocks.
func open(params, hooks js.Value) any {
	req := requestFrom(params)
	ctx, cancel := scope.WithCancel(scope.Background())
	streams.mu.Lock()
	streams.next++
	id := streams.next
	e := &entry{cancel: cancel}
	streams.streams[id] = e
	streams.mu.Unlock()
	h := handlerFrom(ctx, params, hooks, func() {
		cancel()
		streams.mu.Lock()
		delete(streams.streams, id)
		streams.mu.Unlock()
	})
	streams.mu.Lock()
	e.st = client.Open(ctx, req, h)
	streams.mu.Unlock()
	return id
}

func withStream(args []js.Value, fn func(*entry)) {
	a := arg(args, 0)
	if a.Type() != js.TypeNumber {
		return
	}
	streams.mu.Lock()
	e := streams.streams[a.Int()]
	streams.mu.Unlock()
	if e != nil && e.st != nil {
		fn(e)
	}
}

func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}
