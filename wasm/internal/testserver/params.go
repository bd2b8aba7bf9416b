package testserver

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// params reads typed query parameters and remembers the first invalid one,
// so a route can parse everything and then answer 400 once.
type params struct {
	v   url.Values
	err error
}

func newParams(v url.Values) *params { return &params{v: v} }

// has reports whether the parameter is present, even with an empty value.
func (p *params) has(name string) bool {
	_, ok := p.v[name]
	return ok
}

// str returns the first value of name, or def when absent.
func (p *params) str(name, def string) string {
	if !p.has(name) {
		return def
	}
	return p.v.Get(name)
}

// fail records the first error.
func (p *params) fail(name, value, why string) {
	if p.err == nil {
		p.err = fmt.Errorf("testserver: parameter %s=%q: %s", name, value, why)
	}
}

// int returns name as an integer in [lo, hi], def when absent or empty.
func (p *params) int(name string, def, lo, hi int64) int64 {
	s := strings.TrimSpace(p.v.Get(name))
	if s == "" {
		return def
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		p.fail(name, s, "not an integer")
		return def
	}
	if n < lo || n > hi {
		p.fail(name, s, fmt.Sprintf("out of range [%d, %d]", lo, hi))
		return def
	}
	return n
}

// ms returns name, given in milliseconds in [0, hi], as a duration.
func (p *params) ms(name string, hi int64) time.Duration {
	return time.Duration(p.int(name, 0, 0, hi)) * time.Millisecond
}

// bool is true for "1", "true", "yes", "on" (any case); false when absent,
// empty or "0"/"false"/"no"/"off".
func (p *params) bool(name string) bool {
	s := strings.ToLower(strings.TrimSpace(p.v.Get(name)))
	switch s {
	case "", "0", "false", "no", "off":
		return false
	case "1", "true", "yes", "on":
		return true
	}
	p.fail(name, s, "not a boolean (use 1 or 0)")
	return false
}

// oneOf returns name when it is one of allowed, def when absent or empty.
func (p *params) oneOf(name, def string, allowed ...string) string {
	s := p.v.Get(name)
	if s == "" {
		return def
	}
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	p.fail(name, s, "must be one of "+strings.Join(allowed, ", "))
	return def
}
