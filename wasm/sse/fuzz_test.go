package sse

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

// tokens are the pieces random streams are built from: field names with
// and without colon and space, line endings, BOMs, NUL, valid and invalid
// UTF-8, digits for retry.
var tokens = []string{
	"data", "data:", "data: ", "data:  ", "event:", "event: ", "id:", "id: ", "id", "retry:", "retry: ",
	":", ": ", "Data:", "foo:", " ",
	"\n", "\n", "\n", "\r", "\r\n", "\n\n", "\r\r", "\r\n\r\n",
	"x", "hello", "42", "007", "99999999999999999999", "1.5", "-1", "é", "→", "😀",
	"\xEF\xBB\xBF", "\xEF\xBB", "\xEF", "\x00", "\t", "\xE2\x82", "\xFF", "\xC0\xAF", "\xED\xA0\x80",
	"\xF4\x90\x80\x80", "\xF0\x9F\x98", "\x80",
}

// genStream returns a random stream of about n tokens.
func genStream(rng *rand.Rand, n int) []byte {
	var b strings.Builder
	for range n {
		b.WriteString(tokens[rng.IntN(len(tokens))])
	}
	return []byte(b.String())
}

// checkRetained asserts that what the parser keeps between Feed calls is
// bounded by the maximum event size, whatever the input length, and that
// it holds no reference to the chunk it was given.
func checkRetained(t testing.TB, p *Parser, chunk []byte, initialID int) {
	t.Helper()
	m := p.max
	// A value may grow up to 3x when invalid bytes become U+FFFD.
	lenBound := map[string][2]int{
		"line":   {len(p.line), m + 2}, // + a partial BOM that turned out not to be one
		"data":   {len(p.data), 3 * m},
		"evType": {len(p.evType), 3 * m},
		"idBuf":  {len(p.idBuf), max(3*m, initialID)},
		"lastID": {len(p.lastID), max(3*m, initialID)},
	}
	capBound := map[string][2]int{
		"line":   {cap(p.line), 2*(m+2) + 64},
		"data":   {cap(p.data), 6*m + 64},
		"evType": {cap(p.evType), 6*m + 64},
		"idBuf":  {cap(p.idBuf), 2*max(3*m, initialID) + 64},
		"lastID": {cap(p.lastID), 2*max(3*m, initialID) + 64},
	}
	for name, lb := range lenBound {
		if lb[0] > lb[1] {
			t.Fatalf("len(%s) = %d exceeds %d (max event size %d)", name, lb[0], lb[1], m)
		}
	}
	for name, cb := range capBound {
		if cb[0] > cb[1] {
			t.Fatalf("cap(%s) = %d exceeds %d (max event size %d)", name, cb[0], cb[1], m)
		}
	}
	if p.chunk != nil || p.refOn {
		t.Fatalf("parser keeps a reference into the last chunk (chunk)")
	}
	for name, b := range map[string][]byte{"ev.Data": p.ev.Data, "ev.Type": p.ev.Type, "ev.ID": p.ev.ID, "line": p.line} {
		if overlaps(b, chunk) {
			t.Fatalf("parser keeps a reference into the last chunk (%s)", name)
		}
	}
}

// overlaps reports whether the backing arrays of a and b share memory.
func overlaps(a, b []byte) bool {
	if cap(a) == 0 || cap(b) == 0 {
		return false
	}
	a0 := uintptr(unsafe.Pointer(unsafe.SliceData(a)))
	b0 := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	return a0 < b0+uintptr(cap(b)) && b0 < a0+uintptr(cap(a))
}

// runChecked is run with checkRetained after every Feed.
func runChecked(t testing.TB, opts Options, chunks [][]byte) *recorder {
	t.Helper()
	p := NewParser(opts)
	r := &recorder{}
	for _, c := range chunks {
		r.chunk = c
		p.Feed(c, r)
		checkRetained(t, p, c, len(opts.LastEventID))
	}
	return r
}

