package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

func TestChatStreamsTheWholeAnswer(t *testing.T) {
	ts, s := newTestServer(t, testConfig)
	prompt := "Why does POST matter?"
	a := s.answers.pick(prompt)
	resp := post(t, t.Context(), ts, "", chatBody(t, map[string]any{"prompt": prompt, "conv": "whole"}), "")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/event-stream; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Equal(t, "no-cache, no-transform", resp.Header.Get("Cache-Control"))

	evs, err := readEvents(t, resp.Body)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(evs), 3)
	assert.Equal(t, "meta", evs[0].Type)
	var meta map[string]any
	require.NoError(t, json.Unmarshal([]byte(evs[0].Data), &meta))
	assert.Equal(t, map[string]any{"conv": "whole", "answer": "post", "tokens": float64(len(a.Tokens)), "from": float64(1)}, meta)

	toks := tokenEvents(evs)
	assert.Equal(t, seq(1, len(a.Tokens)), ids(t, toks))
	assert.Equal(t, a.Text, joinData(toks), "the tokens, parsed by a spec parser, join to the text")

	usage, done := evs[len(evs)-2], evs[len(evs)-1]
	assert.Equal(t, "usage", usage.Type)
	assert.JSONEq(t, `{"prompt_tokens":4,"completion_tokens":`+strconv.Itoa(len(a.Tokens))+`,"total_tokens":`+strconv.Itoa(4+len(a.Tokens))+`}`, usage.Data)
	assert.Equal(t, "done", done.Type)
	assert.JSONEq(t, `{"conv":"whole","tokens":`+strconv.Itoa(len(a.Tokens))+`}`, done.Data)
	assert.Len(t, evs, len(a.Tokens)+3)

	st := stats(t, ts, "whole")
	assert.Equal(t, 1, st.Requests)
	assert.Equal(t, 1, st.Streams)
	assert.Equal(t, 1, st.Completed)
	assert.Equal(t, 0, st.Disconnects)
	assert.Equal(t, len(a.Tokens), st.TokensSent)
	assert.Equal(t, "post", st.Answer)
	assert.Empty(t, st.Resumes)
}

func TestChatSendsRetryFirst(t *testing.T) {
	ts, _ := newTestServer(t, testConfig)
	resp := post(t, t.Context(), ts, "", `{"prompt":"hello"}`, "")
	line, err := bufio.NewReader(resp.Body).ReadString('\n')
	require.NoError(t, err)
	assert.Equal(t, "retry: 300\n", line)
}

func TestChatKnobsFromQuery(t *testing.T) {
	ts, s := newTestServer(t, testConfig)
	resp := post(t, t.Context(), ts, "?prompt=hello&conv=q1&drop=3", "", "")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	evs, err := readEvents(t, resp.Body)
	require.Error(t, err, "dropped after 3 tokens")
	assert.Equal(t, seq(1, 3), ids(t, tokenEvents(evs)))
	assert.Equal(t, s.answers.pick("hello").Name, stats(t, ts, "q1").Answer)
}

func TestChatResumesFromLastEventID(t *testing.T) {
	ts, s := newTestServer(t, testConfig)
	prompt := "what happens when the network drops?"
	a := s.answers.pick(prompt)
	n := len(a.Tokens)
	body := chatBody(t, map[string]any{"prompt": prompt, "conv": "resume"})
	for _, k := range []int{0, 1, 2, 17, n - 1, n} {
		resp := post(t, t.Context(), ts, "", body, strconv.Itoa(k))
		require.Equal(t, http.StatusOK, resp.StatusCode, "Last-Event-ID %d", k)
		evs, err := readEvents(t, resp.Body)
		require.NoError(t, err)
		toks := tokenEvents(evs)
		if k == n {
			assert.Empty(t, toks, "nothing left after the last token")
		} else {
			assert.Equal(t, seq(k+1, n), ids(t, toks), "Last-Event-ID %d resumes at %d", k, k+1)
		}
		assert.Equal(t, a.Text, strings.Join(a.Tokens[:k], "")+joinData(toks),
			"Last-Event-ID %d: the tokens before it plus the resumed ones are the text, exactly once", k)
		assert.Equal(t, `{"answer":"resume","conv":"resume","from":`+strconv.Itoa(k+1)+`,"tokens":`+strconv.Itoa(n)+`}`, evs[0].Data)
		assert.Equal(t, "done", evs[len(evs)-1].Type)
	}
	assert.Equal(t, []string{"0", "1", "2", "17", strconv.Itoa(n - 1), strconv.Itoa(n)}, stats(t, ts, "resume").Resumes)

	for _, bad := range []string{"abc", "-1", strconv.Itoa(n + 1), "1.5", "99999999999999999999"} {
		resp := post(t, t.Context(), ts, "", body, bad)
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "Last-Event-ID %q", bad)
	}
}

