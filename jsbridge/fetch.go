//go:build js && wasm

package jsbridge

import (
	"errors"
	"syscall/js"
)

// errNotFunction is returned by Fetch when neither fetchFn nor
// globalThis.fetch is a function.
var errNotFunction = errors.New("jsbridge: fetch is not a function")

// errNotResponse is returned by Fetch when the fetch function fulfils with
// something that is not an object.
var errNotResponse = errors.New("jsbridge: fetch did not return a Response")

// Response is a fetch Response, with the fields read once.
type Response struct {
	// Value is the JavaScript Response object.
	Value js.Value
	// Status is the HTTP status code (0 for opaque responses).
	Status int
	// StatusText is the status message ("" over HTTP/2).
	StatusText string
	// URL is the final URL after redirects.
	URL string
	// Redirected reports whether the response is the result of a redirect.
	Redirected bool
	// Headers is the Headers object.
	Headers js.Value
	// Body is the ReadableStream of the body, or null when there is none.
	Body js.Value
}

// Header returns the value of the named header (comma-joined when repeated),
// or "" when it is absent or the name is invalid.
func (r Response) Header(name string) (value string) {
	defer func() {
		if recover() != nil {
			value = ""
		}
	}()
	if !isObject(r.Headers) {
		return ""
	}
	v := r.Headers.Call("get", name)
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// Text reads at most limit bytes of the body, cancels the rest of it, and
// returns them decoded as UTF-8 like TextDecoder (each invalid sequence
// becomes U+FFFD), except that a character cut by the limit is dropped. A
// null body, or limit <= 0, gives "" (the body is still cancelled). On a read error it returns
// the text read so far together with the error.
func (r Response) Text(ctx Context, limit int) (text string, err error) {
	if isNullish(r.Body) {
		return "", nil
	}
	var out []byte
	defer func() { text = decodeUTF8(out) }() // every return: the text read so far
	defer Recover(&err)
	reader, err := GetReader(r.Body)
	if err != nil {
		return "", err
	}
	defer CancelReader(reader)
	// A plain read() loop: an excerpt is a chunk or two, so the Reader's
	// per-chunk machinery (made for streaming) is not needed here.
	read := prop(reader, keyRead)
	for len(out) < limit {
		res, err := Await(ctx, read.Call("call", reader))
		if err != nil {
			return "", err
		}
		if prop(res, keyDone).Truthy() {
			break
		}
		chunk := prop(res, keyValue)
		if !chunk.InstanceOf(uint8Ctor) {
			return "", errNotBytes
		}
		n := min(prop(chunk, keyByteLength).Int(), limit-len(out))
		buf := make([]byte, n)
		js.CopyBytesToGo(buf, chunk)
		out = append(out, buf...)
	}
	return "", nil
}

// Fetch calls fetchFn(url, init) with an undefined receiver (page functions
// such as fetch throw "Illegal invocation" on another one); when fetchFn is
// undefined or null it uses globalThis.fetch, looked up at each call so a
// fetch replaced by the page (a mock, a polyfill) is honoured. init is passed
// through unchanged: build it with the RequestInit fields you need (method,
// headers, body, credentials, mode, cache, redirect, referrer,
// referrerPolicy, integrity, keepalive, priority, signal...); undefined is
// fine.
//
// Fetch returns when the response headers have arrived. A rejection
// (network error, abort, a throwing fetchFn) is returned as an *Error; use
// the signal to cancel the request. When ctx is done first, Fetch returns
// ctx.Err() at once and, should the response still arrive, cancels its body
// so the connection is not left open; it does not abort the request itself
// (abort the signal in init for that).
func Fetch(ctx Context, fetchFn js.Value, url string, init js.Value) (resp Response, err error) {
	defer Recover(&err)
	if err := ctx.Err(); err != nil {
		return Response{}, err
	}
	fn := fetchFn
	if isNullish(fn) {
		fn = prop(global, keyFetch)
	}
	if fn.Type() != js.TypeFunction {
		return Response{}, errNotFunction
	}
	v, err := await(ctx, fn.Invoke(url, init), cancelBody)
	if err != nil {
		return Response{}, err
	}
	if !isObject(v) {
		return Response{}, errNotResponse
	}
	return responseOf(v), nil
}

// responseOf reads the fields of the Response object v.
func responseOf(v js.Value) Response {
	r := Response{
		Value:   v,
		Headers: prop(v, keyHeaders),
		Body:    prop(v, keyBody),
	}
	if s := prop(v, keyStatus); s.Type() == js.TypeNumber {
		r.Status = s.Int()
	}
	if s := prop(v, keyStatusText); s.Type() == js.TypeString {
		r.StatusText = s.String()
	}
	if s := prop(v, keyURL); s.Type() == js.TypeString {
		r.URL = s.String()
	}
	r.Redirected = prop(v, keyRedirected).Truthy()
	return r
}

// cancelBody cancels the body of a Response nobody will read. It never
// panics.
func cancelBody(v js.Value) {
	defer func() { _ = recover() }()
	if !isObject(v) {
		return
	}
	if body := prop(v, keyBody); isObject(body) && !prop(body, keyLocked).Truthy() {
		ignoreRejection(body.Call("cancel"))
	}
}
