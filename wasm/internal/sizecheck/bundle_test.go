package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseMetafile(t *testing.T) {
	inputs, err := parseMetafile([]byte(`{
	  "inputs": {"src/a.js": {"bytes": 900}, "src/b.js": {"bytes": 90}},
	  "outputs": {"out/shim.js": {"bytes": 700, "inputs": {
	    "src/a.js": {"bytesInOutput": 500}, "src/b.js": {"bytesInOutput": 50}, "src/c.js": {"bytesInOutput": 50}}}}
	}`))
	require.NoError(t, err)
	assert.Equal(t, []bundleInput{{"src/a.js", 500}, {"src/b.js", 50}, {"src/c.js", 50}}, inputs, "by size, then by path")
	assert.Equal(t, "3 modules: src/a.js 500, src/b.js 50, ...", describeInputs(inputs, 2))
	assert.Equal(t, "3 modules: src/a.js 500, src/b.js 50, src/c.js 50", describeInputs(inputs, 3))

	for name, text := range map[string]string{
		"not JSON":    `{`,
		"no output":   `{"outputs": {}}`,
		"two outputs": `{"outputs": {"a.js": {}, "b.js": {}}}`,
	} {
		_, err := parseMetafile([]byte(text))
		assert.Error(t, err, name)
	}
}

// The shim's bundle is what a bundler ships: the import graph of
// npm/src/index.js, Go's runtime wrapper included, Node's built-ins left
// out.
func TestRepositoryShimBundle(t *testing.T) {
	esbuild := esbuildPath(t)
	root := repoRoot(t)
	if _, err := os.Stat(filepath.Join(root, "npm", "dist", "go-runtime.js")); err != nil {
		t.Skip("npm/dist/go-runtime.js is not built (make build)")
	}
	b, err := bundleShim(esbuild, filepath.Join(root, "npm", "src", "index.js"), t.TempDir())
	require.NoError(t, err)
	var paths []string
	for _, in := range b.inputs {
		paths = append(paths, filepath.ToSlash(in.path))
		assert.False(t, strings.Contains(in.path, "node:"), in.path)
	}
	joined := strings.Join(paths, "\n") + "\n"
	assert.Contains(t, joined, "npm/dist/go-runtime.js\n")
	assert.Contains(t, joined, "npm/src/index.js\n")
	assert.Contains(t, joined, "npm/src/loader.js\n")
	data, err := os.ReadFile(b.file)
	require.NoError(t, err)
	assert.Contains(t, string(data), "node:crypto", "the dynamic import of Node's crypto stays a string")
	assert.Less(t, strings.Count(string(data), "\n"), 10, "minified")
}
