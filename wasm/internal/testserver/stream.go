package testserver

import (
	"context"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// call is one request of a streaming route: its options, its bounded
// context and the steps every streaming route shares.
type call struct {
	s      *Server
	w      http.ResponseWriter
	r      *http.Request
	key    string
	o      *streamOptions
	ctx    context.Context // r.Context() bounded by the server's maximum duration
	cancel context.CancelFunc
}

func (s *Server) newCall(w http.ResponseWriter, r *http.Request, o *streamOptions) *call {
	ctx, cancel := context.WithTimeout(r.Context(), s.maxDuration)
	return &call{s: s, w: w, r: r, key: r.URL.Query().Get("key"), o: o, ctx: ctx, cancel: cancel}
}

func (c *call) close() { c.cancel() }

// ctxErr classifies why the call's context ended.
func (c *call) ctxErr() error {
	if c.r.Context().Err() == nil && c.ctx.Err() != nil {
		return errTimedOut
	}
	return errClientGone
}

// sleep waits d, or returns early with errClientGone / errTimedOut.
func (c *call) sleep(d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-c.ctx.Done():
		return c.ctxErr()
	}
}

// setResponseHeaders applies retryAfter= and header= to the response.
func (c *call) setResponseHeaders() {
	h := c.w.Header()
	if c.o.retryAfSet {
		h.Set("Retry-After", c.o.retryAfter)
	}
	for _, kv := range c.o.headers {
		h.Add(kv[0], kv[1])
		h.Add("Access-Control-Expose-Headers", kv[0])
	}
}

// setContentType applies ctype= (an empty value removes the header and
// stops Go from sniffing one), or def when ctype= is absent.
func (c *call) setContentType(def string) {
	h := c.w.Header()
	switch {
	case c.o.ctypeSet && c.o.ctype == "":
		h["Content-Type"] = nil
	case c.o.ctypeSet:
		h.Set("Content-Type", c.o.ctype)
	case def != "":
		h.Set("Content-Type", def)
	}
}

// plain writes a complete non-stream response: body= (default
// "<status> <text>\n"), text/plain unless ctype= says otherwise; no body
// for 204, 205 and 304.
func (c *call) plain(status int) {
	c.setResponseHeaders()
	if status == http.StatusNoContent || status == http.StatusResetContent || status == http.StatusNotModified {
		if c.o.ctypeSet && c.o.ctype != "" {
			c.w.Header().Set("Content-Type", c.o.ctype)
		}
		c.w.WriteHeader(status)
		return
	}
	body := c.o.body
	if !c.o.bodySet {
		body = strconv.Itoa(status) + " " + http.StatusText(status) + "\n"
	}
	c.setContentType("text/plain; charset=utf-8")
	c.w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	c.w.WriteHeader(status)
	_, _ = io.WriteString(c.w, body)
}

// respondHead runs the steps before a stream: redirect=, failTimes=,
// stallHeaders=, and status=/body= that ask for a plain response. handled
// is true when the response is already complete.
func (c *call) respondHead() (handled bool, err error) {
	o := c.o
	if o.redirect != 0 {
		c.setResponseHeaders()
		c.w.Header().Set("Location", o.to)
		c.w.WriteHeader(o.redirect)
		return true, nil
	}
	if o.failTimes > 0 {
		fail := false
		c.s.stats.update(c.key, func(ks *keyState) {
			if ks.fails < o.failTimes {
				ks.fails++
				ks.stats.Failed++
				fail = true
			}
		})
		if fail {
			status := o.status
			if status == 0 {
				status = http.StatusServiceUnavailable
			}
			c.plain(status)
			return true, nil
		}
		// Serve normally: status, body, ctype and retryAfter described
		// the failures only.
		ok := *o
		ok.status, ok.bodySet, ok.ctypeSet, ok.retryAfSet = 0, false, false, false
		c.o = &ok
		o = c.o
	}
	if err := c.sleep(o.stallHeaders); err != nil {
		return true, err
	}
	if o.nonStream() {
		c.plain(o.streamStatus())
		return true, nil
	}
	return false, nil
}

