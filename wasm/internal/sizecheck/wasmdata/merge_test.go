package wasmdata

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seg is an active segment of memory 0 for the test modules.
type seg struct {
	off  int64
	data string
}

// module builds a module with a memory, an optional DataCount section and
// a data section holding segs, then extra (already encoded) segments.
func module(dataCount bool, segs []seg, extra ...[]byte) []byte {
	b := append([]byte(nil), magic...)
	b = appendSection(b, 5, []byte{1, 0, 1}) // memory section: one memory, min 1 page
	if dataCount {
		b = appendSection(b, sectionDataCount, appendULEB(nil, uint64(len(segs)+len(extra))))
	}
	body := appendULEB(nil, uint64(len(segs)+len(extra)))
	for _, s := range segs {
		body = append(body, 0, 0x41)
		body = appendSLEB(body, s.off)
		body = append(body, 0x0b)
		body = appendULEB(body, uint64(len(s.data)))
		body = append(body, s.data...)
	}
	for _, e := range extra {
		body = append(body, e...)
	}
	b = appendSection(b, sectionData, body)
	return appendSection(b, 0, []byte{4, 'n', 'a', 'm', 'e'}) // a custom section after it
}

// image applies the active segments of module to a zeroed memory, as
// instantiation does, and also returns the DataCount value (-1 if none).
func image(t *testing.T, module []byte) (mem []byte, segments, dataCount int) {
	t.Helper()
	dataCount = -1
	r := reader{b: module, i: len(magic)}
	for r.i < len(module) {
		id, err := r.byte()
		require.NoError(t, err)
		body, err := r.bytes()
		require.NoError(t, err)
		switch id {
		case sectionDataCount:
			n, err := (&reader{b: body}).uleb()
			require.NoError(t, err)
			dataCount = int(n)
		case sectionData:
			segs, err := parseData(body)
			require.NoError(t, err)
			segments = len(segs)
			for _, s := range segs {
				if !s.active {
					continue
				}
				if end := int(s.offset) + len(s.data); end > len(mem) {
					mem = append(mem, make([]byte, end-len(mem))...)
				}
				copy(mem[s.offset:], s.data)
			}
		}
	}
	return mem, segments, dataCount
}

func TestMergeJoinsShortGaps(t *testing.T) {
	in := module(true, []seg{{0, "ab"}, {10, "cd"}, {30, "ef"}, {33, "g"}, {100000, "far"}, {100003, "next"}})
	out, st, err := Merge(in, 8)
	require.NoError(t, err)
	assert.Equal(t, Stats{Before: 6, After: 3}, st) // ab..cd, ef+g, far+next
	memIn, _, _ := image(t, in)
	memOut, n, dc := image(t, out)
	assert.Equal(t, memIn, memOut, "same memory contents")
	assert.Equal(t, 3, n)
	assert.Equal(t, 3, dc, "DataCount follows the new segment count")
	assert.Equal(t, in[len(in)-7:], out[len(out)-7:], "sections after the data section are kept")

	out, st, err = Merge(in, 0)
	require.NoError(t, err)
	assert.Equal(t, Stats{Before: 6, After: 5}, st, "gap 0 only joins touching segments")
	memOut, _, _ = image(t, out)
	assert.Equal(t, memIn, memOut)

	out, st, err = Merge(in, 1<<30)
	require.NoError(t, err)
	assert.Equal(t, 1, st.After)
	memOut, _, _ = image(t, out)
	assert.Equal(t, memIn, memOut)
}

func TestMergeUnorderedSegments(t *testing.T) {
	// In application order: 0, 20, 10, 14. Joining 0 and 20 would zero
	// 10..13, written earlier by nobody but lying between them in address
	// order, so they stay apart; 10 and 14 are neighbours and join.
	in := module(false, []seg{{0, "ab"}, {20, "ef"}, {10, "cd"}, {14, "gh"}})
	out, st, err := Merge(in, 100)
	require.NoError(t, err)
	assert.Equal(t, Stats{Before: 4, After: 3}, st)
	memIn, _, _ := image(t, in)
	memOut, _, _ := image(t, out)
	assert.Equal(t, memIn, memOut)

	// 5 is written first, then 0 and 8 would join across it: refused.
	in = module(false, []seg{{5, "X"}, {0, "ab"}, {8, "cd"}})
	out, st, err = Merge(in, 100)
	require.NoError(t, err)
	assert.Equal(t, 3, st.After)
	memIn, _, _ = image(t, in)
	memOut, _, _ = image(t, out)
	assert.Equal(t, memIn, memOut)

	overlap := module(false, []seg{{0, "abcd"}, {2, "XY"}})
	out, st, err = Merge(overlap, 100)
	require.NoError(t, err)
	assert.Equal(t, 2, st.After)
	assert.Equal(t, overlap, out)
}

