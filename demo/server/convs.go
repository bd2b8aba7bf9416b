package main

import (
	"sync"
)

// convStats is what the server saw of one conversation, served by
// /api/stats?conv=.
type convStats struct {
	Conv string `json:"conv"`
	// Answer is the name of the answer the prompt picked.
	Answer string `json:"answer"`
	// Requests counts POSTs to /api/chat, failed ones included.
	Requests int `json:"requests"`
	// Streams counts responses that started an event stream.
	Streams int `json:"streams"`
	// Resumes lists the Last-Event-ID of each resumed stream, in order.
	Resumes []string `json:"resumes"`
	// TokensSent counts token events written, over all streams.
	TokensSent int `json:"tokensSent"`
	// Completed counts streams that reached the done event.
	Completed int `json:"completed"`
	// Disconnects counts streams the client closed before done.
	Disconnects int `json:"disconnects"`
	// Drops counts connections the server cut on purpose (drop knob).
	Drops int `json:"drops"`
	// Ends counts responses the server ended early, cleanly, on purpose
	// (end knob).
	Ends int `json:"ends"`
	// Failures counts requests answered with an injected 500 or 429.
	Failures int `json:"failures"`
	// Prompt is the last prompt received.
	Prompt string `json:"prompt"`

	dropped bool
	ended   bool
	failed  bool
}

// convTable holds the state of every conversation, bounded in size: the
// oldest is forgotten when a new one would exceed max.
type convTable struct {
	mu    sync.Mutex
	max   int
	order []string
	m     map[string]*convStats
}

func newConvTable(max int) *convTable {
	return &convTable{max: max, m: map[string]*convStats{}}
}

// update runs f on the conversation's state, creating it when needed.
func (t *convTable) update(conv string, f func(c *convStats)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	c := t.m[conv]
	if c == nil {
		if len(t.order) >= t.max {
			delete(t.m, t.order[0])
			t.order = t.order[1:]
		}
		c = &convStats{Conv: conv, Resumes: []string{}}
		t.m[conv] = c
		t.order = append(t.order, conv)
	}
	f(c)
}

// get returns a copy of the conversation's state.
func (t *convTable) get(conv string) (convStats, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	c := t.m[conv]
	if c == nil {
		return convStats{}, false
	}
	cp := *c
	cp.Resumes = append([]string{}, c.Resumes...)
	return cp, true
}

// tickerStats counts the /api/ticker connections.
type tickerStats struct {
	mu          sync.Mutex
	Connections int `json:"connections"`
	Active      int `json:"active"`
	Resumes     int `json:"resumes"`
}

func (s *tickerStats) open(resumed bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Connections++
	s.Active++
	if resumed {
		s.Resumes++
	}
}

func (s *tickerStats) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Active--
}

func (s *tickerStats) snapshot() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return map[string]int{"connections": s.Connections, "active": s.Active, "resumes": s.Resumes}
}
