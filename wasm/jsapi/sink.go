//go:build js && wasm

package jsapi

import (
	"syscall/js"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// batchSink sends each chunk's events to the shim's onbatch hook in one
// call (see PROTOCOL.md). The JS arrays it fills are reused and grow by
// doubling, so a steady stream makes no allocation per chunk.
type batchSink struct {
	onbatch js.Value
	b       client.Batch
	recsU8  js.Value
	recsI32 js.Value
	sideU8  js.Value
	recsCap int
	sideCap int
}

func newBatchSink(onbatch js.Value) *batchSink {
	return &batchSink{onbatch: onbatch}
}

// Begin implements client.Sink.
func (k *batchSink) Begin() { k.b.Reset() }

// OnEvent implements client.Sink.
func (k *batchSink) OnEvent(e *sse.RawEvent) { k.b.Add(e) }

// Flush implements client.Sink.
func (k *batchSink) Flush(data []byte, chunk js.Value, ascii bool) (err error) {
	if k.b.N == 0 {
		return nil
	}
	defer jsbridge.Recover(&err)
	k.b.Finish(data, ascii)
	if n := len(k.b.Records); n > k.recsCap {
		k.recsCap = grow(k.recsCap, n)
		k.recsU8 = jsbridge.NewUint8Array(k.recsCap)
		k.recsI32 = jsbridge.NewInt32ArrayOn(k.recsU8)
	}
	js.CopyBytesToJS(k.recsU8, k.b.Records)
	if n := len(k.b.Side); n > 0 {
		if n > k.sideCap {
			k.sideCap = grow(k.sideCap, n)
			k.sideU8 = jsbridge.NewUint8Array(k.sideCap)
		}
		js.CopyBytesToJS(k.sideU8, k.b.Side)
	}
	side := k.sideU8
	if side.IsUndefined() {
		side = js.Null()
	}
	k.onbatch.Invoke(chunk, k.b.ChunkStart, k.b.ChunkEnd, k.b.N, k.recsI32, side, len(k.b.Side))
	return nil
}

func grow(have, need int) int {
	if have < 256 {
		have = 256
	}
	for have < need {
		have *= 2
	}
	return have
}
