package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDeps(t *testing.T) {
	pkgs, err := parseDeps("runtime\truntime\t\nexample.com/m/lib\tlib\ttrue\nexample.com/m\tmain\ttrue\ngolang.org/x/y\ty\tfalse\n")
	require.NoError(t, err)
	assert.Equal(t, []listedPkg{
		{path: "runtime", name: "runtime"},
		{path: "example.com/m/lib", name: "lib", own: true},
		{path: "example.com/m", name: "main", own: true},
		{path: "golang.org/x/y", name: "y"},
	}, pkgs)
	for _, bad := range []string{"", "runtime", "runtime\truntime", "\tx\t"} {
		_, err := parseDeps(bad)
		assert.Error(t, err, "%q", bad)
	}
}

func TestWithSymbols(t *testing.T) {
	for in, want := range map[string]string{
		"-s -w":                   "",
		"":                        "",
		"-w":                      "",
		"-s=true  -X main.v=1 -w": "-X main.v=1",
		"-X main.s=-s":            "-X main.s=-s",
		"--s --w=true -buildid=":  "-buildid=",
	} {
		assert.Equal(t, want, withSymbols(in), in)
	}
}
