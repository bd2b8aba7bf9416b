// Command mergedata joins the data segments of a Go-built WebAssembly
// module that are separated by short runs of zero bytes (see package
// wasmdata): the module gets larger raw but smaller gzipped and with
// brotli, with the same memory contents. A native build tool, run after
// `go build`:
//
//	go run ./wasm/internal/sizecheck/mergedata [-gap 24] [-o out.wasm] in.wasm
//
// Without -o the input file is replaced (through a temporary file and a
// rename, so a failure leaves it intact).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/wasm-sse/wasm-sse/wasm/internal/sizecheck/wasmdata"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without os.Exit; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mergedata", flag.ContinueOnError)
	fs.SetOutput(stderr)
	gap := fs.Int("gap", 24, "join segments separated by at most this many zero bytes")
	out := fs.String("o", "", "output file (default: replace the input)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 || *gap < 0 {
		fmt.Fprintln(stderr, "usage: mergedata [-gap n] [-o out.wasm] in.wasm")
		return 2
	}
	in := fs.Arg(0)
	if *out == "" {
		*out = in
	}
	if err := mergeFile(in, *out, *gap, stdout); err != nil {
		fmt.Fprintln(stderr, "mergedata:", err)
		return 1
	}
	return 0
}

// mergeFile merges the data segments of in into out.
func mergeFile(in, out string, gap int, stdout io.Writer) error {
	module, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	merged, st, err := wasmdata.Merge(module, gap)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".mergedata-*.wasm")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if _, err := tmp.Write(merged); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "mergedata: %s: %d -> %d data segments, %d -> %d bytes\n", out, st.Before, st.After, len(module), len(merged))
	return nil
}
