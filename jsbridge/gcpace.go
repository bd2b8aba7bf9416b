//go:build js && wasm

package jsbridge

import (
	"runtime"
	"sync/atomic"
)

// collectEvery is how many bytes of stream chunks the program's Readers
// take in between two forced collections.
//
// Each chunk reaches Go as a js.Value, and the JavaScript Uint8Array stays
// alive until Go's collector finalizes that value. The Go heap grows by a
// few hundred bytes per chunk, so the collector's pacing, which only sees
// the Go heap, lets hundreds of MB of chunks pile up in JavaScript between
// two cycles (measured: 150 MiB in Chromium, 280 MiB and growing in Node,
// during a full-rate stream). Collecting after every few MB of chunks
// bounds that memory; a cycle over the small heap of a stream costs far
// less than copying the bytes that triggered it.
const collectEvery = 8 << 20

var chunkBytes atomic.Int64

// noteChunk counts n bytes of chunk data and runs the collector when
// collectEvery bytes have been seen since the last time.
func noteChunk(n int) {
	if chunkBytes.Add(int64(n)) < collectEvery {
		return
	}
	chunkBytes.Store(0)
	runtime.GC()
}
