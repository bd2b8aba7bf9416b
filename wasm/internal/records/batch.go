// Package records is the per-chunk record format of the npm shim's hot path
// (wasm/jsapi/PROTOCOL.md, "Records"): the events parsed from one chunk, as
// int32 records with UTF-16 offsets into the chunk or into one side buffer,
// which the shim reads in place from wasm memory. Pure Go: it builds on
// every platform and is tested natively; Decoder is its Go reading, for
// tests that check what the shim will see.
package records

import (
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// Record flags of a Batch; see wasm/jsapi/PROTOCOL.md.
const (
	FlagDataInChunk = 1 << iota // data is a range of the decoded chunk, else of the side string
	FlagType                    // the type is a range of the side string, else "message"
	FlagID                      // the last event ID changed to a range of the side string
	FlagOwnID                   // the event's own block had an id field (the last event ID is its value)
)

// RecordInts is the number of int32 values per event in Batch.Records.
const RecordInts = 8

// Batch collects the events parsed from one chunk in the compact form the
// JS shim turns into messages with one TextDecoder call per buffer: event
// data still inside the chunk is referred to by offset (the payload crosses
// the Go↔JS boundary once, as the chunk itself), everything else goes into
// one side buffer. It implements sse.Handler for the events; the owner
// handles comments, retries and errors.
type Batch struct {
	// Records holds RecordInts values per event: flags, data start, data
	// end, type start, type end, id start, id end, retry. Offsets are UTF-16
	// code unit offsets (what String.slice takes). On js/wasm the shim
	// reads them in place through an Int32Array over the wasm memory.
	Records []int32
	// Side holds the UTF-8 text of data, types and IDs not taken from the chunk.
	Side []byte
	// N is the number of events.
	N int
	// ChunkStart and ChunkEnd delimit the bytes of the chunk the shim
	// decodes; chunk offsets in Records are relative to ChunkStart.
	ChunkStart, ChunkEnd int

	sideUnits int // UTF-16 length of Side
	inChunk   int // events with FlagDataInChunk
	typeStart int32
	typeEnd   int32
	lastType  []byte
	haveType  bool
	unitBase  int // ChunkUnits of the first in-chunk event
}

// Reset empties the batch for the next chunk, keeping its memory.
func (b *Batch) Reset() {
	b.Records = b.Records[:0]
	b.Side = b.Side[:0]
	b.N, b.ChunkStart, b.ChunkEnd = 0, 0, 0
	b.sideUnits, b.inChunk = 0, 0
	b.haveType = false
}

// Add appends one event.
func (b *Batch) Add(e *sse.RawEvent) {
	var flags, ds, de, ts, te, is, ie int32
	if e.ChunkOffset >= 0 {
		flags |= FlagDataInChunk
		if b.inChunk == 0 {
			b.ChunkStart, b.unitBase = e.ChunkOffset, e.ChunkUnits
		}
		b.inChunk++
		b.ChunkEnd = e.ChunkOffset + len(e.Data)
		// UTF-16 offsets into the decoding of chunk[ChunkStart:ChunkEnd]:
		// the parser counted them, scanning only lines that are not ASCII.
		ds = int32(e.ChunkUnits - b.unitBase)
		de = ds + int32(e.DataUnits)
	} else {
		ds, de = b.side(e.Data)
	}
	if len(e.Type) > 0 {
		flags |= FlagType
		if !b.haveType || string(e.Type) != string(b.lastType) {
			b.typeStart, b.typeEnd = b.side(e.Type)
			b.lastType = append(b.lastType[:0], e.Type...)
			b.haveType = true
		}
		ts, te = b.typeStart, b.typeEnd
	}
	if e.IDChanged {
		flags |= FlagID
		is, ie = b.side(e.ID)
	}
	if e.OwnID {
		flags |= FlagOwnID
	}
	retry := int32(e.Retry)
	if e.Retry > 1<<31-1 {
		retry = 1<<31 - 1
	}
	b.Records = append(b.Records, flags, ds, de, ts, te, is, ie, retry)
	b.N++
}

// side appends text to the side buffer and returns its UTF-16 range.
func (b *Batch) side(text []byte) (int32, int32) {
	start := b.sideUnits
	b.Side = append(b.Side, text...)
	b.sideUnits += sse.UTF16Len(text)
	return int32(start), int32(b.sideUnits)
}

// Record returns int32 number i (0 to RecordInts-1) of record r.
func (b *Batch) Record(r, i int) int32 { return b.Records[r*RecordInts+i] }
