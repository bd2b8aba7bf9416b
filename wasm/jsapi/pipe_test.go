//go:build js && wasm

package jsapi

import (
	"syscall/js"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/internal/records"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// feedOnce does what a pump does for one piece: copy it into the input
// buffer and call the export.
func feedOnce(t *testing.T, p *pipe, h int32, piece string) int32 {
	t.Helper()
	require.LessOrEqual(t, len(piece), len(p.in))
	copy(p.in, piece)
	return wasmFeed(h, int32(len(piece)))
}

func TestWasmFeedWritesRecordsAndHeader(t *testing.T) {
	parser := sse.NewParser(sse.Options{})
	p := newPipe(js.Undefined())
	p.in = make([]byte, 64)
	p.hdr[hdrInput] = addr(unsafe.Pointer(&p.in[0]))
	more := true
	p.feed = func(chunk []byte) bool {
		p.Begin()
		parser.Feed(chunk, sinkHandler{p})
		p.Flush(chunk, parser.ChunkASCII())
		return more
	}
	h := pipes.add(p)
	defer pipes.remove(h)

	n := feedOnce(t, p, h, "data: ab\n\nevent: t\ndata: é\n\n")
	require.EqualValues(t, 2, n)
	assert.Equal(t, addr(unsafe.Pointer(&p.batch.Records[0])), p.hdr[hdrRecords])
	assert.Equal(t, addr(unsafe.Pointer(&p.batch.Side[0])), p.hdr[hdrSide])
	assert.EqualValues(t, len(p.batch.Side), p.hdr[hdrSideLen])
	assert.EqualValues(t, p.batch.ChunkStart, p.hdr[hdrChunkStart])
	assert.EqualValues(t, p.batch.ChunkEnd, p.hdr[hdrChunkEnd])
	assert.Zero(t, p.hdr[hdrStop])
	assert.Len(t, p.batch.Records, 2*records.RecordInts)

	more = false
	n = feedOnce(t, p, h, "data: x\n\n")
	assert.EqualValues(t, 1, n, "the batch is still reported")
	assert.EqualValues(t, 1, p.hdr[hdrStop], "stop: read no more")

	n = feedOnce(t, p, h, "")
	assert.Zero(t, n)
	assert.Zero(t, p.hdr[hdrRecords], "no records: no address")
}

func TestWasmFeedRefusesWhatIsNotAnAttempt(t *testing.T) {
	p := newPipe(js.Undefined())
	p.in = make([]byte, 8)
	p.feed = func([]byte) bool { t.Fatal("fed"); return false }
	h := pipes.add(p)
	assert.EqualValues(t, -1, wasmFeed(h, 9), "longer than the input buffer")
	assert.EqualValues(t, -1, wasmFeed(h, -1), "negative")
	pipes.remove(h)
	assert.EqualValues(t, -1, wasmFeed(h, 1), "a handle whose attempt ended")
	assert.EqualValues(t, -1, wasmFeed(0, 1), "no handle")
	assert.Zero(t, pipes.size())
}

func TestWasmFeedRecoversAPanic(t *testing.T) {
	p := newPipe(js.Undefined())
	p.in = make([]byte, 8)
	p.feed = func([]byte) bool { panic("bug") }
	h := pipes.add(p)
	defer pipes.remove(h)
	assert.EqualValues(t, -1, wasmFeed(h, 1))
	assert.True(t, p.broken, "the attempt fails with errBroken")
}

func TestPipeTableHandles(t *testing.T) {
	a, b := newPipe(js.Undefined()), newPipe(js.Undefined())
	ha, hb := pipes.add(a), pipes.add(b)
	assert.NotEqual(t, ha, hb)
	assert.Same(t, a, pipes.get(ha))
	assert.Same(t, b, pipes.get(hb))
	assert.Same(t, a, pipes.get(ha), "the cached last handle")
	pipes.remove(ha)
	assert.Nil(t, pipes.get(ha), "a removed handle, also when it was the cached one")
	pipes.remove(hb)
	hc := pipes.add(a)
	assert.Greater(t, hc, hb, "handles are not reused")
	pipes.remove(hc)
	pipes.next = 1<<31 - 1
	hw := pipes.add(a)
	assert.EqualValues(t, 1, hw, "wraps past 2^31 to 1")
	pipes.remove(hw)
}

// sinkHandler stands in for the client's tap: it hands each event to the pipe.
type sinkHandler struct{ p *pipe }

func (s sinkHandler) OnEvent(e *sse.RawEvent) { s.p.OnEvent(e) }
func (sinkHandler) OnComment([]byte)          {}
func (sinkHandler) OnRetry(int)               {}
func (sinkHandler) OnError(error)             {}
