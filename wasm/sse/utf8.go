package sse

import "unicode/utf8"

// replacement is U+FFFD REPLACEMENT CHARACTER in UTF-8.
const replacement = "\uFFFD"

// AppendUTF8 appends src to dst, replacing each maximal invalid subsequence
// with U+FFFD exactly as the WHATWG Encoding Standard's UTF-8 decoder does
// (which is what a browser's TextDecoder does, and what the SSE spec
// requires). Go's own decoding replaces per byte instead, which differs for
// truncated sequences such as "\xE2\x82A" (one U+FFFD here, two in Go).
func AppendUTF8(dst, src []byte) []byte {
	if utf8.Valid(src) {
		return append(dst, src...)
	}
	for i := 0; i < len(src); {
		c := src[i]
		if c < 0x80 {
			dst = append(dst, c)
			i++
			continue
		}
		n, lo, hi := seqInfo(c)
		if n == 0 {
			dst = append(dst, replacement...)
			i++
			continue
		}
		j := i + 1
		for k := 1; k < n; k++ {
			if j >= len(src) || src[j] < lo || src[j] > hi {
				break
			}
			lo, hi = 0x80, 0xBF
			j++
		}
		if j-i == n {
			dst = append(dst, src[i:j]...)
		} else {
			dst = append(dst, replacement...)
		}
		i = j
	}
	return dst
}

// seqInfo returns the length of the UTF-8 sequence that lead byte c starts
// and the allowed range of its second byte, or n == 0 for an invalid lead.
func seqInfo(c byte) (n int, lo, hi byte) {
	switch {
	case c >= 0xC2 && c <= 0xDF:
		return 2, 0x80, 0xBF
	case c == 0xE0:
		return 3, 0xA0, 0xBF
	case c == 0xED:
		return 3, 0x80, 0x9F
	case c >= 0xE1 && c <= 0xEF:
		return 3, 0x80, 0xBF
	case c == 0xF0:
		return 4, 0x90, 0xBF
	case c >= 0xF1 && c <= 0xF3:
		return 4, 0x80, 0xBF
	case c == 0xF4:
		return 4, 0x80, 0x8F
	}
	return 0, 0, 0
}

// UTF16Len returns the number of UTF-16 code units that a WHATWG UTF-8
// decoder (a browser's TextDecoder) produces for b. For bytes that are not
// valid UTF-8 it counts one U+FFFD per maximal invalid subsequence, so the
// count is exact for any range that starts and ends next to an ASCII byte.
// The wasm client uses it to refer to event data inside a chunk that JS
// decodes once.
func UTF16Len(b []byte) int {
	i := asciiPrefix(b)
	units := i
	for i < len(b) {
		c := b[i]
		if c < 0x80 {
			// Skip a run of ASCII words with one call; a short run (the
			// next word is not all ASCII, or fewer than 8 bytes are left)
			// byte by byte, without a call per byte.
			if len(b)-i >= 8 && word(b[i:])&msb == 0 {
				k := asciiPrefix(b[i:])
				units += k
				i += k
				continue
			}
			units++
			i++
			continue
		}
		n, lo, hi := seqInfo(c)
		j := i + 1
		for k := 1; k < n && j < len(b) && b[j] >= lo && b[j] <= hi; k++ {
			lo, hi = 0x80, 0xBF
			j++
		}
		if n == 4 && j-i == 4 {
			units += 2 // a supplementary code point becomes a surrogate pair
		} else {
			units++ // one code point, or one U+FFFD for the invalid subsequence
		}
		i = j
	}
	return units
}

// asciiPrefix returns the length of the longest all-ASCII prefix of b,
// rounded down to a multiple of 8 (the caller handles the rest). It tests
// 32 bytes per step, in the style of utf8.Valid, which compiles to a tight
// loop on GOARCH=wasm.
func asciiPrefix(b []byte) int {
	p := b[:len(b):len(b)]
	for len(p) >= 32 && (word(p)|word(p[8:])|word(p[16:])|word(p[24:]))&msb == 0 {
		p = p[32:]
	}
	for len(p) >= 8 && word(p)&msb == 0 {
		p = p[8:]
	}
	return len(b) - len(p)
}
