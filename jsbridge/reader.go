//go:build js && wasm

package jsbridge

import (
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
	if r.reader, err = GetReader(body); err != nil {
		return err
	}
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
func (r *Reader) Read(ctx Context) (data []byte, chunk js.Value, err error) {
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

// start issues a read() unless one is already waiting to be taken. No lock
// is held while JavaScript runs, so a stream source that calls back into Go
// (and Close) synchronously cannot deadlock.
func (r *Reader) start(ctx Context) error {
	r.mu.Lock()
	switch {
	case r.closed:
		r.mu.Unlock()
		return ErrClosed
	case r.waiting:
		r.mu.Unlock()
		return nil
	case r.err != nil:
		r.mu.Unlock()
		return r.err
	case ctx.Err() != nil:
		r.mu.Unlock()
		return ctx.Err()
	}
	if r.onResult.released == nil {
		r.onResult = FuncOf(r.fulfilled)
		r.onError = FuncOf(r.rejected)
	}
	r.inFlight, r.waiting = true, true
	r.mu.Unlock()

	if err := r.issue(); err != nil {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.inFlight, r.waiting = false, false
		return r.failLocked(err)
	}
	return nil
}

// issue calls reader.read().then(onResult, onError).
func (r *Reader) issue() (err error) {
	defer Recover(&err)
	promiseThen.Invoke(r.read.Invoke(), r.onResult.Value, r.onError.Value)
	return nil
}

// fulfilled is the reused resolve callback: it reads done and value from the
// {done, value} result (cached keys, no name conversion) and hands them to
// Read.
func (r *Reader) fulfilled(_ js.Value, args []js.Value) any {
	r.settled(resultOf(arg(args, 0)))
	return nil
}

// resultOf reads a {done, value} read result; a result that cannot be read
// becomes a rejection.
func resultOf(res js.Value) (out readResult) {
	defer func() {
		if p := recover(); p != nil {
			out = readResult{chunk: toJSError(panicToError(p)), rejected: true}
		}
	}()
	if !isObject(res) {
		return readResult{done: true}
	}
	out.done = prop(res, keyDone).Truthy()
	if !out.done {
		out.chunk = prop(res, keyValue)
	}
	return out
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
	r.waiting = false
	switch {
	case r.closed:
		err = ErrClosed
	case res.rejected:
		err = r.failLocked(ErrorFrom(res.chunk))
	case res.done:
		err = r.failLocked(io.EOF)
	}
	r.mu.Unlock()
	if err != nil {
		return nil, js.Undefined(), err
	}
	data, err = r.copyChunk(res.chunk)
	noteChunk(len(data))
	if err != nil {
		r.cancel()
		r.mu.Lock()
		defer r.mu.Unlock()
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
	size := prop(chunk, keyByteLength).Int()
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
	if r.closed {
		r.mu.Unlock()
		return
	}
	r.closed = true
	cancel := !r.finished
	if !r.inFlight {
		r.releaseLocked()
	}
	r.mu.Unlock()
	if cancel {
		r.cancel()
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

// cancel calls reader.cancel(), ignoring its outcome. It is called without
// the lock held: the stream source's cancel runs synchronously.
func (r *Reader) cancel() { CancelReader(r.reader) }

// releaseLocked releases the callback pair; no read() may be issued after.
func (r *Reader) releaseLocked() {
	r.finished = true
	r.onResult.Release()
	r.onError.Release()
}
