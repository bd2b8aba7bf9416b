package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeFixtures writes a compressible and an incompressible file.
func writeFixtures(t *testing.T) (text, noise string) {
	t.Helper()
	dir := t.TempDir()
	text = filepath.Join(dir, "text.js")
	require.NoError(t, os.WriteFile(text, bytes.Repeat([]byte("export const answer = 42;\n"), 4000), 0o644))
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 50000)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	noise = filepath.Join(dir, "noise.bin")
	require.NoError(t, os.WriteFile(noise, b, 0o644))
	return text, noise
}

func TestMeasureWithoutNode(t *testing.T) {
	text, noise := writeFixtures(t)
	s, err := measure([]string{text}, nodeZlib{})
	require.NoError(t, err)
	assert.Equal(t, int64(104000), s.raw)
	assert.Equal(t, int64(-1), s.brotli)
	assert.Greater(t, s.gzip, int64(0))
	assert.Less(t, s.gzip, int64(2000), "repeated text compresses well")

	n, err := measure([]string{noise}, nodeZlib{})
	require.NoError(t, err)
	assert.Greater(t, n.gzip, int64(50000), "random bytes do not compress")

	both, err := measure([]string{text, noise}, nodeZlib{})
	require.NoError(t, err)
	assert.Equal(t, sizes{raw: s.raw + n.raw, gzip: s.gzip + n.gzip, brotli: -1}, both, "sizes are per-file sums")

	_, err = measure([]string{filepath.Join(t.TempDir(), "none.wasm")}, nodeZlib{})
	assert.Error(t, err)
}

func TestMeasureWithNode(t *testing.T) {
	z := newNodeZlib()
	require.True(t, z.available(), "node is part of the development environment (npm tests); install it to run this test")
	text, noise := writeFixtures(t)
	goOnly, err := measure([]string{text, noise}, nodeZlib{})
	require.NoError(t, err)
	s, err := measure([]string{text, noise}, z)
	require.NoError(t, err)
	assert.Equal(t, goOnly.raw, s.raw)
	assert.InDelta(t, goOnly.gzip, s.gzip, float64(goOnly.gzip)/20, "zlib and compress/gzip agree within 5%")
	assert.Greater(t, s.brotli, int64(50000))
	assert.Less(t, s.brotli, s.gzip, "brotli at quality 11 beats gzip")

	_, err = z.each([]string{filepath.Join(t.TempDir(), "none.js")}, true)
	assert.Error(t, err)

	each, err := measureEach([]string{text, noise}, z, false)
	require.NoError(t, err)
	require.Len(t, each, 2)
	assert.Equal(t, sizes{raw: goOnly.raw - 50000, gzip: each[0].gzip, brotli: -1}, each[0], "gzip only: brotli -1")
	assert.Equal(t, s.gzip, each[0].gzip+each[1].gzip)
	empty, err := measureEach(nil, z, true)
	require.NoError(t, err)
	assert.Empty(t, empty)
}

func TestSum(t *testing.T) {
	assert.Equal(t, sizes{}, sum())
	assert.Equal(t, sizes{raw: 3, gzip: 2, brotli: 5}, sum(sizes{1, 1, 2}, sizes{2, 1, 3}))
	assert.Equal(t, sizes{raw: 3, gzip: 2, brotli: -1}, sum(sizes{1, 1, -1}, sizes{2, 1, 3}))
	assert.Equal(t, sizes{raw: 3, gzip: 2, brotli: -1}, sum(sizes{1, 1, 2}, sizes{2, 1, -1}))
}
