package sse

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"unicode/utf8"
)

// entry is one Handler call, in stream order.
type entry struct {
	Kind  string // "event", "comment", "retry", "error"
	Event Event
	Text  string // comment text, raw bytes as given
	Retry int
	Err   string
}

// recorder is a Handler that logs every call and checks the invariants
// that must hold for every event whatever the input or chunking.
type recorder struct {
	chunk      []byte // the chunk being fed, for the ChunkOffset invariant
	log        []entry
	violations []string
	zeroCopy   int // events delivered as a subslice of the chunk

	prevID  []byte
	gotPrev bool
}

func (r *recorder) violate(msg string) {
	if len(r.violations) < 20 {
		r.violations = append(r.violations, msg)
	}
}

func (r *recorder) OnEvent(e *RawEvent) {
	if !utf8.Valid(e.Data) {
		r.violate("Data is not valid UTF-8: " + strconv.Quote(string(e.Data)))
	}
	if !utf8.Valid(e.Type) || !utf8.Valid(e.ID) {
		r.violate("Type or ID is not valid UTF-8")
	}
	if e.ChunkOffset >= 0 {
		r.zeroCopy++
		end := e.ChunkOffset + len(e.Data)
		if end > len(r.chunk) || !bytes.Equal(r.chunk[e.ChunkOffset:end], e.Data) {
			r.violate("ChunkOffset " + strconv.Itoa(e.ChunkOffset) + " does not locate Data in the chunk")
		} else if len(e.Data) > 0 && &r.chunk[e.ChunkOffset] != &e.Data[0] {
			r.violate("ChunkOffset set but Data is not a subslice of the chunk")
		}
	} else if e.ChunkOffset != -1 {
		r.violate("ChunkOffset is neither -1 nor >= 0")
	}
	if !r.gotPrev && !e.IDChanged {
		r.violate("first event has IDChanged false")
	}
	if r.gotPrev && !bytes.Equal(r.prevID, e.ID) && !e.IDChanged {
		r.violate("ID changed from " + strconv.Quote(string(r.prevID)) + " to " + strconv.Quote(string(e.ID)) + " but IDChanged is false")
	}
	r.prevID = append(r.prevID[:0], e.ID...)
	r.gotPrev = true
	typ := string(e.Type)
	if typ == "" {
		typ = "message"
	}
	r.log = append(r.log, entry{Kind: "event", Event: Event{Type: typ, Data: string(e.Data), ID: string(e.ID), Retry: e.Retry}})
}

func (r *recorder) OnComment(text []byte) {
	r.log = append(r.log, entry{Kind: "comment", Text: string(text)})
}

func (r *recorder) OnRetry(ms int) {
	if ms < 0 {
		r.violate("negative retry")
	}
	r.log = append(r.log, entry{Kind: "retry", Retry: ms})
}

func (r *recorder) OnError(err error) {
	if _, ok := err.(*EventTooLargeError); !ok {
		r.violate("OnError got " + err.Error())
	}
	r.log = append(r.log, entry{Kind: "error", Err: err.Error()})
}

// events, retries, comments and errors split the log by kind.
func (r *recorder) events() []Event {
	var out []Event
	for _, e := range r.log {
		if e.Kind == "event" {
			out = append(out, e.Event)
		}
	}
	return out
}

func (r *recorder) retries() []int {
	var out []int
	for _, e := range r.log {
		if e.Kind == "retry" {
			out = append(out, e.Retry)
		}
	}
	return out
}

// comments returns comment texts as the spec's decoded view (invalid UTF-8
// replaced): the parser hands comments over as raw bytes.
func (r *recorder) comments() []string {
	var out []string
	for _, e := range r.log {
		if e.Kind == "comment" {
			out = append(out, refDecode([]byte(e.Text)))
		}
	}
	return out
}

func (r *recorder) errors() int {
	n := 0
	for _, e := range r.log {
		if e.Kind == "error" {
			n++
		}
	}
	return n
}

// run feeds chunks to a new parser and returns the recorder and parser.
func run(opts Options, chunks [][]byte) (*recorder, *Parser) {
	p := NewParser(opts)
	r := &recorder{}
	for _, c := range chunks {
		r.chunk = c
		p.Feed(c, r)
	}
	return r, p
}

// Chunkings. Every chunk is a fresh copy so that a parser keeping a
// reference to an old chunk would see it overwritten (see scribble).

func oneChunk(b []byte) [][]byte { return [][]byte{clone(b)} }

func splitAt(b []byte, i int) [][]byte { return [][]byte{clone(b[:i]), clone(b[i:])} }

func byteChunks(b []byte) [][]byte {
	out := make([][]byte, len(b))
	for i := range b {
		out[i] = clone(b[i : i+1])
	}
	return out
}

// randomChunks cuts b into chunks of 0..maxLen bytes (empty chunks included).
func randomChunks(b []byte, rng *rand.Rand, maxLen int) [][]byte {
	var out [][]byte
	for len(b) > 0 {
		n := rng.IntN(maxLen + 1)
		if n > len(b) {
			n = len(b)
		}
		out = append(out, clone(b[:n]))
		b = b[n:]
	}
	return out
}

// chunksFromSeed cuts b using the bytes of seed as chunk lengths (0..31),
// cycling through seed; a length of 0 feeds an empty chunk.
func chunksFromSeed(b, seed []byte) [][]byte {
	if len(seed) == 0 {
		return oneChunk(b)
	}
	var out [][]byte
	for i := 0; len(b) > 0 && i < 4*len(b)+len(seed); i++ {
		n := int(seed[i%len(seed)] & 31)
		if n > len(b) {
			n = len(b)
		}
		out = append(out, clone(b[:n]))
		b = b[n:]
	}
	if len(b) > 0 {
		out = append(out, clone(b))
	}
	return out
}

func clone(b []byte) []byte { return append(make([]byte, 0, len(b)), b...) }

// runScribbled is run, but overwrites each chunk with garbage after Feed
// returns: events must not depend on bytes of earlier chunks.
func runScribbled(opts Options, chunks [][]byte) *recorder {
	p := NewParser(opts)
	r := &recorder{}
	for _, c := range chunks {
		r.chunk = c
		p.Feed(c, r)
		for i := range c {
			c[i] = 0xAA
		}
	}
	return r
}
