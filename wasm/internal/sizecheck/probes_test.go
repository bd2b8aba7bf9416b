package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFindProbes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	write("b/main.go", "//go:build js && wasm\n\n// Program b measures bees. More text.\npackage main\n\nfunc main() {}\n")
	write("a/x.go", "package main\n\nfunc f() {}\n")
	write("a/main.go", "// Program a measures A\n// over two lines.\n//\n// Details.\npackage main\n\nfunc main() {}\n")
	write("tests/only_test.go", "package main\n")
	write("empty/README", "not Go\n")
	write("doc.go", "// Package probes.\npackage probes\n")

	probes, err := findProbes(dir)
	require.NoError(t, err)
	assert.Equal(t, []probe{
		{name: "a", pkg: filepath.Join(dir, "a"), synopsis: "Program a measures A over two lines."},
		{name: "b", pkg: filepath.Join(dir, "b"), synopsis: "Program b measures bees."},
	}, probes)

	t.Chdir(dir)
	probes, err = findProbes(".")
	require.NoError(t, err)
	require.Len(t, probes, 2)
	assert.Equal(t, "./a", probes[0].pkg, "a relative directory is a package path with ./")

	write("bad/main.go", "not Go")
	_, err = findProbes(".")
	assert.Error(t, err)
	_, err = findProbes("none")
	assert.Error(t, err)
}

// The repository's probes: three js/wasm programs, each saying what it
// measures.
func TestRepositoryProbes(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "wasm", "internal", "sizeprobe")
	probes, err := findProbes(dir)
	require.NoError(t, err)
	var names []string
	for _, p := range probes {
		names = append(names, p.name)
		assert.True(t, strings.HasPrefix(p.synopsis, "Program "+p.name+" measures "), p.synopsis)
		src, err := os.ReadFile(filepath.Join(dir, p.name, "main.go"))
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(string(src), "//go:build js && wasm\n"), p.name)
	}
	assert.Equal(t, []string{"client", "hello", "nethttp"}, names)
}

func TestPrintProbes(t *testing.T) {
	var out bytes.Buffer
	printProbes(&out, []probe{
		{name: "hello", synopsis: "Program hello measures the floor.", size: sizes{raw: 1000000, gzip: 300000, brotli: -1}},
		{name: "client", synopsis: "Program client measures the client.", size: sizes{raw: 1500000, gzip: 400000, brotli: -1}},
	})
	assert.Equal(t, ""+
		"  probe          raw        gzip  raw over hello  gzip over hello\n"+
		"  hello    1,000,000     300,000              +0               +0\n"+
		"  client   1,500,000     400,000        +500,000         +100,000\n"+
		"  hello: Program hello measures the floor.\n"+
		"  client: Program client measures the client.\n", out.String())
	assert.Equal(t, "-5", signed(-5))
	assert.Equal(t, "+1,000", signed(1000))
}
