//go:build js && wasm

package client_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// badRun is what one bad-input case produced.
type badRun struct {
	r    *recorder
	err  error
	st   stats // the server's counters of the case's key
	took time.Duration
	key  string
}

// runBad runs one stream against route path with query (the case's key is
// added) and returns what happened. tweak adjusts the request.
func runBad(t *testing.T, path, query string, tweak func(*client.Request)) badRun {
	t.Helper()
	key := newKey(t)
	req := client.Request{URL: route(t, path, key, query), Retry: fastRetry()}
	if tweak != nil {
		tweak(&req)
	}
	start := time.Now()
	r, err := run(t, req, client.Handler{}, 20*time.Second)
	took := time.Since(start)
	return badRun{r: r, err: err, st: getStats(t, key, ""), took: took, key: key}
}

// notRetried checks that the stream stopped after one request with one error.
func notRetried(t *testing.T, b badRun) {
	t.Helper()
	assert.EqualValues(t, 1, b.st.Requests, "one request")
	assert.Empty(t, b.r.retries, "not retried")
}

// eventsOf returns the (data, id) pairs of events.
func eventsOf(events []sse.Event) [][2]string {
	out := make([][2]string, len(events))
	for i, e := range events {
		out[i] = [2]string{e.Data, e.ID}
	}
	return out
}

