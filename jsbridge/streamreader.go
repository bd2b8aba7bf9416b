//go:build js && wasm

package jsbridge

import (
	"errors"
	"syscall/js"
)

// GetReader locks body (a ReadableStream, such as a fetch body) with
// body.getReader() and returns the ReadableStreamDefaultReader, for code
// that reads the stream outside Go. A value that is not a stream, or a
// locked stream, is an error.
func GetReader(body js.Value) (reader js.Value, err error) {
	defer Recover(&err)
	if !isObject(body) {
		return js.Undefined(), errors.New("jsbridge: body is not a ReadableStream")
	}
	return body.Call("getReader"), nil
}

// CancelReader calls reader.cancel(), so the rest of the body is not
// downloaded, and ignores the outcome (a rejection included). It never
// panics; a value that is not an object is ignored.
func CancelReader(reader js.Value) {
	defer func() { _ = recover() }()
	if !isObject(reader) {
		return
	}
	ignoreRejection(reader.Call("cancel"))
}
