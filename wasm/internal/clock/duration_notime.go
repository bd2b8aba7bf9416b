//go:build wasmsse_notime && !go1.27

package clock

// String formats d as time.Duration.String does: "1h2m0.5s", "1.5ms",
// "0s".
func (d Duration) String() string {
	if d == 0 {
		return "0s"
	}
	u := uint64(d)
	if d < 0 {
		u = -u
	}
	var s string
	switch {
	case u < 1e3:
		s = decimal(u, 0) + "ns"
	case u < 1e6:
		s = decimal(u, 3) + "µs"
	case u < 1e9:
		s = decimal(u, 6) + "ms"
	default:
		s = decimal(u%60e9, 9) + "s"
		if m := u / 60e9; m > 0 {
			s = decimal(m%60, 0) + "m" + s
			if h := m / 60; h > 0 {
				s = decimal(h, 0) + "h" + s
			}
		}
	}
	if d < 0 {
		return "-" + s
	}
	return s
}

// decimal formats v / 10^scale with the fraction's trailing zeros (and a
// bare point) left out.
func decimal(v uint64, scale int) string {
	var b [24]byte
	i := len(b)
	digits := false // a fraction digit was written
	for k := 0; k < scale; k++ {
		c := byte(v%10) + '0'
		v /= 10
		if c != '0' || digits {
			i--
			b[i] = c
			digits = true
		}
	}
	if digits {
		i--
		b[i] = '.'
	}
	for {
		i--
		b[i] = byte(v%10) + '0'
		v /= 10
		if v == 0 {
			return string(b[i:])
		}
	}
}
