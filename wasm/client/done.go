//go:build js && wasm

package client

import (
	"errors"

	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// The done marker (Request.Done, Request.ExpectDone): an event that says
// the answer is complete. The first one ends the stream as a success; a
// clean end of the body before it is a dropped connection.

// ErrIncomplete is matched by every *IncompleteStreamError (errors.Is).
var ErrIncomplete = errors.New("client: the stream ended before its done marker")

// IncompleteStreamError reports that the body ended cleanly before the
// done marker arrived: the answer was cut off. It is retried like a
// dropped connection (a GET, or a request whose server gave event IDs,
// resumes with Last-Event-ID); it ends the stream when the request may not
// be re-sent, wrapped in a *RetriesExhaustedError when the policy gave up.
type IncompleteStreamError struct {
	// LastEventID is the last event ID when the body ended ("" for none).
	LastEventID string
	// Events is the number of events received over the whole stream, every
	// attempt counted, the marker excluded.
	Events int
}

// Error implements error.
func (e *IncompleteStreamError) Error() string {
	s := "client: the stream ended before its done marker (" + itoa(e.Events) + " events received"
	if e.LastEventID != "" {
		s += ", last event ID " + quote(e.LastEventID)
	}
	return s + ")"
}

// Unwrap returns ErrIncomplete, so errors.Is(err, ErrIncomplete) holds.
func (e *IncompleteStreamError) Unwrap() error { return ErrIncomplete }

// expectsDone reports whether the stream ends with a done marker.
func (s *Stream) expectsDone() bool { return s.req.Done != nil || s.req.ExpectDone }

// deliver is the event callback of a stream with Request.Done and no
// Sink: the marker ends the attempt, any other event goes to OnEvent.
func (s *Stream) deliver(e sse.Event) {
	if s.req.Done(e) {
		s.marked = true
		return
	}
	s.received()
	if s.h.OnEvent != nil {
		s.h.OnEvent(e)
	}
}

// match records whether e is the done marker (a stream with Sink and
// Request.Done: the raw event is converted for Done only).
func (s *Stream) match(e sse.Event) { s.marked = s.req.Done(e) }

// received counts one event delivered on the current attempt.
func (s *Stream) received() {
	s.dispatched = true
	s.events++
}

// complete ends a stream whose done marker arrived: OnClose runs (the
// request is already aborted), and an error from it ends the stream,
// wrapped in *OpenError: the answer was complete, nothing is re-sent.
func (s *Stream) complete() error {
	if s.h.OnClose == nil {
		return nil
	}
	if err := s.h.OnClose(); err != nil && s.ctx.Err() == nil {
		return &OpenError{Err: err}
	}
	return nil
}

// incomplete is the failure a clean end of the body counts as when a done
// marker is expected.
func (s *Stream) incomplete() error {
	return &IncompleteStreamError{LastEventID: s.parser.LastEventID(), Events: s.events}
}
