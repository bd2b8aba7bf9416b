//go:build js && wasm

package jsapi

import (
	"errors"
	"syscall/js"
	"unsafe"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/internal/records"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// inputSize is the size of a stream's input buffer: the shim feeds larger
// chunks in pieces of at most this many bytes.
const inputSize = 64 << 10

// Indexes of a pipe's header, the int32 area the shim reads after every
// call of wasmsse_feed (see PROTOCOL.md).
const (
	hdrInput      = iota // address of the input buffer
	hdrInputCap          // its size in bytes
	hdrRecords           // address of the records (RecordInts int32 per event)
	hdrSide              // address of the side buffer
	hdrSideLen           // bytes of the side buffer in use
	hdrChunkStart        // the piece's range holding in-chunk data: start
	hdrChunkEnd          // and end (bytes)
	hdrStop              // 1: the attempt is over after this batch; read no more
	hdrInts
)

// pipe connects one stream to the shim's pump hook. It is the stream's
// client.Sink (the events of each chunk become records in Go memory that
// the shim reads in place) and its client.Handler.Pump (the shim reads
// the body and feeds each chunk through wasmsse_feed).
type pipe struct {
	pump  js.Value // hooks.pump(handle, reader, headerAddress) → Promise
	batch records.Batch
	in    []byte
	hdr   [hdrInts]int32
	feed  client.Feed // of the attempt being pumped, nil between attempts
	// broken is set when feeding panicked (a bug): the attempt fails.
	broken bool
}

// errBroken fails an attempt whose feeding panicked.
var errBroken = errors.New("jsapi: parsing a chunk failed unexpectedly")

func newPipe(pump js.Value) *pipe { return &pipe{pump: pump} }

// Begin implements client.Sink.
func (p *pipe) Begin() { p.batch.Reset() }

// OnEvent implements client.Sink.
func (p *pipe) OnEvent(e *sse.RawEvent) { p.batch.Add(e) }

// Flush implements client.Sink; the records are complete as added.
func (p *pipe) Flush([]byte, bool) {}

// publish writes where the last batch is into the header.
func (p *pipe) publish(more bool) {
	b := &p.batch
	h := &p.hdr
	h[hdrRecords], h[hdrSide], h[hdrSideLen] = 0, 0, int32(len(b.Side))
	if b.N > 0 {
		h[hdrRecords] = addr(unsafe.Pointer(&b.Records[0]))
	}
	if len(b.Side) > 0 {
		h[hdrSide] = addr(unsafe.Pointer(&b.Side[0]))
	}
	h[hdrChunkStart], h[hdrChunkEnd] = int32(b.ChunkStart), int32(b.ChunkEnd)
	h[hdrStop] = 0
	if !more {
		h[hdrStop] = 1
	}
}

// Pump implements client.Handler.Pump: it registers the attempt under a new
// handle, calls the shim's pump hook and waits for its promise. The hook
// resolves with undefined when the body ended or Go said to stop, resolves
// with {thrown, lastEventId} when a user callback threw while events were
// dispatched, and rejects with the read error.
func (p *pipe) Pump(ctx client.Context, reader js.Value, feed client.Feed) (err error) {
	if p.in == nil {
		p.in = make([]byte, inputSize)
		p.hdr[hdrInput] = addr(unsafe.Pointer(&p.in[0]))
		p.hdr[hdrInputCap] = inputSize
	}
	p.feed, p.broken = feed, false
	h := pipes.add(p)
	defer func() {
		pipes.remove(h)
		p.feed = nil
	}()
	v, err := call(p.pump, h, reader, addr(unsafe.Pointer(&p.hdr[0])))
	if err != nil {
		return err
	}
	v, err = jsbridge.Await(ctx, v)
	switch {
	case p.broken:
		return errBroken
	case err != nil:
		return err
	}
	if v.Type() == js.TypeObject {
		return &client.DispatchError{Err: jsbridge.ErrorFrom(v.Get("thrown")), LastEventID: str(v.Get("lastEventId"))}
	}
	return nil
}

// addr is the wasm memory address of a Go object (Go's heap does not move
// objects, so it stays valid while the object is referenced).
func addr(ptr unsafe.Pointer) int32 { return int32(uintptr(ptr)) }

// pipeTable maps the handles given to the shim's pump to the pipes whose
// attempt is being pumped. A handle is never reused, so a pump that calls
// wasmsse_feed after its attempt ended finds nothing and stops.
//
// It has no lock: js/wasm runs one thread, and JavaScript, which calls
// wasmsse_feed from a pump's promise continuation, runs only while every
// goroutine is parked at a blocking point (Go returns to the host only
// then), never in the middle of add or remove.
type pipeTable struct {
	next  int32
	m     map[int32]*pipe
	lastH int32 // the last handle looked up, and its pipe: a stream's
	lastP *pipe // chunks come one after another
}

var pipes = pipeTable{m: map[int32]*pipe{}}

func (t *pipeTable) add(p *pipe) int32 {
	t.next++
	if t.next <= 0 { // wrapped after 2^31 attempts: skip 0 and negatives
		t.next = 1
	}
	t.m[t.next] = p
	return t.next
}

func (t *pipeTable) remove(h int32) {
	delete(t.m, h)
	if h == t.lastH {
		t.lastH, t.lastP = 0, nil
	}
}

func (t *pipeTable) get(h int32) *pipe {
	if h == t.lastH && h != 0 {
		return t.lastP
	}
	p := t.m[h]
	if p != nil {
		t.lastH, t.lastP = h, p
	}
	return p
}

// size returns the number of attempts being pumped (tests).
func (t *pipeTable) size() int { return len(t.m) }
