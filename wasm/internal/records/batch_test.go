package records_test

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/internal/corpus"
	"github.com/wasm-sse/wasm-sse/wasm/internal/records"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// record is one decoded Records entry.
type record struct {
	flags, ds, de, ts, te, is, ie, retry int32
}

func decoded(t *testing.T, b *records.Batch) []record {
	t.Helper()
	require.Len(t, b.Records, b.N*records.RecordInts)
	out := make([]record, b.N)
	for r := range out {
		out[r] = record{b.Record(r, 0), b.Record(r, 1), b.Record(r, 2), b.Record(r, 3),
			b.Record(r, 4), b.Record(r, 5), b.Record(r, 6), b.Record(r, 7)}
	}
	return out
}

// fill parses chunk (one Feed on a fresh parser, or p) into b and finishes it.
func fill(p *sse.Parser, b *records.Batch, chunk string) {
	b.Reset()
	p.Feed([]byte(chunk), batchHandler{b})
}

func TestBatchRecordLayoutASCII(t *testing.T) {
	var b records.Batch
	p := sse.NewParser(sse.Options{})
	chunk := "data: a\n\n:c\ndata: bc\nretry: 7\n\n"
	fill(p, &b, chunk)
	require.Equal(t, 2, b.N)
	assert.Equal(t, 6, b.ChunkStart, "the range starts at the first in-chunk data")
	assert.Equal(t, strings.Index(chunk, "bc")+2, b.ChunkEnd)
	bcAt := int32(strings.Index(chunk, "bc") - 6)
	assert.Equal(t, []record{
		{flags: records.FlagDataInChunk | records.FlagID, ds: 0, de: 1, retry: -1}, // first event: the ID "changed" to ""
		{flags: records.FlagDataInChunk, ds: bcAt, de: bcAt + 2, retry: 7},
	}, decoded(t, &b))
	assert.Empty(t, b.Side)
}

func TestBatchTypeDedupe(t *testing.T) {
	var b records.Batch
	p := sse.NewParser(sse.Options{})
	fill(p, &b, "event: x\ndata: 1\n\nevent: x\ndata: 2\n\nevent: yy\ndata: 3\n\nevent: x\ndata: 4\n\ndata: 5\n\n")
	rs := decoded(t, &b)
	require.Len(t, rs, 5)
	assert.Equal(t, "xyyx", string(b.Side), "a type repeated from the previous typed event is not written again")
	assert.Equal(t, [2]int32{0, 1}, [2]int32{rs[0].ts, rs[0].te})
	assert.Equal(t, [2]int32{0, 1}, [2]int32{rs[1].ts, rs[1].te})
	assert.Equal(t, [2]int32{1, 3}, [2]int32{rs[2].ts, rs[2].te})
	assert.Equal(t, [2]int32{3, 4}, [2]int32{rs[3].ts, rs[3].te})
	for i := 0; i < 4; i++ {
		assert.NotZero(t, rs[i].flags&records.FlagType, "event %d", i)
	}
	assert.Zero(t, rs[4].flags&records.FlagType, "no type: message")
}

func TestBatchIDChange(t *testing.T) {
	var b records.Batch
	p := sse.NewParser(sse.Options{LastEventID: "7"})
	fill(p, &b, "data: a\n\nid: 8\ndata: b\n\ndata: c\n\nid: 8\ndata: d\n\nid\ndata: e\n\n")
	rs := decoded(t, &b)
	require.Len(t, rs, 5)
	side := utf16.Encode([]rune(string(b.Side)))
	idOf := func(r record) string { return string(utf16.Decode(side[r.is:r.ie])) }
	assert.NotZero(t, rs[0].flags&records.FlagID, "first event carries the initial ID")
	assert.Equal(t, "7", idOf(rs[0]))
	assert.NotZero(t, rs[1].flags&records.FlagID)
	assert.Equal(t, "8", idOf(rs[1]))
	assert.Zero(t, rs[2].flags&records.FlagID, "unchanged ID")
	assert.Zero(t, rs[3].flags&records.FlagID, "the same ID again is no change")
	assert.NotZero(t, rs[4].flags&records.FlagID, "an empty id resets")
	assert.Equal(t, "", idOf(rs[4]))
	assert.Equal(t, "78", string(b.Side))
	own := []bool{false, true, false, true, true}
	for i, r := range rs {
		assert.Equal(t, own[i], r.flags&records.FlagOwnID != 0, "event %d: FlagOwnID marks a block with its own id field", i)
	}
}

