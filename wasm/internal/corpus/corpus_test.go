package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// each parses r through an sse.Reader and calls fn for every event, in
// order; it fails on any error other than io.EOF and returns the count. It
// stops one event past limit, so a runaway parse is bounded.
func each(t *testing.T, r io.Reader, limit int, fn func(i int, e sse.Event)) int {
	t.Helper()
	rd := sse.NewReader(r, sse.Options{})
	n := 0
	for ; n <= limit; n++ {
		e, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		fn(n, e)
	}
	return n
}

// chunkReader returns its bytes in chunks of 1 to 13 bytes, cycling, so
// line endings and UTF-8 sequences fall across chunk boundaries.
type chunkReader struct {
	b []byte
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	c.n = c.n%13 + 1
	k := min(c.n, len(c.b), len(p))
	copy(p, c.b[:k])
	c.b = c.b[k:]
	return k, nil
}

func TestSmall(t *testing.T) {
	b := Small()
	assert.Greater(t, len(b), 15<<20)
	n := each(t, bytes.NewReader(b), Count(NameSmall), func(i int, e sse.Event) {
		require.Equal(t, "message", e.Type, "event %d", i)
		if i == SmallEvents {
			require.Equal(t, "[DONE]", e.Data)
			return
		}
		require.True(t, json.Valid([]byte(e.Data)), "event %d: %q", i, e.Data)
		require.True(t, strings.HasPrefix(e.Data, `{"id":"chatcmpl-`), "event %d", i)
	})
	require.Equal(t, SmallEvents+1, n)
	require.Equal(t, Count(NameSmall), n)
}

func TestLLMLike(t *testing.T) {
	b := LLMLike()
	assert.InDelta(t, 5_000_000, len(b), 500_000)
	mean := float64(len(b)) / LLMEvents
	assert.True(t, mean >= 40 && mean <= 60, "mean event size %.1f B", mean)
	// The same events whatever the chunking (UTF-8 sequences cut apart).
	small := sse.NewReader(&chunkReader{b: b}, sse.Options{})
	nonASCII := 0
	n := each(t, bytes.NewReader(b), Count(NameLLMLike), func(i int, e sse.Event) {
		require.Equal(t, "message", e.Type, "event %d", i)
		require.Empty(t, e.ID, "event %d", i)
		var v struct {
			Content string `json:"content"`
			I       int    `json:"i"`
			Done    bool   `json:"done"`
		}
		require.NoError(t, json.Unmarshal([]byte(e.Data), &v), "event %d: %q", i, e.Data)
		require.Equal(t, i, v.I)
		require.NotEmpty(t, v.Content, "event %d", i)
		require.False(t, v.Done)
		if !isASCII(v.Content) {
			nonASCII++
		}
		e2, err := small.Next()
		require.NoError(t, err)
		require.Equal(t, e, e2, "event %d", i)
	})
	require.Equal(t, LLMEvents, n)
	require.Equal(t, Count(NameLLMLike), n)
	_, err := small.Next()
	require.ErrorIs(t, err, io.EOF)
	assert.InDelta(t, LLMEvents*llmNonASCII/100, nonASCII, LLMEvents/200, "non-ASCII tokens")
	assert.True(t, bytes.Contains(b, []byte("😀")))
	assert.True(t, bytes.Contains(b, []byte(`\n`)))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func TestLarge(t *testing.T) {
	require.Len(t, Large(), LargeEvents*LargeBlock)
	const lines = LargeBlock / largeLine
	want := lines*(largeLine-len("data: \n")) - 1 + (lines - 1) // payload, minus the blank line's byte, plus joining LFs
	n := each(t, bytes.NewReader(Large()), Count(NameLarge), func(i int, e sse.Event) {
		require.Len(t, e.Data, want, "event %d", i)
		require.Equal(t, lines-1, strings.Count(e.Data, "\n"), "event %d", i)
	})
	require.Equal(t, LargeEvents, n)
	require.Equal(t, Count(NameLarge), n)
}

func TestMixed(t *testing.T) {
	b := Mixed()
	assert.InDelta(t, MixedSize, len(b), 64<<10)
	for _, s := range []string{"\r\n", "\r:", "\n: ping", "retry: ", "\xEF\xBB\xBF", "你好", "😀", "event: update", "id: "} {
		assert.True(t, bytes.Contains(b, []byte(s)), "mixed lacks %q", s)
	}
	// The same events whatever the chunking: a second reader gets the
	// stream in chunks of 1 to 13 bytes and must agree event by event.
	small := sse.NewReader(&chunkReader{b: b}, sse.Options{})
	types := map[string]int{}
	withIDs, emptyData, replaced := 0, 0, 0
	n := each(t, bytes.NewReader(b), Count(NameMixed), func(i int, e sse.Event) {
		require.True(t, utf8.ValidString(e.Data), "event %d", i)
		types[e.Type]++
		if e.ID != "" {
			withIDs++
		}
		if e.Data == "" {
			emptyData++
		}
		if strings.Contains(e.Data, "\uFFFD") {
			replaced++
		}
		e2, err := small.Next()
		require.NoError(t, err)
		require.Equal(t, e, e2, "event %d", i)
	})
	require.Equal(t, Count(NameMixed), n)
	_, err := small.Next()
	require.ErrorIs(t, err, io.EOF)
	assert.Greater(t, types["message"], 1000)
	assert.Greater(t, types["update"], 100)
	assert.Greater(t, types["binary"], 10)
	assert.Greater(t, withIDs, n/2)
	assert.Equal(t, types["binary"], replaced)
	assert.Zero(t, emptyData) // "data" + "data:" + "data: x" joins to "\n\nx"
}

// The corpora are pinned: the same bytes on every run and architecture.
func TestDeterministic(t *testing.T) {
	pinned := map[string]string{
		NameSmall:   "4618dd4a40b7b9eba128fc300e648d8963c90edd527ea1cda42dec55c124b47e",
		NameLarge:   "d9f04df43ca4bd49045b055e49f42bd8991c1600c04b17aca8497d20a5409fe7",
		NameMixed:   "f3cd9d0dc0a6a0652972621dcdad5b3b7d2eed3a6774a74fd48713fb8e702e74",
		NameLLMLike: "df365c08d1f89d8ed00d6ea56752ea738bf0adc9067a91e499eca5b8df80bd6b",
	}
	regen := map[string]func() []byte{
		NameSmall:   genSmall,
		NameLarge:   genLarge,
		NameMixed:   func() []byte { b, _ := genMixed(); return b },
		NameLLMLike: genLLM,
	}
	for _, name := range Names() {
		first := ByName(name)
		again := regen[name]()
		require.True(t, bytes.Equal(first, again), name)
		require.True(t, bytes.Equal(first, ByName(name)), name)
		sum := sha256.Sum256(first)
		assert.Equal(t, pinned[name], hex.EncodeToString(sum[:]), name)
	}
	_, n := genMixed()
	assert.Equal(t, Count(NameMixed), n)
}

func TestUnknownName(t *testing.T) {
	assert.Nil(t, ByName("nope"))
	assert.Zero(t, Count("nope"))
}
