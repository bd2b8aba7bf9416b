// Command sizecheck answers, for `make size`, what a page downloads and
// who added the weight. It is a native development tool, never part of
// the wasm build.
//
//	go run ./wasm/internal/sizecheck -wasm npm/dist/sse.wasm \
//	    -shim npm/src/index.js -budget size-budget.json \
//	    -pkg ./wasm -tags wasmsse_notime -ldflags "-s -w" -merge-gap 24 -probes wasm/internal/sizeprobe
//
// It prints three tables:
//
//   - The download: the module, the JS shim as a bundler ships it (-shim:
//     the entry point, bundled by esbuild with --bundle --minify
//     --format=esm, node:* external, so Go's runtime wrapper comes in
//     through the import graph) and their total, raw, gzip and brotli,
//     then the budget. The raw budget applies to the module alone, the
//     gzip and brotli budgets to the total (the module alone without
//     -shim); each line says which.
//   - Who added the weight (-pkg: the module's main package): the package
//     is built again for js/wasm with the same -tags and -ldflags minus -s and -w,
//     so that its name section names every function, and with its data
//     segments merged as the module's (-merge-gap); each function body of
//     the code section is attributed to its Go package (by go list -deps
//     of the package), and the largest packages are listed (-top) with
//     their bytes, their share of the module and their bytes gzipped on
//     their own (an estimate: the parts compress worse alone than
//     together), then the data section and the other sections, then the
//     main module's packages, even small ones.
//   - Size probes (-probes: a directory of js/wasm programs, one per
//     subdirectory, whose package doc says what each measures), built
//     like the module (-trimpath, -ldflags, data merged with -merge-gap).
//
// Sizes are raw bytes, gzip at level 9 and brotli at quality 11, both
// computed by Node's zlib (Go's standard library has no brotli, and its
// gzip output is about 1% larger than zlib's). Without node on PATH, gzip
// comes from compress/gzip and brotli is skipped, with a note. With
// -merge-gap n it also reports the sizes the module would have with its
// data segments merged (as wasm/internal/sizecheck/mergedata -gap n does),
// unless they already are; the budget still applies to the module as given.
// The budget comes from a JSON file (-budget: {"raw": n, "gzip": n,
// "brotli": n} in bytes) or from -max-raw, -max-gzip and -max-brotli, which
// accept a plain byte count or a number with a unit: KB and MB are decimal
// (1000, 1000000), KiB and MiB binary. A zero budget is not checked.
//
// With -gate, only the listed kinds fail the run (make test gates the
// download, gzip, and reports the rest).
//
// Exit status: 0 within budget, 1 over budget, 2 on a usage, build or I/O
// error (including a brotli budget that cannot be checked because node is
// absent).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/wasm-sse/wasm-sse/wasm/internal/sizecheck/wasmdata"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are run's flags.
type options struct {
	wasm, shim, esbuild string
	budget              budget
	mergeGap            int
	pkg, probes         string
	ldflags, goBin      string
	tags, buildflags    string
	top                 int
}

