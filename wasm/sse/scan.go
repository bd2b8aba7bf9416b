package sse

import "math/bits"

const (
	msb  = 0x8080808080808080
	ones = 0x0101010101010101
	lfs  = 0x0A0A0A0A0A0A0A0A
	crs  = 0x0D0D0D0D0D0D0D0D
	belo = 0x0E0E0E0E0E0E0E0E // bytes below 0x0E are candidates for CR (0x0D) and LF (0x0A)
)

// indexEOL returns the index of the first CR or LF in b, or -1, and whether
// the bytes before it are all ASCII.
//
// It skips 32 bytes per step while a block has no candidate: (w - 0x0E..)
// &^ w has the high bit of every byte below 0x0E set (CR, LF and a few rare
// control characters), so such a block costs a few word operations. A block
// with a candidate is searched a word at a time with an exact test (a zero
// byte of w^0x0A.. or w^0x0D..), whose lowest hit is the first CR or LF
// (the borrow of the zero-byte test can only mark bytes above a real
// zero). No byte is looked at alone, which matters for short lines: in
// WebAssembly (no SIMD here) a byte loop costs about a nanosecond a byte.
// The slicing style (p = p[32:] on a capacity-clipped slice) follows
// unicode/utf8.Valid: it compiles to the tightest loop on GOARCH=wasm.
func indexEOL(b []byte) (int, bool) {
	p := b[:len(b):len(b)]
	var acc uint64
	for len(p) >= 8 {
		if len(p) >= 32 {
			w0, w1, w2, w3 := word(p), word(p[8:]), word(p[16:]), word(p[24:])
			if ((w0-belo)&^w0|(w1-belo)&^w1|(w2-belo)&^w2|(w3-belo)&^w3)&msb == 0 {
				acc |= w0 | w1 | w2 | w3
				p = p[32:]
				continue
			}
		}
		// Up to four words exactly: the candidate may be a false one (a
		// tab, say), then the block scan resumes after them.
		for n := 0; n < 4 && len(p) >= 8; n++ {
			w := word(p)
			if m := eolMask(w); m != 0 {
				k := bits.TrailingZeros64(m) >> 3
				acc |= w & (1<<(uint(k)*8) - 1)
				return len(b) - len(p) + k, acc&msb == 0
			}
			acc |= w
			p = p[8:]
		}
	}
	for i, c := range p {
		if c == '\n' || c == '\r' {
			return len(b) - len(p) + i, acc&msb == 0
		}
		acc |= uint64(c)
	}
	return -1, acc&msb == 0
}

// eolMask has the high bit set of the first byte of w (little-endian) that
// is LF or CR, possibly also of later bytes; zero when there is none.
func eolMask(w uint64) uint64 {
	lf, cr := w^lfs, w^crs
	return ((lf-ones)&^lf | (cr-ones)&^cr) & msb
}

// word loads 8 bytes little-endian; the compiler merges it into one load.
func word(b []byte) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}
