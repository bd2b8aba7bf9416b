package sse

import (
	"strings"
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
	for name, b := range map[string][]byte{"ev.Data": p.ev.Data, "ev.Type": p.ev.Type, "ev.ID": p.ev.ID, "line": p.line, "data": p.data, "chunk": p.chunk} {
		assert.False(t, overlaps(b, chunk), "%s aliases the chunk after Feed returned", name)
	}
}

// collect feeds chunks to p and returns the events, using Callbacks.
func collect(p *Parser, chunks ...string) []Event {
	var evs []Event
	cb := &Callbacks{Event: func(e Event) { evs = append(evs, e) }}
	for _, c := range chunks {
		p.Feed([]byte(c), cb)
	}
	return evs
}

func ev(typ, data, id string) Event { return Event{Type: typ, Data: data, ID: id, Retry: NoRetry} }

func TestResetDiscardsUnfinishedEventAndKeepsLastID(t *testing.T) {
	p := NewParser(Options{})
	got := collect(p, "id: 1\ndata: a\n\nid: 2\nevent: e\ndata: b")
	require.Equal(t, []Event{ev("message", "a", "1")}, got)
	p.Reset()
	assert.Equal(t, "1", p.LastEventID(), "the id of the unfinished block is not committed")
	// Blank lines on the new stream find empty buffers: b is gone.
	assert.Empty(t, collect(p, "\n\n"))
	assert.Equal(t, []Event{ev("message", "c", "1")}, collect(p, "data: c\n\n"))
}

func TestResetDropsCarriedPartialLine(t *testing.T) {
	p := NewParser(Options{})
	require.Empty(t, collect(p, "data: abc"))
	p.Reset()
	// Without the reset this would complete "data: abcdef".
	assert.Empty(t, collect(p, "def\n\n"))
	assert.Equal(t, []Event{ev("message", "x", "")}, collect(p, "data: x\n\n"))
}

func TestResetExpectsBOMAgain(t *testing.T) {
	p := NewParser(Options{})
	require.Equal(t, []Event{ev("message", "a", "")}, collect(p, "\uFEFFdata: a\n\n"))
	// Mid-stream, a BOM is a character: the field name becomes unknown.
	require.Empty(t, collect(p, "\uFEFFdata: b\n\n"))
	p.Reset()
	assert.Equal(t, []Event{ev("message", "c", "")}, collect(p, "\uFEFFdata: c\n\n"))
	// A partial BOM at the end of one stream does not leak into the next.
	p.Reset()
	require.Empty(t, collect(p, "\xEF\xBB"))
	p.Reset()
	assert.Equal(t, []Event{ev("message", "d", "")}, collect(p, "\xEF", "\xBB\xBFdata: d\n\n"))
}

func TestResetEndsOversizedSkip(t *testing.T) {
	p := NewParser(Options{MaxEventSize: 16})
	var errs []error
	cb := &Callbacks{Error: func(err error) { errs = append(errs, err) }}
	p.Feed([]byte("data: 0123456789abcdef\n"), cb)
	require.Len(t, errs, 1)
	p.Reset()
	// The new stream starts clean: its first block is not skipped.
	assert.Equal(t, []Event{ev("message", "ok", "")}, collect(p, "data: ok\n\n"))
}

func TestResetKeepsInitialLastEventID(t *testing.T) {
	p := NewParser(Options{LastEventID: "resume-7"})
	assert.Equal(t, "resume-7", p.LastEventID())
	p.Reset()
	assert.Equal(t, "resume-7", p.LastEventID())
	assert.Equal(t, []Event{ev("message", "x", "resume-7")}, collect(p, "data: x\n\n"))
}

func TestLastEventIDOnlyCommittedAtDispatch(t *testing.T) {
	p := NewParser(Options{})
	collect(p, "id: 5\n")
	assert.Equal(t, "", p.LastEventID(), "an id field is buffered until the block ends")
	collect(p, "\n")
	assert.Equal(t, "5", p.LastEventID(), "an id-only block commits the id")
}

func TestIDChanged(t *testing.T) {
	p := NewParser(Options{LastEventID: "x"})
	var changed []bool
	h := &funcHandler{event: func(e *RawEvent) { changed = append(changed, e.IDChanged) }}
	for _, c := range []string{
		"data: 1\n\n",        // first event: always true
		"data: 2\n\n",        // same inherited id
		"id: y\ndata: 3\n\n", // new id
		"event: t\ndata: 4\n\n",
		"id: y\ndata: 5\n\n",       // id field repeating the same value
		"id\ndata: 6\n\n",          // reset to empty
		"id: q\n\nid\ndata: 7\n\n", // changed by an id-only block, then back
	} {
		p.Feed([]byte(c), h)
	}
	// The last one is documented as allowed: IDChanged may be true when the
	// ID changed and changed back between two events (never false when it
	// differs).
	assert.Equal(t, []bool{true, false, true, false, false, true, true}, changed)
}

