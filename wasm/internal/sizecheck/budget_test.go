package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseSize(t *testing.T) {
	ok := map[string]int64{
		"0": 0, "640000": 640000, "640KB": 640000, "640K": 640000, "2.2MB": 2200000,
		"2.2M": 2200000, "512KiB": 524288, "2MiB": 2097152, " 1.5 MB ": 1500000, "10B": 10,
	}
	for in, want := range ok {
		got, err := parseSize(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "MB", "-1", "1.2.3KB", "12GB", "abc", "1e30"} {
		_, err := parseSize(in)
		assert.Error(t, err, in)
	}
}

func TestByteSizeFlag(t *testing.T) {
	var b byteSize
	require.NoError(t, b.Set("2.2MB"))
	assert.Equal(t, "2200000", b.String())
	assert.Error(t, b.Set("lots"))
}

func TestBudgetCheck(t *testing.T) {
	b := budget{raw: 2200000, gzip: 640000}
	d := download{wasmName: "sse.wasm", wasm: sizes{raw: 2200001, gzip: 630000, brotli: 999999999}}
	assert.Equal(t, []string{"raw (sse.wasm)"}, b.check(d, nil), "brotli is unchecked without a budget")
	assert.Equal(t, []string{
		"budget raw (sse.wasm)               <=   2,200,000:   2,200,001, OVER by 1",
		"budget gzip (sse.wasm)              <=     640,000:     630,000, ok, 10,000 to spare",
	}, b.describe(d), "without a shim, gzip applies to the module")

	// With a shim, gzip and brotli apply to the total, raw to the module alone.
	d.shim = &sizes{raw: 999999, gzip: 10000, brotli: 9000}
	assert.Equal(t, []string{"raw (sse.wasm)"}, b.check(d, nil), "gzip equal to the budget is fine")
	assert.Equal(t, []string{
		"budget raw (sse.wasm)               <=   2,200,000:   2,200,001, OVER by 1",
		"budget gzip (sse.wasm + JS shim)    <=     640,000:     640,000, ok, 0 to spare",
	}, b.describe(d))
	d.shim.gzip++
	assert.Equal(t, []string{"raw (sse.wasm)", "gzip (sse.wasm + JS shim)"}, b.check(d, nil))

	b.brotli = 500000
	assert.Equal(t, []string{"raw (sse.wasm)", "gzip (sse.wasm + JS shim)", "brotli (sse.wasm + JS shim)"}, b.check(d, nil))
	d.wasm.brotli = -1 // not measured: not checked here (run refuses a brotli budget without node)
	assert.Equal(t, []string{"raw (sse.wasm)", "gzip (sse.wasm + JS shim)"}, b.check(d, nil))
	assert.Empty(t, budget{}.check(download{wasm: sizes{raw: 1 << 40, gzip: 1 << 40}}, nil))
	assert.Equal(t, []string{"gzip (sse.wasm + JS shim)"}, b.check(d, []string{"gzip"}), "gated: raw is only reported")
	assert.Empty(t, b.check(d, []string{"brotli"}))
}

func TestDownloadTotal(t *testing.T) {
	d := download{wasm: sizes{raw: 100, gzip: 50, brotli: 40}}
	assert.Equal(t, d.wasm, d.total())
	d.shim = &sizes{raw: 10, gzip: 5, brotli: 4}
	assert.Equal(t, sizes{raw: 110, gzip: 55, brotli: 44}, d.total())
	d.shim.brotli = -1
	assert.Equal(t, sizes{raw: 110, gzip: 55, brotli: -1}, d.total(), "no brotli total without both")
}

func TestGroup(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 2803140: "2,803,140", -1234: "-1,234", 100000: "100,000"} {
		assert.Equal(t, want, group(n))
	}
}
