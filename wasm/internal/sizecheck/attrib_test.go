package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSanitize(t *testing.T) {
	for in, want := range map[string]string{
		"runtime.mallocgc":    "runtime.mallocgc",
		"syscall/js.valueGet": "syscall_js.valueGet",
		"github.com/wasm-sse/wasm-sse/wasm/client.(*Stream).feed": "github.com_wasm_sse_wasm_sse_wasm_client.__Stream_.feed",
		"type:.eq.[2]interface {}":                                "type_.eq._2_interface___",
		"slices.Sort[go.shape.int]":                               "slices.Sort_go.shape.int_",
		"pkg.héllo":                                               "pkg.h_llo",
		"gopkg.in/yaml%2ev3.Node":                                 "gopkg.in_yaml_2ev3.Node",
	} {
		assert.Equal(t, want, sanitize(in), in)
	}
}

func TestSymbolPrefix(t *testing.T) {
	for in, want := range map[string]string{
		"runtime":          "runtime",
		"syscall/js":       "syscall/js",
		"gopkg.in/yaml.v3": "gopkg.in/yaml%2ev3",
		"example.com/a-b":  "example.com/a-b",
		"a b/c%d\"e":       "a%20b/c%25d%22e",
		"x/é":              "x/%c3%a9",
	} {
		assert.Equal(t, want, symbolPrefix(in), in)
	}
}

// testIndex is the package list of a small js/wasm build.
func testIndex() pkgIndex {
	return newPkgIndex([]listedPkg{
		{path: "runtime", name: "runtime"},
		{path: "internal/bytealg", name: "bytealg"},
		{path: "syscall/js", name: "js"},
		{path: "slices", name: "slices"},
		{path: "gopkg.in/yaml.v3", name: "yaml"},
		{path: "example.com/a-b/c", name: "c"},
		{path: "example.com/a_b/c", name: "c"}, // the same sanitized prefix: the first one wins
		{path: "github.com/wasm-sse/wasm-sse/wasm/sse", name: "sse", own: true},
		{path: "github.com/wasm-sse/wasm-sse/wasm/client", name: "client", own: true},
		{path: "github.com/wasm-sse/wasm-sse/wasm", name: "main", own: true},
	})
}

func TestPackageOf(t *testing.T) {
	x := testIndex()
	const client = "github.com/wasm-sse/wasm-sse/wasm/client"
	for fn, want := range map[string]string{
		"runtime.mallocgc":             "runtime",
		"runtime.gcBgMarkWorker.func1": "runtime",
		"syscall_js.valueGet":          "syscall/js",
		"github.com_wasm_sse_wasm_sse_wasm_client.__Stream_.feed": client,
		"github.com_wasm_sse_wasm_sse_wasm_client.Connect":        client,
		"github.com_wasm_sse_wasm_sse_wasm_sse.__Parser_.Feed":    "github.com/wasm-sse/wasm-sse/wasm/sse",
		"main.main":                                            "github.com/wasm-sse/wasm-sse/wasm",
		"slices.Sort_go.shape.int_":                            "slices",
		"gopkg.in_yaml_2ev3.__Node_.Decode":                    "gopkg.in/yaml.v3",
		"example.com_a_b_c.F":                                  "example.com/a-b/c",
		"type_.eq.github.com_wasm_sse_wasm_sse_wasm_sse.Event": "github.com/wasm-sse/wasm-sse/wasm/sse",
		"type_.eq.runtime._panic":                              "runtime",
		"memeqbody":                                            "internal/bytealg",
		"_rt0_wasm_js":                                         "runtime",
		"wasm_export_resume":                                   "runtime",
	} {
		got, ok := x.packageOf(fn)
		assert.True(t, ok, fn)
		assert.Equal(t, want, got, fn)
	}
	for fn, want := range map[string]string{
		"type_.eq._2_interface___":   "(compiler-generated type:.eq)",
		"runtime_debug.SetGCPercent": "?runtime_debug", // linknamed into a package the build lacks
		"wasmsse_feed":               "(no package)",   // a //go:wasmexport wrapper
		"go_buildid":                 "(no package)",
		"strings.Index":              "?strings",
	} {
		got, ok := x.packageOf(fn)
		assert.False(t, ok, fn)
		assert.Equal(t, want, got, fn)
	}
	got, ok := newPkgIndex(nil).packageOf("memeqbody")
	assert.False(t, ok, "an assembly name counts only when its package is in the build")
	assert.Equal(t, "(no package)", got)
}

// uleb appends v as an unsigned LEB128 number.
func uleb(b []byte, v int) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// section appends a section.
func section(b []byte, id byte, body []byte) []byte {
	return append(uleb(append(b, id), len(body)), body...)
}

// str encodes a length-prefixed string.
func str(s string) []byte { return append(uleb(nil, len(s)), s...) }

