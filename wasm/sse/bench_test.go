package sse_test

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/internal/corpus"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// countHandler is a Handler that does not allocate: it counts events and
// touches the data length, as a consumer that reads every event must.
type countHandler struct {
	events, bytes, errors int
}

func (h *countHandler) OnEvent(e *sse.RawEvent) { h.events++; h.bytes += len(e.Data) }
func (h *countHandler) OnComment([]byte)        {}
func (h *countHandler) OnRetry(int)             {}
func (h *countHandler) OnError(error)           { h.errors++ }

// feed gives b to p in chunks of at most size bytes.
func feed(p *sse.Parser, b []byte, size int, h sse.Handler) {
	for len(b) > 0 {
		n := min(size, len(b))
		p.Feed(b[:n], h)
		b = b[n:]
	}
}

var chunkSizes = []struct {
	name string
	size int
}{{"chunk64k", 64 << 10}, {"chunk1k", 1 << 10}}

// mallocs returns the number of heap allocations so far.
func mallocs() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.Mallocs
}

// reportRates adds events/s and allocs/event to the benchmark's results.
func reportRates(b *testing.B, eventsPerOp int, allocs uint64) {
	b.ReportMetric(float64(eventsPerOp)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(allocs)/float64(eventsPerOp)/float64(b.N), "allocs/event")
}

// BenchmarkParse parses each corpus with a fresh Parser per iteration (one
// iteration = one whole stream) and a Handler that does not allocate.
func BenchmarkParse(b *testing.B) {
	for _, name := range corpus.Names() {
		for _, cs := range chunkSizes {
			b.Run(name+"/"+cs.name, func(b *testing.B) {
				data, want := corpus.ByName(name), corpus.Count(name)
				h := &countHandler{}
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				b.ResetTimer()
				before := mallocs()
				for range b.N {
					h.events = 0
					feed(sse.NewParser(sse.Options{}), data, cs.size, h)
				}
				allocs := mallocs() - before
				b.StopTimer()
				if h.events != want || h.errors != 0 {
					b.Fatalf("parsed %d events and %d errors, want %d and 0", h.events, h.errors, want)
				}
				reportRates(b, want, allocs)
			})
		}
	}
}

// BenchmarkParseCallbacks parses through the Callbacks adapter, which
// converts each event's data to a string.
func BenchmarkParseCallbacks(b *testing.B) {
	b.Run(corpus.NameSmall, func(b *testing.B) {
		data, want := corpus.Small(), corpus.Count(corpus.NameSmall)
		n, total := 0, 0
		cb := &sse.Callbacks{Event: func(e sse.Event) { n++; total += len(e.Data) }}
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		b.ResetTimer()
		before := mallocs()
		for range b.N {
			n = 0
			feed(sse.NewParser(sse.Options{}), data, 64<<10, cb)
		}
		allocs := mallocs() - before
		b.StopTimer()
		if n != want || total == 0 {
			b.Fatalf("parsed %d events, want %d", n, want)
		}
		reportRates(b, want, allocs)
	})
}

// hugeEventSize is the data size of BenchmarkHugeEvent's single event.
const hugeEventSize = 16 << 20

// hugeEvent returns one event whose single data line holds size bytes.
func hugeEvent(size int) []byte {
	const text = `{"token":"lorem ipsum dolor sit amet","n":12345},`
	b := make([]byte, 0, size+16)
	b = append(b, "data: "...)
	for len(b)-6 < size {
		b = append(b, text[:min(len(text), size-(len(b)-6))]...)
	}
	return append(b, "\n\n"...)
}

// BenchmarkHugeEvent parses one 16 MiB event fed as one chunk and as
// one-byte chunks; both must cost time linear in its size.
func BenchmarkHugeEvent(b *testing.B) {
	data := hugeEvent(hugeEventSize)
	opts := sse.Options{MaxEventSize: 2 * hugeEventSize}
	for _, mode := range []string{"onechunk", "bytewise"} {
		b.Run(mode, func(b *testing.B) {
			size := len(data)
			if mode == "bytewise" {
				size = 1
			}
			h := &countHandler{}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				h.events, h.bytes = 0, 0
				feed(sse.NewParser(opts), data, size, h)
			}
			b.StopTimer()
			if h.events != 1 || h.bytes != hugeEventSize || h.errors != 0 {
				b.Fatalf("got %d events of %d bytes and %d errors", h.events, h.bytes, h.errors)
			}
		})
	}
}

// TestParseNoAllocPerChunk checks the benchmarks' premise: once a parser's
// buffers have grown, feeding a whole corpus allocates nothing at all.
func TestParseNoAllocPerChunk(t *testing.T) {
	for _, name := range []string{corpus.NameSmall, corpus.NameMixed} {
		for _, cs := range chunkSizes {
			t.Run(name+"/"+cs.name, func(t *testing.T) {
				data := corpus.ByName(name)
				if testing.Short() {
					data = data[:bytes.LastIndex(data[:1<<20], []byte("\n\n"))+2]
				}
				p, h := sse.NewParser(sse.Options{}), &countHandler{}
				feed(p, data, cs.size, h) // grow the buffers
				p.Reset()
				allocs := testing.AllocsPerRun(2, func() {
					feed(p, data, cs.size, h)
					p.Reset()
				})
				require.Zero(t, allocs, "allocations per pass over %d bytes in chunks of %d", len(data), cs.size)
			})
		}
	}
}
