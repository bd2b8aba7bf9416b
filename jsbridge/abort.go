//go:build js && wasm

package jsbridge

import "syscall/js"

// AbortController wraps a JavaScript AbortController.
type AbortController struct{ js.Value }

// NewAbortController returns new AbortController().
func NewAbortController() AbortController {
	return AbortController{abortCtor.New()}
}

// Signal returns the controller's AbortSignal, to pass as RequestInit.signal.
func (a AbortController) Signal() js.Value { return prop(a.Value, keySignal) }

// Abort aborts the signal with the default AbortError reason. Aborting an
// already aborted controller does nothing. It never panics.
func (a AbortController) Abort() {
	defer func() { _ = recover() }()
	a.Call("abort")
}

// AbortWithReason aborts the signal with reason (any value js.ValueOf
// accepts, a js.Value, or an error, which becomes a JavaScript Error). fetch
// and pending reads then reject with that reason itself, not an AbortError.
func (a AbortController) AbortWithReason(reason any) {
	defer func() { _ = recover() }()
	a.Call("abort", toJS(reason))
}

// Aborted reports whether the controller's signal is aborted.
func (a AbortController) Aborted() bool { return SignalAborted(a.Signal()) }

// SignalAborted reports whether signal is an AbortSignal that has been
// aborted (false for undefined or null).
func SignalAborted(signal js.Value) (aborted bool) {
	defer func() {
		if recover() != nil {
			aborted = false
		}
	}()
	return isObject(signal) && prop(signal, keyAborted).Truthy()
}
