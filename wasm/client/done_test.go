//go:build js && wasm

package client_test

import (
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// The done marker (Request.Done): the first matching event ends the stream
// as a success; a clean end before it is a dropped connection.

// dataIs returns a Done that matches events whose data is d.
func dataIs(d string) func(sse.Event) bool {
	return func(e sse.Event) bool { return e.Data == d }
}

func TestDoneMarkerEndsTheStream(t *testing.T) {
	for _, c := range []struct {
		name      string
		reconnect bool
		sink      bool
	}{{"OnEvent", false, false}, {"ReconnectOnEnd does not reconnect", true, false}, {"Sink", false, true}} {
		t.Run(c.name, func(t *testing.T) {
			key := newKey(t)
			h := client.Handler{}
			var k *shimSink
			if c.sink {
				k = newShimSink("")
				h.Sink = k
			}
			start := time.Now()
			r, err := run(t, client.Request{
				// The server keeps sending after the marker and holds the
				// connection open: only the client's abort ends it.
				URL:            route(t, "/sse", key, "events=100&delay=20&end=hang"),
				Retry:          fastRetry(),
				ReconnectOnEnd: c.reconnect,
				Done:           dataIs("msg 5"),
			}, h, 10*time.Second)
			require.NoError(t, err, "the marker is a success")
			assert.Less(t, time.Since(start), 2*time.Second, "the stream ends at the marker, not at the end of the body")
			got := r.data()
			if c.sink {
				got = nil
				for _, e := range k.events {
					got = append(got, e.Data)
				}
			}
			assert.Equal(t, seq("msg ", 1, 4), got, "the marker and what follows it are not delivered")
			_, errs, retries, dones := r.snapshot()
			assert.Empty(t, errs)
			assert.Empty(t, retries)
			assert.Equal(t, []error{nil}, dones)
			r.mu.Lock()
			assert.Equal(t, 1, r.closes, "OnClose runs once, for the marker")
			r.mu.Unlock()
			st := waitStats(t, key, "disconnected", 1, disconnectWait)
			assert.EqualValues(t, 1, st.Requests, "nothing reconnects")
			time.Sleep(100 * time.Millisecond)
			assert.EqualValues(t, 1, getStats(t, key, "").Requests)
		})
	}
}

func TestDoneOnCloseErrorAfterTheMarkerEndsTheStream(t *testing.T) {
	key := newKey(t)
	boom := errors.New("onclose failed")
	r, err := run(t, client.Request{
		URL: route(t, "/sse", key, "events=3"), Retry: fastRetry(), Done: dataIs("msg 3"),
	}, client.Handler{OnClose: func() error { return boom }}, 5*time.Second)
	var oe *client.OpenError
	require.ErrorAs(t, err, &oe)
	assert.ErrorIs(t, err, boom)
	assert.Empty(t, r.errs, "not a failed attempt: the answer was complete")
	assert.EqualValues(t, 1, getStats(t, key, "").Requests)
}

func TestDoneCleanEndBeforeTheMarkerResumes(t *testing.T) {
	for _, method := range []string{"GET", "POST"} {
		t.Run(method, func(t *testing.T) {
			key := newKey(t)
			// Every response ends cleanly after 7 events; the marker is event 20.
			r, err := run(t, client.Request{
				URL:    route(t, "/sse", key, "ids=1&events=20&dropAfter=7&dropClean=1"),
				Method: method,
				Retry:  fastRetry(),
				Done:   dataIs("msg 20"),
			}, client.Handler{}, 10*time.Second)
			require.NoError(t, err)
			assert.Equal(t, seq("msg ", 1, 19), r.data(), "every event exactly once, the marker not delivered")
			_, errs, _, _ := r.snapshot()
			require.Len(t, errs, 2)
			for i, e := range errs {
				var ie *client.IncompleteStreamError
				require.ErrorAs(t, e, &ie)
				assert.Equal(t, strconv.Itoa(7*(i+1)), ie.LastEventID)
				assert.Equal(t, 7*(i+1), ie.Events)
			}
			r.mu.Lock()
			assert.Equal(t, 1, r.closes, "OnClose only for the marker, not for the clean ends before it")
			r.mu.Unlock()
			st := getStats(t, key, "")
			assert.EqualValues(t, 3, st.Requests)
			assert.Equal(t, []string{"", "7", "14"}, st.LastEventIDs)
		})
	}
}

func TestDoneCleanEndWithoutIDsIsIncomplete(t *testing.T) {
	key := newKey(t)
	r, err := run(t, client.Request{
		URL:    route(t, "/sse", key, "events=10&dropAfter=3&dropClean=1"),
		Method: "POST",
		Retry:  fastRetry(),
		Done:   dataIs("msg 10"),
	}, client.Handler{}, 5*time.Second)
	var ie *client.IncompleteStreamError
	require.ErrorAs(t, err, &ie, "a POST without event ids cannot resume: the cut-off answer is an error")
	assert.ErrorIs(t, err, client.ErrIncomplete)
	assert.Equal(t, 3, ie.Events)
	assert.Equal(t, "", ie.LastEventID)
	assert.Contains(t, err.Error(), "before its done marker")
	assert.Equal(t, seq("msg ", 1, 3), r.data())
	r.mu.Lock()
	assert.Zero(t, r.closes, "a truncated answer is not a close")
	r.mu.Unlock()
	assert.EqualValues(t, 1, getStats(t, key, "").Requests)
}

func TestDoneIncompleteWrappedWhenRetriesRunOut(t *testing.T) {
	key := newKey(t)
	_, err := run(t, client.Request{
		URL:   route(t, "/sse", key, "ids=1&events=10&dropAfter=4&dropClean=1"),
		Retry: retry.Policy{MaxRetries: -1},
		Done:  dataIs("msg 10"),
	}, client.Handler{}, 5*time.Second)
	var re *client.RetriesExhaustedError
	require.ErrorAs(t, err, &re)
	var ie *client.IncompleteStreamError
	require.ErrorAs(t, err, &ie)
	assert.ErrorIs(t, err, client.ErrIncomplete)
	assert.Equal(t, "4", ie.LastEventID)
	assert.Equal(t, 4, ie.Events)
}

func TestDoneExpectedOutsideGo(t *testing.T) {
	// ExpectDone (the npm shim's flag) applies the clean-end rule without a
	// Done func: nothing in the stream is a marker to Go.
	key := newKey(t)
	r, err := run(t, client.Request{
		URL: route(t, "/sse", key, "events=3"), Method: "POST", Retry: fastRetry(), ExpectDone: true,
	}, client.Handler{}, 5*time.Second)
	var ie *client.IncompleteStreamError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, 3, ie.Events)
	assert.Equal(t, seq("msg ", 1, 3), r.data(), "every event delivered")
}

func TestDoneWithoutMarkerCleanEndStaysASuccess(t *testing.T) {
	key := newKey(t)
	r, err := run(t, client.Request{URL: route(t, "/sse", key, "events=3&dropAfter=2&dropClean=1"), Method: "POST"},
		client.Handler{}, 5*time.Second)
	require.NoError(t, err, "without a done marker a clean end is the end")
	assert.Equal(t, seq("msg ", 1, 2), r.data())
}

func TestDoneCloseIsNotAnError(t *testing.T) {
	key := newKey(t)
	s, r := open(t, client.Request{
		URL: route(t, "/sse", key, "events=1000&delay=30"), Retry: fastRetry(), Done: dataIs("never"),
	}, client.Handler{})
	waitFor(t, 5*time.Second, func() bool { return r.nEvents() >= 2 })
	closeAndCheck(t, s, r)
	assert.Empty(t, r.errs)
}
