//go:build js && wasm

package client

import (
	"sync/atomic"
	"syscall/js"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/internal/clock"
	"github.com/wasm-sse/wasm-sse/wasm/internal/scope"
)

// attempt makes one connection: request, validation, read loop. It returns
// how long the response was open (zero when it never opened) and nil on a
// clean end of the body.
func (s *Stream) attempt() (uptime Duration, err error) {
	defer jsbridge.Recover(&err)
	actx, cancel := scope.WithCancelCause(s.ctx)
	defer cancel(nil)
	s.mu.Lock()
	s.attemptCancel = cancel
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.attemptCancel = nil
		s.mu.Unlock()
	}()
	s.dispatched, s.tooLarge = false, nil
	s.startID = s.parser.LastEventID()

	ctrl := jsbridge.NewAbortController()
	var over atomic.Bool // actx is done: a cheaper test than actx.Err() for every chunk
	stop := scope.AfterFunc(actx, func() {
		over.Store(true)
		ctrl.Abort()
	})
	defer func() {
		stop()
		ctrl.Abort() // whatever ended the attempt, the connection goes with it
	}()

	idle := newIdleWatch(s.req.IdleTimeout, func() { cancel(errIdle) })
	defer idle.stop()
	init, err := s.buildInit(actx, ctrl.Signal(), s.parser.LastEventID())
	if err != nil {
		return 0, s.cause(actx, err)
	}
	resp, err := jsbridge.Fetch(actx, s.req.Fetch, s.req.URL, init)
	if err != nil {
		return 0, s.cause(actx, err)
	}
	if err := s.open(actx, resp); err != nil {
		return 0, s.cause(actx, err)
	}
	opened := clock.Mono()
	defer func() { uptime = clock.Since(opened) }()

	s.parser.Reset()
	if s.h.Pump != nil {
		err = s.pumpBody(actx, resp.Body, &over, idle)
	} else {
		err = s.readBody(actx, resp.Body, &over, idle)
	}
	var de *DispatchError
	if jsbridge.As(err, &de) {
		// Resume after the last event delivered, not after the chunk.
		s.parser.SetLastEventID(de.LastEventID)
		err = &OpenError{Err: de.Err}
	}
	switch {
	case s.ctx.Err() != nil:
		return 0, s.ctx.Err()
	case s.tooLarge != nil:
		s.parser.SetLastEventID(s.resumeID)
		return 0, s.tooLarge
	case err != nil:
		return 0, s.cause(actx, err)
	case actx.Err() != nil: // the pump stopped when told the attempt was over
		return 0, s.cause(actx, actx.Err())
	}
	return 0, nil
}

// feed parses one chunk of the body and reports its events; it returns
// false once the attempt is over. It never blocks (see Feed).
func (s *Stream) feed(over *atomic.Bool, data []byte, idle *idleWatch) bool {
	if over.Load() {
		return false // closed or paused between two chunks: dispatch nothing
	}
	idle.touch()
	sink := s.h.Sink
	if sink != nil {
		sink.Begin()
	}
	s.parser.Feed(data, s.tap)
	if sink != nil {
		sink.Flush(data, s.parser.ChunkASCII())
	}
	return s.tooLarge == nil && !s.marked && !over.Load()
}

// pumpBody hands the body's reader to Handler.Pump, which reads it outside
// Go and feeds each chunk back synchronously.
func (s *Stream) pumpBody(actx Context, body js.Value, over *atomic.Bool, idle *idleWatch) error {
	reader, err := jsbridge.GetReader(body)
	if err != nil {
		return err
	}
	defer jsbridge.CancelReader(reader)
	return s.h.Pump(actx, reader, func(chunk []byte) bool { return s.feed(over, chunk, idle) })
}

// yieldAfter is how long a stream may read back-to-back chunks before it
// lets the event loop run (a timer's turn), so a fast stream never freezes
// the page.
const yieldAfter = 50 * clock.Millisecond

// open validates a response and runs the OnOpen hook.
func (s *Stream) open(ctx Context, resp jsbridge.Response) error {
	if !s.h.CustomOpen || s.h.OnOpen == nil {
		if err := validate(ctx, resp); err != nil {
			return err
		}
	}
	if s.h.OnOpen != nil {
		if err := s.h.OnOpen(resp); err != nil {
			cancelBody(resp)
			return &OpenError{Err: err}
		}
	}
	return nil
}

// excerptTimeout bounds the wait for the start of an error response's body.
const excerptTimeout = 2 * clock.Second

// validate applies the default checks: status 200 and text/event-stream.
func validate(ctx Context, resp jsbridge.Response) error {
	if resp.Status != 200 {
		// A slow error body must not hold the error back.
		tctx, cancel := scope.WithTimeout(ctx, excerptTimeout)
		body, _ := resp.Text(tctx, BodyExcerpt)
		cancel()
		return &HTTPError{Status: resp.Status, StatusText: resp.StatusText, Body: body, Response: resp}
	}
	if ct := resp.Header("Content-Type"); !isEventStream(ct) {
		cancelBody(resp)
		return &ContentTypeError{ContentType: ct, Response: resp}
	}
	return nil
}

// cancelBody releases a body that will not be read.
func cancelBody(resp jsbridge.Response) {
	_, _ = resp.Text(scope.Background(), 0)
}

// cause maps an attempt's error to what the stream reports: the idle
// timeout and pause causes win over the abort error they provoked.
func (s *Stream) cause(actx Context, err error) error {
	switch c := scope.Cause(actx); {
	case s.ctx.Err() != nil:
		return s.ctx.Err()
	case jsbridge.Is(c, errIdle):
		return &IdleTimeoutError{Timeout: s.req.IdleTimeout}
	case jsbridge.Is(c, errPaused):
		return errPaused
	}
	return err
}
