//go:build js && wasm

package jsapi

// The functions JavaScript calls directly, as plain wasm exports: the hot
// path of a stream. Each one runs synchronously on the caller's stack. It
// must never block or wait for another goroutine (a goroutine it wakes
// runs only when Go is next resumed by an event), and it must not panic
// (a panic here would end the Go program): every one recovers.

// wasmsse_feed parses the first n bytes of the input buffer of the
// attempt registered as handle h (the pump copied the next piece of the
// body there) and writes the events it completed as records (see
// PROTOCOL.md). It returns the number of events, whose records and side
// buffer the header locates, or -1 when h names no attempt being pumped
// (the attempt is over: the pump must stop without reading further).
//
// Memory: the input buffer, the header, the records and the side buffer
// belong to Go; JS writes only the input buffer, only before this call,
// and reads the rest only until its next call into Go (this call may grow
// the wasm memory: JS re-creates its views of memory.buffer after it).
//
//go:wasmexport wasmsse_feed
func wasmFeed(h, n int32) (events int32) {
	p := pipes.get(h)
	if p == nil || p.feed == nil || n < 0 || int(n) > len(p.in) {
		return -1
	}
	defer func() {
		if recover() != nil {
			p.broken = true
			events = -1
		}
	}()
	more := p.feed(p.in[:n])
	p.publish(more)
	return int32(p.batch.N)
}
