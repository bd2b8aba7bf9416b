package main

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// byteSize is a flag value: a byte count written as "640000", "640KB",
// "2.2MB", "512KiB" or "2MiB" (KB and MB are decimal, KiB and MiB binary).
type byteSize int64

// units maps a suffix to its multiplier; longer suffixes come first so
// that "KiB" is not read as "B".
var units = []struct {
	suffix string
	mult   float64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20},
	{"KB", 1e3}, {"MB", 1e6}, {"K", 1e3}, {"M", 1e6}, {"B", 1},
}

// String formats the size as a plain byte count.
func (b *byteSize) String() string { return strconv.FormatInt(int64(*b), 10) }

// Set parses a size.
func (b *byteSize) Set(s string) error {
	n, err := parseSize(s)
	if err != nil {
		return err
	}
	*b = byteSize(n)
	return nil
}

// parseSize parses a byte count with an optional unit.
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	mult := 1.0
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f*mult > 1<<62 {
		return 0, errors.New("invalid size (want e.g. 640000, 640KB, 2.2MB, 512KiB)")
	}
	return int64(f*mult + 0.5), nil
}

// budget holds the limits; zero means unchecked. raw applies to the
// module alone (what the page instantiates), gzip and brotli to the whole
// download: the module plus the JS shim (or the module alone when no shim
// was measured).
type budget struct {
	raw, gzip, brotli byteSize
}

// download is what a page downloads: the module and, when shim is not
// nil, the JS shim as a bundler ships it.
type download struct {
	wasmName string // the module's file name, e.g. "sse.wasm"
	wasm     sizes
	shim     *sizes
}

// total returns the summed sizes of the download.
func (d download) total() sizes {
	if d.shim == nil {
		return d.wasm
	}
	return sum(d.wasm, *d.shim)
}

// limit is one checked measure.
type limit struct {
	name      string // raw, gzip or brotli
	of        string // what it measures: "sse.wasm" or "sse.wasm + JS shim"
	max, size int64
}

// label names the limit: "gzip (sse.wasm + JS shim)".
func (l limit) label() string { return l.name + " (" + l.of + ")" }

// limits lists the checked measures of d.
func (b budget) limits(d download) []limit {
	var out []limit
	add := func(name, of string, max byteSize, size int64) {
		if max > 0 && size >= 0 {
			out = append(out, limit{name, of, int64(max), size})
		}
	}
	all, t := d.wasmName, d.total()
	if d.shim != nil {
		all += " + JS shim"
	}
	add("raw", d.wasmName, b.raw, d.wasm.raw)
	add("gzip", all, b.gzip, t.gzip)
	add("brotli", all, b.brotli, t.brotli)
	return out
}

// check returns the labels of the measures over budget, among the kinds
// in gate (all when gate is empty).
func (b budget) check(d download, gate []string) []string {
	var over []string
	for _, l := range b.limits(d) {
		if l.size > l.max && (len(gate) == 0 || slices.Contains(gate, l.name)) {
			over = append(over, l.label())
		}
	}
	return over
}

// describe returns one line per checked measure.
func (b budget) describe(d download) []string {
	var lines []string
	for _, l := range b.limits(d) {
		line := fmt.Sprintf("budget %-28s <= %11s: %11s, ", l.label(), group(l.max), group(l.size))
		if l.size > l.max {
			line += "OVER by " + group(l.size-l.max)
		} else {
			line += "ok, " + group(l.max-l.size) + " to spare"
		}
		lines = append(lines, line)
	}
	return lines
}

// group formats n with thousands separators: 2803140 -> "2,803,140".
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
