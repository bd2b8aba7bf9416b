//go:build js && wasm

package jsbridge

import (
	"syscall/js"
)

// PanicError is a Go panic (not a JavaScript exception) turned into an error
// by Recover.
type PanicError struct {
	// Value is the value passed to panic.
	Value any
}

// Error returns "jsbridge: panic: " followed by a description of the value.
func (e *PanicError) Error() string { return "jsbridge: panic: " + panicMessage(e.Value) }

// Unwrap returns the panic value when it is an error (for example a
// runtime.Error or a *js.ValueError), so errors.Is and errors.As see it.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// Recover turns a panic into an error stored in *errp. Use it as
//
//	defer jsbridge.Recover(&err)
//
// directly (it must be the deferred function itself for recover to work).
// A js.Error (JavaScript threw during a syscall/js call) becomes an *Error
// built by ErrorFrom; an *Error panic is kept as is; any other panic becomes
// a *PanicError. When there was no panic, *errp is left unchanged. The panic
// never escapes.
func Recover(errp *error) {
	r := recover()
	if r == nil {
		return
	}
	err := panicToError(r)
	if errp != nil {
		*errp = err
	}
}

// panicToError converts a recovered panic value to an error.
func panicToError(r any) error {
	switch x := r.(type) {
	case js.Error:
		return ErrorFrom(x.Value)
	case *js.Error:
		if x != nil {
			return ErrorFrom(x.Value)
		}
	case *Error:
		if x != nil {
			return x
		}
	}
	return &PanicError{Value: r}
}

// panicMessage describes a panic value without fmt.
func panicMessage(r any) string {
	switch x := r.(type) {
	case js.Error:
		return ErrorFrom(x.Value).Error()
	case error:
		return x.Error()
	case string:
		return x
	case interface{ String() string }:
		return x.String()
	case int, int64, float64, bool:
		// JavaScript's String() formats them (numbers beyond 2^53 round):
		// strconv's float formatting would weigh on every module.
		return js.Global().Call("String", x).String()
	}
	return "(non-error panic value)"
}
