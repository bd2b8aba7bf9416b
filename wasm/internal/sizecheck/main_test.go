package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunExitCodes(t *testing.T) {
	text, noise := writeFixtures(t)
	jsDir := filepath.Dir(text) // holds text.js (and noise.bin, not a .js file)

	var out, errOut bytes.Buffer
	code := run([]string{"-wasm", noise, "-js", jsDir, "-max-raw", "50KB", "-max-gzip", "1MB"}, &out, &errOut)
	assert.Equal(t, 0, code, errOut.String())
	assert.Contains(t, out.String(), "raw      50,000")
	assert.Contains(t, out.String(), "JS shim (1 files)          raw     104,000")
	assert.Contains(t, out.String(), "budget raw <= 50,000: ok, 0 to spare")

	out.Reset()
	errOut.Reset()
	code = run([]string{"-wasm", noise, "-max-raw", "49999"}, &out, &errOut)
	assert.Equal(t, 1, code)
	assert.Contains(t, out.String(), "budget raw <= 49,999: OVER by 1")
	assert.Contains(t, errOut.String(), "over budget: [raw]")

	for name, args := range map[string][]string{
		"bad budget":     {"-wasm", noise, "-max-raw", "big"},
		"missing module": {"-wasm", filepath.Join(t.TempDir(), "none.wasm")},
		"stray argument": {"-wasm", noise, "extra"},
		"unknown flag":   {"-nope"},
	} {
		out.Reset()
		errOut.Reset()
		assert.Equal(t, 2, run(args, &out, &errOut), name)
		assert.NotEmpty(t, errOut.String(), name)
	}
}

func TestRunWithoutNode(t *testing.T) {
	_, noise := writeFixtures(t)
	t.Setenv("PATH", t.TempDir()) // an empty directory: no node
	var out, errOut bytes.Buffer
	assert.Equal(t, 0, run([]string{"-wasm", noise, "-max-gzip", "1MB"}, &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "brotli skipped")
	assert.Contains(t, out.String(), "brotli         -")

	out.Reset()
	errOut.Reset()
	assert.Equal(t, 2, run([]string{"-wasm", noise, "-max-brotli", "1MB"}, &out, &errOut))
	assert.Contains(t, errOut.String(), "-max-brotli needs node")
}

func TestRunMergeGap(t *testing.T) {
	module := []byte{
		0, 'a', 's', 'm', 1, 0, 0, 0,
		5, 3, 1, 0, 1, // memory section
		11, 14, 2, // data section, two segments 2 bytes apart
		0, 0x41, 0, 0x0b, 2, 'a', 'b',
		0, 0x41, 4, 0x0b, 1, 'c',
	}
	path := filepath.Join(t.TempDir(), "m.wasm")
	require.NoError(t, os.WriteFile(path, module, 0o644))
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"-wasm", path, "-merge-gap", "8", "-max-raw", "29"}, &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "raw          29")
	assert.Contains(t, out.String(), "  data merged (gap 8)      raw          26", "one 5-byte header less, two zeros more")

	notWasm := filepath.Join(t.TempDir(), "x.wasm")
	require.NoError(t, os.WriteFile(notWasm, []byte("nope"), 0o644))
	assert.Equal(t, 2, run([]string{"-wasm", notWasm, "-merge-gap", "8"}, &out, &errOut))
}
