//go:build js && wasm

package jsbridge

import (
	"sync/atomic"
	"syscall/js"
)

var liveFuncs atomic.Int64

// consoleError prints panics recovered in callbacks.
var consoleError = global.Get("console").Get("error")

// Func is a js.Func created by FuncOf and counted by LiveFuncs until it is
// released. Pass f.Value to JavaScript.
type Func struct {
	js.Func
	released *atomic.Bool
}

// FuncOf returns a counted js.Func wrapping fn. A panic in fn is recovered
// and printed with console.error (a panic escaping a callback would stop
// the whole Go program, and with it every stream on the page); fn then
// returns undefined to JavaScript. The function must be released with
// Release when JavaScript will no longer call it.
func FuncOf(fn func(this js.Value, args []js.Value) any) Func {
	f := Func{
		Func: js.FuncOf(func(this js.Value, args []js.Value) (result any) {
			defer func() {
				if r := recover(); r != nil {
					result = js.Undefined()
					reportCallbackPanic(r)
				}
			}()
			return fn(this, args)
		}),
		released: new(atomic.Bool),
	}
	liveFuncs.Add(1)
	return f
}

// Release frees the function and decrements the LiveFuncs counter. Calling
// it again, or on the zero Func, does nothing.
func (f Func) Release() {
	if f.released == nil || !f.released.CompareAndSwap(false, true) {
		return
	}
	liveFuncs.Add(-1)
	f.Func.Release()
}

// LiveFuncs returns the number of functions created by FuncOf and not yet
// released. Tests use it to check that every path releases its callbacks.
func LiveFuncs() int { return int(liveFuncs.Load()) }

// reportCallbackPanic prints a recovered callback panic; it must not panic
// itself.
func reportCallbackPanic(r any) {
	defer func() { _ = recover() }()
	consoleError.Invoke("jsbridge: panic in callback: " + panicMessage(r))
}

// arg returns args[i], or undefined when JavaScript passed fewer arguments.
func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}
