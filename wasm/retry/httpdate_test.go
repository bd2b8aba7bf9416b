package retry

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// parseHTTPDate must agree with time.Parse on the three RFC 9110 layouts.
func TestParseHTTPDateMatchesTimeParse(t *testing.T) {
	layouts := []string{"Mon, 02 Jan 2006 15:04:05 GMT", "Monday, 02-Jan-06 15:04:05 GMT", "Mon Jan _2 15:04:05 2006"}
	base := time.Date(1994, 11, 6, 8, 49, 37, 0, time.UTC)
	for i := 0; i < 400; i++ {
		ts := base.Add(time.Duration(i) * 97 * time.Hour).Add(time.Duration(i*7919) * time.Second)
		for _, l := range layouts {
			s := ts.Format(l)
			want, err := time.Parse(l, s)
			require.NoError(t, err)
			got, ok := parseHTTPDate(s)
			require.True(t, ok, s)
			require.Equal(t, want.Unix(), got, s)
		}
	}
	for _, bad := range []string{"", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
		"Sun 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 6 Nov 1994 08:49:37 GMT", "Xyz Nov  6 08:49:37 1994",
		"Sunday, 06-Nov-1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49 GMT", "a b c d e f g"} {
		_, ok := parseHTTPDate(bad)
		require.False(t, ok, bad)
	}
}

// days must agree with the time package on every day from year 0 to 9999,
// across leap years and centuries.
func TestDaysMatchesTime(t *testing.T) {
	for d := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 10000; d = d.AddDate(0, 0, 1) {
		if got := days(d.Year(), int(d.Month()), d.Day()); got != d.Unix()/86400 && !(d.Unix() < 0 && got == (d.Unix()-86399)/86400) {
			t.Fatalf("%s: %d days, want %d", d.Format(time.DateOnly), got, d.Unix()/86400)
		}
		if daysIn(int(d.Month()), d.Year()) < d.Day() {
			t.Fatalf("%s: daysIn says the month is shorter", d.Format(time.DateOnly))
		}
	}
}
