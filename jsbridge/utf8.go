//go:build js && wasm

package jsbridge

import (
	"unicode/utf8"

	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// decodeUTF8 decodes b as the WHATWG UTF-8 decoder (TextDecoder, response
// text()) does, except that a character cut at the very end is dropped
// rather than replaced: each maximal invalid subpart becomes one U+FFFD.
func decodeUTF8(b []byte) string {
	b = b[:len(b)-cutTail(b)]
	if utf8.Valid(b) {
		return string(b)
	}
	return string(sse.AppendUTF8(make([]byte, 0, len(b)+8), b))
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
