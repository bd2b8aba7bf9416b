package corpus

import "sync"

const (
	// LargeEvents is the number of events in Large.
	LargeEvents = 2000
	// LargeBlock is the size in bytes of each event block of Large, field
	// names, line endings and the blank line included.
	LargeBlock = 64 << 10
	// largeLine is the size of one "data:" line with its LF.
	largeLine = 1 << 10
)

var (
	largeOnce sync.Once
	large     []byte
)

// Large returns LargeEvents events of LargeBlock bytes each (128 MiB in
// all), every event split over 63 "data:" lines of 1 KiB plus a shorter last
// one, so it exercises joining lines. Printable ASCII, LF line endings.
func Large() []byte {
	largeOnce.Do(func() { large = genLarge() })
	return large
}

func genLarge() []byte {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/ ,.{}:\""
	r := rng{s: 2}
	b := make([]byte, 0, LargeEvents*LargeBlock)
	for e := 0; e < LargeEvents; e++ {
		start := len(b)
		for l := 0; l < LargeBlock/largeLine; l++ {
			n := largeLine - len("data: \n")
			if l == LargeBlock/largeLine-1 {
				n-- // room for the blank line that ends the block
			}
			b = append(b, "data: "...)
			for k := 0; k < n; k += 8 {
				v := r.next()
				for j := 0; j < 8 && k+j < n; j++ {
					b = append(b, alphabet[int(v>>(8*j)&0xFF)%len(alphabet)])
				}
			}
			b = append(b, '\n')
		}
		b = append(b, '\n')
		if len(b)-start != LargeBlock {
			panic("corpus: large block size mismatch")
		}
	}
	return b
}