func TestBatchRetryClamped(t *testing.T) {
	var b records.Batch
	fill(sse.NewParser(sse.Options{}), &b, "retry: 99999999999999\ndata: a\n\n")
	rs := decoded(t, &b)
	require.Len(t, rs, 1)
	assert.Equal(t, int32(1<<31-1), rs[0].retry, "a retry beyond int32 saturates instead of wrapping")
}

func TestBatchUTF16OffsetsNonASCII(t *testing.T) {
	var b records.Batch
	p := sse.NewParser(sse.Options{})
	chunk := "data: é\n\n: ü comment\ndata: 😀x\n\ndata: plain\n\n"
	fill(p, &b, chunk)
	require.False(t, p.ChunkASCII())
	rs := decoded(t, &b)
	require.Len(t, rs, 3)
	text := whatwgUTF16([]byte(chunk[b.ChunkStart:b.ChunkEnd]))
	get := func(r record) string { return string(utf16.Decode(text[r.ds:r.de])) }
	assert.Equal(t, "é", get(rs[0]))
	assert.Equal(t, int32(0), rs[0].ds)
	assert.Equal(t, int32(1), rs[0].de, "é is one UTF-16 unit")
	assert.Equal(t, "😀x", get(rs[1]))
	assert.Equal(t, int32(3), rs[1].de-rs[1].ds, "😀 is a surrogate pair")
	assert.Equal(t, "plain", get(rs[2]))
	assert.Equal(t, int32(len(text)), rs[2].de)
}

func TestBatchInvalidUTF8BetweenEvents(t *testing.T) {
	var b records.Batch
	p := sse.NewParser(sse.Options{})
	// Invalid bytes in a comment and in an unknown field between two
	// in-chunk events: the shim's TextDecoder turns each maximal invalid
	// subsequence into one U+FFFD, and the offsets must account for that.
	chunk := "data: a\n\n:\xE2\x82 \xF0\x9F\xff\nx-junk: \xC3\n" + "data: b\xc3\xa9\n\n"
	fill(p, &b, chunk)
	rs := decoded(t, &b)
	require.Len(t, rs, 2)
	text := whatwgUTF16([]byte(chunk[b.ChunkStart:b.ChunkEnd]))
	assert.Equal(t, "bé", string(utf16.Decode(text[rs[1].ds:rs[1].de])))
}

func TestBatchSideBuffer(t *testing.T) {
	var b records.Batch
	p := sse.NewParser(sse.Options{})
	// The first event has two data lines (joined in Go), the second has
	// invalid UTF-8 (replaced in Go), the third one line: only it stays in
	// the chunk.
	chunk := "data: é\ndata: 😀\n\ndata: \xff!\n\ndata: in\n\n"
	fill(p, &b, chunk)
	rs := decoded(t, &b)
	require.Len(t, rs, 3)
	assert.Zero(t, rs[0].flags&records.FlagDataInChunk)
	assert.Zero(t, rs[1].flags&records.FlagDataInChunk)
	assert.NotZero(t, rs[2].flags&records.FlagDataInChunk)
	assert.Equal(t, "é\n😀"+"\uFFFD!", string(b.Side))
	assert.Equal(t, [2]int32{0, 4}, [2]int32{rs[0].ds, rs[0].de}, "side offsets are UTF-16 units")
	assert.Equal(t, [2]int32{4, 6}, [2]int32{rs[1].ds, rs[1].de})
	assert.Equal(t, chunk[b.ChunkStart:b.ChunkEnd], "in")
}

func TestBatchEventAcrossChunks(t *testing.T) {
	var b records.Batch
	p := sse.NewParser(sse.Options{})
	fill(p, &b, "event: t\ndata: spl")
	assert.Equal(t, 0, b.N)
	fill(p, &b, "it\n\ndata: next\n\n")
	rs := decoded(t, &b)
	require.Len(t, rs, 2)
	assert.Zero(t, rs[0].flags&records.FlagDataInChunk, "an event that spans chunks goes to the side buffer")
	assert.Equal(t, "split"+"t", string(b.Side))
	assert.NotZero(t, rs[0].flags&records.FlagType)
	assert.NotZero(t, rs[1].flags&records.FlagDataInChunk)
	assert.Equal(t, [2]int32{0, 4}, [2]int32{rs[1].ds, rs[1].de})
}

