package retry

// Reason says why a [Decision] stops retrying.
type Reason int

const (
	// ReasonNone: the decision is to reconnect.
	ReasonNone Reason = iota
	// ReasonNotRetryable: the failure is final (see Retryable).
	ReasonNotRetryable
	// ReasonNonIdempotent: the failure is retryable but the request's
	// method may not be re-sent under Policy.NonIdempotent.
	ReasonNonIdempotent
	// ReasonMaxRetries: Policy.MaxRetries reconnects were made in this run
	// (or MaxRetries is negative).
	ReasonMaxRetries
	// ReasonMaxElapsed: the next reconnect would start after
	// Policy.MaxElapsed.
	ReasonMaxElapsed
	// ReasonRetryAfterTooLong: the server's Retry-After exceeds
	// Policy.MaxRetryAfter.
	ReasonRetryAfterTooLong
)

// reasonNames are the texts returned by Reason.String.
var reasonNames = [...]string{
	"",
	"failure is not retryable",
	"non-idempotent request not re-sent",
	"retries exhausted",
	"maximum elapsed time exceeded",
	"Retry-After exceeds the maximum",
}

// String returns a short lower-case description of r ("" for ReasonNone),
// suitable after an error prefix such as "retry: ".
func (r Reason) String() string {
	if r < 0 || int(r) >= len(reasonNames) {
		return "unknown reason"
	}
	return reasonNames[r]
}