// run is main without os.Exit; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sizecheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.wasm, "wasm", "npm/dist/sse.wasm", "the WebAssembly module")
	fs.StringVar(&o.shim, "shim", "", "the JS shim's entry point, bundled with esbuild as a bundler ships it (e.g. npm/src/index.js); empty: no shim")
	fs.StringVar(&o.esbuild, "esbuild", filepath.Join("node_modules", ".bin", "esbuild"), "the esbuild command, for -shim")
	fs.Var(&o.budget.raw, "max-raw", "budget for the module's raw size (e.g. 2.2MB); 0: none")
	fs.Var(&o.budget.gzip, "max-gzip", "budget for the gzip size of the module plus the shim (e.g. 640KB); 0: none")
	fs.Var(&o.budget.brotli, "max-brotli", "budget for the brotli size of the module plus the shim; 0: none")
	gate := fs.String("gate", "", "comma-separated budget kinds (raw, gzip, brotli) whose excess fails the run; the others are only reported; empty: all")
	budgetPath := fs.String("budget", "", `JSON budget file ({"raw": n, "gzip": n, "brotli": n}, bytes); excludes -max-*`)
	fs.IntVar(&o.mergeGap, "merge-gap", -1, "the data segment merge of the build (see mergedata): also report the module merged, merge the -pkg and probe builds; -1: off")
	fs.StringVar(&o.pkg, "pkg", "", "the module's main package (e.g. ./wasm): attribute its code to Go packages; empty: no attribution")
	fs.StringVar(&o.probes, "probes", "", "directory of js/wasm size probes, one program per subdirectory; empty: none")
	fs.StringVar(&o.tags, "tags", "", "the module's build tags (the -pkg build only; the probes are Go programs built without them)")
	fs.StringVar(&o.buildflags, "buildflags", "", "more go build flags of the module, space-separated, such as its -gcflags (the -pkg build only)")
	fs.StringVar(&o.ldflags, "ldflags", "-s -w", "the module's -ldflags: the probes are built with them, the -pkg build without -s and -w")
	fs.StringVar(&o.goBin, "go", "go", "the go command, for -pkg and -probes")
	fs.IntVar(&o.top, "top", 15, "how many packages -pkg lists by size")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "sizecheck: unexpected arguments %q\n", fs.Args())
		return 2
	}
	budgetFrom := "flags"
	if *budgetPath != "" {
		maxSet := false
		fs.Visit(func(f *flag.Flag) { maxSet = maxSet || strings.HasPrefix(f.Name, "max-") })
		if maxSet {
			fmt.Fprintln(stderr, "sizecheck: -budget and -max-* are exclusive")
			return 2
		}
		var err error
		if o.budget, err = loadBudget(*budgetPath); err != nil {
			fmt.Fprintln(stderr, "sizecheck:", err)
			return 2
		}
		budgetFrom = *budgetPath
	}
	z := newNodeZlib()
	if !z.available() {
		fmt.Fprintln(stdout, "note: node not found on PATH: gzip by compress/gzip (about 1% larger than zlib), brotli skipped")
		if o.budget.brotli > 0 {
			fmt.Fprintln(stderr, "sizecheck: -max-brotli needs node")
			return 2
		}
	}
	tmp, err := os.MkdirTemp("", "sizecheck-")
	if err != nil {
		fmt.Fprintln(stderr, "sizecheck:", err)
		return 2
	}
	defer os.RemoveAll(tmp)

	d, err := reportDownload(stdout, o, z, tmp)
	if err != nil {
		fmt.Fprintln(stderr, "sizecheck:", err)
		return 2
	}
	var gated []string
	if *gate != "" {
		gated = strings.Split(*gate, ",")
	}
	over := o.budget.check(d, gated)
	if lines := o.budget.describe(d); len(lines) > 0 {
		fmt.Fprintf(stdout, "\nBudget (%s):\n", budgetFrom)
		for _, line := range lines {
			fmt.Fprintln(stdout, "  "+line)
		}
	}
	if o.pkg != "" {
		if err := reportPackages(stdout, o, d, tmp); err != nil {
			fmt.Fprintln(stderr, "sizecheck:", err)
			return 2
		}
	}
	if o.probes != "" {
		if err := reportProbes(stdout, o, z, tmp); err != nil {
			fmt.Fprintln(stderr, "sizecheck:", err)
			return 2
		}
	}
	if len(over) > 0 {
		fmt.Fprintf(stderr, "sizecheck: over budget: %s\n", strings.Join(over, ", "))
		return 1
	}
	return 0
}

// reportDownload measures and prints the module, the shim and their total.
func reportDownload(w io.Writer, o options, z nodeZlib, tmp string) (download, error) {
	d := download{wasmName: filepath.Base(o.wasm)}
	var err error
	if d.wasm, err = measure([]string{o.wasm}, z); err != nil {
		return d, err
	}
	var b bundle
	if o.shim != "" {
		if b, err = bundleShim(o.esbuild, o.shim, tmp); err != nil {
			return d, err
		}
		s, err := measure([]string{b.file}, z)
		if err != nil {
			return d, err
		}
		d.shim = &s
	}
	fmt.Fprintln(w, "What a page downloads (bytes; gzip -9 and brotli q11 by Node's zlib):")
	printHeader(w)
	printRow(w, o.wasm, d.wasm)
	if o.mergeGap >= 0 {
		merged, st, err := measureMerged(o.wasm, o.mergeGap, z, tmp)
		if err != nil {
			return d, err
		}
		if st.After < st.Before {
			printRow(w, fmt.Sprintf("  data merged (gap %d)", o.mergeGap), merged)
		}
	}
	if d.shim != nil {
		printRow(w, "JS shim, bundled+minified", *d.shim)
		printRow(w, "total", d.total())
		fmt.Fprintf(w, "  JS shim: esbuild %s %s\n", o.shim, strings.Join(esbuildArgs[:len(esbuildArgs)-1], " "))
		fmt.Fprintf(w, "  bundle of %s\n", describeInputs(b.inputs, 4))
	}
	return d, nil
}