// startStream sends the stream's status and headers and flushes them.
func (c *call) startStream(defCtype string) (*streamWriter, error) {
	h := c.w.Header()
	c.setContentType(defCtype)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	c.setResponseHeaders()
	c.w.WriteHeader(c.o.streamStatus())
	sw := &streamWriter{c: c, w: c.w, rc: http.NewResponseController(c.w),
		chunk: c.o.chunk, chunkDelay: c.o.chunkDelay, dropAt: c.o.dropAtByte}
	if err := sw.rc.Flush(); err != nil {
		return nil, errClientGone
	}
	if err := c.ctx.Err(); err != nil {
		return nil, c.ctxErr()
	}
	return sw, nil
}

// nextCut consumes one step of the key's dropSeed sequence and returns the
// generator for this request's cut and its number in the sequence, or nil
// when this request is not cut (no dropSeed=, or the key already had drops=
// cut requests).
func (c *call) nextCut() (*rand.Rand, int64) {
	if !c.o.seeded {
		return nil, 0
	}
	var conn int64
	c.s.stats.update(c.key, func(ks *keyState) {
		conn = ks.dropConns
		ks.dropConns++
	})
	if conn >= c.o.drops {
		return nil, 0
	}
	return rand.New(rand.NewPCG(c.o.dropSeed, uint64(conn))), conn
}

// spreadCut returns the event of the stream's events [0, total) that cut
// number k of drops= cuts falls in under dropSpread=1: a pseudo-random
// event of the k-th of drops= equal parts of the stream, so the cuts of a
// client that resumes where it stopped are spread over the whole stream.
func (c *call) spreadCut(rng *rand.Rand, k, total int64) int64 {
	lo, hi := k*total/c.o.drops, (k+1)*total/c.o.drops
	return min(lo+rng.Int64N(max(hi-lo, 1)), total-1)
}

// runEvents writes events first..total-1 (0-based; render appends event i
// to buf) with delay=, stallAfter=, dropAfter= and dropSeed= applied.
// Counts for dropAfter and stallAfter are events of this response.
func (c *call) runEvents(sw *streamWriter, first, total int64, render func(buf []byte, i int64) []byte) error {
	o := c.o
	cutEvent, cutFrac := int64(-1), uint64(0)
	if rng, k := c.nextCut(); rng != nil && total > first {
		if o.dropSpread {
			// The cut's event counted from this response's first one; a
			// client already past it is cut in the first event.
			cutEvent = max(c.spreadCut(rng, k, total)-first, 0)
		} else {
			cutEvent = rng.Int64N(total - first)
		}
		cutFrac = rng.Uint64()
	}
	stalled := false
	var buf []byte
	var n int64 // events written by this response
	for i := first; ; i++ {
		if o.dropAfter == n {
			return errDropped
		}
		if !stalled && o.stallAfter == n && o.stall > 0 {
			stalled = true
			if err := c.sleep(o.stall); err != nil {
				return err
			}
		}
		if i >= total {
			return nil
		}
		if n > 0 {
			if err := c.sleep(o.delay); err != nil {
				return err
			}
		}
		buf = render(buf[:0], i)
		if n == cutEvent {
			sw.limit(sw.n + int64(cutFrac%uint64(len(buf))))
		}
		if err := sw.write(buf); err != nil {
			return err
		}
		n++
	}
}

// runBytes writes a body of length bytes produced by emit, with
// dropAfter=0, stall= (stallAfter=0) and dropSeed= (a cut at a
// pseudo-random offset in [0, length)) applied.
func (c *call) runBytes(sw *streamWriter, length int64, emit func(write func([]byte) error) error) error {
	if rng, _ := c.nextCut(); rng != nil && length > 0 {
		sw.limit(sw.n + rng.Int64N(length))
	}
	if c.o.dropAfter == 0 {
		return errDropped
	}
	if c.o.stallAfter == 0 {
		if err := c.sleep(c.o.stall); err != nil {
			return err
		}
	}
	return emit(sw.write)
}

// settle ends a stream given the outcome of its body. A cut (errDropped)
// waits dropPause first, so the bytes sent before it reach the client in
// an earlier read than the connection's end (Chromium drops data that
// arrives together with a connection error); under dropClean=1 it ends the
// response cleanly at once instead. A complete body with end=hang holds
// the connection open until the client leaves or the server closes.
func (c *call) settle(err error) error {
	if err == errDropped && c.o.dropClean {
		return errEndedEarly
	}
	if err == errDropped {
		_ = c.sleep(c.o.dropPause) // a client leaving meanwhile changes nothing
		return errDropped
	}
	if err != nil {
		return err
	}
	if c.o.end == "hang" {
		<-c.r.Context().Done()
		return errClientGone
	}
	return nil
}