func TestOwnID(t *testing.T) {
	p := NewParser(Options{LastEventID: "x"})
	var own []bool
	h := &funcHandler{event: func(e *RawEvent) { own = append(own, e.OwnID) }}
	for _, c := range []string{
		"data: 1\n\n",             // inherited initial id
		"id: y\ndata: 2\n\n",      // own id
		"data: 3\n\n",             // inherited
		"id: y\ndata: 4\n\n",      // own id, same value
		"id\ndata: 5\n\n",         // own empty id
		"id: a\x00b\ndata: 6\n\n", // an id with NUL is ignored: inherited
		"id: q\n\ndata: 7\n\n",    // set by an id-only block: inherited
	} {
		p.Feed([]byte(c), h)
	}
	assert.Equal(t, []bool{false, true, false, true, true, false, false}, own)
}

func TestEventTooLargeError(t *testing.T) {
	p := NewParser(Options{MaxEventSize: 10})
	var got []error
	p.Feed([]byte("data: 0123456789\n\n"), &Callbacks{Error: func(err error) { got = append(got, err) }})
	require.Len(t, got, 1)
	var tooLarge *EventTooLargeError
	require.ErrorAs(t, got[0], &tooLarge)
	assert.Equal(t, 10, tooLarge.Limit)
	assert.Equal(t, "sse: event exceeds the maximum size of 10 bytes", got[0].Error())
	assert.Equal(t, "sse: event exceeds the maximum size of 16777216 bytes", (&EventTooLargeError{Limit: DefaultMaxEventSize}).Error())
}

func TestDefaultMaxEventSize(t *testing.T) {
	assert.Equal(t, DefaultMaxEventSize, NewParser(Options{}).max)
	assert.Equal(t, DefaultMaxEventSize, NewParser(Options{MaxEventSize: -5}).max)
	assert.Equal(t, 1000, NewParser(Options{MaxEventSize: 1000}).max)
}

func TestEmptyChunksAreHarmless(t *testing.T) {
	p := NewParser(Options{})
	got := collect(p, "", "\xEF", "", "\xBB\xBF", "", "data: a\r", "", "", "\n", "", "\r\n", "")
	assert.Equal(t, []Event{ev("message", "a", "")}, got)
	p.Feed(nil, &Callbacks{})
}

// funcHandler is a Handler over plain functions on raw events.
type funcHandler struct {
	event func(*RawEvent)
}

func (f *funcHandler) OnEvent(e *RawEvent) { f.event(e) }
func (f *funcHandler) OnComment([]byte)    {}
func (f *funcHandler) OnRetry(int)         {}
func (f *funcHandler) OnError(error)       {}

// TestFastEventPath covers the blocks next to the one-step path for
// "data: <ASCII>\n\n": each must parse as the spec says, whole or split
// byte by byte (which never takes that path).
func TestFastEventPath(t *testing.T) {
	for _, in := range []string{
		"data: a\n\ndata: b\n\n",
		"data: a\r\n\r\ndata: b\n\r\n",      // CR endings: general path
		"data: é\n\ndata: x\n\n",            // non-ASCII value
		"id: 1\ndata: a\n\ndata: b\n\n",     // a field before the data line
		"event: e\ndata: a\n\ndata: b\n\n",  // a type before it
		"retry: 5\ndata: a\n\ndata: b\n\n",  // a retry before it
		"data: a\ndata: b\n\ndata: c\n\n",   // two data lines
		"data: a\n: c\n\ndata: b\n\n",       // a comment before the blank line
		"data: a\n",                         // no blank line: unfinished
		"data: a\n\n",                       // the stream ends right after
		"data:a\n\ndata:  b\n\n",            // no space, two spaces
		"data: \n\ndata: \n\n",              // empty values
		"\xEF\xBB\xBFdata: a\n\n",           // BOM first
		"data: a\n\ndata: b\x00c\n\nid\n\n", // NUL in data
	} {
		compareWithReference(t, []byte(in), nil, "x")
		compareWithReference(t, []byte(in), []byte{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, "x")
	}
	// The size limit applies on the one-step path: a line of exactly the
	// limit fits, one more byte is too large, whole or byte by byte.
	for _, n := range []int{10, 11} {
		in := []byte("data: " + strings.Repeat("z", n-6) + "\n\ndata: ok\n\n")
		whole := runChecked(t, Options{MaxEventSize: 10}, oneChunk(in))
		var bytewise [][]byte
		for i := range in {
			bytewise = append(bytewise, in[i:i+1])
		}
		split := runChecked(t, Options{MaxEventSize: 10}, bytewise)
		require.Equal(t, split.log, whole.log, "line of %d bytes", n)
		assert.Equal(t, n > 10, whole.errors() == 1, "line of %d bytes against a limit of 10", n)
	}
}
