//go:build js && wasm

package jsbridge

import (
	"syscall/js"
	"unicode/utf8"
)

// textDecoder is the host's WHATWG UTF-8 decoder.
var textDecoder = global.Get("TextDecoder").New()

// decodeUTF8 decodes b as the WHATWG UTF-8 decoder (TextDecoder, response
// text()) does, except that a character cut at the very end is dropped
// rather than replaced: each maximal invalid subpart becomes one U+FFFD.
// Invalid input (rare: an error body's excerpt) is decoded by the host's
// TextDecoder, so this package needs no decoder of its own.
func decodeUTF8(b []byte) string {
	b = b[:len(b)-cutTail(b)]
	if utf8.Valid(b) {
		return string(b)
	}
	u8 := NewUint8Array(len(b))
	js.CopyBytesToJS(u8, b)
	return textDecoder.Call("decode", u8).String()
}

// cutTail returns the length of an incomplete (but so far valid) character
// at the end of b, 0 when there is none. utf8.FullRune reports an invalid
// sequence as complete, so only a valid prefix counts as cut.
func cutTail(b []byte) int {
	for i := 1; i <= 3 && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return i
			}
			return 0
		}
	}
	return 0
}
