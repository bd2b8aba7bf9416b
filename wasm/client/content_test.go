//go:build js && wasm

package client_test

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// rawStream exercises the parser across chunk boundaries: BOM, CR, CRLF,
// non-ASCII in every field, invalid UTF-8, multi-line data, comments, ids,
// retry, an unfinished last event.
const rawStream = "\xEF\xBB\xBFid: α\r\nevent: ü\rdata: 😀 one\n\n:\xE2\x82 comment\ndata: two\r\n\r\n" +
	"data: three\rdata: x\r\rretry: 12\nid: 4\ndata: \xF0\x9F broken\n\nevent: e\ndata: é\n\n" +
	"data\n\nid\ndata: 你好\n\ndata: unfinished"

func rawQuery(s string) string {
	return "raw=" + base64.RawURLEncoding.EncodeToString([]byte(s))
}

func TestTrickleGivesTheSameEvents(t *testing.T) {
	for name, query := range map[string]string{
		"generated": "ids=1&events=20&event=tick&lines=3&comment=1&eol=crlf",
		"cr":        "events=10&lines=2&eol=cr",
		"raw":       rawQuery(rawStream),
	} {
		t.Run(name, func(t *testing.T) {
			whole, err := run(t, client.Request{URL: route(t, "/sse", newKey(t), query)}, client.Handler{}, 10*time.Second)
			require.NoError(t, err)
			trickled, err := run(t, client.Request{URL: route(t, "/sse", newKey(t), query+"&trickle=1")}, client.Handler{}, 10*time.Second)
			require.NoError(t, err)
			require.NotEmpty(t, whole.events)
			assert.Equal(t, whole.events, trickled.events)
			if name == "raw" {
				assert.Equal(t, parseAll([]byte(rawStream), ""), whole.events, "the same as the parser on the whole stream")
				assert.Equal(t, "4", whole.events[3].ID)
				assert.Equal(t, "\uFFFD broken", whole.events[3].Data)
				assert.Equal(t, 12, whole.events[3].Retry)
			}
		})
	}
}

func TestLargeEventArrivesIntact(t *testing.T) {
	const size = 1 << 20
	r, err := run(t, client.Request{URL: route(t, "/sse", newKey(t), "events=2&size=1048576")}, client.Handler{}, 20*time.Second)
	require.NoError(t, err)
	require.Len(t, r.events, 2)
	for i, e := range r.events {
		require.Len(t, e.Data, size)
		if e.Data != eventData(i+1, size) {
			t.Fatalf("event %d differs from the server's data", i+1)
		}
	}

	r, err = run(t, client.Request{URL: route(t, "/sse", newKey(t), "events=1&size=1048576&lines=4")}, client.Handler{}, 20*time.Second)
	require.NoError(t, err)
	require.Len(t, r.events, 1)
	assert.Len(t, r.events[0].Data, size, "lines joined with LF")
	assert.Equal(t, 3, strings.Count(r.events[0].Data, "\n"))
}

func TestMaxEventSizeExceeded(t *testing.T) {
	key := newKey(t)
	r, err := run(t, client.Request{URL: route(t, "/sse", key, "events=3&size=2000"), MaxEventSize: 1000, Retry: fastRetry()},
		client.Handler{}, 5*time.Second)
	var te *sse.EventTooLargeError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 1000, te.Limit)
	assert.Empty(t, r.retries, "not retried by default")
	require.Len(t, r.errs, 1)
	assert.EqualValues(t, 1, getStats(t, key, "").Requests)

	// An unterminated line larger than the limit fails as well, without
	// buffering the rest.
	key = newKey(t)
	_, err = run(t, client.Request{URL: route(t, "/sse", key, "huge=4194304&end=hang"), MaxEventSize: 64 << 10}, client.Handler{}, 10*time.Second)
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 64<<10, te.Limit)
	waitStats(t, key, "disconnected", 1, disconnectWait)

	r, err = run(t, client.Request{URL: route(t, "/sse", newKey(t), "events=3&size=2000"), MaxEventSize: 3000}, client.Handler{}, 5*time.Second)
	require.NoError(t, err)
	assert.Len(t, r.events, 3, "under the limit")
}

func TestChatStream(t *testing.T) {
	key := newKey(t)
	var text strings.Builder
	done := false
	r, err := run(t, client.Request{
		URL: route(t, "/chat", key, "delay=2"), Method: "POST",
		Header: map[string][]string{"Content-Type": {"application/json"}},
		JSBody: jsEval(`JSON.stringify({prompt: "hi", tokens: 8})`),
	}, client.Handler{}, 5*time.Second)
	require.NoError(t, err)
	for _, e := range r.events {
		if e.Data == "[DONE]" {
			done = true
			continue
		}
		var chunk struct {
			Choices []struct {
				Delta struct {
					Content string `json:"content"`
				} `json:"delta"`
			} `json:"choices"`
		}
		require.NoError(t, json.Unmarshal([]byte(e.Data), &chunk))
		require.Len(t, chunk.Choices, 1)
		text.WriteString(chunk.Choices[0].Delta.Content)
	}
	assert.True(t, done)
	assert.Equal(t, "tok1 tok2 tok3 tok4 tok5 tok6 tok7 tok8 ", text.String())
}

// An oversized event ends the attempt at that event whatever the chunking:
// nothing after it is dispatched, and a reconnect would resume after the
// last event that was dispatched.
func TestMaxEventSizeSameOutcomeForAnyChunking(t *testing.T) {
	stream := "id: 1\ndata: a\n\ndata: " + strings.Repeat("x", 2000) + "\n\nid: 3\ndata: after\n\n"
	raw := base64.RawURLEncoding.EncodeToString([]byte(stream))
	for _, extra := range []string{"", "&trickle=1"} {
		st, r := open(t, client.Request{URL: route(t, "/sse", newKey(t), "raw="+raw+extra), MaxEventSize: 1000}, client.Handler{})
		err := wait(t, st, 10*time.Second)
		var te *sse.EventTooLargeError
		require.ErrorAs(t, err, &te, extra)
		assert.Equal(t, []string{"a"}, r.data(), extra)
		assert.Equal(t, "1", st.LastEventID(), "resume point%s", extra)
	}
}
