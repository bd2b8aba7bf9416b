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
	s := sizes{raw: 2200001, gzip: 640000, brotli: 999999999}
	assert.Equal(t, []string{"raw"}, b.check(s), "brotli is unchecked without a budget; gzip equal to the budget is fine")
	assert.Equal(t, []string{
		"budget raw <= 2,200,000: OVER by 1",
		"budget gzip <= 640,000: ok, 0 to spare",
	}, b.describe(s))

	b.brotli = 500000
	assert.Equal(t, []string{"raw", "brotli"}, b.check(s))
	s.brotli = -1 // not measured: not checked here (run refuses a brotli budget without node)
	assert.Equal(t, []string{"raw"}, b.check(s))
	assert.Empty(t, budget{}.check(sizes{raw: 1 << 40, gzip: 1 << 40}))
}

func TestGroup(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 2803140: "2,803,140", -1234: "-1,234", 100000: "100,000"} {
		assert.Equal(t, want, group(n))
	}
}
