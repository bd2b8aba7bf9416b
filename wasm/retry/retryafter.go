package retry

import "github.com/wasm-sse/wasm-sse/wasm/internal/clock"

// ParseRetryAfter parses a Retry-After header value (RFC 9110 §10.2.3) into
// the wait it asks for, relative to now (nanoseconds since the Unix
// epoch). It accepts delay-seconds (ASCII
// digits only; values too large saturate) or an HTTP-date (IMF-fixdate,
// RFC 850 or asctime). Surrounding spaces and tabs are ignored. A date in
// the past yields 0. ok is false for an empty or malformed value.
func ParseRetryAfter(v string, now int64) (d Duration, ok bool) {
	v = trimOWS(v)
	if v == "" {
		return 0, false
	}
	if allDigits(v) {
		const limit = uint64(maxDuration / clock.Second)
		var n uint64
		for i := 0; i < len(v); i++ {
			if n = n*10 + uint64(v[i]-'0'); n > limit {
				return maxDuration, true
			}
		}
		return Duration(n) * clock.Second, true
	}
	t, ok := parseHTTPDate(v)
	if !ok {
		return 0, false
	}
	if t > int64(maxDuration/clock.Second) { // past the year 2262
		return maxDuration, true
	}
	if d = Duration(t*int64(clock.Second) - now); d < 0 {
		d = 0
	}
	return d, true
}

// allDigits reports whether s is non-empty and only ASCII digits.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// trimOWS removes leading and trailing spaces and tabs.
func trimOWS(s string) string {
	for s != "" && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for s != "" && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}
