//go:build js && wasm

package client

import (
	"errors"
	"sync"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/internal/clock"
	"github.com/wasm-sse/wasm-sse/wasm/internal/scope"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// ErrEndOfStream is the failure reported when the server ends the body
// cleanly and Request.ReconnectOnEnd is set.
var ErrEndOfStream = errors.New("client: the server ended the stream")

// errPaused and errIdle are the causes an attempt is cancelled with.
var (
	errPaused = errors.New("client: paused")
	errIdle   = errors.New("client: idle")
)

// Stream is one running stream. Its methods are safe to call from any
// goroutine and from JS callbacks: none of them blocks, except Wait.
type Stream struct {
	req    Request
	h      Handler
	method string
	ctx    Context
	cancel func()
	parser *sse.Parser
	policy *retry.State
	tap    tap
	cb     sse.Callbacks
	done   chan struct{}
	err    error

	mu            sync.Mutex
	paused        bool
	attemptCancel func(cause error)
	wake          chan struct{}

	// per attempt, on the stream goroutine only
	dispatched bool
	startID    string // the last event ID when the attempt started (progress)
	tooLarge   error
	resumeID   string // the last event ID when tooLarge was set
	marked     bool   // the done marker arrived (Request.Done): the stream ends as a success
	forced     int    // consecutive reconnects granted by OnError against the policy
	events     int    // events received over the whole stream (IncompleteStreamError)
	mark       sse.Callbacks
}

// Open starts a stream in its own goroutine and returns at once. The
// stream runs until ctx is done, Close is called, or it fails for good.
func Open(ctx Context, req Request, h Handler) *Stream {
	s := &Stream{req: req, h: h, method: req.Method, done: make(chan struct{}), wake: make(chan struct{}, 1)}
	if s.method == "" {
		s.method = "GET"
	}
	s.ctx, s.cancel = scope.WithCancel(ctx)
	s.parser = sse.NewParser(sse.Options{MaxEventSize: req.MaxEventSize, LastEventID: req.LastEventID})
	s.policy = retry.New(req.Retry, nil, nil)
	s.tap.s = s
	s.cb.Event = h.OnEvent
	if req.Done != nil {
		s.cb.Event = s.deliver
		s.mark.Event = s.match
	}
	go s.run()
	return s
}

// Connect runs a stream until it ends and returns its final error: nil
// when the done marker arrived (Request.Done) or the server ended the
// stream cleanly (without ReconnectOnEnd and without a done marker
// expected); ctx.Err() when ctx was cancelled or its deadline passed
// (errors.Is(err, context.DeadlineExceeded) tells a timeout); else the
// error that stopped it.
func Connect(ctx Context, req Request, h Handler) error {
	err := Open(ctx, req, h).Wait()
	if err == nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// Close stops the stream: the request is aborted and no callback but OnDone
// runs afterwards.
func (s *Stream) Close() { s.cancel() }

// Wait blocks until the stream has ended and returns its final error.
func (s *Stream) Wait() error {
	<-s.done
	return s.err
}

// Done is closed when the stream has ended.
func (s *Stream) Done() <-chan struct{} { return s.done }

// LastEventID returns the last event ID so far.
func (s *Stream) LastEventID() string { return s.parser.LastEventID() }

// Pause stops reconnecting until Resume. The current connection is dropped
// only when it can be resumed (GET/HEAD, or the server gave an event ID and
// the policy allows re-sending); a non-resumable request keeps streaming,
// so pausing never re-sends a POST.
func (s *Stream) Pause() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.paused = true
	if s.attemptCancel != nil && s.resumable() {
		s.attemptCancel(errPaused)
	}
}

// Resume ends a pause; a stream waiting to reconnect does so at once.
func (s *Stream) Resume() {
	s.mu.Lock()
	s.paused = false
	s.mu.Unlock()
	s.Wake()
}

// Wake skips the rest of the current backoff wait (for example when the
// network comes back online).
func (s *Stream) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *Stream) isPaused() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.paused
}

// resumable reports whether dropping the connection loses nothing.
func (s *Stream) resumable() bool {
	if retry.Idempotent(s.method) {
		return true
	}
	mode := s.policy.Policy().NonIdempotent
	return mode == retry.ResendAlways || mode == retry.ResendResumable && s.parser.LastEventID() != ""
}

// run is the stream's goroutine: attempts, failures, backoff.
func (s *Stream) run() {
	err := s.loop()
	if s.ctx.Err() != nil {
		err = nil // closed: an abort is not an error
	}
	s.err = err
	s.cancel()
	if s.h.OnDone != nil {
		s.h.OnDone(err)
	}
	close(s.done)
}