// fuzzSeeds adds every vector input and some generated streams.
func fuzzSeeds(f *testing.F, add func(input []byte, v *vector)) {
	for _, v := range loadVectors(f) {
		add(v.input, v)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 40 {
		add(genStream(rng, 5+i*10), nil)
	}
}

// FuzzParser checks, for any input: no panic, the same log for any chunking
// as for one chunk, valid UTF-8 data, the ChunkOffset invariant, and
// retained memory bounded by the maximum event size.
func FuzzParser(f *testing.F) {
	fuzzSeeds(f, func(in []byte, v *vector) {
		sel := uint8(0)
		if v != nil && v.MaxEventSize > 16 {
			sel = uint8(v.MaxEventSize - 16)
		}
		f.Add(in, []byte{3, 1, 4, 1, 5, 9, 2, 6}, sel)
		f.Add(in, []byte{1}, uint8(239))
	})
	f.Fuzz(func(t *testing.T, input, cuts []byte, sel uint8) {
		opts := Options{}
		if sel != 0 {
			opts.MaxEventSize = 16 + int(sel) // 17..271
		}
		base := runChecked(t, opts, oneChunk(input))
		require.Empty(t, base.violations)
		chunked := runChecked(t, opts, chunksFromSeed(input, cuts))
		require.Empty(t, chunked.violations)
		require.Equal(t, base.log, chunked.log, "chunking changed the result")
		if len(input) <= 4096 {
			bytewise := runChecked(t, opts, byteChunks(input))
			require.Equal(t, base.log, bytewise.log, "one byte at a time changed the result")
		}
	})
}

// FuzzDifferential compares the parser, fed in chunks, with the reference
// parser. Inputs stay far below the default maximum event size, so no block
// is ever discarded.
func FuzzDifferential(f *testing.F) {
	fuzzSeeds(f, func(in []byte, v *vector) {
		if v != nil && v.MaxEventSize != 0 {
			return
		}
		id := ""
		if v != nil {
			id = v.LastEventID
		}
		f.Add(in, []byte{2, 7, 1, 8, 2, 8}, id)
	})
	f.Fuzz(func(t *testing.T, input, cuts []byte, lastID string) {
		compareWithReference(t, input, cuts, lastID)
	})
}

func compareWithReference(t *testing.T, input, cuts []byte, lastID string) {
	lastID = strings.ToValidUTF8(lastID, "\uFFFD") // IDs given by callers are strings from JS
	r, p := run(Options{LastEventID: lastID}, chunksFromSeed(input, cuts))
	require.Empty(t, r.violations)
	require.Zero(t, r.errors())
	want := refParse(input, lastID)
	require.Equal(t, want.Events, r.events(), "events; input %q", input)
	require.Equal(t, want.Retries, r.retries(), "retries; input %q", input)
	require.Equal(t, want.Comments, r.comments(), "comments; input %q", input)
	require.Equal(t, want.LastID, p.LastEventID(), "last event ID; input %q", input)
}

// TestRandomStreamsDifferential is a deterministic slice of the fuzz
// targets, so plain `go test` runs them on many generated streams.
func TestRandomStreamsDifferential(t *testing.T) {
	n := 3000
	if testing.Short() || raceEnabled {
		n = 600
	}
	rng := rand.New(rand.NewPCG(2024, 11))
	for i := range n {
		in := genStream(rng, 1+rng.IntN(60))
		cuts := []byte{byte(rng.IntN(8)), byte(rng.IntN(32)), byte(rng.IntN(3))}
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			compareWithReference(t, in, cuts, "")
			opts := Options{MaxEventSize: 17 + rng.IntN(64)}
			base := runChecked(t, opts, oneChunk(in))
			chunked := runChecked(t, opts, chunksFromSeed(in, cuts))
			require.Empty(t, chunked.violations)
			require.Equal(t, base.log, chunked.log)
		})
	}
}

func TestRetainedMemoryBounded(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var junk []byte
	for len(junk) < 1<<20 {
		junk = append(junk, genStream(rng, 200)...)
	}
	// A line that never ends, and a block that never ends.
	endless := append([]byte("data: "), []byte(strings.Repeat("\xFF", 1<<20))...)
	block := []byte(strings.Repeat("data: \xE2\x82\n", 1<<17))
	for _, in := range [][]byte{junk, endless, block} {
		opts := Options{MaxEventSize: 256}
		r := runChecked(t, opts, randomChunks(in, rng, 4096))
		require.Empty(t, r.violations)
		if &in[0] != &junk[0] {
			require.Positive(t, r.errors(), "a 1 MiB block exceeds 256 bytes")
		}
	}
}
