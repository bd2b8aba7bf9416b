package records_test

import (
	"unicode/utf16"

	"github.com/wasm-sse/wasm-sse/wasm/internal/records"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// whatwgUTF16 decodes UTF-8 to UTF-16 like the WHATWG decoder (and
// TextDecoder): one U+FFFD per maximal invalid subsequence. It is written
// independently of package sse so the two can check each other.
func whatwgUTF16(b []byte) []uint16 {
	out := make([]uint16, 0, len(b))
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			out = append(out, uint16(c))
			i++
			continue
		}
		var n int
		var cp rune
		lo, hi := byte(0x80), byte(0xBF)
		switch {
		case c >= 0xC2 && c <= 0xDF:
			n, cp = 2, rune(c&0x1F)
		case c >= 0xE0 && c <= 0xEF:
			n, cp = 3, rune(c&0x0F)
			if c == 0xE0 {
				lo = 0xA0
			} else if c == 0xED {
				hi = 0x9F
			}
		case c >= 0xF0 && c <= 0xF4:
			n, cp = 4, rune(c&0x07)
			if c == 0xF0 {
				lo = 0x90
			} else if c == 0xF4 {
				hi = 0x8F
			}
		default:
			out = append(out, 0xFFFD)
			i++
			continue
		}
		j := i + 1
		for k := 1; k < n; k++ {
			if j >= len(b) || b[j] < lo || b[j] > hi {
				break
			}
			cp = cp<<6 | rune(b[j]&0x3F)
			lo, hi = 0x80, 0xBF
			j++
		}
		if j-i < n {
			out = append(out, 0xFFFD)
		} else {
			out = utf16.AppendRune(out, cp)
		}
		i = j
	}
	return out
}

// batchFeeder parses a stream chunk by chunk into Batches, as the client
// does with a Sink, and decodes each batch.
type batchFeeder struct {
	parser *sse.Parser
	batch  records.Batch
	dec    records.Decoder
	events []sse.Event
	err    error
}

func newBatchFeeder(lastID string, decode func([]byte) []uint16) *batchFeeder {
	return &batchFeeder{
		parser: sse.NewParser(sse.Options{LastEventID: lastID}),
		dec:    records.Decoder{Decode: decode, LastID: lastID},
	}
}

// feed parses one chunk, then finishes and decodes its batch.
func (f *batchFeeder) feed(chunk []byte) {
	f.batch.Reset()
	f.parser.Feed(chunk, batchHandler{&f.batch})
	if f.batch.N == 0 {
		return
	}
	ev, err := f.dec.DecodeBatch(&f.batch, chunk)
	if err != nil && f.err == nil {
		f.err = err
	}
	f.events = append(f.events, ev...)
}

// batchHandler adds parsed events to a Batch.
type batchHandler struct{ b *records.Batch }

func (h batchHandler) OnEvent(e *sse.RawEvent) { h.b.Add(e) }
func (batchHandler) OnComment([]byte)          {}
func (batchHandler) OnRetry(int)               {}
func (batchHandler) OnError(error)             {}

// parseAll returns the events of data parsed in one piece with
// sse.Callbacks (the reference).
func parseAll(data []byte, lastID string) []sse.Event {
	var out []sse.Event
	p := sse.NewParser(sse.Options{LastEventID: lastID})
	p.Feed(data, &sse.Callbacks{Event: func(e sse.Event) { out = append(out, e) }})
	return out
}
