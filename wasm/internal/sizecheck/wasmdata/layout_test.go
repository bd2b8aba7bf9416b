package wasmdata

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// name encodes a length-prefixed string.
func name(s string) []byte { return append(appendULEB(nil, uint64(len(s))), s...) }

// layoutModule is a small module with every section ReadLayout reads: two
// imported functions among other imports, three function bodies (of 2, 3
// and 130 bytes: the last one's size takes a two-byte prefix), a data section
// and the custom sections Go writes (go:buildid first, name last, with a
// module-name subsection before the function names and a locals one
// after).
func layoutModule() []byte {
	b := append([]byte(nil), magic...)
	b = appendSection(b, 0, append(name("go:buildid"), "abc"...))
	b = appendSection(b, 1, []byte{1, 0x60, 0, 0}) // one type: () -> ()
	imports := []byte{4}
	imports = append(append(append(imports, name("go")...), name("f")...), 0, 0)
	imports = append(append(append(imports, name("env")...), name("mem")...), 2, 1, 1, 2) // memory, min 1 max 2
	imports = append(append(append(imports, name("env")...), name("g")...), 3, 0x7f, 0)   // global i32, const
	imports = append(append(append(imports, name("go")...), name("h")...), 0, 0)
	b = appendSection(b, 2, imports)
	b = appendSection(b, 3, []byte{3, 0, 0, 0})
	code := []byte{3}
	code = append(code, 2, 0, 0x0b)    // body of 2 bytes: no locals, end
	code = append(code, 3, 0, 1, 0x0b) // nop
	big := append([]byte{0}, strings.Repeat("\x01", 128)...)
	big = append(big, 0x0b)
	code = append(append(code, appendULEB(nil, uint64(len(big)))...), big...)
	b = appendSection(b, 10, code)
	b = appendSection(b, 11, []byte{1, 0, 0x41, 0, 0x0b, 2, 'h', 'i'})
	var names []byte
	names = append(append(names, 0), name("\x01m")...) // module name subsection
	fn := []byte{3}
	fn = append(append(fn, 2), name("runtime.main")...)
	fn = append(append(fn, 4), name("github.com_a_b.__T_.M")...)
	fn = append(append(fn, 0), name("go.f")...) // an import: not a body
	names = append(append(append(names, 1), appendULEB(nil, uint64(len(fn)))...), fn...)
	names = append(names, 2, 1, 0) // local names: none
	return appendSection(b, 0, append(name("name"), names...))
}

func TestReadLayout(t *testing.T) {
	m := layoutModule()
	l, err := ReadLayout(m)
	require.NoError(t, err)
	assert.Equal(t, 2, l.Imports)

	var ids []byte
	total := len(magic)
	for _, s := range l.Sections {
		ids = append(ids, s.ID)
		total += s.Size
	}
	assert.Equal(t, []byte{0, 1, 2, 3, 10, 11, 0}, ids)
	assert.Equal(t, "go:buildid", l.Sections[0].Name)
	assert.Equal(t, "name", l.Sections[6].Name)
	assert.Equal(t, "", l.Sections[4].Name)
	assert.Equal(t, len(m), total, "the sections cover the module")

	require.Len(t, l.Funcs, 3)
	want := []struct {
		index      uint32
		name       string
		size       int
		lastOpcode byte
	}{{2, "runtime.main", 3, 0x0b}, {3, "", 4, 0x0b}, {4, "github.com_a_b.__T_.M", 132, 0x0b}}
	sum := 1 // the code section's count
	for i, w := range want {
		f := l.Funcs[i]
		assert.Equal(t, w.index, f.Index, i)
		assert.Equal(t, w.name, f.Name, i)
		assert.Equal(t, w.size, f.Size, i)
		assert.Equal(t, w.lastOpcode, m[f.Offset+f.Size-1], "the body ends at Offset+Size")
		sum += f.Size
	}
	assert.EqualValues(t, 2, m[l.Funcs[0].Offset], "Offset is at the size prefix")
	code := l.Sections[4]
	assert.Equal(t, code.Size, sum+1+len(appendULEB(nil, uint64(sum))), "bodies + count = the code section's body")
}

func TestReadLayoutWithoutNames(t *testing.T) {
	b := append([]byte(nil), magic...)
	b = appendSection(b, 10, []byte{1, 2, 0, 0x0b})
	l, err := ReadLayout(b)
	require.NoError(t, err)
	assert.Equal(t, 0, l.Imports)
	assert.Equal(t, []Func{{Index: 0, Offset: 11, Size: 3}}, l.Funcs)
}

func TestReadLayoutRejectsBadInput(t *testing.T) {
	_, err := ReadLayout([]byte("nope"))
	assert.Error(t, err)
	good := layoutModule()
	l, err := ReadLayout(good)
	require.NoError(t, err)
	boundary := map[int]bool{}
	at := len(magic)
	for _, s := range l.Sections {
		at += s.Size
		boundary[at] = true
	}
	for n := len(magic) + 1; n < len(good); n++ {
		if !boundary[n] {
			_, err := ReadLayout(good[:n])
			assert.Error(t, err, "truncated at %d", n)
		}
	}
	bad := func(id byte, body []byte) []byte { return appendSection(append([]byte(nil), magic...), id, body) }
	for what, m := range map[string][]byte{
		"unknown import kind":   bad(2, append(append(append([]byte{1}, name("a")...), name("b")...), 9)),
		"trailing import bytes": bad(2, []byte{0, 0}),
		"body past the section": bad(10, []byte{1, 5, 0}),
		"trailing code bytes":   bad(10, []byte{1, 1, 0x0b, 0}),
		"huge function count":   bad(10, []byte{0xff, 0xff, 0x03}),
		"custom without name":   bad(0, []byte{5, 'a'}),
		"names past subsection": bad(0, append(name("name"), 1, 3, 1, 0, 9)),
	} {
		_, err := ReadLayout(m)
		assert.Error(t, err, what)
	}
}

// TestReadLayoutGoModule reads an unstripped js/wasm build of a small Go
// program: every body has a name, Go's own among them.
func TestReadLayoutGoModule(t *testing.T) {
	goBin, err := exec.LookPath("go")
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module m\ngo 1.24\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nfunc main() { println(\"hi\") }\n"), 0o644))
	wasm := filepath.Join(dir, "m.wasm")
	cmd := exec.Command(goBin, "build", "-trimpath", "-o", wasm, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	m, err := os.ReadFile(wasm)
	require.NoError(t, err)

	l, err := ReadLayout(m)
	require.NoError(t, err)
	assert.Positive(t, l.Imports)
	assert.Greater(t, len(l.Funcs), 500)
	seen := map[string]bool{}
	for _, f := range l.Funcs {
		require.NotEmpty(t, f.Name, "function %d", f.Index)
		seen[f.Name] = true
	}
	assert.True(t, seen["main.main"])
	assert.True(t, seen["runtime.mallocgc"])
}