// reportPackages builds o.pkg unstripped and prints its weight by package.
func reportPackages(w io.Writer, o options, d download, tmp string) error {
	g := goTool{bin: o.goBin, tags: o.tags, flags: strings.Fields(o.buildflags)}
	ldflags := withSymbols(o.ldflags)
	out := filepath.Join(tmp, "unstripped.wasm")
	if err := g.build(o.pkg, out, ldflags); err != nil {
		return err
	}
	pkgs, err := g.deps(o.pkg)
	if err != nil {
		return err
	}
	module, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	how := "-trimpath"
	if o.tags != "" {
		how += fmt.Sprintf(" -tags=%q", o.tags)
	}
	if o.buildflags != "" {
		how += " " + o.buildflags
	}
	how += fmt.Sprintf(" -ldflags=%q", ldflags)
	if o.mergeGap >= 0 {
		if module, _, err = wasmdata.Merge(module, o.mergeGap); err != nil {
			return err
		}
		how += fmt.Sprintf(", data merged (gap %d)", o.mergeGap)
	}
	a, err := attribute(module, newPkgIndex(pkgs), gzipSize)
	if err != nil {
		return fmt.Errorf("%s: %w", o.pkg, err)
	}
	fmt.Fprintf(w, "\nWho added the weight: %s by Go package (function bodies of %s built %s,\n", d.wasmName, o.pkg, how)
	fmt.Fprintln(w, "named by its name section; share: of the module without that section; gzip alone: the part by itself, compress/gzip -9):")
	printAttribution(w, a, o.top)
	if a.total != d.wasm.raw {
		fmt.Fprintf(w, "  note: %s is %s bytes, this build without its name section %s: not the same sources or flags\n",
			d.wasmName, group(d.wasm.raw), group(a.total))
	}
	return nil
}

// reportProbes builds, measures and prints the size probes.
func reportProbes(w io.Writer, o options, z nodeZlib, tmp string) error {
	probes, err := findProbes(o.probes)
	if err != nil {
		return err
	}
	if len(probes) == 0 {
		return fmt.Errorf("%s: no size probe (a subdirectory with a Go program)", o.probes)
	}
	if probes, err = buildProbes(probes, goTool{bin: o.goBin}, o.ldflags, o.mergeGap, tmp, z); err != nil {
		return err
	}
	how := fmt.Sprintf("-trimpath -ldflags=%q", o.ldflags)
	if o.mergeGap >= 0 {
		how += fmt.Sprintf(", data merged (gap %d)", o.mergeGap)
	}
	fmt.Fprintf(w, "\nSize probes for Go/wasm developers (%s, built for js/wasm %s):\n", o.probes, how)
	printProbes(w, probes)
	return nil
}

// printHeader prints the size table's column names.
func printHeader(w io.Writer) {
	fmt.Fprintf(w, "  %-28s %11s %11s %11s\n", "", "raw", "gzip", "brotli")
}

// printRow prints one line of the size table.
func printRow(w io.Writer, name string, s sizes) {
	fmt.Fprintf(w, "  %-28s %11s %11s %11s\n", name, group(s.raw), group(s.gzip), brotli(s))
}

// brotli formats a brotli size, "-" when it was not measured.
func brotli(s sizes) string {
	if s.brotli < 0 {
		return "-"
	}
	return group(s.brotli)
}

// measureMerged measures the module at path with its data segments merged,
// through a file in tmp.
func measureMerged(path string, gap int, z nodeZlib, tmp string) (sizes, wasmdata.Stats, error) {
	module, err := os.ReadFile(path)
	if err != nil {
		return sizes{}, wasmdata.Stats{}, err
	}
	merged, st, err := wasmdata.Merge(module, gap)
	if err != nil {
		return sizes{}, st, err
	}
	file := filepath.Join(tmp, "merged.wasm")
	if err := os.WriteFile(file, merged, 0o644); err != nil {
		return sizes{}, st, err
	}
	s, err := measure([]string{file}, z)
	return s, st, err
}