func TestChatDropsOnceThenResumes(t *testing.T) {
	ts, s := newTestServer(t, testConfig)
	prompt := "hello there"
	a := s.answers.pick(prompt)
	body := chatBody(t, map[string]any{"prompt": prompt, "conv": "drop", "drop": 5})

	first := post(t, t.Context(), ts, "", body, "")
	require.Equal(t, http.StatusOK, first.StatusCode)
	evs, err := readEvents(t, first.Body)
	require.Error(t, err, "the connection is cut, not ended cleanly")
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "a chunked body without its last chunk")
	toks := tokenEvents(evs)
	assert.Equal(t, seq(1, 5), ids(t, toks), "exactly the tokens before the drop")
	for _, ev := range evs {
		assert.NotEqual(t, "done", ev.Type)
	}

	// The client resumes with the last id it saw; the drop does not repeat.
	second := post(t, t.Context(), ts, "", body, "5")
	require.Equal(t, http.StatusOK, second.StatusCode)
	rest, err := readEvents(t, second.Body)
	require.NoError(t, err)
	restToks := tokenEvents(rest)
	assert.Equal(t, seq(6, len(a.Tokens)), ids(t, restToks))
	assert.Equal(t, a.Text, joinData(toks)+joinData(restToks))
	assert.Equal(t, "done", rest[len(rest)-1].Type)

	// A new stream of the same conversation is not dropped either.
	third := post(t, t.Context(), ts, "", body, "")
	all, err := readEvents(t, third.Body)
	require.NoError(t, err)
	assert.Equal(t, a.Text, joinData(tokenEvents(all)))

	st := stats(t, ts, "drop")
	assert.Equal(t, 1, st.Drops)
	assert.Equal(t, 3, st.Streams)
	assert.Equal(t, 2, st.Completed)
	assert.Equal(t, 0, st.Disconnects, "a drop by the server is not a client disconnect")
	assert.Equal(t, []string{"5"}, st.Resumes)
	assert.Equal(t, 5+(len(a.Tokens)-5)+len(a.Tokens), st.TokensSent)
}

func TestChatEndsEarlyOnceThenResumes(t *testing.T) {
	ts, s := newTestServer(t, testConfig)
	prompt := "hello there"
	a := s.answers.pick(prompt)
	body := chatBody(t, map[string]any{"prompt": prompt, "conv": "end", "end": 4})

	first := post(t, t.Context(), ts, "", body, "")
	require.Equal(t, http.StatusOK, first.StatusCode)
	evs, err := readEvents(t, first.Body)
	require.NoError(t, err, "a clean end of the body, not a cut")
	toks := tokenEvents(evs)
	assert.Equal(t, seq(1, 4), ids(t, toks), "exactly the tokens before the end")
	for _, ev := range evs {
		assert.NotEqual(t, "done", ev.Type, "no done event: the answer is not finished")
		assert.NotEqual(t, "usage", ev.Type)
	}

	second := post(t, t.Context(), ts, "", body, "4")
	rest, err := readEvents(t, second.Body)
	require.NoError(t, err)
	assert.Equal(t, a.Text, joinData(toks)+joinData(tokenEvents(rest)), "the end does not repeat; the resume completes the text")
	assert.Equal(t, "done", rest[len(rest)-1].Type)

	st := stats(t, ts, "end")
	assert.Equal(t, 1, st.Ends)
	assert.Equal(t, 0, st.Drops)
	assert.Equal(t, 1, st.Completed, "the early end is not a completed answer")
	assert.Equal(t, 0, st.Disconnects)
	assert.Equal(t, []string{"4"}, st.Resumes)
}

