//go:build js && wasm

package client

import (
	"github.com/wasm-sse/wasm-sse/jsbridge"
)

// HTTPError reports a response whose status is not 200 (under the default
// validation). It never includes request headers.
type HTTPError struct {
	// Status and StatusText are the response's.
	Status     int
	StatusText string
	// Body is the start of the response body text (at most BodyExcerpt bytes).
	Body string
	// Response is the fetch response (its Headers carry Retry-After etc.).
	Response jsbridge.Response
}

// BodyExcerpt is how many bytes of an error response's body HTTPError keeps.
const BodyExcerpt = 512

// Error implements error.
func (e *HTTPError) Error() string {
	s := "client: unexpected HTTP status " + itoa(e.Status)
	if e.StatusText != "" {
		s += " " + e.StatusText
	}
	return s + from(e.Response.URL)
}

// ContentTypeError reports a 200 response that is not text/event-stream.
type ContentTypeError struct {
	// ContentType is the response's Content-Type header ("" when absent).
	ContentType string
	// Response is the fetch response.
	Response jsbridge.Response
}

// Error implements error.
func (e *ContentTypeError) Error() string {
	return "client: expected content type text/event-stream, got " + quote(e.ContentType) + from(e.Response.URL)
}

// IdleTimeoutError reports a connection that delivered no byte for Timeout.
type IdleTimeoutError struct {
	// Timeout is the configured idle timeout.
	Timeout Duration
}

// Error implements error.
func (e *IdleTimeoutError) Error() string {
	return "client: no data received for " + e.Timeout.String()
}

// OpenError wraps an error returned (or a value thrown, in JS) by a
// user's OnOpen or OnClose hook. It is retried like a network error.
type OpenError struct {
	// Err is what the hook returned.
	Err error
}

// Error implements error.
func (e *OpenError) Error() string { return "client: open hook: " + e.Err.Error() }

// Unwrap returns the hook's error.
func (e *OpenError) Unwrap() error { return e.Err }

// DispatchError is what a Handler.Pump returns when delivering the events
// of a chunk failed part way (a user callback threw): the events after the
// failing one were not delivered. The attempt fails with an *OpenError
// wrapping Err, and a reconnect resumes from LastEventID, so the events
// that were not delivered are asked for again.
type DispatchError struct {
	// Err is what the callback threw.
	Err error
	// LastEventID is the last event ID as of the failing event.
	LastEventID string
}

// Error implements error.
func (e *DispatchError) Error() string { return "client: dispatching an event: " + e.Err.Error() }

// Unwrap returns the callback's error.
func (e *DispatchError) Unwrap() error { return e.Err }

// RetriesExhaustedError reports that the retry policy gave up.
type RetriesExhaustedError struct {
	// Attempts is the number of reconnects made in the last run of failures.
	Attempts int
	// Elapsed is the time since the first failure of that run.
	Elapsed Duration
	// Reason is the policy's reason ("max retries", "max elapsed", ...).
	Reason string
	// Err is the last failure.
	Err error
}

// Error implements error.
func (e *RetriesExhaustedError) Error() string {
	n := itoa(e.Attempts) + " reconnects"
	if e.Attempts == 1 {
		n = "1 reconnect"
	}
	return "client: gave up after " + n + " (" + e.Reason + "): " + e.Err.Error()
}

// Unwrap returns the last failure.
func (e *RetriesExhaustedError) Unwrap() error { return e.Err }

// RequestError reports a request that fetch cannot make as built, such as
// an invalid header name. It is never retried.
type RequestError struct {
	// Err is the underlying error (a JS TypeError).
	Err error
}

// Error implements error.
func (e *RequestError) Error() string { return "client: invalid request: " + e.Err.Error() }

// Unwrap returns the underlying error.
func (e *RequestError) Unwrap() error { return e.Err }

// quote returns s in double quotes with ", \ and every byte outside
// printable ASCII escaped (\xNN). strconv.Quote would link the Unicode
// printability tables into the wasm module.
func quote(s string) string {
	const hex = "0123456789abcdef"
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20 || c >= 0x7f:
			b = append(b, '\\', 'x', hex[c>>4], hex[c&15])
		default:
			b = append(b, c)
		}
	}
	return string(append(b, '"'))
}