// namedModule is a module with one imported function, a body of the
// given size for each name (after the import in the index space), a data
// section of dataLen bytes and, if named, a name section.
func namedModule(bodies []int, names []string, dataLen int, named bool) []byte {
	m := []byte{0, 'a', 's', 'm', 1, 0, 0, 0}
	m = section(m, 1, []byte{1, 0x60, 0, 0})
	m = section(m, 2, append(append(append([]byte{1}, str("go")...), str("debug")...), 0, 0))
	fns := uleb(nil, len(bodies))
	for range bodies {
		fns = append(fns, 0)
	}
	m = section(m, 3, fns)
	code := uleb(nil, len(bodies))
	for _, n := range bodies {
		body := append([]byte{0}, bytes.Repeat([]byte{1}, n-2)...) // no locals, nops, end
		code = append(uleb(code, len(body)+1), append(body, 0x0b)...)
	}
	m = section(m, 10, code)
	data := append([]byte{1, 0, 0x41, 0, 0x0b}, uleb(nil, dataLen)...)
	m = section(m, 11, append(data, make([]byte, dataLen)...))
	if !named {
		return m
	}
	fn := uleb(nil, len(names))
	for i, n := range names {
		fn = append(uleb(fn, i+1), str(n)...)
	}
	return section(m, 0, append(append(str("name"), 1), append(uleb(nil, len(fn)), fn...)...))
}

func TestAttribute(t *testing.T) {
	names := []string{"runtime.mallocgc", "github.com_m_lib.F", "runtime.main", "main.main", "wasmsse_feed"}
	bodies := []int{100, 20, 200, 10, 5} // 200 takes a two-byte size prefix
	module := namedModule(bodies, names, 300, true)
	x := newPkgIndex([]listedPkg{
		{path: "runtime", name: "runtime"},
		{path: "github.com/m/lib", name: "lib", own: true},
		{path: "github.com/m/unused", name: "unused", own: true},
		{path: "github.com/m", name: "main", own: true},
	})
	a, err := attribute(module, x, func(b []byte) (int64, error) { return int64(len(b)) / 2, nil })
	require.NoError(t, err)
	assert.Equal(t, []pkgSize{
		{pkg: "runtime", known: true, funcs: 2, bytes: 101 + 202, gzip: 151},
		{pkg: "github.com/m/lib", own: true, known: true, funcs: 1, bytes: 21, gzip: 10},
		{pkg: "github.com/m", own: true, known: true, funcs: 1, bytes: 11, gzip: 5},
		{pkg: "(no package)", funcs: 1, bytes: 6, gzip: 3},
		{pkg: "github.com/m/unused", own: true, known: true, gzip: 0},
	}, a.pkgs, "by size, the main module's packages listed even without a body")
	assert.Equal(t, int64(1+2+1+4+2+300), a.data, "the data section: id, size, count, one segment (flags, offset, size, bytes)")
	assert.Equal(t, int64(a.data/2), a.dataGzip)
	name := len(module) - len(namedModule(bodies, names, 300, false))
	assert.Equal(t, int64(name), a.named)
	assert.Equal(t, int64(len(module)-name), a.total, "the module without its name section")
	assert.Equal(t, a.total, a.data+a.other+101+202+21+11+6)

	a, err = attribute(module, x, nil)
	require.NoError(t, err)
	assert.Equal(t, int64(-1), a.dataGzip)
	assert.Equal(t, int64(-1), a.pkgs[0].gzip)

	_, err = attribute(namedModule(bodies, nil, 1, false), x, nil)
	assert.ErrorContains(t, err, "no name section")
	_, err = attribute([]byte("nope"), x, nil)
	assert.Error(t, err)
}

func TestPrintAttribution(t *testing.T) {
	a := attribution{
		pkgs: []pkgSize{
			{pkg: "runtime", known: true, funcs: 10, bytes: 5000, gzip: 2000},
			{pkg: "example.com/app/big", own: true, known: true, funcs: 3, bytes: 2000, gzip: 900},
			{pkg: "time", known: true, funcs: 2, bytes: 1000, gzip: 400},
			{pkg: "(no package)", funcs: 1, bytes: 50, gzip: 40},
			{pkg: "example.com/app", own: true, known: true, funcs: 1, bytes: 10, gzip: 9},
		},
		data: 1500, other: 440, total: 10000, dataGzip: 300,
	}
	var out bytes.Buffer
	printAttribution(&out, a, 2)
	lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	for i := range lines {
		lines[i] = strings.Join(strings.Fields(lines[i]), " ")
	}
	assert.Equal(t, []string{
		"package funcs bytes share gzip alone",
		"runtime 10 5,000 50.0% 2,000",
		"example.com/app/big 3 2,000 20.0% 900",
		"(3 more packages) 4 1,060 10.6%",
		"data (the data section: type data, pclntab, strings, ...) 1,500 15.0% 300",
		"other sections (types, imports, exports, ...) 440 4.4%",
		"total (without the name section) 10,000 100.0%",
		"this module's packages:",
		"example.com/app/big 3 2,000 20.0% 900",
		"example.com/app 1 10 0.1% 9",
		"not in a package of the build: (no package) 50 (1)",
	}, lines)

	out.Reset()
	a.pkgs[3].known = true
	a.pkgs[2].gzip = -1
	printAttribution(&out, a, 10)
	assert.NotContains(t, out.String(), "more packages")
	assert.NotContains(t, out.String(), "not in a package")
	assert.Regexp(t, `\n  time +2 +1,000 +10\.0% +-\n`, out.String(), "no gzip: -")
}
