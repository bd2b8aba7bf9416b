package testserver

import (
	"net/http"
	"strconv"
)

// handleCorpus serves /corpus?name=small|llm-like|large|mixed: the corpus bytes as
// text/event-stream with Content-Length and X-Corpus-Events (events a
// conforming client dispatches), written in 64 KiB writes (chunk= changes
// the write size). Any method is accepted (method=any is allowed and ignored).
// The byte-level parameters of /sse apply: chunk, trickle, chunkDelay,
// dropAtByte, dropSeed/drops, stall (right after the headers),
// stallHeaders, status, failTimes, end.
func (s *Server) handleCorpus(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL.Query())
	o := parseStreamOptions(p)
	name := p.str("name", "")
	if p.err != nil {
		http.Error(w, p.err.Error(), http.StatusBadRequest)
		return nil
	}
	data, info, ok := Corpus(name)
	if !ok {
		http.Error(w, "testserver: unknown corpus "+strconv.Quote(name)+" (small, llm-like, large, mixed)", http.StatusNotFound)
		return nil
	}
	c := s.newCall(w, r, o)
	defer c.close()
	if handled, err := c.respondHead(); handled {
		return err
	}
	h := w.Header()
	h.Set("Content-Length", strconv.FormatInt(info.Bytes, 10))
	h.Set("X-Corpus-Events", strconv.Itoa(info.Events))
	sw, err := c.startStream("text/event-stream")
	if err != nil {
		return err
	}
	step := blockSize
	if o.chunk > 0 {
		step = o.chunk
	}
	return c.settle(c.runBytes(sw, int64(len(data)), func(write func([]byte) error) error {
		for off := 0; off < len(data); off += step {
			if err := write(data[off:min(off+step, len(data))]); err != nil {
				return err
			}
		}
		return nil
	}))
}
