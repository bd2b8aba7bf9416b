//go:build js && wasm

package jsbridge

import (
	"syscall/js"
)

// Error is a value thrown by JavaScript (or a promise rejection reason) as a
// Go error.
type Error struct {
	// Name is the JavaScript error name ("TypeError", "AbortError", ...);
	// "Error" when the thrown value is not an object with a string name.
	Name string
	// Message is the error message; for thrown non-objects it is the value
	// converted with String(v) ("undefined", the thrown string, ...).
	Message string
	// Value is the thrown value itself, to hand back to JavaScript unchanged.
	Value js.Value
}

// Error returns "jsbridge: <Name>: <Message>".
func (e *Error) Error() string {
	return "jsbridge: " + e.Name + ": " + e.Message
}

// IsAbort reports whether the error is a DOMException named "AbortError",
// what fetch and stream reads reject with when their signal is aborted
// without a reason. It is false for "TimeoutError" (AbortSignal.timeout; see
// IsTimeout) and for a custom reason given to abort(reason), which fetch
// rejects with as is: to know whether a request was aborted, check the
// signal (AbortController.Aborted) rather than the error.
func (e *Error) IsAbort() bool { return e != nil && e.Name == "AbortError" }

// IsTimeout reports whether the error is a DOMException named
// "TimeoutError" (an AbortSignal.timeout signal fired).
func (e *Error) IsTimeout() bool { return e != nil && e.Name == "TimeoutError" }

// IsAbort reports whether err is, or wraps, an *Error for which IsAbort is
// true.
func IsAbort(err error) bool {
	var e *Error
	return As(err, &e) && e.IsAbort()
}

// IsTimeout reports whether err is, or wraps, an *Error for which IsTimeout
// is true.
func IsTimeout(err error) bool {
	var e *Error
	return As(err, &e) && e.IsTimeout()
}

// ErrorFrom converts any thrown JavaScript value to an *Error: Error objects
// and DOMExceptions (name and message), other objects (their string name and
// message properties when present, else String(v)), and primitives such as
// strings, numbers, undefined and null (Name "Error", Message String(v)).
// It never panics, even when reading a property or String(v) throws.
func ErrorFrom(v js.Value) *Error {
	e := &Error{Name: "Error", Value: v}
	if isObject(v) {
		readNameMessage(e, v)
		return e
	}
	e.Message = safeString(v)
	return e
}

// readNameMessage fills e from the name and message properties of the
// object v; a getter that throws leaves the fallbacks in place.
func readNameMessage(e *Error, v js.Value) {
	defer func() {
		if recover() != nil && e.Message == "" {
			e.Message = "(unreadable error object)"
		}
	}()
	if n := prop(v, keyName); n.Type() == js.TypeString && n.String() != "" {
		e.Name = n.String()
	}
	if m := prop(v, keyMessage); m.Type() == js.TypeString {
		e.Message = m.String()
		return
	}
	e.Message = safeString(v)
}

// safeString returns String(v), or a placeholder when that throws (for
// example an object without a prototype, or a Symbol.toPrimitive that
// throws).
func safeString(v js.Value) (s string) {
	if v.Type() == js.TypeString {
		return v.String()
	}
	defer func() {
		if recover() != nil {
			s = "(" + v.Type().String() + ")"
		}
	}()
	return stringFn.Invoke(v).String()
}

// toJSError returns a JavaScript value for the Go error err: the original
// thrown value for an *Error that carries one or a js.Error, otherwise new Error(message).
func toJSError(err error) js.Value {
	var e *Error
	if As(err, &e) && !e.Value.IsUndefined() {
		return e.Value
	}
	var je js.Error
	if As(err, &je) {
		return je.Value
	}
	return errorCtor.New(err.Error())
}
