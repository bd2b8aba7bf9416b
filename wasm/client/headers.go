//go:build js && wasm

package client

import (
	"errors"
	"syscall/js"

	"github.com/wasm-sse/wasm-sse/jsbridge"
)

// Header errors never quote a value: header values carry credentials. An
// invalid name is not quoted either (it may be a misplaced value).
var (
	errHeaderName = errors.New("client: a header name is not a valid HTTP token")
	errRequest    = errors.New("client: the request could not be built")
)

var (
	objectEntries = jsbridge.Global().Get("Object").Get("entries")
	arrayIsArray  = jsbridge.Global().Get("Array").Get("isArray")
	arrayFrom     = jsbridge.Global().Get("Array").Get("from")
)

// addHeaders applies every [name, value] of src (a Headers or Map, an array
// of pairs or a plain object; anything else adds nothing) to h with op ("set"
// or "append"), one header at a time, so a refused one can be named.
func addHeaders(h, src js.Value, op string) error {
	if !isObject(src) {
		return nil
	}
	var list js.Value
	switch {
	case arrayIsArray.Invoke(src).Bool():
		list = src
	case src.Get("entries").Type() == js.TypeFunction: // Headers (from any realm), Map
		list = arrayFrom.Invoke(src.Call("entries"))
	default:
		list = objectEntries.Invoke(src)
	}
	for i, n := 0, min(list.Length(), 1000); i < n; i++ { // bounded: a header list is small
		p := list.Index(i)
		if !isObject(p) || p.Length() != 2 {
			return &RequestError{Err: errors.New("client: headers must be [name, value] pairs")}
		}
		if err := setHeader(h, op, p.Index(0), p.Index(1)); err != nil {
			return err
		}
	}
	return nil
}

// setHeader calls h[op](name, value). When the Headers object refuses, the
// error names the header and never quotes its value.
func setHeader(h js.Value, op string, name, value js.Value) (err error) {
	defer func() {
		if recover() != nil {
			n := jsString(name)
			if !validHeaderName(n) {
				err = &RequestError{Err: errHeaderName}
			} else {
				err = &RequestError{Err: errors.New("client: the value of header \"" + n + "\" is not valid (CR, LF, NUL or a character above U+00FF)")}
			}
		}
	}()
	h.Call(op, name, value)
	return nil
}

// jsString is String(v), or "" when even that throws.
func jsString(v js.Value) (s string) {
	defer func() {
		if recover() != nil {
			s = ""
		}
	}()
	if v.Type() == js.TypeString {
		return v.String()
	}
	return js.Global().Call("String", v).String()
}

// validHeaderName reports whether name is an HTTP token (RFC 9110).
func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || isTokenPunct(c)) {
			return false
		}
	}
	return true
}

func isTokenPunct(c byte) bool {
	switch c {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~':
		return true
	}
	return false
}

func isUserError(err error) bool {
	_, ok := err.(*OpenError)
	return ok
}

func isRequestError(err error) bool {
	_, ok := err.(*RequestError)
	return ok
}
