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
// Let n be the 1-based number of the reconnect within the current run (see
// "Runs and resets" below), r a random number in [0, 1), J the jitter
// fraction, F the factor and S the server's "retry:" value when one was
// received.
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
// A run is a sequence of consecutive failed attempts that made no progress.
// It starts at the first failure after [New] or after a reset, and its
// elapsed time is measured from that failure. Only the reconnects of the
// current run count toward MaxRetries and MaxElapsed, and only they make
// the delay grow.
//
// An attempt made progress when it dispatched at least one event or changed
// the last event ID ([Failure.Progress]). For the policy such an attempt
// was a success even though its connection then broke: the failure that
// ends it starts a new run. Its reconnect is attempt 1 again, it waits the
// base delay (the server's "retry:" value when one was received, else
// InitialDelay, with jitter as usual), and the elapsed time starts over.
// So a stream whose connection drops every second or two while it keeps
// delivering new events reconnects at the base delay for as long as that
// goes on, and MaxRetries stops only a stream whose reconnects deliver
// nothing. The other side of this: a server that sends an event and then
// fails on every connection is also retried without end; only the caller
// can stop that.
//
// A connection that opens but stays silent makes no progress. Its failure
// starts a new run only when it had stayed open for at least
// Policy.HealthyAfter. A clean end of the stream (KindEndOfStream) after
// dispatching at least one event ([Failure.Dispatched]) also starts a new
// run. [State.Reset] starts one explicitly.
//
// Progress changes only the run. A final failure (see [Retryable]) stays
// final, and the rules for re-sending a non-idempotent request (see
// [ResendMode]) apply as before.
//
// A State is not safe for concurrent use; a stream uses it from one
// goroutine.
package retry
