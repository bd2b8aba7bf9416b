package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeBudget writes text to a budget file and returns its path.
func writeBudget(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "budget.json")
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	return path
}

func TestLoadBudget(t *testing.T) {
	b, err := loadBudget(writeBudget(t, `{"raw": 2200000, "gzip": 640000}`))
	require.NoError(t, err)
	assert.Equal(t, budget{raw: 2200000, gzip: 640000}, b)

	for name, text := range map[string]string{
		"unknown field": `{"raw": 1, "zstd": 2}`,
		"negative":      `{"gzip": -1}`,
		"unit string":   `{"raw": "2.2MB"}`,
		"not JSON":      `raw = 1`,
	} {
		_, err := loadBudget(writeBudget(t, text))
		assert.Error(t, err, name)
	}
	_, err = loadBudget(filepath.Join(t.TempDir(), "none.json"))
	assert.Error(t, err)
}

// The repository's budget, shared with the benchmark report, stays loadable.
func TestRepositoryBudget(t *testing.T) {
	b, err := loadBudget(filepath.Join("..", "..", "..", "size-budget.json"))
	require.NoError(t, err)
	assert.Positive(t, int64(b.raw))
	assert.Positive(t, int64(b.gzip))
}

func TestRunBudgetFile(t *testing.T) {
	_, noise := writeFixtures(t) // 50,000 bytes
	var out, errOut bytes.Buffer
	path := writeBudget(t, `{"raw": 49999}`)
	assert.Equal(t, 1, run([]string{"-wasm", noise, "-budget", path}, &out, &errOut))
	assert.Contains(t, out.String(), "Budget ("+path+"):")
	assert.Contains(t, out.String(), "budget raw (noise.bin)              <=      49,999:      50,000, OVER by 1")

	errOut.Reset()
	assert.Equal(t, 2, run([]string{"-wasm", noise, "-budget", writeBudget(t, `{"raw": 1}`), "-max-gzip", "1MB"}, &out, &errOut))
	assert.Contains(t, errOut.String(), "sizecheck: -budget and -max-* are exclusive")

	errOut.Reset()
	assert.Equal(t, 2, run([]string{"-wasm", noise, "-budget", writeBudget(t, `{`)}, &out, &errOut))
	assert.Contains(t, errOut.String(), "sizecheck: ")
}
