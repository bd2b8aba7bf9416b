package retry

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(1994, 11, 6, 8, 49, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"120", 120 * time.Second, true},
		{"0", 0, true},
		{"007", 7 * time.Second, true},
		{" 5\t", 5 * time.Second, true},
		{"9223372036", 9223372036 * time.Second, true},
		{"9223372037", maxDuration, true},
		{"99999999999999999999999999", maxDuration, true},
		{"Sun, 06 Nov 1994 08:49:37 GMT", 37 * time.Second, true},  // IMF-fixdate
		{"Sunday, 06-Nov-94 08:49:37 GMT", 37 * time.Second, true}, // RFC 850
		{"Sun Nov  6 08:49:37 1994", 37 * time.Second, true},       // asctime
		{"Sun, 06 Nov 1994 09:49:00 GMT", time.Hour, true},
		{"Sun, 06 Nov 1994 08:49:00 GMT", 0, true},           // now
		{"Sun, 06 Nov 1994 08:00:00 GMT", 0, true},           // past
		{"Sat, 05 Nov 1994 08:49:00 GMT", 0, true},           // past
		{"Fri, 31 Dec 9999 23:59:59 GMT", maxDuration, true}, // beyond the longest wait
		{"", 0, false},
		{"  \t", 0, false},
		{"-1", 0, false},
		{"+3", 0, false},
		{"1.5", 0, false},
		{"12a", 0, false},
		{"١٢", 0, false}, // non-ASCII digits
		{"soon", 0, false},
		{"Sun, 06 Nov 1994 08:49:37 PST", 0, false},
		{"Sun, 06 Nov 1994 08:49:37", 0, false},
		{"2025-03-01T12:00:00Z", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseRetryAfter(tt.in, now.UnixNano())
		assert.Equal(t, tt.wantOK, ok, "%q", tt.in)
		assert.Equal(t, tt.want, got, "%q", tt.in)
	}
}