func TestReliabilityBadInput(t *testing.T) {
	t.Run("binary garbage: parsed like any bytes, valid UTF-8 out, clean end", func(t *testing.T) {
		const query = "garbage=262144&seed=3"
		b := runBad(t, "/sse", query, nil)
		require.NoError(t, b.err)
		notRetried(t, b)
		body := fetchBytes(t, route(t, "/sse", newKey(t), query))
		require.Len(t, body, 262144)
		requireSameEvents(t, parseAll(body, ""), b.r.events, "garbage")
		for _, e := range b.r.events {
			assert.True(t, utf8.ValidString(e.Data) && utf8.ValidString(e.Type) && utf8.ValidString(e.ID))
		}
		t.Logf("garbage: %d events dispatched from 256 KiB", len(b.r.events))
	})

	t.Run("NUL bytes: kept in data, an id with NUL is ignored", func(t *testing.T) {
		b := runBad(t, "/sse", rawQuery("data: a\x00b\n\nid: 1\x002\ndata: c\n\nid: 3\ndata: \x00\n\n"), nil)
		require.NoError(t, b.err)
		assert.Equal(t, [][2]string{{"a\x00b", ""}, {"c", ""}, {"\x00", "3"}}, eventsOf(b.r.events))
	})

	t.Run("invalid UTF-8: each bad sequence becomes U+FFFD", func(t *testing.T) {
		b := runBad(t, "/sse", rawQuery("data: \xff\xfe ok \xe2\x82\n\ndata: \xed\xa0\x80 surrogate\n\nid: \xc3\ndata: x\n\n"), nil)
		require.NoError(t, b.err)
		assert.Equal(t, [][2]string{{"\uFFFD\uFFFD ok \uFFFD", ""}, {"\uFFFD\uFFFD\uFFFD surrogate", ""}, {"x", "\uFFFD"}}, eventsOf(b.r.events))
	})

	t.Run("50 MB line without a newline: EventTooLargeError, memory bounded", func(t *testing.T) {
		for _, limit := range []int{64 << 10, 0} { // 0: the default 16 MiB
			want := limit
			if want == 0 {
				want = sse.DefaultMaxEventSize
			}
			key := newKey(t)
			before := sampleMem()
			start := time.Now()
			// No recorder: nothing may keep the stream reachable once it ended.
			s := client.Open(context.Background(), client.Request{URL: route(t, "/sse", key, "huge=52428800"), MaxEventSize: limit}, client.Handler{})
			err := wait(t, s, 20*time.Second)
			took := time.Since(start)
			s = nil
			after := sampleMem()
			var te *sse.EventTooLargeError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, want, te.Limit)
			st := waitStats(t, key, "disconnected", 1, disconnectWait) // the rest is never downloaded
			assert.EqualValues(t, 1, st.Requests, "not retried")
			growth := int64(after.Sys) - int64(before.Sys)
			t.Logf("limit %d: failed after %v; before %v; after %v; linear memory growth %d KiB",
				want, took.Round(time.Millisecond), before, after, growth>>10)
			assert.Less(t, growth, int64(6*want+(8<<20)), "the wasm memory grows with the limit, not the line")
			assert.Less(t, after.HeapAlloc, before.HeapAlloc+(1<<20), "nothing of the line is kept once the stream ended")
		}
	})

	t.Run("HTML error page with 200: ContentTypeError, not retried", func(t *testing.T) {
		b := runBad(t, "/sse", "ctype=text/html&body="+url.QueryEscape("<html><body><h1>Oops</h1></body></html>"), nil)
		var ce *client.ContentTypeError
		require.ErrorAs(t, b.err, &ce)
		assert.Equal(t, "text/html", ce.ContentType)
		notRetried(t, b)
	})

	t.Run("content types", func(t *testing.T) {
		for _, ct := range []string{"text/event-stream;charset=utf-8", "TEXT/EVENT-STREAM", "Text/Event-Stream ; Charset=\"UTF-8\""} {
			b := runBad(t, "/sse", "events=2&ctype="+url.QueryEscape(ct), nil)
			require.NoError(t, b.err, ct)
			assert.Equal(t, seq("msg ", 1, 2), b.r.data(), "%q accepted", ct)
		}
		for _, ct := range []string{"", "text/event-streams", "text/plain", "application/octet-stream"} {
			b := runBad(t, "/sse", "events=2&ctype="+url.QueryEscape(ct), nil)
			var ce *client.ContentTypeError
			require.ErrorAs(t, b.err, &ce, "%q rejected", ct)
			assert.Equal(t, ct, ce.ContentType)
			assert.Empty(t, b.r.events)
			notRetried(t, b)
		}
	})

	t.Run("redirects are followed; POST keeps method and body on 307/308", func(t *testing.T) {
		for _, code := range []int{301, 302, 307, 308} {
			key := newKey(t)
			to := url.QueryEscape("/sse?events=2&key=" + key)
			b := runBad(t, "/sse", "redirect="+strconv.Itoa(code)+"&to="+to, nil)
			require.NoError(t, b.err, code)
			assert.Equal(t, seq("msg ", 1, 2), b.r.data(), code)
			require.Len(t, b.r.opens, 1)
			assert.True(t, b.r.opens[0].Redirected)

			to = url.QueryEscape("/echo?key=" + key)
			res := echo(t, client.Request{URL: route(t, "/sse", newKey(t), "redirect="+strconv.Itoa(code)+"&to="+to),
				Method: "POST", JSBody: jsEval(`"payload é"`)}, client.Handler{})
			if code == 307 || code == 308 {
				assert.Equal(t, "POST", res.method, "%d keeps the method", code)
				assert.Equal(t, "payload é", res.body, "%d keeps the body", code)
			} else {
				assert.Equal(t, "GET", res.method, "%d turns a POST into a GET (fetch standard)", code)
				assert.Equal(t, 0, res.bodyLen)
			}
		}
	})

	t.Run("401, 403, 404: HTTPError, not retried", func(t *testing.T) {
		for _, code := range []int{401, 403, 404} {
			b := runBad(t, "/sse", "status="+strconv.Itoa(code), nil)
			var he *client.HTTPError
			require.ErrorAs(t, b.err, &he, code)
			assert.Equal(t, code, he.Status)
			assert.Contains(t, he.Body, strconv.Itoa(code))
			notRetried(t, b)
		}
	})

	t.Run("408, 429 with Retry-After, 500, 502, 503: retried", func(t *testing.T) {
		for _, code := range []int{408, 429, 500, 502, 503} {
			q := "events=2&failTimes=1&status=" + strconv.Itoa(code)
			if code == 429 {
				q += "&retryAfter=1"
			}
			b := runBad(t, "/sse", q, nil)
			require.NoError(t, b.err, code)
			assert.Equal(t, seq("msg ", 1, 2), b.r.data(), code)
			assert.EqualValues(t, 2, b.st.Requests, code)
			// Chromium itself may re-send a request that got a 408 on a
			// reused connection: the client then sees no failure.
			if code != 408 || len(b.r.errs) > 0 {
				require.Len(t, b.r.errs, 1, code)
				var he *client.HTTPError
				require.ErrorAs(t, b.r.errs[0], &he, code)
				assert.Equal(t, code, he.Status)
			}
			if code == 429 {
				require.Len(t, b.r.retries, 1)
				assert.Equal(t, time.Second, b.r.retries[0].Delay, "Retry-After: 1")
				assert.GreaterOrEqual(t, b.took, time.Second)
			}
		}
	})

	t.Run("204: stops", func(t *testing.T) {
		b := runBad(t, "/sse", "status=204", func(r *client.Request) { r.ReconnectOnEnd = true })
		var he *client.HTTPError
		require.ErrorAs(t, b.err, &he)
		assert.Equal(t, 204, he.Status)
		notRetried(t, b)
	})

	t.Run("empty 200 body: a clean end without events", func(t *testing.T) {
		b := runBad(t, "/sse", "events=0", nil)
		require.NoError(t, b.err)
		assert.Empty(t, b.r.events)
		assert.Equal(t, 1, b.r.closes)
		notRetried(t, b)
	})

	t.Run("no final blank line: the last event is discarded", func(t *testing.T) {
		for _, body := range []string{"data: a\n\ndata: b\n", "data: a\n\ndata: b", "data: a\r\n\r\nid: 2\r\ndata: b\r\n"} {
			b := runBad(t, "/sse", rawQuery(body), nil)
			require.NoError(t, b.err)
			assert.Equal(t, []string{"a"}, b.r.data(), "%q", body)
		}
	})

	t.Run("headers that never arrive: IdleTimeoutError", func(t *testing.T) {
		b := runBad(t, "/sse", "stallHeaders=60000", func(r *client.Request) {
			r.IdleTimeout = 300 * time.Millisecond
			r.Retry = retry.Policy{MaxRetries: -1}
		})
		var ie *client.IdleTimeoutError
		require.ErrorAs(t, b.err, &ie)
		assert.Less(t, b.took, 3*time.Second)
		waitStats(t, b.key, "disconnected", 1, disconnectWait)
	})

	t.Run("a stall mid-stream: IdleTimeoutError, resumed while it delivers, given up once it does not", func(t *testing.T) {
		policy := retry.Policy{InitialDelay: 10 * time.Millisecond, Jitter: -1, MaxRetries: 1}
		// Every response stalls after 2 events: each attempt made progress,
		// so each reconnect starts a new run and MaxRetries 1 never stops it.
		b := runBad(t, "/sse", "ids=1&events=6&stallAfter=2&stall=60000", func(r *client.Request) {
			r.IdleTimeout = 300 * time.Millisecond
			r.Retry = policy
		})
		require.NoError(t, b.err, "the last response is empty and ends cleanly")
		assert.Equal(t, seq("msg ", 1, 6), b.r.data())
		_, errs, _, _ := b.r.snapshot()
		require.Len(t, errs, 3)
		for _, err := range errs {
			var ie *client.IdleTimeoutError
			require.ErrorAs(t, err, &ie)
		}
		st := waitStats(t, b.key, "disconnected", 3, disconnectWait)
		assert.Equal(t, []string{"", "2", "4", "6"}, st.LastEventIDs)
		assert.Less(t, b.took, 3*time.Second)

		// A stall before any event: no progress, so the second one gives up.
		b = runBad(t, "/sse", "ids=1&events=6&stall=60000", func(r *client.Request) {
			r.IdleTimeout = 300 * time.Millisecond
			r.Retry = policy
		})
		var ie *client.IdleTimeoutError
		require.ErrorAs(t, b.err, &ie)
		var re *client.RetriesExhaustedError
		require.ErrorAs(t, b.err, &re)
		assert.Equal(t, 1, re.Attempts)
		assert.Empty(t, b.r.data())
		st = waitStats(t, b.key, "disconnected", 2, disconnectWait)
		assert.EqualValues(t, 2, st.Requests)
		assert.Less(t, b.took, 3*time.Second)
	})

	t.Run("a huge comment line counts against MaxEventSize too", func(t *testing.T) {
		for _, extra := range []string{"", "&chunk=1000"} {
			b := runBad(t, "/sse", rawQuery("data: before\n\n:"+strings.Repeat("x", 100_000)+"\ndata: after\n\n")+extra,
				func(r *client.Request) { r.MaxEventSize = 1000 })
			var te *sse.EventTooLargeError
			require.ErrorAs(t, b.err, &te, "any chunking%s", extra)
			assert.Equal(t, []string{"before"}, b.r.data())
			notRetried(t, b)
		}
	})
}
