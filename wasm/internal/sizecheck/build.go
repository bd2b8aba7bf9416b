package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// goTool builds and lists js/wasm packages with the go command.
type goTool struct {
	bin   string   // the go command
	tags  string   // build tags, comma-separated ("" for none)
	flags []string // more build flags (such as -gcflags)
}

// env is the environment of a js/wasm build.
func (g goTool) env() []string {
	return append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
}

// run runs the go command and returns its standard output.
func (g goTool) run(args ...string) ([]byte, error) {
	cmd := exec.Command(g.bin, args...)
	cmd.Env = g.env()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// build builds the js/wasm program pkg into out with -trimpath and the
// given -ldflags (and g's tags and flags), as the Makefile builds sse.wasm.
func (g goTool) build(pkg, out, ldflags string) error {
	args := append([]string{"build", "-trimpath", "-tags=" + g.tags}, g.flags...)
	_, err := g.run(append(args, "-ldflags="+ldflags, "-o", out, pkg)...)
	return err
}

// deps lists pkg and the packages it depends on in its js/wasm build.
func (g goTool) deps(pkg string) ([]listedPkg, error) {
	out, err := g.run("list", "-tags="+g.tags, "-deps", "-f", "{{.ImportPath}}\t{{.Name}}\t{{with .Module}}{{.Main}}{{end}}", pkg)
	if err != nil {
		return nil, err
	}
	return parseDeps(string(out))
}

// parseDeps parses the lines of deps' go list: import path, package name
// and "true" for the main module's packages, tab-separated.
func parseDeps(out string) ([]listedPkg, error) {
	var pkgs []listedPkg
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[0] == "" {
			return nil, fmt.Errorf("go list: unexpected line %q", line)
		}
		pkgs = append(pkgs, listedPkg{path: f[0], name: f[1], own: f[2] == "true"})
	}
	return pkgs, nil
}

// withSymbols returns ldflags without the flags that strip a module's
// symbol table (-s, which also drops the wasm name section) and its DWARF
// (-w), so that every function body keeps its name.
func withSymbols(ldflags string) string {
	var keep []string
	for _, f := range strings.Fields(ldflags) {
		switch f {
		case "-s", "-w", "-s=true", "-w=true", "--s", "--w", "--s=true", "--w=true":
			continue
		}
		keep = append(keep, f)
	}
	return strings.Join(keep, " ")
}
