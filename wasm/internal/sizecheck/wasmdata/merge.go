// Package wasmdata reads the layout of a WebAssembly module (ReadLayout:
// its sections, and its function bodies with their names, for the
// per-package report of sizecheck) and rewrites its data section (Merge).
//
// Go's linker writes a new data segment after every run of more than
// eight zero bytes. Most of them describe runtime.findfunctab, which holds
// 16 mostly-zero 20-byte buckets per function (a js/wasm function owns a
// 64 KiB PC range), so a module has tens of thousands of 1- and 2-byte
// segments whose headers (an incrementing offset, a size) compress badly.
// Joining segments separated by short zero runs makes the file larger raw
// (the zeros are written out) but about 7% smaller gzipped and 6% smaller
// with brotli, with the same memory contents.
package wasmdata

import (
	"bytes"
	"errors"
	"sort"
)

var magic = []byte{0, 'a', 's', 'm', 1, 0, 0, 0}

// Section ids used here.
const (
	sectionData      = 11
	sectionDataCount = 12
)

// Stats describes a Merge.
type Stats struct {
	// Before and After are the numbers of data segments.
	Before, After int
}

// segment is one data segment. Only active segments of memory 0 with an
// i32.const offset are parsed; any other kind is kept as raw bytes and
// never merged.
type segment struct {
	active bool
	opaque bool // active, but at an offset not known here: blocks merging
	offset int64
	data   []byte
	raw    []byte // the whole encoded segment, for the kinds kept as is
}

// Merge returns a copy of module in which consecutive active data segments
// of memory 0 separated by at most maxGap zero bytes, with no other segment
// in between, are joined. When two active segments overlap, or an offset is
// not an i32.const (or a segment names a memory explicitly), nothing is
// merged. A DataCount section is kept in step.
func Merge(module []byte, maxGap int) ([]byte, Stats, error) {
	if !bytes.HasPrefix(module, magic) {
		return nil, Stats{}, errors.New("wasmdata: not a WebAssembly 1.0 module")
	}
	out := append([]byte(nil), magic...)
	var st Stats
	dataCountAt := -1 // where the DataCount payload starts in out
	for r := (reader{b: module, i: len(magic)}); r.i < len(module); {
		id, err := r.byte()
		if err != nil {
			return nil, Stats{}, err
		}
		body, err := r.bytes()
		if err != nil {
			return nil, Stats{}, err
		}
		switch id {
		case sectionData:
			segs, err := parseData(body)
			if err != nil {
				return nil, Stats{}, err
			}
			merged := mergeSegments(segs, maxGap)
			st = Stats{Before: len(segs), After: len(merged)}
			out = appendSection(out, id, encodeData(merged))
		case sectionDataCount:
			out = append(out, id)
			out = appendULEB(out, 5)
			dataCountAt = len(out)
			out = append(out, 0, 0, 0, 0, 0) // patched below
		default:
			out = appendSection(out, id, body)
		}
	}
	if dataCountAt >= 0 {
		putPaddedULEB(out[dataCountAt:dataCountAt+5], uint64(st.After))
	}
	return out, st, nil
}

// parseData decodes the body of a data section.
func parseData(body []byte) ([]segment, error) {
	r := reader{b: body}
	n, err := r.uleb()
	if err != nil {
		return nil, err
	}
	if n > uint64(len(body)) {
		return nil, errors.New("wasmdata: bad segment count")
	}
	segs := make([]segment, 0, n)
	for k := uint64(0); k < n; k++ {
		start := r.i
		flags, err := r.uleb()
		if err != nil {
			return nil, err
		}
		s := segment{}
		switch flags {
		case 0: // active, memory 0, offset expression
			op, err := r.byte()
			if err != nil {
				return nil, err
			}
			if op != 0x41 { // i32.const
				if err := r.skipExpr(op); err != nil {
					return nil, err
				}
				s.opaque = true
				break
			}
			off, err := r.sleb()
			if err != nil {
				return nil, err
			}
			end, err := r.byte()
			if err != nil {
				return nil, err
			}
			if end != 0x0b {
				return nil, errors.New("wasmdata: unsupported offset expression")
			}
			s.active, s.offset = true, off
		case 1: // passive
		case 2: // active with an explicit memory index
			if _, err := r.uleb(); err != nil {
				return nil, err
			}
			op, err := r.byte()
			if err != nil {
				return nil, err
			}
			if err := r.skipExpr(op); err != nil {
				return nil, err
			}
			s.opaque = true
		default:
			return nil, errors.New("wasmdata: unknown data segment kind")
		}
		data, err := r.bytes()
		if err != nil {
			return nil, err
		}
		s.data = data
		if !s.active {
			s.raw = body[start:r.i]
		}
		segs = append(segs, s)
	}
	if r.i != len(body) {
		return nil, errors.New("wasmdata: trailing bytes in the data section")
	}
	return segs, nil
}

// mergeSegments joins consecutive active segments separated by at most
// maxGap bytes when no other segment lies in between (in address order),
// so the zeros written into the gap overwrite nothing. Segments may come in
// any address order (Go writes sections in its own order); when two of
// them overlap, or an offset is unknown, nothing is merged.
func mergeSegments(segs []segment, maxGap int) []segment {
	var order []int // indices of the active segments, by offset
	for i, s := range segs {
		if s.opaque {
			return segs
		}
		if s.active {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return segs[order[a]].offset < segs[order[b]].offset })
	rank := make(map[int]int, len(order))
	for r, i := range order {
		if r > 0 {
			p := segs[order[r-1]]
			if p.offset+int64(len(p.data)) > segs[i].offset {
				return segs // overlapping segments: leave the module alone
			}
		}
		rank[i] = r
	}
	var out []segment
	lastRank := -2 // rank of the last segment joined into out's last element
	for i, s := range segs {
		if n := len(out); n > 0 && s.active && out[n-1].active && rank[i] == lastRank+1 {
			last := &out[n-1]
			if gap := s.offset - (last.offset + int64(len(last.data))); gap <= int64(maxGap) {
				last.data = append(last.data, make([]byte, gap)...)
				last.data = append(last.data, s.data...)
				lastRank = rank[i]
				continue
			}
		}
		if s.active {
			s.data = append([]byte(nil), s.data...) // merging appends to it
			lastRank = rank[i]
		}
		out = append(out, s)
	}
	return out
}

// encodeData encodes a data section body.
func encodeData(segs []segment) []byte {
	b := appendULEB(nil, uint64(len(segs)))
	for _, s := range segs {
		if !s.active {
			b = append(b, s.raw...)
			continue
		}
		b = append(b, 0, 0x41)
		b = appendSLEB(b, s.offset)
		b = append(b, 0x0b)
		b = appendULEB(b, uint64(len(s.data)))
		b = append(b, s.data...)
	}
	return b
}

func appendSection(out []byte, id byte, body []byte) []byte {
	out = append(out, id)
	out = appendULEB(out, uint64(len(body)))
	return append(out, body...)
}
