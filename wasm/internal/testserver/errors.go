package testserver

import "errors"

// Outcomes a route reports to the accounting middleware. They never reach
// the client as text: they decide how the response ends and which counter of
// [Stats] is incremented.
var (
	// errDropped: the route cut the connection on purpose (dropAfter,
	// dropAtByte, dropSeed); the middleware aborts the TCP connection
	// without the final chunk.
	errDropped = errors.New("testserver: connection dropped on purpose")
	// errEndedEarly: a cut under dropClean=1; the response ends cleanly
	// (with the final chunk) and counts as dropped.
	errEndedEarly = errors.New("testserver: response ended early on purpose")
	// errClientGone: the request context was canceled or a write failed
	// because the client left.
	errClientGone = errors.New("testserver: client disconnected")
	// errTimedOut: the request ran longer than the server's MaxDuration.
	errTimedOut = errors.New("testserver: request exceeded the maximum duration")
)