func TestChatWithoutIDs(t *testing.T) {
	ts, s := newTestServer(t, testConfig)
	prompt := "hello there"
	resp := post(t, t.Context(), ts, "?noIds=1", chatBody(t, map[string]any{"prompt": prompt, "conv": "noids", "end": 3}), "")
	evs, err := readEvents(t, resp.Body)
	require.NoError(t, err)
	toks := tokenEvents(evs)
	require.Len(t, toks, 3)
	for _, ev := range evs {
		assert.Empty(t, ev.ID, "no event carries an id: nothing to resume from")
	}
	assert.Equal(t, strings.Join(s.answers.pick(prompt).Tokens[:3], ""), joinData(toks))
}

func TestChatFailsOnce(t *testing.T) {
	for _, tt := range []struct {
		fail       string
		status     int
		retryAfter string
	}{
		{"500", http.StatusInternalServerError, ""},
		{"429", http.StatusTooManyRequests, "1"},
	} {
		t.Run(tt.fail, func(t *testing.T) {
			ts, s := newTestServer(t, testConfig)
			body := chatBody(t, map[string]any{"prompt": "hello", "conv": "fail" + tt.fail, "fail": tt.fail})
			first := post(t, t.Context(), ts, "", body, "")
			assert.Equal(t, tt.status, first.StatusCode)
			assert.Equal(t, tt.retryAfter, first.Header.Get("Retry-After"))
			assert.NotEqual(t, "text/event-stream", first.Header.Get("Content-Type"))
			msg, _ := io.ReadAll(first.Body)
			assert.Contains(t, string(msg), "injected once")

			second := post(t, t.Context(), ts, "", body, "")
			require.Equal(t, http.StatusOK, second.StatusCode)
			evs, err := readEvents(t, second.Body)
			require.NoError(t, err)
			assert.Equal(t, s.answers.pick("hello").Text, joinData(tokenEvents(evs)))

			st := stats(t, ts, "fail"+tt.fail)
			assert.Equal(t, 1, st.Failures)
			assert.Equal(t, 2, st.Requests)
			assert.Equal(t, 1, st.Streams)
			assert.Equal(t, 1, st.Completed)
		})
	}
}

func TestChatRejectsBadRequests(t *testing.T) {
	ts, _ := newTestServer(t, testConfig)
	resp, err := ts.Client().Get(ts.URL + "/api/chat")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
	assert.Equal(t, "POST", resp.Header.Get("Allow"))

	for _, tt := range []struct{ query, body, want string }{
		{"", ``, "prompt is required"},
		{"", `{"prompt":""}`, "prompt is required"},
		{"", `not json`, "body must be JSON"},
		{"", `{"prompt":"x","fail":"404","conv":"c"}`, `fail must be "500" or "429"`},
		{"", `{"prompt":"x","drop":3}`, "need a conv"},
		{"", `{"prompt":"x","fail":"500"}`, "need a conv"},
		{"", `{"prompt":"x","conv":"has space"}`, "conv must be"},
		{"", `{"prompt":"x","conv":"c","drop":-1}`, "drop out of range"},
		{"", `{"prompt":"x","end":3}`, "need a conv"},
		{"", `{"prompt":"x","conv":"c","end":-1}`, "end out of range"},
		{"", `{"prompt":"x","slow":10001}`, "slow must be"},
		{"?slow=abc", `{"prompt":"x"}`, "slow must be an integer"},
		{"", `{"prompt":"` + strings.Repeat("x", maxPromptBytes+1) + `"}`, "prompt is too long"},
		{"", `{"prompt":"` + strings.Repeat("x", maxBodyBytes) + `"}`, "reading body"},
	} {
		resp := post(t, t.Context(), ts, tt.query, tt.body, "")
		msg, _ := io.ReadAll(resp.Body)
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode, tt.body)
		assert.Contains(t, string(msg), tt.want, tt.body)
		assert.True(t, strings.HasPrefix(string(msg), "demo: "), string(msg))
	}
}

