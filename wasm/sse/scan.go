package sse

import (
	"encoding/binary"
	"math/bits"
)

const (
	lsb  = 0x0101010101010101
	msb  = 0x8080808080808080
	belo = 0x0E0E0E0E0E0E0E0E // bytes below 0x0E are candidates for CR (0x0D) and LF (0x0A)
)

// indexEOL returns the index of the first CR or LF in b, or -1, and whether
// the bytes before it are all ASCII. It reads eight bytes at a time: one
// subtraction finds every byte below 0x0E (CR, LF and a few rare control
// characters), so a line costs about one operation per word, which matters
// in WebAssembly where bytes.IndexByte has no SIMD.
func indexEOL(b []byte) (int, bool) {
	var acc uint64
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		m := (w - belo) & ^w & msb
		for m != 0 {
			k := bits.TrailingZeros64(m) >> 3
			if c := b[i+k]; c == '\n' || c == '\r' {
				if k > 0 {
					acc |= w & (1<<(uint(k)*8) - 1)
				}
				return i + k, acc&msb == 0
			}
			m &= m - 1
		}
		acc |= w
	}
	for ; i < len(b); i++ {
		c := b[i]
		if c == '\n' || c == '\r' {
			return i, acc&msb == 0
		}
		acc |= uint64(c)
	}
	return -1, acc&msb == 0
}
