package testserver

import (
	"io"
	"net/http"
	"time"
)

// streamWriter writes a response body: every write is flushed, split into
// pieces of at most chunk bytes (trickle=1 is chunk=1) with chunkDelay
// between pieces, and cut with errDropped once dropAt bytes are out.
type streamWriter struct {
	c          *call
	w          io.Writer
	rc         *http.ResponseController
	chunk      int
	chunkDelay time.Duration
	n          int64 // body bytes written so far
	dropAt     int64 // cut after this many body bytes; -1 = never
	started    bool
}

// limit moves the cut earlier to at (never later).
func (sw *streamWriter) limit(at int64) {
	if sw.dropAt < 0 || at < sw.dropAt {
		sw.dropAt = at
	}
}

// write sends p. It returns errDropped as soon as the cut is reached (even
// when p ends exactly there), errClientGone or errTimedOut when the request
// ends.
func (sw *streamWriter) write(p []byte) error {
	for {
		if sw.dropAt >= 0 && sw.n >= sw.dropAt {
			return errDropped
		}
		if len(p) == 0 {
			return nil
		}
		k := len(p)
		if sw.chunk > 0 && k > sw.chunk {
			k = sw.chunk
		}
		if sw.dropAt >= 0 && int64(k) > sw.dropAt-sw.n {
			k = int(sw.dropAt - sw.n)
		}
		if sw.started && sw.chunkDelay > 0 {
			if err := sw.c.sleep(sw.chunkDelay); err != nil {
				return err
			}
		}
		sw.started = true
		if _, err := sw.w.Write(p[:k]); err != nil {
			return errClientGone
		}
		if err := sw.rc.Flush(); err != nil {
			return errClientGone
		}
		sw.n += int64(k)
		p = p[k:]
		if sw.c.ctx.Err() != nil {
			return sw.c.ctxErr()
		}
	}
}
