package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tiny is a module with a memory and two data segments two bytes apart.
var tiny = []byte{
	0, 'a', 's', 'm', 1, 0, 0, 0,
	5, 3, 1, 0, 1, // memory section
	11, 14, 2, // data section, two segments
	0, 0x41, 0, 0x0b, 2, 'a', 'b',
	0, 0x41, 4, 0x0b, 1, 'c',
}

func TestMergeFileInPlaceAndToOutput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "m.wasm")
	require.NoError(t, os.WriteFile(in, tiny, 0o644))

	var out, errOut bytes.Buffer
	other := filepath.Join(dir, "o.wasm")
	require.Equal(t, 0, run([]string{"-o", other, in}, &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "2 -> 1 data segments")
	got, err := os.ReadFile(other)
	require.NoError(t, err)
	assert.Contains(t, string(got), "ab\x00\x00c", "the gap is written as zeros")
	orig, err := os.ReadFile(in)
	require.NoError(t, err)
	assert.Equal(t, tiny, orig, "the input is untouched with -o")

	out.Reset()
	require.Equal(t, 0, run([]string{"-gap", "1", in}, &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "2 -> 2 data segments", "a gap of 2 is over -gap 1")
	require.Equal(t, 0, run([]string{in}, &out, &errOut), errOut.String())
	got, err = os.ReadFile(in)
	require.NoError(t, err)
	assert.Contains(t, string(got), "ab\x00\x00c", "replaced in place")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "no temporary file left behind")
}

func TestMergeFileErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.wasm")
	require.NoError(t, os.WriteFile(bad, []byte("nope"), 0o644))
	var out, errOut bytes.Buffer
	assert.Equal(t, 1, run([]string{bad}, &out, &errOut))
	assert.Contains(t, errOut.String(), "not a WebAssembly")
	got, err := os.ReadFile(bad)
	require.NoError(t, err)
	assert.Equal(t, "nope", string(got), "left intact")

	assert.Equal(t, 1, run([]string{filepath.Join(dir, "missing.wasm")}, &out, &errOut))
	assert.Equal(t, 2, run([]string{}, &out, &errOut))
	assert.Equal(t, 2, run([]string{"-gap", "-1", bad}, &out, &errOut))
	assert.Equal(t, 2, run([]string{"-nope"}, &out, &errOut))
}
