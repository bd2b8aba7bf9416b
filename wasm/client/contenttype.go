package client

// isEventStream reports whether a Content-Type header value names
// text/event-stream: the media type is compared ASCII case-insensitively,
// surrounding whitespace is ignored, and parameters (such as charset) are
// allowed. (ASCII by hand: strings.EqualFold links the Unicode fold tables.)
func isEventStream(contentType string) bool {
	mt := contentType
	for i := 0; i < len(mt); i++ {
		if mt[i] == ';' {
			mt = mt[:i]
			break
		}
	}
	for mt != "" && (mt[0] == ' ' || mt[0] == '\t') {
		mt = mt[1:]
	}
	for mt != "" && (mt[len(mt)-1] == ' ' || mt[len(mt)-1] == '\t') {
		mt = mt[:len(mt)-1]
	}
	const want = "text/event-stream"
	if len(mt) != len(want) {
		return false
	}
	for i := 0; i < len(mt); i++ {
		c := mt[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != want[i] {
			return false
		}
	}
	return true
}
