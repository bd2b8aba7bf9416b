package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunExitCodes(t *testing.T) {
	_, noise := writeFixtures(t)

	var out, errOut bytes.Buffer
	code := run([]string{"-wasm", noise, "-max-raw", "50KB", "-max-gzip", "1MB"}, &out, &errOut)
	assert.Equal(t, 0, code, errOut.String())
	assert.Contains(t, out.String(), "What a page downloads")
	assert.Contains(t, out.String(), "noise.bin")
	assert.Contains(t, out.String(), "      50,000")
	assert.Contains(t, out.String(), "budget raw (noise.bin)              <=      50,000:      50,000, ok, 0 to spare")
	assert.Contains(t, out.String(), "budget gzip (noise.bin)             <=   1,000,000:")
	assert.NotContains(t, out.String(), "total", "no shim: no total")
	assert.NotContains(t, out.String(), "Who added the weight")
	assert.NotContains(t, out.String(), "Size probes")

	out.Reset()
	errOut.Reset()
	code = run([]string{"-wasm", noise, "-max-raw", "49999"}, &out, &errOut)
	assert.Equal(t, 1, code)
	assert.Contains(t, out.String(), "budget raw (noise.bin)              <=      49,999:      50,000, OVER by 1")
	assert.Contains(t, errOut.String(), "sizecheck: over budget: raw (noise.bin)")

	for name, args := range map[string][]string{
		"bad budget":     {"-wasm", noise, "-max-raw", "big"},
		"missing module": {"-wasm", filepath.Join(t.TempDir(), "none.wasm")},
		"stray argument": {"-wasm", noise, "extra"},
		"unknown flag":   {"-nope"},
		"no esbuild":     {"-wasm", noise, "-shim", noise, "-esbuild", filepath.Join(t.TempDir(), "esbuild")},
		"no probe dir":   {"-wasm", noise, "-probes", filepath.Join(t.TempDir(), "none")},
		"no probe":       {"-wasm", noise, "-probes", t.TempDir()},
		"not wasm":       {"-wasm", noise, "-pkg", "./none", "-go", filepath.Join(t.TempDir(), "go")},
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
	assert.Regexp(t, `noise\.bin +50,000 +[0-9,]+ +-\n`, out.String())

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
	assert.Regexp(t, `m\.wasm +29 `, out.String())
	assert.Regexp(t, `  data merged \(gap 8\) +26 `, out.String(), "one 5-byte header less, two zeros more")

	// An already merged module gets no merged row.
	merged := filepath.Join(t.TempDir(), "merged.wasm")
	require.NoError(t, os.WriteFile(merged, []byte{
		0, 'a', 's', 'm', 1, 0, 0, 0,
		5, 3, 1, 0, 1,
		11, 11, 1,
		0, 0x41, 0, 0x0b, 5, 'a', 'b', 0, 0, 'c',
	}, 0o644))
	out.Reset()
	require.Equal(t, 0, run([]string{"-wasm", merged, "-merge-gap", "8"}, &out, &errOut), errOut.String())
	assert.NotContains(t, out.String(), "data merged")

	notWasm := filepath.Join(t.TempDir(), "x.wasm")
	require.NoError(t, os.WriteFile(notWasm, []byte("nope"), 0o644))
	assert.Equal(t, 2, run([]string{"-wasm", notWasm, "-merge-gap", "8"}, &out, &errOut))
}

// repoRoot is the repository's root directory.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	require.NoError(t, err)
	require.FileExists(t, filepath.Join(root, "go.mod"))
	return root
}

// esbuildPath returns the repository's esbuild, or skips the test when
// the npm dev dependencies are not installed (make installs them).
func esbuildPath(t *testing.T) string {
	t.Helper()
	p := filepath.Join(repoRoot(t), "node_modules", ".bin", "esbuild")
	if _, err := os.Stat(p); err != nil {
		t.Skip("esbuild not installed (npm ci, or any make target needing node_modules, installs it)")
	}
	return p
}

