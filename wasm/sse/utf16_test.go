package sse

import (
	"math/rand/v2"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/require"
)

// UTF16Len must agree with decoding through AppendUTF8 (the WHATWG decoder)
// and counting UTF-16 units of the result.
func TestUTF16LenMatchesDecoder(t *testing.T) {
	cases := []string{"", "abc", "héllo", "日本語", "😀x", "\xE2\x82A", "\xFF\xFE", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF0\x9F\x98", "ab\xC3", "12345678é12345678😀"}
	rnd := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte{'a', 0x80, 0xBF, 0xC2, 0xDF, 0xE0, 0xA0, 0xED, 0x9F, 0xF0, 0x90, 0xF4, 0x8F, 0xFF, '\n'}
	for i := 0; i < 2000; i++ {
		b := make([]byte, rnd.IntN(24))
		for k := range b {
			b[k] = alphabet[rnd.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, c := range cases {
		want := len(utf16.Encode([]rune(string(AppendUTF8(nil, []byte(c))))))
		require.Equal(t, want, UTF16Len([]byte(c)), "%q", c)
	}
}
