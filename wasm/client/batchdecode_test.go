package client_test

import (
	"errors"
	"unicode/utf16"

	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// batchDecoder turns finished Batches back into events exactly as the JS
// shim does (wasm/jsapi/PROTOCOL.md, "Records"): it decodes the chunk range
// [ChunkStart, ChunkEnd) once and the side buffer once, then slices both by
// the UTF-16 offsets of the records. decode is the text decoder: a Go
// WHATWG UTF-8 decoder natively, the browser's TextDecoder in the browser.
type batchDecoder struct {
	decode func([]byte) []uint16
	lastID string // kept per stream, starting at the initial last event ID
}

// decodeBatch returns the events of b, which was filled from chunk and
// finished.
func (d *batchDecoder) decodeBatch(b *client.Batch, chunk []byte) ([]sse.Event, error) {
	if len(b.Records) != b.N*client.RecordInts {
		return nil, errors.New("records length does not match N")
	}
	var chunkText, side []uint16
	inChunk := false
	for r := 0; r < b.N; r++ {
		if recordInt(b, r, 0)&client.FlagDataInChunk != 0 {
			inChunk = true
		}
	}
	if inChunk {
		if b.ChunkStart < 0 || b.ChunkStart > b.ChunkEnd || b.ChunkEnd > len(chunk) {
			return nil, errors.New("chunk range out of bounds")
		}
		chunkText = d.decode(chunk[b.ChunkStart:b.ChunkEnd])
	}
	if len(b.Side) > 0 {
		side = d.decode(b.Side)
	}
	return d.decodeRecords(b, chunkText, side)
}

// decodeRecords returns the events of b given its decoded chunk range and
// side buffer.
func (d *batchDecoder) decodeRecords(b *client.Batch, chunkText, side []uint16) ([]sse.Event, error) {
	slice := func(text []uint16, start, end int32) (string, error) {
		if start < 0 || start > end || int(end) > len(text) {
			return "", errors.New("offsets out of range")
		}
		return string(utf16.Decode(text[start:end])), nil
	}
	events := make([]sse.Event, 0, b.N)
	for r := 0; r < b.N; r++ {
		flags := recordInt(b, r, 0)
		src := side
		if flags&client.FlagDataInChunk != 0 {
			src = chunkText
		}
		data, err := slice(src, recordInt(b, r, 1), recordInt(b, r, 2))
		if err != nil {
			return nil, err
		}
		typ := "message"
		if flags&client.FlagType != 0 {
			if typ, err = slice(side, recordInt(b, r, 3), recordInt(b, r, 4)); err != nil {
				return nil, err
			}
		}
		if flags&client.FlagID != 0 {
			if d.lastID, err = slice(side, recordInt(b, r, 5), recordInt(b, r, 6)); err != nil {
				return nil, err
			}
		}
		events = append(events, sse.Event{Type: typ, Data: data, ID: d.lastID, Retry: int(recordInt(b, r, 7))})
	}
	return events, nil
}

// recordInt returns int32 number i of record r.
func recordInt(b *client.Batch, r, i int) int32 {
	return b.Records[r*client.RecordInts+i]
}

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
	batch  client.Batch
	dec    batchDecoder
	events []sse.Event
	err    error
}

func newBatchFeeder(lastID string, decode func([]byte) []uint16) *batchFeeder {
	return &batchFeeder{
		parser: sse.NewParser(sse.Options{LastEventID: lastID}),
		dec:    batchDecoder{decode: decode, lastID: lastID},
	}
}

// feed parses one chunk, then finishes and decodes its batch.
func (f *batchFeeder) feed(chunk []byte) {
	f.batch.Reset()
	f.parser.Feed(chunk, batchHandler{&f.batch})
	if f.batch.N == 0 {
		return
	}
	f.batch.Finish(chunk, f.parser.ChunkASCII())
	ev, err := f.dec.decodeBatch(&f.batch, chunk)
	if err != nil && f.err == nil {
		f.err = err
	}
	f.events = append(f.events, ev...)
}

// batchHandler adds parsed events to a Batch.
type batchHandler struct{ b *client.Batch }

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
