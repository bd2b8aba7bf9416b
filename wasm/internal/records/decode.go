package records

import (
	"errors"
	"unicode/utf16"

	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// Decoder turns finished Batches back into events exactly as the JS
// shim does (wasm/jsapi/PROTOCOL.md, "Records"): it decodes the chunk range
// [ChunkStart, ChunkEnd) once and the side buffer once, then slices both by
// the UTF-16 offsets of the records. decode is the text decoder: a Go
// WHATWG UTF-8 decoder natively, the browser's TextDecoder in the browser.
type Decoder struct {
	// Decode is the text decoder (UTF-8 to UTF-16, WHATWG rules).
	Decode func([]byte) []uint16
	// LastID is the last event ID, kept across batches; it starts at the
	// stream's initial last event ID.
	LastID string
}

// DecodeBatch returns the events of b, which was filled from chunk and
// finished.
func (d *Decoder) DecodeBatch(b *Batch, chunk []byte) ([]sse.Event, error) {
	if len(b.Records) != b.N*RecordInts {
		return nil, errors.New("records length does not match N")
	}
	var chunkText, side []uint16
	inChunk := false
	for r := 0; r < b.N; r++ {
		if b.Record(r, 0)&FlagDataInChunk != 0 {
			inChunk = true
		}
	}
	if inChunk {
		if b.ChunkStart < 0 || b.ChunkStart > b.ChunkEnd || b.ChunkEnd > len(chunk) {
			return nil, errors.New("chunk range out of bounds")
		}
		chunkText = d.Decode(chunk[b.ChunkStart:b.ChunkEnd])
	}
	if len(b.Side) > 0 {
		side = d.Decode(b.Side)
	}
	return d.DecodeRecords(b, chunkText, side)
}

// DecodeRecords returns the events of b given its decoded chunk range and
// side buffer.
func (d *Decoder) DecodeRecords(b *Batch, chunkText, side []uint16) ([]sse.Event, error) {
	slice := func(text []uint16, start, end int32) (string, error) {
		if start < 0 || start > end || int(end) > len(text) {
			return "", errors.New("offsets out of range")
		}
		return string(utf16.Decode(text[start:end])), nil
	}
	events := make([]sse.Event, 0, b.N)
	for r := 0; r < b.N; r++ {
		flags := b.Record(r, 0)
		src := side
		if flags&FlagDataInChunk != 0 {
			src = chunkText
		}
		data, err := slice(src, b.Record(r, 1), b.Record(r, 2))
		if err != nil {
			return nil, err
		}
		typ := "message"
		if flags&FlagType != 0 {
			if typ, err = slice(side, b.Record(r, 3), b.Record(r, 4)); err != nil {
				return nil, err
			}
		}
		if flags&FlagID != 0 {
			if d.LastID, err = slice(side, b.Record(r, 5), b.Record(r, 6)); err != nil {
				return nil, err
			}
		}
		events = append(events, sse.Event{Type: typ, Data: data, ID: d.LastID, Retry: int(b.Record(r, 7))})
	}
	return events, nil
}
