// Package retry is the reconnection policy of the SSE client: exponential
// backoff with jitter, limits on attempts and elapsed time, the server's
// "retry:" field, Retry-After on 429/503, the classification of failures
// into retryable and final ones, and the rules for re-sending requests that
// are not idempotent (anything but GET and HEAD).
//
// It is pure Go with no build tags and imports only time, math,
// math/rand/v2 and strconv, so it fits in the wasm build.
//
// One [State] is kept per stream. After each failed attempt the client calls
// [State.Next] with a [Failure] describing it; the returned [Decision] says
// whether to reconnect, after which delay, and carries the attempt number and
// elapsed time the client reports through onretry(info).
//
// # Delay formula
//
// Let n be the 1-based number of the reconnect within the current run of
// consecutive failures, r a random number in [0, 1), J the jitter fraction,
// F the factor and S the server's "retry:" value when one was received.
//
//	without S: d = min(InitialDelay·F^(n−1), MaxDelay);      delay = d·(1 − J·r)  ∈ (d·(1−J), d]
//	with S:    d = min(g·F^(n−1), max(MaxDelay, S));          delay = d·(1 + J·r)  ∈ [d, d·(1+J))
//	           where g = S, or InitialDelay when S is 0; for n = 1, d = S exactly.
//
// The server's value is the spec's reconnection time: it replaces
// InitialDelay as the base, MaxDelay never cuts it, and jitter is added above
// it instead of below, so a client never comes back sooner than the server
// asked while a herd of clients still spreads out. A server value of 0
// reconnects immediately the first time; further consecutive failures then
// grow from InitialDelay so a failing server is not hammered.
//
// On 429 and 503 with a valid Retry-After of R (see [ParseRetryAfter]), the
// delay is raised to at least R: if delay < R then delay = R·(1 + J·r), with
// the same r. MaxDelay does not cap R. A Retry-After above
// Policy.MaxRetryAfter stops with [ReasonRetryAfterTooLong] rather than
// coming back sooner than the server asked.
//
// # Runs and resets
//
// A run is a sequence of consecutive failed attempts. It starts at the first
// failure after [New] or after a reset, and its elapsed time is measured from
// that failure. The attempt counter, the elapsed time and the backoff reset
// when a failed attempt had been healthy: its connection stayed open for at
// least Policy.HealthyAfter, or it ended cleanly (KindEndOfStream) after
// dispatching at least one event. A connection that dispatched events and
// then broke after a short time does not reset the backoff, so a server that
// sends one event and crashes still backs off. [State.Reset] resets
// explicitly.
//
// A State is not safe for concurrent use; a stream uses it from one
// goroutine.
package retry
