package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExpandJS(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	require.NoError(t, os.Mkdir(src, 0o755))
	require.NoError(t, os.Mkdir(filepath.Join(src, "sub"), 0o755))
	for _, f := range []string{"b.js", "a.js", "c.ts", "sub/d.js"} {
		require.NoError(t, os.WriteFile(filepath.Join(src, f), []byte("x"), 0o644))
	}
	extra := filepath.Join(dir, "runtime.js")
	require.NoError(t, os.WriteFile(extra, []byte("y"), 0o644))
	empty := filepath.Join(dir, "empty")
	require.NoError(t, os.Mkdir(empty, 0o755))
	missing := filepath.Join(dir, "missing.js")

	files, notes, err := expandJS(src + ", " + missing + ",," + extra + "," + empty)
	require.NoError(t, err)
	assert.Equal(t, []string{filepath.Join(src, "a.js"), filepath.Join(src, "b.js"), extra}, files)
	assert.Equal(t, []string{missing + " does not exist: not counted", empty + " has no .js file"}, notes)

	files, notes, err = expandJS("")
	require.NoError(t, err)
	assert.Empty(t, files)
	assert.Empty(t, notes)
}
