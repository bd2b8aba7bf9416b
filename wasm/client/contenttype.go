package client

import "strings"

// IsEventStream reports whether a Content-Type header value names
// text/event-stream: the media type is compared ASCII case-insensitively,
// surrounding whitespace is ignored, and parameters (such as charset) are
// allowed.
func IsEventStream(contentType string) bool {
	mt := contentType
	if i := strings.IndexByte(mt, ';'); i >= 0 {
		mt = mt[:i]
	}
	return strings.EqualFold(strings.Trim(mt, " \t"), "text/event-stream")
}
