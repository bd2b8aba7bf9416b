package sse

const (
	msb  = 0x8080808080808080
	belo = 0x0E0E0E0E0E0E0E0E // bytes below 0x0E are candidates for CR (0x0D) and LF (0x0A)
)

// indexEOL returns the index of the first CR or LF in b, or -1, and whether
// the bytes before it are all ASCII.
//
// It tests 32 bytes per step: (w - 0x0E..) &^ w has the high bit of every
// byte below 0x0E set (CR, LF and a few rare control characters), so a
// block without a candidate costs a few word operations. Only a block with
// a candidate is looked at byte by byte. In WebAssembly, which has no SIMD
// here, this runs at about 2 GB/s, against 1 GB/s for one word per step.
// The slicing style (p = p[32:] on a capacity-clipped slice) follows
// unicode/utf8.Valid: it compiles to the tightest loop on GOARCH=wasm.
func indexEOL(b []byte) (int, bool) {
	p := b[:len(b):len(b)]
	var acc uint64
	for len(p) >= 32 {
		w0, w1, w2, w3 := word(p), word(p[8:]), word(p[16:]), word(p[24:])
		if ((w0-belo)&^w0|(w1-belo)&^w1|(w2-belo)&^w2|(w3-belo)&^w3)&msb != 0 {
			for i, c := range p[:32] {
				if c == '\n' || c == '\r' {
					return len(b) - len(p) + i, acc&msb == 0
				}
				acc |= uint64(c)
			}
		} else {
			acc |= w0 | w1 | w2 | w3
		}
		p = p[32:]
	}
	for len(p) >= 8 {
		w := word(p)
		if (w-belo)&^w&msb != 0 {
			break
		}
		acc |= w
		p = p[8:]
	}
	for i, c := range p {
		if c == '\n' || c == '\r' {
			return len(b) - len(p) + i, acc&msb == 0
		}
		acc |= uint64(c)
	}
	return -1, acc&msb == 0
}

// word loads 8 bytes little-endian; the compiler merges it into one load.
func word(b []byte) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}
