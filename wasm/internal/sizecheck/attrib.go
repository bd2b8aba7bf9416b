package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/wasm-sse/wasm-sse/wasm/internal/sizecheck/wasmdata"
)

// listedPkg is one package of a build, as go list -deps reports it.
type listedPkg struct {
	path string // import path
	name string // package name ("main" for the command)
	own  bool   // in the main module
}

// sanitize mirrors what Go's linker writes into a js/wasm module's name
// section: every character other than an ASCII letter, digit, underscore
// or dot becomes one "_" (cmd/link/internal/wasm replaces [^\w.]), so
// "github.com/wasm-sse/wasm-sse/wasm/client.(*Stream).feed" is written
// "github.com_wasm_sse_wasm_sse_wasm_client.__Stream_.feed".
func sanitize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// symbolPrefix returns the prefix of the linker's symbol names for the
// package at path (as cmd/internal/objabi.PathToPrefix): control
// characters, space, '%', '"' and non-ASCII bytes are %-escaped, and so
// are the dots of the last path element, so that the first dot after it
// ends the package part ("gopkg.in/yaml.v3" -> "gopkg.in/yaml%2ev3").
func symbolPrefix(path string) string {
	slash := strings.LastIndexByte(path, '/')
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		c := path[i]
		if c <= ' ' || c == '%' || c == '"' || c >= 0x7f || c == '.' && i > slash {
			fmt.Fprintf(&b, "%%%02x", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// pkgIndex finds the package of a function by its name-section name.
type pkgIndex struct {
	byPrefix map[string]string // sanitized symbol prefix -> import path
	pkgs     []listedPkg
}

// newPkgIndex indexes the packages of a build. The command's symbols
// are named main.*, whatever its import path.
func newPkgIndex(pkgs []listedPkg) pkgIndex {
	x := pkgIndex{byPrefix: map[string]string{}, pkgs: pkgs}
	for _, p := range pkgs {
		prefix := sanitize(symbolPrefix(p.path))
		if p.name == "main" {
			prefix = "main"
		}
		if _, dup := x.byPrefix[prefix]; !dup { // paths differing only in punctuation: the first wins
			x.byPrefix[prefix] = p.path
		}
	}
	return x
}

// unprefixed maps the functions that Go's js/wasm assembly defines
// without a package prefix to the package whose .s file defines them.
var unprefixed = map[string]string{
	"_rt0_wasm_js":          "runtime",
	"callRet":               "runtime",
	"gcWriteBarrier":        "runtime",
	"wasm_export_getsp":     "runtime",
	"wasm_export_lib":       "runtime",
	"wasm_export_resume":    "runtime",
	"wasm_export_run":       "runtime",
	"wasm_pc_f_loop":        "runtime",
	"wasm_pc_f_loop_export": "runtime",
	"cmpbody":               "internal/bytealg",
	"memchr":                "internal/bytealg",
	"memcmp":                "internal/bytealg",
	"memeqbody":             "internal/bytealg",
}

// generatedPrefix starts the names of the equality functions the compiler
// generates for a type ("type:.eq.T"); they are counted with the package
// that defines T when it is known.
const generatedPrefix = "type_.eq."

// packageOf returns the import path of the package the function named fn
// (as written in the name section) belongs to: the longest known package
// prefix followed by a dot, or the package of an assembly function
// without a prefix (runtime's _rt0_wasm_js, internal/bytealg's memeqbody).
// ok is false when no package of the build matches; the returned name is
// then a group for it: "?" and the text before the first dot, or "(no
// package)" for a name without a dot (the //go:wasmexport wrappers, named
// after their export, and go:buildid).
func (x pkgIndex) packageOf(fn string) (pkg string, ok bool) {
	if p, found := unprefixed[fn]; found && x.has(p) {
		return p, true
	}
	name := strings.TrimPrefix(fn, generatedPrefix)
	for i := len(name) - 1; i > 0; i-- {
		if name[i] != '.' {
			continue
		}
		if p, found := x.byPrefix[name[:i]]; found {
			return p, true
		}
	}
	if name != fn {
		return "(compiler-generated type:.eq)", false
	}
	if i := strings.IndexByte(fn, '.'); i > 0 {
		return "?" + fn[:i], false
	}
	return "(no package)", false
}

// has reports whether the build has the package at path.
func (x pkgIndex) has(path string) bool {
	for _, p := range x.pkgs {
		if p.path == path {
			return true
		}
	}
	return false
}

// pkgSize is the weight of one package in a module.
type pkgSize struct {
	pkg   string
	own   bool // in the main module
	known bool // a package of the build, not a group of names matching none
	funcs int
	bytes int64 // function bodies, with their size prefixes
	gzip  int64 // those bytes gzipped on their own; -1: not computed
}

// attribution is a module's weight by package.
type attribution struct {
	pkgs  []pkgSize // by bytes, largest first (ties by name)
	data  int64     // the data section
	other int64     // every other section but the name section (types, imports, exports, the code section's count, ...)
	named int64     // the name section, which a stripped build leaves out
	total int64     // the module without its name section
	// dataGzip is the data section gzipped on its own; -1: not computed.
	dataGzip int64
}

// attribute sums the function bodies of module by package. The module
// must have a name section (an unstripped build). The build's own
// packages are listed even without a function. With gz, each package's
// bodies (and the data section) are also gzipped on their own.
func attribute(module []byte, x pkgIndex, gz func([]byte) (int64, error)) (attribution, error) {
	l, err := wasmdata.ReadLayout(module)
	if err != nil {
		return attribution{}, err
	}
	a := attribution{dataGzip: -1}
	hasNames := false
	for _, s := range l.Sections {
		switch {
		case s.ID == wasmdata.SectionCustom && s.Name == "name":
			a.named += int64(s.Size)
			hasNames = true
		case s.ID == wasmdata.SectionData:
			a.data += int64(s.Size)
		default:
			a.other += int64(s.Size)
		}
	}
	a.other += 8 // the magic number and version
	if !hasNames {
		return attribution{}, fmt.Errorf("the module has no name section: build it without -ldflags=-s")
	}
	byPkg := map[string]*pkgSize{}
	bodies := map[string][]byte{}
	own := map[string]bool{}
	for _, p := range x.pkgs {
		if p.own {
			own[p.path] = true
			byPkg[p.path] = &pkgSize{pkg: p.path, own: true, known: true}
		}
	}
	for _, f := range l.Funcs {
		pkg, ok := x.packageOf(f.Name)
		ps := byPkg[pkg]
		if ps == nil {
			ps = &pkgSize{pkg: pkg, own: own[pkg], known: ok}
			byPkg[pkg] = ps
		}
		ps.funcs++
		ps.bytes += int64(f.Size)
		a.other -= int64(f.Size) // counted above with the code section
		if gz != nil {
			bodies[pkg] = append(bodies[pkg], module[f.Offset:f.Offset+f.Size]...)
		}
	}
	for _, ps := range byPkg {
		ps.gzip = -1
		if gz != nil {
			if ps.gzip, err = gz(bodies[ps.pkg]); err != nil {
				return attribution{}, err
			}
		}
		a.pkgs = append(a.pkgs, *ps)
	}
	if gz != nil {
		var data []byte
		at := 8
		for _, s := range l.Sections {
			if s.ID == wasmdata.SectionData {
				data = append(data, module[at:at+s.Size]...)
			}
			at += s.Size
		}
		if a.dataGzip, err = gz(data); err != nil {
			return attribution{}, err
		}
	}
	sort.Slice(a.pkgs, func(i, j int) bool {
		if a.pkgs[i].bytes != a.pkgs[j].bytes {
			return a.pkgs[i].bytes > a.pkgs[j].bytes
		}
		return a.pkgs[i].pkg < a.pkgs[j].pkg
	})
	for _, p := range a.pkgs {
		a.total += p.bytes
	}
	a.total += a.data + a.other
	return a, nil
}

// printAttribution prints the top packages, the rest as one line, the
// data and other sections, and then the main module's packages (which
// may be among the top ones too).
func printAttribution(w io.Writer, a attribution, top int) {
	share := func(n int64) string { return fmt.Sprintf("%5.1f%%", 100*float64(n)/float64(a.total)) }
	gzip := func(n int64) string {
		if n < 0 {
			return "-"
		}
		return group(n)
	}
	width := len("data (the data section: type data, pclntab, strings, ...)")
	for _, p := range a.pkgs {
		width = max(width, utf8.RuneCountInString(p.pkg))
	}
	row := func(name string, funcs string, bytes int64, gz string) {
		fmt.Fprintf(w, "  %-*s %6s %11s  %s %11s\n", width, name, funcs, group(bytes), share(bytes), gz)
	}
	fmt.Fprintf(w, "  %-*s %6s %11s  %6s %11s\n", width, "package", "funcs", "bytes", "share", "gzip alone")
	var rest pkgSize
	restN := 0
	for i, p := range a.pkgs {
		if i < top {
			row(p.pkg, fmt.Sprint(p.funcs), p.bytes, gzip(p.gzip))
			continue
		}
		restN++
		rest.funcs += p.funcs
		rest.bytes += p.bytes
	}
	if restN > 0 {
		row(fmt.Sprintf("(%d more packages)", restN), fmt.Sprint(rest.funcs), rest.bytes, "")
	}
	row("data (the data section: type data, pclntab, strings, ...)", "", a.data, gzip(a.dataGzip))
	row("other sections (types, imports, exports, ...)", "", a.other, "")
	row("total (without the name section)", "", a.total, "")
	var own []pkgSize
	var unknown []string
	for _, p := range a.pkgs {
		if p.own {
			own = append(own, p)
		}
		if !p.known {
			unknown = append(unknown, fmt.Sprintf("%s %s (%d)", p.pkg, group(p.bytes), p.funcs))
		}
	}
	if len(own) > 0 {
		fmt.Fprintln(w, "  this module's packages:")
		for _, p := range own {
			row(p.pkg, fmt.Sprint(p.funcs), p.bytes, gzip(p.gzip))
		}
	}
	if len(unknown) > 0 {
		fmt.Fprintf(w, "  not in a package of the build: %s\n", strings.Join(unknown, ", "))
	}
}
