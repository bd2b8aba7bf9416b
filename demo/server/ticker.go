package main

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// tick is the data of one ticker event.
type tick struct {
	N     int    `json:"n"`
	Price string `json:"price"`
	Time  string `json:"time"`
}

// priceAt is a made-up but deterministic price for tick n.
func priceAt(n int) string {
	x := float64(n)
	p := 100 + 6*math.Sin(x/9) + 2.5*math.Sin(x/2.3+1) + 0.7*math.Sin(x*1.7)
	return strconv.FormatFloat(p, 'f', 2, 64)
}

// handleTicker serves GET /api/ticker: a long-lived feed of one event per
// interval (?every=ms, default 1000), each with id n and data
// {"n","price","time"}. Last-Event-ID (or ?lastEventId=) k resumes at
// k+1. ?drop=N ends the response cleanly after N events, so clients
// reconnect, as EventSource does after any clean end.
func (s *server) handleTicker(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "demo: the ticker is a GET feed", http.StatusMethodNotAllowed)
		return
	}
	q := r.URL.Query()
	every, drop := 1000, 0
	if err := queryInt(q, "every", &every); err != nil || every < 20 || every > 60_000 {
		http.Error(w, "demo: every must be 20 to 60000 ms", http.StatusBadRequest)
		return
	}
	if err := queryInt(q, "drop", &drop); err != nil || drop < 0 {
		http.Error(w, "demo: drop must be a count >= 0", http.StatusBadRequest)
		return
	}
	lastID := r.Header.Get("Last-Event-ID")
	if lastID == "" {
		lastID = q.Get("lastEventId")
	}
	n := 1
	if lastID != "" {
		k, err := strconv.Atoi(lastID)
		if err != nil || k < 0 {
			http.Error(w, "demo: unknown Last-Event-ID "+strconv.Quote(lastID), http.StatusBadRequest)
			return
		}
		n = k + 1
	}
	s.ticker.open(lastID != "")
	defer s.ticker.close()

	ew := startStream(w)
	if r.Method == http.MethodHead || ew.retry(int(s.cfg.Retry/time.Millisecond)) != nil {
		return
	}
	t := time.NewTicker(time.Duration(every) * time.Millisecond)
	defer t.Stop()
	for sent := 0; drop == 0 || sent < drop; sent++ {
		if sent > 0 {
			select {
			case <-r.Context().Done():
				return
			case <-t.C:
			}
		}
		data := `{"n":` + strconv.Itoa(n) + `,"price":"` + priceAt(n) + `","time":"` +
			time.Now().UTC().Format("15:04:05.000") + `"}`
		if ew.event("", strconv.Itoa(n), data) != nil {
			return
		}
		n++
	}
}