func TestBatchResetKeepsNothing(t *testing.T) {
	var b records.Batch
	p := sse.NewParser(sse.Options{})
	fill(p, &b, "event: x\ndata: a\ndata: b\n\n")
	require.Equal(t, 1, b.N)
	fill(p, &b, "event: x\ndata: c\n\n")
	rs := decoded(t, &b)
	require.Len(t, rs, 1)
	assert.Equal(t, "x", string(b.Side), "the type is written again in a new batch")
	assert.Equal(t, [2]int32{0, 1}, [2]int32{rs[0].ts, rs[0].te})
	b.Reset()
	assert.Zero(t, b.N)
	assert.Empty(t, b.Records)
	assert.Empty(t, b.Side)
	assert.Zero(t, b.ChunkStart)
	assert.Zero(t, b.ChunkEnd)
}

func TestBatchFinishWithoutInChunkEvents(t *testing.T) {
	var b records.Batch
	p := sse.NewParser(sse.Options{})
	fill(p, &b, "data: a\ndata: b\n\n")
	rs := decoded(t, &b)
	require.Len(t, rs, 1)
	assert.Equal(t, record{flags: records.FlagID, ds: 0, de: 3, is: 3, ie: 3, retry: -1}, rs[0], "the empty first ID is an empty range after the data")
	assert.Equal(t, 0, b.ChunkStart)
	assert.Equal(t, 0, b.ChunkEnd)
}

// TestBatchDecodeMatchesParser feeds streams in chunks of many sizes,
// encodes each chunk's events into a Batch, decodes it as the shim does,
// and compares with the parser's own events.
func TestBatchDecodeMatchesParser(t *testing.T) {
	mixed := corpus.Mixed()[:256<<10]
	streams := map[string][]byte{
		"mixed-256KiB": mixed,
		"handmade": []byte("\xEF\xBB\xBFid: α\nevent: ü\ndata: 😀 one\n\n:\xE2\x82\ndata: two\r\n\r\n" +
			"data: three\rdata: x\r\rretry: 12\nid: 4\ndata: \xF0\x9F\n\nevent: e\ndata: é\n\ndata\n\n"),
	}
	for name, data := range streams {
		want := parseAll(data, "start")
		require.NotEmpty(t, want)
		for _, size := range []int{1, 2, 3, 5, 64, 1000, 4096, 65536, len(data)} {
			if size < 16 && len(data) > 64<<10 {
				continue // tiny chunks are covered by the small stream
			}
			f := newBatchFeeder("start", whatwgUTF16)
			for off := 0; off < len(data); off += size {
				f.feed(data[off:min(off+size, len(data))])
			}
			require.NoError(t, f.err, "%s size %d", name, size)
			require.Equal(t, len(want), len(f.events), "%s size %d", name, size)
			for i := range want {
				if want[i] != f.events[i] {
					require.Equal(t, want[i], f.events[i], "%s size %d event %d", name, size, i)
				}
			}
		}
	}
}

func TestWhatwgUTF16(t *testing.T) {
	// The test decoder itself, against sse.UTF16Len and known cases.
	for in, want := range map[string]string{
		"a\xE2\x82A":           "a\uFFFDA",
		"\xF0\x9F\x98\x80":     "😀",
		"\xF0\x9F\x98":         "\uFFFD",
		"\xC0\xAF":             "\uFFFD\uFFFD",
		"\xED\xA0\x80":         "\uFFFD\uFFFD\uFFFD",
		"\xF4\x90\x80\x80":     "\uFFFD\uFFFD\uFFFD\uFFFD",
		"é\xff":                "é\uFFFD",
		"\xE0\x80":             "\uFFFD\uFFFD",
		"\xF1\x80\x80\xE1\x80": "\uFFFD\uFFFD",
	} {
		got := whatwgUTF16([]byte(in))
		assert.Equal(t, want, string(utf16.Decode(got)), "%q", in)
		assert.Equal(t, sse.UTF16Len([]byte(in)), len(got), "%q", in)
	}
}
