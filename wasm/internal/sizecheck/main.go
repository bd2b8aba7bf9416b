// Command sizecheck reports the size of the built WebAssembly module and of
// the JS shim as they travel over the wire, and fails when the module is
// over budget. It is a native development tool (`make size`), never part of
// the wasm build.
//
//	go run ./wasm/internal/sizecheck -wasm npm/dist/sse.wasm \
//	    -js npm/src,npm/dist/go-runtime.js -budget size-budget.json
//
// Sizes are raw bytes, gzip at level 9 and brotli at quality 11, both
// computed by Node's zlib (Go's standard library has no brotli, and its
// gzip output is about 1% larger than zlib's). Without node on PATH, gzip
// comes from compress/gzip and brotli is skipped, with a note. -js takes a comma-separated
// list of files and directories (a directory contributes its *.js files, not
// recursively); missing entries are skipped with a note, and the shim's
// sizes are the sums of the per-file sizes (each file is served on its own).
// With -merge-gap n it also reports the sizes the module would have with
// its data segments merged (as wasm/internal/sizecheck/mergedata -gap n
// does); the budget still applies to the module as given.
// The budget comes from a JSON file (-budget: {"raw": n, "gzip": n,
// "brotli": n} in bytes) or from -max-raw, -max-gzip and -max-brotli, which
// accept a plain byte count or a number with a unit: KB and MB are decimal
// (1000, 1000000), KiB and MiB binary. A zero budget is not checked.
//
// Exit status: 0 within budget, 1 over budget, 2 on a usage or I/O error
// (including a brotli budget that cannot be checked because node is absent).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/wasm-sse/wasm-sse/wasm/internal/sizecheck/wasmdata"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without os.Exit; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sizecheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	wasm := fs.String("wasm", "npm/dist/sse.wasm", "the WebAssembly module")
	jsList := fs.String("js", "", "comma-separated JS shim files and directories (*.js)")
	var b budget
	fs.Var(&b.raw, "max-raw", "budget for the module's raw size (e.g. 2.2MB); 0: none")
	fs.Var(&b.gzip, "max-gzip", "budget for the module's gzip size (e.g. 640KB); 0: none")
	fs.Var(&b.brotli, "max-brotli", "budget for the module's brotli size; 0: none")
	budgetPath := fs.String("budget", "", `JSON budget file ({"raw": n, "gzip": n, "brotli": n}, bytes); excludes -max-*`)
	mergeGap := fs.Int("merge-gap", -1, "also report the module with its data segments merged (see mergedata); -1: off")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "sizecheck: unexpected arguments %q\n", fs.Args())
		return 2
	}
	if *budgetPath != "" {
		maxSet := false
		fs.Visit(func(f *flag.Flag) { maxSet = maxSet || strings.HasPrefix(f.Name, "max-") })
		if maxSet {
			fmt.Fprintln(stderr, "sizecheck: -budget and -max-* are exclusive")
			return 2
		}
		var err error
		if b, err = loadBudget(*budgetPath); err != nil {
			fmt.Fprintln(stderr, "sizecheck:", err)
			return 2
		}
	}
	jsFiles, notes, err := expandJS(*jsList)
	if err != nil {
		fmt.Fprintln(stderr, "sizecheck:", err)
		return 2
	}
	for _, n := range notes {
		fmt.Fprintln(stdout, "note:", n)
	}
	z := newNodeZlib()
	if !z.available() {
		fmt.Fprintln(stdout, "note: node not found on PATH: gzip by compress/gzip (about 1% larger than zlib), brotli skipped")
		if b.brotli > 0 {
			fmt.Fprintln(stderr, "sizecheck: -max-brotli needs node")
			return 2
		}
	}
	mod, err := measure([]string{*wasm}, z)
	if err != nil {
		fmt.Fprintln(stderr, "sizecheck:", err)
		return 2
	}
	printRow(stdout, *wasm, mod)
	if *mergeGap >= 0 {
		merged, err := measureMerged(*wasm, *mergeGap, z)
		if err != nil {
			fmt.Fprintln(stderr, "sizecheck:", err)
			return 2
		}
		printRow(stdout, fmt.Sprintf("  data merged (gap %d)", *mergeGap), merged)
	}
	if len(jsFiles) > 0 {
		shim, err := measure(jsFiles, z)
		if err != nil {
			fmt.Fprintln(stderr, "sizecheck:", err)
			return 2
		}
		printRow(stdout, fmt.Sprintf("JS shim (%d files)", len(jsFiles)), shim)
	}
	over := b.check(mod)
	for _, line := range b.describe(mod) {
		fmt.Fprintln(stdout, line)
	}
	if len(over) > 0 {
		fmt.Fprintf(stderr, "sizecheck: %s over budget: %v\n", *wasm, over)
		return 1
	}
	return 0
}

// printRow prints one line of the size table.
func printRow(w io.Writer, name string, s sizes) {
	br := "-"
	if s.brotli >= 0 {
		br = group(s.brotli)
	}
	fmt.Fprintf(w, "%-26s raw %11s   gzip %9s   brotli %9s\n", name, group(s.raw), group(s.gzip), br)
}

// measureMerged measures the module at path with its data segments merged,
// through a temporary file.
func measureMerged(path string, gap int, z nodeZlib) (sizes, error) {
	module, err := os.ReadFile(path)
	if err != nil {
		return sizes{}, err
	}
	merged, _, err := wasmdata.Merge(module, gap)
	if err != nil {
		return sizes{}, err
	}
	tmp, err := os.CreateTemp("", "sizecheck-*.wasm")
	if err != nil {
		return sizes{}, err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(merged)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return sizes{}, err
	}
	return measure([]string{tmp.Name()}, z)
}
