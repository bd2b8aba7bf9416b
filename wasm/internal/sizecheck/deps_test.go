//go:build !js

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// banned are the packages that must not be linked into sse.wasm: each one
// adds kilobytes to hundreds of kilobytes, and the module does the same work
// with errors, a few lines of its own and syscall/js (the host's fetch and
// console) for nothing. time and context (with internal/godebug) weigh about
// 95 KB gzip; the engine uses wasm/internal/clock and wasm/internal/scope
// instead. bytes, strings and unicode link Unicode tables through unicode's
// init; strconv's number formatting is a small loop where needed.
var banned = []string{
	"fmt",
	"encoding/json",
	"net/http",
	"net",
	"log",
	"os",
	"time",
	"context",
	"strconv",
	"bytes",
	"strings",
	"github.com/stretchr/testify",
}

// bannedAlone are banned without the packages under them (unicode/utf8 and
// unicode/utf16 are small and table-free).
var bannedAlone = []string{"unicode"}

// wasmTags returns the build tags of sse.wasm, as the Makefile's WASMTAGS
// sets them, so that this test lists the build the Makefile makes.
func wasmTags(t *testing.T, root string) string {
	t.Helper()
	mk, err := os.ReadFile(filepath.Join(root, "Makefile"))
	require.NoError(t, err)
	for _, line := range strings.Split(string(mk), "\n") {
		if name, value, ok := strings.Cut(line, ":="); ok && strings.TrimSpace(name) == "WASMTAGS" {
			return strings.TrimSpace(value)
		}
	}
	t.Fatal("the Makefile sets no WASMTAGS")
	return ""
}

// isBanned reports whether the import path pkg is, or is under, a banned
// path, or one of bannedAlone.
func isBanned(pkg string) bool {
	for _, b := range bannedAlone {
		if pkg == b {
			return true
		}
	}
	for _, b := range banned {
		if pkg == b || strings.HasPrefix(pkg, b+"/") {
			return true
		}
	}
	return false
}

// wasmImports returns, for each package in the js/wasm build of ./wasm
// (the module's main package and everything it depends on), its direct
// imports.
func wasmImports(t *testing.T) map[string][]string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	require.NoError(t, err)
	require.FileExists(t, filepath.Join(root, "go.mod"))
	goBin, err := exec.LookPath("go")
	require.NoError(t, err, "the go command is needed to list the wasm build's packages")
	cmd := exec.Command(goBin, "list", "-tags="+wasmTags(t, root), "-deps", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", "./wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0", "GOFLAGS=")
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok {
		t.Fatalf("go list: %v\n%s", err, ee.Stderr)
	}
	require.NoError(t, err)
	imports := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		require.NotEmpty(t, f)
		imports[f[0]] = f[1:]
	}
	return imports
}

func TestWasmBuildHasNoBannedImports(t *testing.T) {
	imports := wasmImports(t)
	// Sanity: the listing is the real build, not an empty one.
	require.Contains(t, imports, "github.com/wasm-sse/wasm-sse/wasm")
	require.Contains(t, imports, "syscall/js")
	require.Contains(t, imports, "github.com/wasm-sse/wasm-sse/wasm/sse")

	var found []string
	for pkg, deps := range imports {
		for _, d := range deps {
			if isBanned(d) {
				found = append(found, pkg+" imports "+d)
			}
		}
	}
	sort.Strings(found)
	require.Empty(t, found, "banned packages in the js/wasm build of ./wasm")
}

func TestIsBanned(t *testing.T) {
	require.True(t, isBanned("fmt"))
	require.True(t, isBanned("github.com/stretchr/testify/require"))
	require.True(t, isBanned("net/http/httptest"))
	require.True(t, isBanned("net"))
	require.False(t, isBanned("fmtx"))
	require.False(t, isBanned("netip"))
	require.False(t, isBanned("syscall/js"))
	require.True(t, isBanned("unicode"))
	require.False(t, isBanned("unicode/utf8"))
	require.True(t, isBanned("context"))
	require.False(t, isBanned("github.com/wasm-sse/wasm-sse/wasm/sse"))
}
