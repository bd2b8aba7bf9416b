package retry

// parseHTTPDate parses the three HTTP-date forms of RFC 9110 §5.6.7:
// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the obsolete RFC 850 form
// ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime ("Sun Nov  6 08:49:37
// 1994"). It is written by hand because time.Parse adds about 330 KB to the
// wasm module. It returns the date in seconds since the Unix epoch.
func parseHTTPDate(v string) (int64, bool) {
	var f [6]string
	n := 0
	for i := 0; i < len(v); {
		for i < len(v) && v[i] == ' ' {
			i++
		}
		j := i
		for j < len(v) && v[j] != ' ' {
			j++
		}
		if j > i {
			if n == len(f) {
				return 0, false
			}
			f[n] = v[i:j]
			n++
		}
		i = j
	}
	var day, year int
	var mon, clock string
	switch {
	case n == 6 && isWeekday(f[0], true) && f[5] == "GMT": // IMF-fixdate
		day, mon, year, clock = atoi(f[1], 2), f[2], atoi(f[3], 4), f[4]
	case n == 4 && isWeekday(f[0], true) && f[3] == "GMT" && len(f[1]) == 9 && f[1][2] == '-' && f[1][6] == '-': // RFC 850
		day, mon, year, clock = atoi(f[1][:2], 2), f[1][3:6], atoi(f[1][7:], 2), f[2]
		if year >= 0 {
			year += 1900
			if year < 1969 {
				year += 100
			}
		}
	case n == 5 && isWeekday(f[0], false): // asctime
		mon, day, clock, year = f[1], atoi(f[2], 0), f[3], atoi(f[4], 4)
	default:
		return 0, false
	}
	m := month(mon)
	if day < 1 || day > 31 || year < 0 || m == 0 || len(clock) != 8 || clock[2] != ':' || clock[5] != ':' {
		return 0, false
	}
	hh, mm, ss := atoi(clock[:2], 2), atoi(clock[3:5], 2), atoi(clock[6:], 2)
	if hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60 {
		return 0, false
	}
	if day > daysIn(m, year) { // 31 Feb and the like
		return 0, false
	}
	return days(year, m, day)*86400 + int64(hh*3600+mm*60+ss), true
}

// atoi parses ASCII digits; width > 0 requires exactly that many, 0 allows
// one or two. It returns -1 when s does not fit.
func atoi(s string, width int) int {
	if width > 0 && len(s) != width || width == 0 && (len(s) < 1 || len(s) > 2) {
		return -1
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

var monthNames = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// month returns 1 for "Jan" to 12 for "Dec", else 0.
func month(s string) int {
	for i, m := range monthNames {
		if s == m {
			return i + 1
		}
	}
	return 0
}

var dayNames = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// isWeekday accepts a short ("Sun") or long ("Sunday") day name, followed
// by a comma when comma is set.
func isWeekday(s string, comma bool) bool {
	if comma {
		if len(s) == 0 || s[len(s)-1] != ',' {
			return false
		}
		s = s[:len(s)-1]
	}
	for _, d := range dayNames {
		if s == d || s == d[:3] {
			return true
		}
	}
	return false
}

// daysIn returns the number of days in month m (1-12) of year.
func daysIn(m, year int) int {
	switch m {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// days returns the number of days from 1 January 1970 to the given date
// (proleptic Gregorian calendar, year >= 0). Counting years from March
// puts the leap day last, so the days before a month follow one formula.
func days(year, m, day int) int64 {
	if m <= 2 {
		year--
		m += 12
	}
	// year >= -1 here: shift by 400 years (146097 days) to stay positive.
	y := int64(year) + 400
	leaps := y/4 - y/100 + y/400
	beforeMonth := int64((153*(m-3) + 2) / 5) // days from 1 March to the 1st of m
	return 365*y + leaps + beforeMonth + int64(day-1) - 146097 - 719468
}
