//go:build js && wasm

package jsbridge

import (
	"context"
	"errors"
	"io"
	"sync"
	"syscall/js"
)

// ErrClosed is returned by Reader.Read after Close.
var ErrClosed = errors.New("jsbridge: reader closed")

// errNotBytes is returned when a stream chunk is not a Uint8Array.
var errNotBytes = errors.New("jsbridge: stream chunk is not a Uint8Array")

// initialBufSize is the starting capacity of a Reader's buffer: a chunk that
// fits is copied with one crossing and no length lookup.
const initialBufSize = 64 << 10

// readResult is what a read() callback hands to Read.
type readResult struct {
	chunk    js.Value // the Uint8Array, or the rejection reason
	done     bool
	rejected bool
}

// Reader reads a ReadableStream of Uint8Array chunks (a fetch body) from Go.
//
// It creates one resolve/reject callback pair per stream, on the first Read,
// and reuses it for every read(); the pair is released when the stream ends,
// fails, or is closed (once any pending read has settled). Each chunk is
// copied once into a buffer the Reader reuses.
//
// Read must not be called concurrently with itself; Close may be called from
// any goroutine, also while a Read waits.
type Reader struct {
	mu       sync.Mutex
	reader   js.Value // ReadableStreamDefaultReader
	read     js.Value // reader.read bound to reader: read.Invoke() == reader.read()
	onResult Func
	onError  Func
	ch       chan readResult // capacity 1: at most one read() in flight

	inFlight bool  // a read() whose callback has not run yet
	waiting  bool  // a read() whose result Read has not taken yet
	finished bool  // the stream ended or failed (callbacks released)
	closed   bool  // Close was called
	err      error // sticky: io.EOF or the read error

	buf []byte
}

// NewReader locks body (a ReadableStream) with body.getReader(). When body
// is not a stream, or is already locked, the error is returned by the first
// Read.
func NewReader(body js.Value) *Reader {
	r := &Reader{ch: make(chan readResult, 1)}
	if err := r.open(body); err != nil {
		r.err = err
		r.finished = true
	}
	return r
}

// open gets the reader and binds its read method.
func (r *Reader) open(body js.Value) (err error) {
	defer Recover(&err)
	if !isObject(body) {
		return errors.New("jsbridge: body is not a ReadableStream")
	}
	r.reader = body.Call("getReader")
	r.read = prop(r.reader, keyRead).Call("bind", r.reader)
	return nil
}

// Read waits for the next chunk. data is the chunk's bytes, valid until the
// next Read; chunk is the JavaScript Uint8Array itself. At the end of the
// stream it returns io.EOF; a stream error (an abort included, see IsAbort)
// is returned as an *Error, and every later Read returns the same error.
//
// When ctx is done first, Read returns ctx.Err() at once; the read() stays
// pending and its chunk is returned by the next Read, so no data is lost.
// After Close, Read returns ErrClosed.
func (r *Reader) Read(ctx context.Context) (data []byte, chunk js.Value, err error) {
	if err := r.start(ctx); err != nil {
		return nil, js.Undefined(), err
	}
	select {
	case res := <-r.ch:
		return r.take(res)
	case <-ctx.Done():
		return nil, js.Undefined(), ctx.Err()
	}
}

// start issues a read() unless one is already waiting to be taken.
func (r *Reader) start(ctx context.Context) (err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return ErrClosed
	}
	if r.waiting {
		return nil
	}
	if r.err != nil {
		return r.err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			err = r.failLocked(panicToError(p))
		}
	}()
	if r.onResult.released == nil {
		r.onResult = FuncOf(r.fulfilled)
		r.onError = FuncOf(r.rejected)
	}
	promiseThen.Invoke(r.read.Invoke(), r.onResult.Value, r.onError.Value)
	r.inFlight, r.waiting = true, true
	return nil
}

// fulfilled is the reused resolve callback: it reads done and value from the
// {done, value} result (cached keys, no name conversion) and hands them to
// Read.
func (r *Reader) fulfilled(_ js.Value, args []js.Value) any {
	res := arg(args, 0)
	var out readResult
	if isObject(res) {
		out.done = reflectGet.Invoke(res, keyDone).Truthy()
		if !out.done {
			out.chunk = reflectGet.Invoke(res, keyValue)
		}
	} else {
		out.done = true
	}
	r.settled(out)
	return nil
}

// rejected is the reused reject callback.
func (r *Reader) rejected(_ js.Value, args []js.Value) any {
	r.settled(readResult{chunk: arg(args, 0), rejected: true})
	return nil
}

// settled records that the read() in flight settled, releases the callbacks
// when no further read() will be made, and hands the result over.
func (r *Reader) settled(res readResult) {
	r.mu.Lock()
	r.inFlight = false
	if res.done || res.rejected || r.closed {
		r.releaseLocked()
	}
	r.mu.Unlock()
	r.ch <- res // capacity 1, one read() in flight at a time: never blocks
}

// take turns a read result into Read's results.
func (r *Reader) take(res readResult) (data []byte, chunk js.Value, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.waiting = false
	switch {
	case r.closed:
		return nil, js.Undefined(), ErrClosed
	case res.rejected:
		return nil, js.Undefined(), r.failLocked(ErrorFrom(res.chunk))
	case res.done:
		return nil, js.Undefined(), r.failLocked(io.EOF)
	}
	data, err = r.copyChunk(res.chunk)
	if err != nil {
		r.cancelLocked()
		return nil, js.Undefined(), r.failLocked(err)
	}
	return data, res.chunk, nil
}

// copyChunk copies the Uint8Array chunk into the reused buffer: one
// crossing when it fits, a length lookup and a second copy when it does not.
func (r *Reader) copyChunk(chunk js.Value) (data []byte, err error) {
	defer func() {
		if recover() != nil {
			data, err = nil, errNotBytes
		}
	}()
	if r.buf == nil {
		r.buf = make([]byte, initialBufSize)
	}
	n := js.CopyBytesToGo(r.buf, chunk)
	if n < len(r.buf) {
		return r.buf[:n], nil
	}
	size := reflectGet.Invoke(chunk, keyByteLength).Int()
	if size <= len(r.buf) {
		return r.buf[:n], nil
	}
	r.buf = make([]byte, max(size, 2*len(r.buf)))
	n = js.CopyBytesToGo(r.buf, chunk)
	return r.buf[:n], nil
}

// Close cancels the stream (reader.cancel()), so the rest of the body is not
// downloaded, and releases the callbacks, at once or, when a read() is
// pending, as soon as it settles. Close is idempotent and never panics.
func (r *Reader) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	r.closed = true
	if !r.finished {
		r.cancelLocked()
	}
	if !r.inFlight {
		r.releaseLocked()
	}
}

// failLocked records a sticky error, releases the callbacks when no read()
// is in flight, and returns the error.
func (r *Reader) failLocked(err error) error {
	if r.err == nil {
		r.err = err
	}
	if !r.inFlight {
		r.releaseLocked()
	}
	return err
}

// cancelLocked calls reader.cancel(), ignoring its outcome.
func (r *Reader) cancelLocked() {
	defer func() { _ = recover() }()
	if !isObject(r.reader) {
		return
	}
	ignoreRejection(r.reader.Call("cancel"))
}

// releaseLocked releases the callback pair; no read() may be issued after.
func (r *Reader) releaseLocked() {
	r.finished = true
	r.onResult.Release()
	r.onError.Release()
}
