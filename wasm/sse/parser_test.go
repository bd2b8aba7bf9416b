package sse

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFeedKeepsNoReferenceToChunk(t *testing.T) {
	// "It never keeps a reference to chunk after it returns": a one-line
	// event is delivered by offset, and the chunk must not stay reachable
	// from the parser afterwards (it would pin a network buffer until the
	// next event).
	chunk := []byte("data: hello\n\n")
	p := NewParser(Options{})
	r := &recorder{chunk: chunk}
	p.Feed(chunk, r)
	require.Equal(t, 1, r.zeroCopy)
	for name, b := range map[string][]byte{"ev.Data": p.ev.Data, "ev.Type": p.ev.Type, "ev.ID": p.ev.ID, "line": p.line, "data": p.data, "dataRef": p.dataRef} {
		assert.False(t, overlaps(b, chunk), "%s aliases the chunk after Feed returned", name)
	}
}