func TestMergeKeepsPassiveAndOpaqueSegments(t *testing.T) {
	passive := []byte{1, 3, 'x', 'y', 'z'}
	in := module(true, []seg{{0, "ab"}, {4, "cd"}}, passive)
	out, st, err := Merge(in, 8)
	require.NoError(t, err)
	assert.Equal(t, Stats{Before: 3, After: 2}, st)
	_, n, dc := image(t, out)
	assert.Equal(t, 2, n)
	assert.Equal(t, 2, dc)
	assert.Contains(t, string(out), "\x01\x03xyz", "the passive segment is kept byte for byte")

	global := []byte{0, 0x23, 0, 0x0b, 1, 'g'} // offset from global.get 0
	in = module(false, []seg{{0, "ab"}, {4, "cd"}}, global)
	out, st, err = Merge(in, 8)
	require.NoError(t, err)
	assert.Equal(t, 3, st.After, "an offset that is not a constant blocks merging")
	assert.Equal(t, in, out)
}

func TestMergeRejectsBadInput(t *testing.T) {
	_, _, err := Merge([]byte("not wasm"), 8)
	assert.Error(t, err)
	good := module(false, []seg{{0, "ab"}})
	boundary := map[int]bool{}
	for r := (reader{b: good, i: len(magic)}); r.i < len(good); {
		_, err := r.byte()
		require.NoError(t, err)
		_, err = r.bytes()
		require.NoError(t, err)
		boundary[r.i] = true
	}
	for i := len(magic) + 1; i < len(good); i++ {
		_, _, err := Merge(good[:i], 8)
		if boundary[i] {
			assert.NoError(t, err, "a module cut between sections is still well formed")
		} else {
			assert.Error(t, err, "truncated at %d", i)
		}
	}
}

func TestLEB(t *testing.T) {
	for _, v := range []int64{0, 1, 63, 64, -1, -64, -65, 127, 128, 1 << 20, -(1 << 40), 1<<63 - 1, -1 << 63} {
		r := reader{b: appendSLEB(nil, v)}
		got, err := r.sleb()
		require.NoError(t, err)
		assert.Equal(t, v, got)
	}
	for _, v := range []uint64{0, 127, 128, 1 << 35, 1<<64 - 1} {
		r := reader{b: appendULEB(nil, v)}
		got, err := r.uleb()
		require.NoError(t, err)
		assert.Equal(t, v, got)
	}
	b := make([]byte, 5)
	putPaddedULEB(b, 300)
	got, err := (&reader{b: b}).uleb()
	require.NoError(t, err)
	assert.EqualValues(t, 300, got)
}

// TestMergeGoModule merges a real js/wasm build of a small Go program.
func TestMergeGoModule(t *testing.T) {
	goBin, err := exec.LookPath("go")
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module m\ngo 1.24\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nfunc main() { println(\"hi\") }\n"), 0o644))
	wasm := filepath.Join(dir, "m.wasm")
	cmd := exec.Command(goBin, "build", "-trimpath", "-ldflags=-s -w", "-o", wasm, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	in, err := os.ReadFile(wasm)
	require.NoError(t, err)

	merged, st, err := Merge(in, 24)
	require.NoError(t, err)
	assert.Greater(t, st.Before, 10000, "Go writes many small segments")
	assert.Less(t, st.After, st.Before/50)
	memIn, _, _ := image(t, in)
	memOut, n, _ := image(t, merged)
	assert.Equal(t, st.After, n)
	assert.Equal(t, memIn, memOut, "same memory contents")
}
