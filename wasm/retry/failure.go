package retry

// Kind classifies why an attempt ended.
type Kind int

const (
	// KindUnknown is the zero value; it is never retried.
	KindUnknown Kind = iota
	// KindNetwork is a fetch or read error (connection refused, reset, ...).
	KindNetwork
	// KindEndOfStream is a clean end of the response body.
	KindEndOfStream
	// KindHTTPStatus is a response whose status is not 200; see Status.
	KindHTTPStatus
	// KindContentType is a 200 response that is not text/event-stream.
	KindContentType
	// KindIdleTimeout is a stream that stayed silent for too long.
	KindIdleTimeout
	// KindTooLarge is an event larger than the configured maximum.
	KindTooLarge
)

// kindNames are the names returned by Kind.String.
var kindNames = [...]string{"unknown", "network", "end of stream", "http status", "content type", "idle timeout", "too large"}

// String returns a short lower-case name of k.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "unknown"
	}
	return kindNames[k]
}

// Failure describes one failed attempt, as the client observed it.
type Failure struct {
	// Kind says why the attempt ended.
	Kind Kind
	// Status is the HTTP status, for KindHTTPStatus.
	Status int
	// RetryAfter is the raw Retry-After header value; it is honoured on
	// 429 and 503 only.
	RetryAfter string
	// Method is the request method; "" means GET. Compared ASCII
	// case-insensitively.
	Method string
	// Dispatched reports that at least one event was dispatched on this
	// attempt. It decides whether a non-idempotent request may be re-sent
	// (see [ResendMode]), and a clean end of the stream after it starts a
	// new run.
	Dispatched bool
	// Progress reports that the attempt dispatched at least one event or
	// changed the last event ID (the value a reconnect sends as
	// Last-Event-ID; an "id:" field changes it even in an event with no
	// data). An attempt that made progress counts as a success: the
	// failure that ends it starts a new run (see the package
	// documentation). It is not derived from Dispatched, whose meaning is
	// unchanged; a caller sets both.
	Progress bool
	// HasEventID reports that the last event id is non-empty, so a
	// reconnect sends Last-Event-ID.
	HasEventID bool
	// Uptime is how long the attempt's connection was open (zero when it
	// never opened).
	Uptime Duration
}

// Retryable reports whether the kind of failure is worth a reconnect,
// regardless of the method and limits: network errors, a clean end of the
// stream, an idle timeout, and the statuses 408, 429 and 5xx. Everything
// else is final: other 4xx, 204 and any other non-200 status, a wrong
// content type, an oversized event, an unknown kind.
func Retryable(f Failure) bool {
	switch f.Kind {
	case KindNetwork, KindEndOfStream, KindIdleTimeout:
		return true
	case KindHTTPStatus:
		return f.Status == 408 || f.Status == 429 || (f.Status >= 500 && f.Status <= 599)
	}
	return false
}

// Idempotent reports whether method is GET or HEAD (ASCII
// case-insensitive); "" counts as GET.
func Idempotent(method string) bool {
	return method == "" || equalFold(method, "GET") || equalFold(method, "HEAD")
}

// equalFold compares s with the upper-case ASCII word upper, ignoring ASCII
// case in s.
func equalFold(s, upper string) bool {
	if len(s) != len(upper) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != upper[i] {
			return false
		}
	}
	return true
}

// resendAllowed applies mode to a retryable failure f.
func resendAllowed(mode ResendMode, f Failure) bool {
	if Idempotent(f.Method) || mode == ResendAlways {
		return true
	}
	if mode == ResendNever || f.Kind == KindEndOfStream {
		return false
	}
	return !f.Dispatched || f.HasEventID
}
