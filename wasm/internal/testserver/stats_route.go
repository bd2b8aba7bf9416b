package testserver

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// statsResponse is the JSON of /stats.
type statsResponse struct {
	Stats
	// WaitTimedOut is true when wait= was given and its condition did not
	// hold before the timeout.
	WaitTimedOut bool `json:"waitTimedOut,omitempty"`
}

// handleStats serves /stats?key=k: the counters of k as JSON.
// all=1 returns an object of every key's counters instead.
// wait=<counter>&min=N&max=M&timeout=ms long-polls until the counter
// (requests, preflights, active, completed, disconnected, dropped,
// timedOut, failed) is >= N and <= M (either bound optional; timeout
// defaults to 5000, at most 30000); on timeout the current counters are
// returned with "waitTimedOut": true.
func (s *Server) handleStats(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	p := newParams(r.URL.Query())
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if p.bool("all") {
		_ = enc.Encode(s.stats.all())
		return
	}
	key := p.str("key", "")
	resp := statsResponse{}
	if field := p.str("wait", ""); field != "" {
		lo := p.int("min", -1<<62, -1<<62, 1<<62)
		hi := p.int("max", 1<<62, -1<<62, 1<<62)
		timeout := p.ms("timeout", 30_000)
		if !p.has("timeout") {
			timeout = 5 * time.Second
		}
		if _, ok := (&Stats{}).field(field); !ok {
			p.fail("wait", field, "not a counter")
		}
		if p.err != nil {
			http.Error(w, p.err.Error(), http.StatusBadRequest)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		st, ok := s.stats.wait(ctx, key, func(st Stats) bool {
			v, _ := st.field(field)
			return v >= lo && v <= hi
		})
		resp.Stats, resp.WaitTimedOut = st, !ok
	} else {
		resp.Stats = s.stats.get(key)
	}
	_ = enc.Encode(resp)
}

// handleStatsReset serves /stats/reset?key=k: forgets the counters and the
// failTimes/dropSeed sequences of k, or of every key when key= is absent.
// It answers 204.
func (s *Server) handleStatsReset(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.stats.reset(q.Get("key"), !q.Has("key"))
	w.WriteHeader(http.StatusNoContent)
}
