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

// readAll parses stream through an sse.Reader that reads from r and returns
// every event; it fails on any error other than io.EOF.
func readAll(t *testing.T, r io.Reader, limit int) []sse.Event {
	t.Helper()
	rd := sse.NewReader(r, sse.Options{})
	var out []sse.Event
	for len(out) <= limit { // bounded: a runaway parse stops one past the expected count
		e, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		require.NoError(t, err)
		out = append(out, e)
	}
	return out
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

func TestCorpusParsesToCount(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			b := ByName(name)
			require.NotEmpty(t, b)
			events := readAll(t, bytes.NewReader(b), Count(name))
			require.Len(t, events, Count(name))
			for _, e := range events {
				assert.True(t, utf8.ValidString(e.Data))
			}
		})
	}
}

func TestSmallShape(t *testing.T) {
	events := readAll(t, bytes.NewReader(Small()), Count(NameSmall))
	require.Len(t, events, SmallEvents+1)
	for i, e := range events[:SmallEvents] {
		require.Equal(t, "message", e.Type, "event %d", i)
		require.True(t, json.Valid([]byte(e.Data)), "event %d: %q", i, e.Data)
		require.True(t, strings.HasPrefix(e.Data, `{"id":"chatcmpl-`), "event %d", i)
	}
	assert.Equal(t, "[DONE]", events[SmallEvents].Data)
	assert.Greater(t, len(Small()), 15<<20)
}

func TestLargeShape(t *testing.T) {
	require.Len(t, Large(), LargeEvents*LargeBlock)
	events := readAll(t, bytes.NewReader(Large()), Count(NameLarge))
	require.Len(t, events, LargeEvents)
	const lines = LargeBlock / largeLine
	want := lines*(largeLine-len("data: \n")) - 1 + (lines - 1) // payload, minus the blank line's byte, plus joining LFs
	for i, e := range events {
		require.Len(t, e.Data, want, "event %d", i)
		require.Equal(t, lines-1, strings.Count(e.Data, "\n"), "event %d", i)
	}
}

func TestMixedShape(t *testing.T) {
	b := Mixed()
	assert.InDelta(t, MixedSize, len(b), 64<<10)
	for _, s := range []string{"\r\n", "\r:", "\n: ping", "retry: ", "\xEF\xBB\xBF", "你好", "😀", "event: update", "id: "} {
		assert.True(t, bytes.Contains(b, []byte(s)), "mixed lacks %q", s)
	}
	events := readAll(t, bytes.NewReader(b), Count(NameMixed))
	require.Len(t, events, Count(NameMixed))
	types := map[string]int{}
	withIDs, emptyData, replaced := 0, 0, 0
	for _, e := range events {
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
	}
	assert.Greater(t, types["message"], 1000)
	assert.Greater(t, types["update"], 100)
	assert.Greater(t, types["binary"], 10)
	assert.Greater(t, withIDs, len(events)/2)
	assert.Equal(t, types["binary"], replaced)
	assert.Zero(t, emptyData) // "data" + "data:" + "data: x" joins to "\n\nx"

	// The same events whatever the chunking.
	small := readAll(t, &chunkReader{b: b}, Count(NameMixed))
	require.Equal(t, events, small)
}

// The corpora are pinned: the same bytes on every run and architecture.
func TestDeterministic(t *testing.T) {
	pinned := map[string]string{
		NameSmall: "4618dd4a40b7b9eba128fc300e648d8963c90edd527ea1cda42dec55c124b47e",
		NameLarge: "d9f04df43ca4bd49045b055e49f42bd8991c1600c04b17aca8497d20a5409fe7",
		NameMixed: "f3cd9d0dc0a6a0652972621dcdad5b3b7d2eed3a6774a74fd48713fb8e702e74",
	}
	regen := map[string]func() []byte{
		NameSmall: genSmall,
		NameLarge: genLarge,
		NameMixed: func() []byte { b, _ := genMixed(); return b },
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
