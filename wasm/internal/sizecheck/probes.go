package main

import (
	"fmt"
	"go/doc"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wasm-sse/wasm-sse/wasm/internal/sizecheck/wasmdata"
)

// probe is a size probe: a minimal js/wasm program, one per
// subdirectory of the probes directory.
type probe struct {
	name     string // the directory's name
	pkg      string // the package to build: "./" + its directory
	synopsis string // the first sentence of its package doc
	size     sizes
}

// findProbes returns the subdirectories of dir holding Go files (tests
// aside), sorted by name, with the synopsis of each one's package doc.
func findProbes(dir string) ([]probe, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var probes []probe
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		sub := filepath.Join(dir, e.Name())
		files, err := filepath.Glob(filepath.Join(sub, "*.go"))
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		p := probe{name: e.Name(), pkg: "./" + filepath.ToSlash(sub)}
		if filepath.IsAbs(sub) {
			p.pkg = sub
		}
		found := false
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			found = true
			file, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ParseComments|parser.PackageClauseOnly)
			if err != nil {
				return nil, err
			}
			if file.Doc != nil && p.synopsis == "" {
				p.synopsis = new(doc.Package).Synopsis(file.Doc.Text())
			}
		}
		if found {
			probes = append(probes, p)
		}
	}
	return probes, nil
}

// buildProbes builds each probe into dir as the module is built (-trimpath,
// ldflags, then data segments merged when mergeGap >= 0), measures them
// (raw and gzip) and returns them by raw size, smallest first.
func buildProbes(probes []probe, g goTool, ldflags string, mergeGap int, dir string, z nodeZlib) ([]probe, error) {
	files := make([]string, len(probes))
	for i, p := range probes {
		files[i] = filepath.Join(dir, "probe-"+p.name+".wasm")
		if err := g.build(p.pkg, files[i], ldflags); err != nil {
			return nil, err
		}
		if mergeGap >= 0 {
			if err := mergeInPlace(files[i], mergeGap); err != nil {
				return nil, fmt.Errorf("%s: %w", p.pkg, err)
			}
		}
	}
	each, err := measureEach(files, z, false)
	if err != nil {
		return nil, err
	}
	out := append([]probe(nil), probes...)
	for i := range out {
		out[i].size = each[i]
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].size.raw < out[j].size.raw })
	return out, nil
}

// mergeInPlace merges the data segments of the module at path.
func mergeInPlace(path string, gap int) error {
	module, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	merged, _, err := wasmdata.Merge(module, gap)
	if err != nil {
		return err
	}
	return os.WriteFile(path, merged, 0o644)
}

// printProbes prints the probes' sizes, each one's over the smallest's,
// and what each measures.
func printProbes(w io.Writer, probes []probe) {
	width := len("probe")
	for _, p := range probes {
		width = max(width, len(p.name))
	}
	first := probes[0]
	rawOver, gzipOver := "raw over "+first.name, "gzip over "+first.name
	wr, wg := max(11, len(rawOver)), max(11, len(gzipOver))
	fmt.Fprintf(w, "  %-*s %11s %11s  %*s  %*s\n", width, "probe", "raw", "gzip", wr, rawOver, wg, gzipOver)
	for _, p := range probes {
		fmt.Fprintf(w, "  %-*s %11s %11s  %*s  %*s\n", width, p.name, group(p.size.raw), group(p.size.gzip),
			wr, signed(p.size.raw-first.size.raw), wg, signed(p.size.gzip-first.size.gzip))
	}
	for _, p := range probes {
		fmt.Fprintf(w, "  %s: %s\n", p.name, p.synopsis)
	}
}

// signed formats n with thousands separators and a sign.
func signed(n int64) string {
	if n < 0 {
		return group(n)
	}
	return "+" + group(n)
}
