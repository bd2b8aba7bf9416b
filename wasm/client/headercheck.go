//go:build js && wasm

package client

import (
	"errors"
	"syscall/js"

	"github.com/wasm-sse/wasm-sse/jsbridge"
)

// errHeaderName and errRequest describe a request fetch refused without
// quoting any header value (or an invalid name, which may be a misplaced
// value).
var (
	errHeaderName = errors.New("client: a header name is not a valid HTTP token")
	errRequest    = errors.New("client: the request's headers were refused")
)

var (
	objectEntries = jsbridge.Global().Get("Object").Get("entries")
	arrayIsArray  = jsbridge.Global().Get("Array").Get("isArray")
	headersClass  = jsbridge.Global().Get("Headers")
)

// headerError finds the header that made building the request fail (in
// Request.Header, Init.headers, the Headers option or its result, or the
// Last-Event-ID) and describes it by name only.
func (s *Stream) headerError(initHeaders, extra js.Value, lastID string) (err error) {
	defer func() {
		if recover() != nil {
			err = errRequest
		}
	}()
	var pairs [][2]string
	for k, v := range s.req.Header {
		pairs = append(pairs, [2]string{k, v})
	}
	pairs = appendPairs(pairs, initHeaders)
	if extra.Type() != js.TypeFunction {
		pairs = appendPairs(pairs, extra)
	}
	if lastID != "" {
		pairs = append(pairs, [2]string{"Last-Event-ID", byteString(lastID)})
	}
	for _, p := range pairs {
		if !validHeaderName(p[0]) {
			return errHeaderName
		}
		if !validHeaderValue(p[1]) {
			return errors.New("client: the value of header \"" + p[0] + "\" is not valid (CR, LF, NUL or a character above U+00FF)")
		}
	}
	return errRequest
}

// appendPairs adds the [name, value] pairs of a headers init (a Headers
// object is valid by construction and adds nothing).
func appendPairs(pairs [][2]string, v js.Value) [][2]string {
	if !isObject(v) || v.InstanceOf(headersClass) {
		return pairs
	}
	list := v
	if !arrayIsArray.Invoke(v).Bool() {
		list = objectEntries.Invoke(v)
	}
	for i, n := 0, min(list.Length(), 1000); i < n; i++ {
		p := list.Index(i)
		if isObject(p) && p.Length() == 2 {
			pairs = append(pairs, [2]string{jsString(p.Index(0)), jsString(p.Index(1))})
		}
	}
	return pairs
}

// jsString is String(v).
func jsString(v js.Value) string {
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

// validHeaderValue reports whether fetch accepts value: no NUL, CR or LF,
// and no character above U+00FF (a ByteString).
func validHeaderValue(value string) bool {
	for _, r := range value {
		if r == 0 || r == '\r' || r == '\n' || r > 0xFF {
			return false
		}
	}
	return true
}
