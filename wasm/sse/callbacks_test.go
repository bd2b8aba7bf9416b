package sse

import (
	"errors"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCallbacksReuseTypeAndIDStrings(t *testing.T) {
	p := NewParser(Options{})
	var evs []Event
	cb := &Callbacks{Event: func(e Event) { evs = append(evs, e) }}
	p.Feed([]byte("event: tick\nid: 1\ndata: a\n\nevent: tick\ndata: b\n\n"), cb)
	p.Feed([]byte("event: tick\ndata: c\n\ndata: d\n\ndata: e\n\nid: 2\ndata: f\n\n"), cb)
	require.Len(t, evs, 6)
	for i := 1; i < 3; i++ {
		assert.Equal(t, "tick", evs[i].Type)
		assert.Same(t, unsafe.StringData(evs[0].Type), unsafe.StringData(evs[i].Type), "type string of event %d reused", i)
	}
	assert.Same(t, unsafe.StringData(evs[3].Type), unsafe.StringData(evs[4].Type), "message reused")
	for i := 1; i < 5; i++ {
		assert.Equal(t, "1", evs[i].ID)
		assert.Same(t, unsafe.StringData(evs[0].ID), unsafe.StringData(evs[i].ID), "id string of event %d reused", i)
	}
	assert.Equal(t, "2", evs[5].ID)
	assert.Equal(t, []string{"a", "b", "c", "d", "e", "f"}, []string{evs[0].Data, evs[1].Data, evs[2].Data, evs[3].Data, evs[4].Data, evs[5].Data})
}

func TestCallbacksSteadyStreamAllocatesOnlyData(t *testing.T) {
	p := NewParser(Options{})
	var sink Event
	cb := &Callbacks{Event: func(e Event) { sink = e }}
	chunk := []byte("event: tick\nid: 42\ndata: hello world\n\n")
	p.Feed(chunk, cb) // warm up: first type and id strings
	allocs := testing.AllocsPerRun(200, func() { p.Feed(chunk, cb) })
	assert.LessOrEqual(t, allocs, 1.0, "one allocation (the data string) per event")
	assert.Equal(t, "hello world", sink.Data)
}

func TestCallbacksStringsOutliveTheChunk(t *testing.T) {
	p := NewParser(Options{})
	var evs []Event
	chunk := []byte("event: t\nid: i\ndata: d\n\n")
	p.Feed(chunk, &Callbacks{Event: func(e Event) { evs = append(evs, e) }})
	for i := range chunk {
		chunk[i] = 'X'
	}
	assert.Equal(t, []Event{{Type: "t", Data: "d", ID: "i", Retry: NoRetry}}, evs)
}

func TestCallbacksRouteEveryKind(t *testing.T) {
	p := NewParser(Options{MaxEventSize: 20})
	var log []string
	cb := &Callbacks{
		Event:   func(e Event) { log = append(log, "event:"+e.Data) },
		Comment: func(s string) { log = append(log, "comment:"+s) },
		Retry:   func(ms int) { log = append(log, "retry:"+itoa(ms)) },
		Error: func(err error) {
			var tl *EventTooLargeError
			require.True(t, errors.As(err, &tl))
			log = append(log, "error")
		},
	}
	p.Feed([]byte(": hi\nretry: 300\ndata: a\n\ndata: 0123456789abcdefghij\n\ndata: b\n\n"), cb)
	assert.Equal(t, []string{"comment: hi", "retry:300", "event:a", "error", "event:b"}, log)
}

func TestCallbacksNilFieldsAreSkipped(t *testing.T) {
	p := NewParser(Options{MaxEventSize: 8})
	assert.NotPanics(t, func() {
		p.Feed([]byte(":c\nretry: 1\ndata: a\n\ndata: 0123456789\n\n"), &Callbacks{})
	})
}

func TestCallbacksEventCarriesRetry(t *testing.T) {
	p := NewParser(Options{})
	evs := collect(p, "retry: 2500\ndata: a\n\ndata: b\n\n")
	require.Len(t, evs, 2)
	assert.Equal(t, 2500, evs[0].Retry)
	assert.Equal(t, NoRetry, evs[1].Retry)
}
