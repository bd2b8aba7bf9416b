//go:build js && wasm

package jsbridge

import (
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestDecodeUTF8MatchesTextDecoder compares decodeUTF8 with the browser's
// TextDecoder on inputs that end with a complete character.
func TestDecodeUTF8MatchesTextDecoder(t *testing.T) {
	td := js.Global().Get("TextDecoder").New()
	inputs := [][]byte{
		[]byte("plain ascii"),
		[]byte("h\xffi"),
		[]byte("\xe2\x82x"),             // truncated 3-byte sequence, then x
		[]byte("\xed\xa0\x80!"),         // surrogate: three replacements
		[]byte("\xe0\x80\x80!"),         // overlong
		[]byte("\xf0\x9f\x98x\xf0\x9f"), // cut emoji mid-text, then a cut at the end
		[]byte("\xf4\x90\x80\x80!"),     // above U+10FFFF
		[]byte("\xc0\xaf!"),
		[]byte("€ and 😀"),
		{0x80, 0x80, 'a'},
	}
	for _, in := range inputs {
		u8 := NewUint8Array(len(in))
		js.CopyBytesToJS(u8, in)
		want := td.Call("decode", u8).String()
		got := decodeUTF8(in)
		if in[len(in)-1] == 0x9f { // cut at the end: dropped, not replaced
			want = want[:len(want)-len("\uFFFD")]
		}
		assert.Equal(t, want, got, "%q", in)
	}
	assert.Equal(t, "ab", decodeUTF8([]byte("ab\xe2\x82")))
	assert.Equal(t, "ab\uFFFD", decodeUTF8([]byte("ab\xff")))
	assert.Equal(t, "", decodeUTF8(nil))
}
