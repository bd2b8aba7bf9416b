//go:build js && wasm

package jsbridge

import "unicode/utf8"

// decodeUTF8 decodes b as the WHATWG UTF-8 decoder (TextDecoder, response
// text()) does, except that a character cut at the very end is dropped
// rather than replaced: each maximal invalid subpart becomes one U+FFFD.
func decodeUTF8(b []byte) string {
	b = b[:len(b)-cutTail(b)]
	if utf8.Valid(b) {
		return string(b)
	}
	out := make([]byte, 0, len(b)+8)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			out = append(out, "\uFFFD"...)
			b = b[maximalSubpart(b):]
			continue
		}
		out = append(out, b[:size]...)
		b = b[size:]
	}
	return string(out)
}

// cutTail returns the length of an incomplete (but so far valid) character
// at the end of b, 0 when there is none.
func cutTail(b []byte) int {
	for i := 1; i <= 3 && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			tail := b[len(b)-i:]
			if !utf8.FullRune(tail) && maximalSubpart(tail) == len(tail) {
				return i
			}
			return 0
		}
	}
	return 0
}

// maximalSubpart returns how many bytes at the start of b (which does not
// begin with a valid character) form one maximal subpart of an ill-formed
// sequence: the lead byte plus the continuation bytes that are still valid
// for it; at least 1.
func maximalSubpart(b []byte) int {
	lo, hi, need := byte(0x80), byte(0xBF), 0
	switch c := b[0]; {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		lo, need = 0xA0, 2
	case c == 0xED:
		hi, need = 0x9F, 2
	case c >= 0xE1 && c <= 0xEF:
		need = 2
	case c == 0xF0:
		lo, need = 0x90, 3
	case c == 0xF4:
		hi, need = 0x8F, 3
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	default:
		return 1
	}
	n := 1
	for n <= need && n < len(b) && b[n] >= lo && b[n] <= hi {
		lo, hi = 0x80, 0xBF
		n++
	}
	return n
}
