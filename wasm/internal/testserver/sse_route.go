package testserver

import (
	"math/rand/v2"
	"net/http"
	"strconv"
)

// blockSize is the write size of generated bodies (huge=, garbage=, corpora).
const blockSize = 64 << 10

// handleSSE serves /sse; its parameters are documented in the package doc.
func (s *Server) handleSSE(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL.Query())
	o := parseStreamOptions(p)
	sc := parseSSEContent(p)
	if p.err != nil {
		http.Error(w, p.err.Error(), http.StatusBadRequest)
		return nil
	}
	c := s.newCall(w, r, o)
	defer c.close()
	if handled, err := c.respondHead(); handled {
		return err
	}
	first := sc.resumeFrom(r)
	eventsMode := sc.raw == nil && sc.garbage < 0 && sc.huge < 0
	if eventsMode && sc.doneStatus != 0 && first >= sc.events {
		c.plain(sc.doneStatus)
		return nil
	}
	sw, err := c.startStream("text/event-stream")
	if err != nil {
		return err
	}
	if sc.retry >= 0 {
		b := strconv.AppendInt([]byte("retry: "), sc.retry, 10)
		if err := sw.write(append(append(b, sc.eol...), sc.eol...)); err != nil {
			return c.settle(err)
		}
	}
	switch {
	case sc.raw != nil:
		err = c.runBytes(sw, int64(len(sc.raw)), func(write func([]byte) error) error {
			return write(sc.raw)
		})
	case sc.garbage >= 0:
		err = c.runBytes(sw, sc.garbage, func(write func([]byte) error) error {
			return writeGarbage(write, sc.garbage, sc.seed)
		})
	case sc.huge >= 0:
		err = c.runBytes(sw, sc.huge+6, func(write func([]byte) error) error {
			return writeHuge(write, sc.huge)
		})
	default:
		err = c.runEvents(sw, first, sc.events, sc.render)
	}
	return c.settle(err)
}

// writeGarbage writes n pseudo-random bytes, deterministic from seed, in
// 64 KiB blocks.
func writeGarbage(write func([]byte) error, n int64, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 0x9a4ba9e))
	buf := make([]byte, blockSize)
	for n > 0 {
		k := min(n, int64(len(buf)))
		for i := int64(0); i < k; i += 8 {
			v := rng.Uint64()
			for j := i; j < i+8 && j < k; j++ {
				buf[j] = byte(v)
				v >>= 8
			}
		}
		if err := write(buf[:k]); err != nil {
			return err
		}
		n -= k
	}
	return nil
}

// writeHuge writes "data: " and then n bytes of a-z (cycling from 'a'),
// without a line ending, in 64 KiB writes.
func writeHuge(write func([]byte) error, n int64) error {
	if err := write([]byte("data: ")); err != nil {
		return err
	}
	buf := make([]byte, blockSize+len(alphabet))
	for i := range buf {
		buf[i] = alphabet[i%len(alphabet)]
	}
	for off := int64(0); off < n; {
		k := min(n-off, blockSize)
		start := off % int64(len(alphabet))
		if err := write(buf[start : start+k]); err != nil {
			return err
		}
		off += k
	}
	return nil
}
