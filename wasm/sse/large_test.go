package sse

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// largeEvent returns a stream holding one event whose block is exactly
// DefaultMaxEventSize bytes ("data: " + payload), and the payload.
func largeEvent() (stream, payload []byte) {
	payload = bytes.Repeat([]byte("0123456789abcdef"), DefaultMaxEventSize/16)[:DefaultMaxEventSize-len("data: ")]
	stream = append(append([]byte("data: "), payload...), "\n\n"...)
	return stream, payload
}

// feedInPieces feeds stream in pieces of n bytes (reusing one buffer, as a
// network reader does) and returns the events' data lengths and errors.
func feedInPieces(stream []byte, n int, check func(*RawEvent)) (events, errs int) {
	p := NewParser(Options{})
	h := &countHandler{check: check}
	buf := make([]byte, n)
	for i := 0; i < len(stream); i += n {
		m := copy(buf, stream[i:])
		p.Feed(buf[:m], h)
	}
	return h.events, h.errs
}

type countHandler struct {
	check        func(*RawEvent)
	events, errs int
}

func (c *countHandler) OnEvent(e *RawEvent) { c.events++; c.check(e) }
func (c *countHandler) OnComment([]byte)    {}
func (c *countHandler) OnRetry(int)         {}
func (c *countHandler) OnError(error)       { c.errs++ }

// TestLargestEventIsLinear parses a 16 MiB event (the default maximum) in
// one chunk and one byte at a time. A parser that rescanned or recopied its
// carried line per chunk would be quadratic here (~10^14 byte operations)
// and never finish; a linear one takes a second or two.
func TestLargestEventIsLinear(t *testing.T) {
	stream, payload := largeEvent()
	check := func(e *RawEvent) {
		require.Equal(t, len(payload), len(e.Data))
		require.True(t, bytes.Equal(payload, e.Data))
	}
	sizes := []int{len(stream), 4096, 1}
	if testing.Short() || raceEnabled {
		sizes = []int{len(stream), 4096} // byte-at-a-time 16 MiB is slow under -race
	}
	for _, n := range sizes {
		start := time.Now()
		events, errs := feedInPieces(stream, n, check)
		assert.Equal(t, 1, events, "chunk size %d", n)
		assert.Zero(t, errs, "chunk size %d", n)
		t.Logf("16 MiB event in %d-byte chunks: %v", n, time.Since(start))
	}
}

// TestLargestEventPlusOneIsRejected checks the boundary just above the
// default maximum: the event is reported as too large, and the parser
// holds no more than the limit while skipping it.
func TestLargestEventPlusOneIsRejected(t *testing.T) {
	stream, _ := largeEvent()
	stream = append([]byte("data: x"), stream[len("data: "):]...)
	events, errs := feedInPieces(stream, 1<<16, func(*RawEvent) {})
	assert.Zero(t, events)
	assert.Equal(t, 1, errs)
}
