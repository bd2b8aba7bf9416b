package client

// itoa formats n in decimal: error messages need no more of strconv,
// which would weigh on the npm module.
func itoa(n int) string {
	var b [20]byte
	i := len(b)
	u := uint64(n)
	if n < 0 {
		u = -u
	}
	for {
		i--
		b[i] = byte(u%10) + '0'
		if u /= 10; u == 0 {
			break
		}
	}
	if n < 0 {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
