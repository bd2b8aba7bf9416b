//go:build js && wasm

package client_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strconv"
	"syscall/js"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/internal/records"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

var textDecoder = js.Global().Get("TextDecoder").New()

// jsText decodes a Uint8Array with the browser's TextDecoder (what the shim
// does) and returns the string's UTF-16 code units.
func jsText(u8 js.Value) []uint16 {
	s := textDecoder.Call("decode", u8).String()
	return utf16.Encode([]rune(s))
}

// shimSink is a client.Sink that does what wasm/jsapi's sink and the JS
// shim do together: encode each chunk's events into a Batch, then decode
// chunk.subarray(ChunkStart, ChunkEnd) and the side bytes once each with
// TextDecoder and slice them by the records' UTF-16 offsets.
type shimSink struct {
	b        records.Batch
	dec      records.Decoder
	events   []sse.Event
	err      error
	begins   int
	flushes  int
	inChunk  int // events whose data came from the chunk
	fromSide int // events whose data came from the side buffer
}

func newShimSink(lastID string) *shimSink {
	return &shimSink{dec: records.Decoder{LastID: lastID}}
}

func (k *shimSink) fail(err error) {
	if k.err == nil {
		k.err = err
	}
}

// Begin implements client.Sink.
func (k *shimSink) Begin() {
	k.begins++
	k.b.Reset()
}

// OnEvent implements client.Sink.
func (k *shimSink) OnEvent(e *sse.RawEvent) { k.b.Add(e) }

// Flush implements client.Sink.
func (k *shimSink) Flush(data []byte, ascii bool) {
	k.flushes++
	if k.flushes != k.begins {
		k.fail(errors.New("Flush without Begin"))
	}
	if k.b.N == 0 {
		return
	}
	chunk := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(chunk, data)
	var chunkText, side []uint16
	for r := 0; r < k.b.N; r++ {
		if k.b.Record(r, 0)&records.FlagDataInChunk != 0 {
			k.inChunk++
		} else {
			k.fromSide++
		}
	}
	if k.b.ChunkEnd > k.b.ChunkStart {
		chunkText = jsText(chunk.Call("subarray", k.b.ChunkStart, k.b.ChunkEnd))
	}
	if len(k.b.Side) > 0 {
		u8 := js.Global().Get("Uint8Array").New(len(k.b.Side))
		js.CopyBytesToJS(u8, k.b.Side)
		side = jsText(u8)
	}
	ev, err := k.dec.DecodeRecords(&k.b, chunkText, side)
	if err != nil {
		k.fail(err)
		return
	}
	k.events = append(k.events, ev...)
}

// fetchBytes returns the whole body of a GET of url.
func fetchBytes(t *testing.T, url string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := jsbridge.Fetch(ctx, js.Undefined(), url, js.Undefined())
	require.NoError(t, err)
	require.Equal(t, 200, resp.Status)
	rd := jsbridge.NewReader(resp.Body)
	defer rd.Close()
	var out []byte
	for range 10_000_000 {
		data, _, err := rd.Read(ctx)
		if err == io.EOF {
			return out
		}
		require.NoError(t, err)
		out = append(out, data...)
	}
	t.Fatal("too many chunks")
	return nil
}

// requireSameEvents compares event lists, reporting the first difference.
func requireSameEvents(t *testing.T, want, got []sse.Event, what string) {
	t.Helper()
	for i := 0; i < min(len(want), len(got)); i++ {
		if want[i] != got[i] {
			require.Equal(t, want[i], got[i], "%s: first difference at event %d", what, i)
		}
	}
	require.Equal(t, len(want), len(got), "%s: number of events", what)
}

func TestSinkMatchesOnEvent(t *testing.T) {
	cases := []struct {
		name, path, query string
		minChunks         int
		inChunk, fromSide bool // expect data both ways
	}{
		{name: "corpus-mixed", path: "/corpus", query: "name=mixed", inChunk: true, fromSide: true},
		{name: "corpus-mixed-odd-writes", path: "/corpus", query: "name=mixed&chunk=4099&chunkDelay=1", minChunks: 50, inChunk: true, fromSide: true},
		{name: "corpus-small", path: "/corpus", query: "name=small", inChunk: true},
		{name: "raw-trickled", path: "/sse", query: rawQuery(rawStream) + "&trickle=1&chunkDelay=1", minChunks: 50, fromSide: true},
		{name: "generated", path: "/sse", query: "ids=1&events=200&event=tick&comment=1&eol=crlf", inChunk: true},
		{name: "multi-line", path: "/sse", query: "events=50&lines=3&eol=cr", fromSide: true},
	}
	const lastID = "start"
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			byEvent, err := run(t, client.Request{URL: route(t, c.path, newKey(t), c.query), LastEventID: lastID}, client.Handler{}, 30*time.Second)
			require.NoError(t, err)
			require.NotEmpty(t, byEvent.events)

			sink := newShimSink(lastID)
			bySink, err := run(t, client.Request{URL: route(t, c.path, newKey(t), c.query), LastEventID: lastID}, client.Handler{Sink: sink}, 30*time.Second)
			require.NoError(t, err)
			require.NoError(t, sink.err)
			assert.Zero(t, bySink.nEvents(), "OnEvent is not used when a Sink is set")
			requireSameEvents(t, byEvent.events, sink.events, "sink vs OnEvent")
			ref := parseAll(fetchBytes(t, route(t, c.path, newKey(t), c.query)), lastID)
			requireSameEvents(t, ref, sink.events, "sink vs parser on the whole body")
			if c.path == "/corpus" {
				require.Len(t, byEvent.opens, 1)
				assert.Equal(t, strconv.Itoa(len(sink.events)), byEvent.opens[0].Header("X-Corpus-Events"))
			}
			assert.GreaterOrEqual(t, sink.flushes, c.minChunks)
			if c.inChunk {
				assert.Greater(t, sink.inChunk, 0, "some data stayed in the chunk")
			}
			if c.fromSide {
				assert.Greater(t, sink.fromSide, 0, "some data went through the side buffer")
			}
			t.Logf("%d events, %d chunks, %d in chunk, %d from the side buffer", len(sink.events), sink.flushes, sink.inChunk, sink.fromSide)
		})
	}
}

// parseAll returns the events of data read in one piece by sse.Reader
// (the reference).
func parseAll(data []byte, lastID string) []sse.Event {
	var out []sse.Event
	rd := sse.NewReader(bytes.NewReader(data), sse.Options{LastEventID: lastID})
	for {
		ev, err := rd.Next()
		if err != nil { // io.EOF; no event here exceeds the size limit
			return out
		}
		out = append(out, ev)
	}
}
