package testserver

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"sync"
)

// maxEventIDHistory bounds Stats.LastEventIDs.
const maxEventIDHistory = 1000

// Stats are the counters the server keeps per key (the key= query parameter
// of every route, "" when absent). /stats?key=k returns them as JSON with
// the field names given in the json tags.
type Stats struct {
	// Key is the key these counters belong to.
	Key string `json:"key"`
	// Requests counts requests to the counted routes (/sse, /echo, /chat,
	// /corpus), CORS preflights excluded.
	Requests int64 `json:"requests"`
	// Preflights counts CORS preflight OPTIONS requests.
	Preflights int64 `json:"preflights"`
	// Active is the number of requests whose handler is still running.
	Active int64 `json:"active"`
	// Completed counts requests whose handler finished normally.
	Completed int64 `json:"completed"`
	// Disconnected counts requests the client left (request context
	// canceled or a write failed) before the handler finished.
	Disconnected int64 `json:"disconnected"`
	// Dropped counts connections the server cut on purpose (dropAfter,
	// dropAtByte, dropSeed), also those ended cleanly under dropClean=1.
	Dropped int64 `json:"dropped"`
	// TimedOut counts requests stopped by the server's maximum duration.
	TimedOut int64 `json:"timedOut"`
	// Failed counts failure responses served by failTimes.
	Failed int64 `json:"failed"`
	// LastMethod is the method of the latest request.
	LastMethod string `json:"lastMethod"`
	// LastURL is the request URI (path and query) of the latest request.
	LastURL string `json:"lastUrl"`
	// LastEventID is the Last-Event-ID header of the latest request ("" when
	// absent; LastHeaders tells absent from empty).
	LastEventID string `json:"lastEventId"`
	// LastEventIDs has one entry per request, in order: its Last-Event-ID
	// header, "" when absent. Only the latest 1000 are kept.
	LastEventIDs []string `json:"lastEventIds"`
	// LastHeaders are the headers of the latest request, canonical names,
	// several values joined with ", ", plus "Host".
	LastHeaders map[string]string `json:"lastHeaders"`
}

// field returns a numeric counter by its JSON name.
func (st *Stats) field(name string) (int64, bool) {
	switch name {
	case "requests":
		return st.Requests, true
	case "preflights":
		return st.Preflights, true
	case "active":
		return st.Active, true
	case "completed":
		return st.Completed, true
	case "disconnected":
		return st.Disconnected, true
	case "dropped":
		return st.Dropped, true
	case "timedOut":
		return st.TimedOut, true
	case "failed":
		return st.Failed, true
	}
	return 0, false
}

// keyState is everything kept per key: the public counters and the private
// sequence counters of failTimes and dropSeed.
type keyState struct {
	stats     Stats
	fails     int64 // failure responses served so far (failTimes)
	dropConns int64 // requests seen so far with dropSeed
}

// statsStore holds the per-key state. changed is closed and replaced on
// every update so waiters can block without polling.
type statsStore struct {
	mu      sync.Mutex
	keys    map[string]*keyState
	changed chan struct{}
}

func newStatsStore() *statsStore {
	return &statsStore{keys: map[string]*keyState{}, changed: make(chan struct{})}
}

// update runs fn on the key's state under the lock and wakes waiters.
func (s *statsStore) update(key string, fn func(ks *keyState)) {
	s.mu.Lock()
	ks := s.keys[key]
	if ks == nil {
		ks = &keyState{stats: Stats{Key: key}}
		s.keys[key] = ks
	}
	fn(ks)
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
}

// get returns a deep copy of the key's counters.
func (s *statsStore) get(key string) Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.copyLocked(key)
}

func (s *statsStore) copyLocked(key string) Stats {
	ks := s.keys[key]
	if ks == nil {
		return Stats{Key: key, LastEventIDs: []string{}, LastHeaders: map[string]string{}}
	}
	st := ks.stats
	st.LastEventIDs = append([]string{}, ks.stats.LastEventIDs...)
	st.LastHeaders = make(map[string]string, len(ks.stats.LastHeaders))
	for k, v := range ks.stats.LastHeaders {
		st.LastHeaders[k] = v
	}
	return st
}

// all returns a copy of every key's counters.
func (s *statsStore) all() map[string]Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]Stats, len(s.keys))
	for k := range s.keys {
		out[k] = s.copyLocked(k)
	}
	return out
}

// reset forgets one key, or every key when all is true.
func (s *statsStore) reset(key string, all bool) {
	s.mu.Lock()
	if all {
		s.keys = map[string]*keyState{}
	} else {
		delete(s.keys, key)
	}
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
}

// wait blocks until cond holds for the key's counters or ctx ends; it
// returns the last counters seen and whether cond held.
func (s *statsStore) wait(ctx context.Context, key string, cond func(Stats) bool) (Stats, bool) {
	for {
		s.mu.Lock()
		st := s.copyLocked(key)
		ch := s.changed
		s.mu.Unlock()
		if cond(st) {
			return st, true
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return st, false
		}
	}
}

// recordStart counts a new request and remembers what it carried.
func (s *statsStore) recordStart(key string, r *http.Request) {
	headers := headerSnapshot(r)
	s.update(key, func(ks *keyState) {
		st := &ks.stats
		st.Requests++
		st.Active++
		st.LastMethod = r.Method
		st.LastURL = r.URL.RequestURI()
		st.LastEventID = r.Header.Get("Last-Event-ID")
		st.LastEventIDs = append(st.LastEventIDs, st.LastEventID)
		if n := len(st.LastEventIDs); n > maxEventIDHistory {
			st.LastEventIDs = append([]string{}, st.LastEventIDs[n-maxEventIDHistory:]...)
		}
		st.LastHeaders = headers
	})
}

// recordEnd counts how a request ended.
func (s *statsStore) recordEnd(key string, outcome error, shutdown bool) {
	s.update(key, func(ks *keyState) {
		st := &ks.stats
		st.Active--
		switch {
		case outcome == nil:
			st.Completed++
		case outcome == errDropped || outcome == errEndedEarly:
			st.Dropped++
		case outcome == errTimedOut:
			st.TimedOut++
		case outcome == errClientGone && !shutdown:
			st.Disconnected++
		}
	})
}

// headerSnapshot flattens the request headers: canonical names, values
// joined with ", ", plus Host.
func headerSnapshot(r *http.Request) map[string]string {
	m := make(map[string]string, len(r.Header)+1)
	for k, v := range r.Header {
		m[k] = strings.Join(v, ", ")
	}
	m["Host"] = r.Host
	return m
}

// sortedHeaderLines returns "Name: value" lines sorted by name, as /echo
// reports them.
func sortedHeaderLines(r *http.Request) []string {
	m := headerSnapshot(r)
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	lines := make([]string, len(names))
	for i, k := range names {
		lines[i] = k + ": " + m[k]
	}
	return lines
}
