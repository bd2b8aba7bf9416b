//go:build wasmsse_notime && !go1.27

package clock

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDurationStringMatchesTime(t *testing.T) {
	cases := []int64{0, 1, -1, 999, 1000, 1500, 999999, 1e6, 1234567, 1e9, 1e9 + 1, 1.5e9, 59e9, 60e9,
		61.25e9, 3600e9, 3601e9, 5400e9, 86400e9, math.MaxInt64, math.MinInt64, math.MinInt64 + 1, -1.5e9}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		cases = append(cases, r.Int64N(math.MaxInt64)>>r.IntN(63), -r.Int64N(1e12))
	}
	for _, v := range cases {
		require.Equal(t, time.Duration(v).String(), Duration(v).String(), "%d ns", v)
	}
}

func TestUnitsMatchTime(t *testing.T) {
	assert.EqualValues(t, time.Nanosecond, Nanosecond)
	assert.EqualValues(t, time.Microsecond, Microsecond)
	assert.EqualValues(t, time.Millisecond, Millisecond)
	assert.EqualValues(t, time.Second, Second)
	assert.EqualValues(t, time.Minute, Minute)
	assert.EqualValues(t, time.Hour, Hour)
	assert.EqualValues(t, 1500, Duration(1500*time.Millisecond).Milliseconds())
}

func TestWallClockMatchesTime(t *testing.T) {
	assert.InDelta(t, time.Now().UnixNano(), UnixNano(), float64(time.Second))
}
