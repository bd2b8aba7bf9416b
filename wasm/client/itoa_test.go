package client

import (
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestItoaMatchesStrconv(t *testing.T) {
	for _, n := range []int{0, 1, -1, 9, 10, 99, 100, 503, -42, 1 << 31, math.MaxInt, math.MinInt, math.MinInt + 1} {
		require.Equal(t, strconv.Itoa(n), itoa(n))
	}
}
