package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// esbuildArgs are the flags of the shim's bundle: what an application's
// bundler ships (one ES module, minified, with everything the entry point
// imports, Go's runtime wrapper npm/dist/go-runtime.js included); Node's
// built-ins, which the shim imports dynamically only in Node, stay out.
var esbuildArgs = []string{"--bundle", "--minify", "--format=esm", "--external:node:*", "--log-level=warning"}

// bundleInput is one module of the bundle and its minified bytes in it.
type bundleInput struct {
	path  string
	bytes int64
}

// bundle is a bundled JS shim.
type bundle struct {
	file   string        // the bundle
	inputs []bundleInput // by bytes in the bundle, largest first
}

// bundleShim bundles the entry point with esbuild into dir.
func bundleShim(esbuild, entry, dir string) (bundle, error) {
	out := filepath.Join(dir, "shim.js")
	meta := filepath.Join(dir, "shim.meta.json")
	args := append([]string{entry}, esbuildArgs...)
	args = append(args, "--outfile="+out, "--metafile="+meta)
	cmd := exec.Command(esbuild, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return bundle{}, fmt.Errorf("esbuild: %v\n%s", err, strings.TrimSpace(stderr.String()))
	}
	data, err := os.ReadFile(meta)
	if err != nil {
		return bundle{}, err
	}
	inputs, err := parseMetafile(data)
	if err != nil {
		return bundle{}, err
	}
	return bundle{file: out, inputs: inputs}, nil
}

// parseMetafile returns the inputs of the single output of an esbuild
// metafile.
func parseMetafile(data []byte) ([]bundleInput, error) {
	var m struct {
		Outputs map[string]struct {
			Inputs map[string]struct {
				BytesInOutput int64 `json:"bytesInOutput"`
			} `json:"inputs"`
		} `json:"outputs"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("esbuild metafile: %w", err)
	}
	if len(m.Outputs) != 1 {
		return nil, fmt.Errorf("esbuild metafile: %d outputs, want 1", len(m.Outputs))
	}
	var inputs []bundleInput
	for _, o := range m.Outputs {
		for p, in := range o.Inputs {
			inputs = append(inputs, bundleInput{path: p, bytes: in.BytesInOutput})
		}
	}
	sort.Slice(inputs, func(i, j int) bool {
		if inputs[i].bytes != inputs[j].bytes {
			return inputs[i].bytes > inputs[j].bytes
		}
		return inputs[i].path < inputs[j].path
	})
	return inputs, nil
}

// describeInputs names the largest inputs of a bundle: "14 modules:
// npm/dist/go-runtime.js 9,876, npm/src/stream.js 5,432, ...".
func describeInputs(inputs []bundleInput, n int) string {
	parts := make([]string, 0, n)
	for i, in := range inputs {
		if i == n {
			parts = append(parts, "...")
			break
		}
		parts = append(parts, in.path+" "+group(in.bytes))
	}
	return fmt.Sprintf("%d modules: %s", len(inputs), strings.Join(parts, ", "))
}