func TestRunShim(t *testing.T) {
	esbuild := esbuildPath(t)
	_, noise := writeFixtures(t)
	dir := t.TempDir()
	entry := filepath.Join(dir, "index.js")
	require.NoError(t, os.WriteFile(entry, []byte("import { big } from './dep.js';\n"+
		"export async function read() { const fs = await import('node:fs'); return fs.readFileSync(big); }\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "dep.js"),
		[]byte("export const big = '"+strings.Repeat("x", 1000)+"';\n"), 0o644))

	var out, errOut bytes.Buffer
	code := run([]string{"-wasm", noise, "-shim", entry, "-esbuild", esbuild, "-max-raw", "50KB", "-max-gzip", "49KB"}, &out, &errOut)
	assert.Equal(t, 1, code, "50,000 random bytes plus the shim are over 49 KB gzip: %s", errOut.String())
	assert.Regexp(t, `JS shim, bundled\+minified +1,[0-9]{3} `, out.String(), "the dependency is in the bundle")
	assert.Regexp(t, `total +51,[0-9]{3} `, out.String())
	assert.Contains(t, out.String(), "esbuild "+entry+" --bundle --minify --format=esm --external:node:*")
	assert.Contains(t, out.String(), "bundle of 2 modules: ")
	assert.Contains(t, out.String(), "budget raw (noise.bin)              <=      50,000:      50,000, ok")
	assert.Contains(t, out.String(), "budget gzip (noise.bin + JS shim)   <=      49,000:")
	assert.Contains(t, errOut.String(), "over budget: gzip (noise.bin + JS shim)")

	require.NoError(t, os.WriteFile(entry, []byte("import './missing.js';\n"), 0o644))
	errOut.Reset()
	assert.Equal(t, 2, run([]string{"-wasm", noise, "-shim", entry, "-esbuild", esbuild}, &out, &errOut))
	assert.Contains(t, errOut.String(), "missing.js")
}

// TestRunPackagesAndProbes builds a small js/wasm module of a temporary Go
// module, with a package of its own and a size probe, as make size does.
func TestRunPackagesAndProbes(t *testing.T) {
	goBin, err := exec.LookPath("go")
	require.NoError(t, err)
	dir := t.TempDir()
	write := func(name, text string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	write("go.mod", "module example.com/tiny-app\n\ngo 1.24\n")
	write("lib/lib.go", "package lib\n\n//go:noinline\nfunc Sum(xs []int) (s int) {\n\tfor _, x := range xs {\n\t\ts += x\n\t}\n\treturn s\n}\n")
	write("main.go", "package main\n\nimport \"example.com/tiny-app/lib\"\n\nfunc main() { println(lib.Sum([]int{1, 2})) }\n")
	write("probes/floor/main.go", "// Program floor measures an empty program.\npackage main\n\nfunc main() {}\n")
	t.Chdir(dir)
	t.Setenv("GOFLAGS", "")
	cmd := exec.Command(goBin, "build", "-trimpath", "-ldflags=-s -w", "-o", "app.wasm", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, string(b))

	var out, errOut bytes.Buffer
	code := run([]string{"-wasm", "app.wasm", "-pkg", ".", "-ldflags", "-s -w", "-probes", "probes", "-top", "3", "-go", goBin}, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	text := out.String()
	assert.Contains(t, text, `Who added the weight: app.wasm by Go package (function bodies of . built -trimpath -ldflags="",`)
	assert.Regexp(t, `\n  runtime +[0-9]+ +[0-9,]+ +[0-9.]+% +[0-9,]+\n`, text, "the runtime is the largest package")
	assert.Regexp(t, `\(\d+ more packages\)`, text)
	assert.Contains(t, text, "this module's packages:\n")
	assert.Regexp(t, `\n  example\.com/tiny-app/lib +1 +[0-9,]+ +[0-9.]+% +[0-9,]+\n`, text, "the module's package, listed though small")
	assert.Regexp(t, `\n  example\.com/tiny-app +1 +[0-9,]+ `, text, "main.main belongs to the command")
	assert.Regexp(t, `total \(without the name section\) +[0-9,]+ +100\.0%`, text)
	assert.NotContains(t, text, "not the same sources", "the module and the unstripped build have the same code and data")

	assert.Contains(t, text, `Size probes for Go/wasm developers (probes, built for js/wasm -trimpath -ldflags="-s -w"):`)
	assert.Regexp(t, `\n  floor +[0-9,]+ +[0-9,]+ +\+0 +\+0\n`, text)
	assert.Contains(t, text, "  floor: Program floor measures an empty program.\n")
}