func TestChatCountsClientDisconnects(t *testing.T) {
	ts, _ := newTestServer(t, testConfig)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	resp := post(t, ctx, ts, "", `{"prompt":"hello","conv":"stop","slow":100}`, "")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	rd := sse.NewReader(resp.Body, sse.Options{})
	for range 3 { // meta and two tokens
		_, err := rd.Next()
		require.NoError(t, err)
	}
	cancel() // the client's Stop
	eventually(t, func() bool { return stats(t, ts, "stop").Disconnects == 1 }, "the server sees the disconnect")
	st := stats(t, ts, "stop")
	sent := st.TokensSent
	time.Sleep(300 * time.Millisecond)
	st = stats(t, ts, "stop")
	assert.Equal(t, sent, st.TokensSent, "nothing is sent after the disconnect")
	assert.LessOrEqual(t, sent, 3)
	assert.Equal(t, 0, st.Completed)
}

func TestChatPingsWhileSlow(t *testing.T) {
	cfg := testConfig
	cfg.Ping = 40 * time.Millisecond
	ts, _ := newTestServer(t, cfg)
	resp := post(t, t.Context(), ts, "", `{"prompt":"hello","slow":600}`, "")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	br := bufio.NewReader(resp.Body)
	var lines []string
	for range 100 {
		line, err := br.ReadString('\n')
		require.NoError(t, err)
		lines = append(lines, line)
		if strings.HasPrefix(line, "id: 1\n") {
			break
		}
	}
	pings := 0
	for _, l := range lines {
		if l == ": ping\n" {
			pings++
		}
	}
	// 600 ms before the first token with a ping every 40 ms of quiet: 15 at
	// most, and at least 4 even when a loaded machine runs the timers late.
	assert.GreaterOrEqual(t, pings, 4, "pings before the first token: %q", lines)
	assert.LessOrEqual(t, pings, 15, "no more than one ping per quiet interval: %q", lines)
}

func TestAnswerEndpoint(t *testing.T) {
	ts, s := newTestServer(t, testConfig)
	get := func(q string) (int, map[string]any) {
		resp, err := ts.Client().Get(ts.URL + "/api/answer" + q)
		require.NoError(t, err)
		defer resp.Body.Close()
		var v map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&v))
		return resp.StatusCode, v
	}
	a := s.answers.pick("show html")
	code, v := get("?prompt=show+html")
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, a.Text, v["text"])
	assert.Equal(t, "html", v["answer"])
	assert.Len(t, v["tokens"], len(a.Tokens))

	code, _ = get("?conv=unknown")
	assert.Equal(t, http.StatusNotFound, code)
	code, _ = get("")
	assert.Equal(t, http.StatusBadRequest, code)

	resp := post(t, t.Context(), ts, "", `{"prompt":"why post","conv":"ans"}`, "")
	_, err := readEvents(t, resp.Body)
	require.NoError(t, err)
	code, v = get("?conv=ans")
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, s.answers.pick("why post").Text, v["text"])
}

func TestStatsUnknownConv(t *testing.T) {
	ts, _ := newTestServer(t, testConfig)
	resp, err := ts.Client().Get(ts.URL + "/api/stats?conv=nope")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func TestConvTableIsBounded(t *testing.T) {
	tab := newConvTable(3)
	for i := range 5 {
		tab.update(strconv.Itoa(i), func(c *convStats) { c.Requests++ })
	}
	for i := range 2 {
		_, ok := tab.get(strconv.Itoa(i))
		assert.False(t, ok, "conv %d was forgotten", i)
	}
	for i := 2; i < 5; i++ {
		st, ok := tab.get(strconv.Itoa(i))
		assert.True(t, ok)
		assert.Equal(t, 1, st.Requests)
	}
}