func (s *Stream) loop() error {
	for {
		if !s.waitUnpaused() {
			return nil
		}
		uptime, err := s.attempt()
		if s.ctx.Err() != nil {
			return nil
		}
		if s.marked {
			return s.complete()
		}
		if jsbridge.Is(err, errPaused) {
			continue
		}
		if err == nil {
			if err = s.ended(); err == nil || s.ctx.Err() != nil {
				return nil
			}
		}
		f := s.failure(err, uptime)
		d := s.policy.Next(f)
		next := Next{Retry: d.Retry, Delay: d.Delay}
		if s.h.OnError != nil {
			var stop error
			next, stop = s.h.OnError(err, next)
			if stop != nil {
				return stop
			}
			if s.ctx.Err() != nil {
				return nil
			}
		}
		if !next.Retry {
			if d.Retry || !retry.Retryable(f) || d.Reason == retry.ReasonNonIdempotent {
				return err
			}
			return &RetriesExhaustedError{Attempts: d.Attempt - 1, Elapsed: d.Elapsed, Reason: d.Reason.String(), Err: err}
		}
		// The policy numbers the reconnects it grants; reconnects that only
		// OnError granted (the policy refused them) are numbered here.
		attempt := d.Attempt
		if d.Retry {
			s.forced = 0
		} else {
			s.forced++
			attempt = s.forced
		}
		if s.h.OnRetry != nil {
			s.h.OnRetry(RetryInfo{Attempt: attempt, Delay: next.Delay, Err: err})
			if s.ctx.Err() != nil {
				return nil
			}
		}
		if !s.sleep(next.Delay) {
			return nil
		}
	}
}

// ended handles a clean end of the body: it returns nil when the stream is
// over, else the failure the end counts as (an *IncompleteStreamError when
// a done marker is expected, without OnClose; ErrEndOfStream under
// ReconnectOnEnd; an *OpenError from OnClose).
func (s *Stream) ended() error {
	if s.expectsDone() {
		return s.incomplete()
	}
	if s.h.OnClose != nil {
		if err := s.h.OnClose(); err != nil {
			return &OpenError{Err: err}
		}
	}
	if !s.req.ReconnectOnEnd {
		return nil
	}
	return ErrEndOfStream
}

// failure describes err for the retry policy (its kind from Classify). The attempt made progress
// (retry.Failure.Progress: its failure starts a new run of the backoff)
// when it delivered an event or moved the last event ID on, which an id-only
// block does too: a stream that keeps delivering is never given up on and
// reconnects at the base delay, however often its connection breaks.
func (s *Stream) failure(err error, uptime Duration) retry.Failure {
	id := s.parser.LastEventID()
	k, typed := Classify(err)
	f := retry.Failure{Kind: k.Policy(), Method: s.method, Dispatched: s.dispatched,
		Progress: s.dispatched || id != s.startID, HasEventID: id != "", Uptime: uptime}
	if he, ok := typed.(*HTTPError); ok {
		f.Status, f.RetryAfter = he.Status, he.Response.Header("Retry-After")
	}
	return f
}

// waitUnpaused blocks while the stream is paused; false when closed.
func (s *Stream) waitUnpaused() bool {
	for s.isPaused() {
		select {
		case <-s.ctx.Done():
			return false
		case <-s.wake:
		}
	}
	return s.ctx.Err() == nil
}

// sleep waits d, cut short by Wake or Resume; false when closed.
func (s *Stream) sleep(d Duration) bool {
	select { // a wake from before the wait does not count
	case <-s.wake:
	default:
	}
	fired := make(chan struct{})
	t := clock.AfterFunc(d, func() { close(fired) })
	defer t.Stop()
	select {
	case <-s.ctx.Done():
		return false
	case <-fired:
	case <-s.wake:
	}
	return s.waitUnpaused()
}

// tap is the sse.Handler the parser reports to.
type tap struct{ s *Stream }

func (t tap) OnEvent(e *sse.RawEvent) {
	s := t.s
	if s.tooLarge != nil || s.marked {
		return // after an oversized event or the done marker the attempt ends: dispatch nothing more
	}
	if s.h.Sink != nil {
		if s.req.Done != nil {
			if s.mark.OnEvent(e); s.marked {
				return
			}
		}
		// Records: the sink's owner delivers them after Feed, and stops
		// there when the stream is closed.
		s.received()
		s.h.Sink.OnEvent(e)
		return
	}
	if s.ctx.Err() != nil {
		return // OnEvent closed the stream: deliver nothing more
	}
	if s.req.Done == nil {
		s.received() // with Done, deliver counts the events that are not the marker
	}
	s.cb.OnEvent(e)
}

func (t tap) OnComment([]byte) {}

func (t tap) OnRetry(ms int) { t.s.policy.SetServerRetry(ms) }

func (t tap) OnError(err error) {
	if t.s.tooLarge == nil {
		t.s.tooLarge = err
		// Resume (if the caller retries) after the last event dispatched,
		// not after blocks the parser read past the oversized one.
		t.s.resumeID = t.s.parser.LastEventID()
	}
}
