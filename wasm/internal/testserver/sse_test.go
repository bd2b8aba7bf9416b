package testserver_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/internal/testserver"
)

func TestSSEDefaults(t *testing.T) {
	srv := testserver.NewTestServer(t)
	resp, body := get(t, srv.URL+"/sse")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/event-stream", resp.Header.Get("Content-Type"))
	assert.Equal(t, "no-cache", resp.Header.Get("Cache-Control"))
	assert.NotEmpty(t, resp.Header.Get("X-Request-Id"))
	p := parseSSE(body)
	want := make([]string, 10)
	for i := range want {
		want[i] = fmt.Sprintf("msg %d", i+1)
	}
	assert.Equal(t, want, datas(p.Events))
	assert.Equal(t, "message", p.Events[0].Type)
	assert.Equal(t, "", p.Events[0].ID)
	assert.Equal(t, int64(-1), p.Retry)
}

func TestSSEContentParameters(t *testing.T) {
	srv := testserver.NewTestServer(t)
	t.Run("events size lines", func(t *testing.T) {
		for _, tc := range []struct{ size, lines int64 }{{-1, 3}, {0, 1}, {1, 1}, {100, 1}, {100, 7}, {5, 4}, {2, 5}} {
			q := fmt.Sprintf("/sse?events=3&lines=%d", tc.lines)
			if tc.size >= 0 {
				q += fmt.Sprintf("&size=%d", tc.size)
			}
			_, body := get(t, srv.URL+q)
			p := parseSSE(body)
			require.Len(t, p.Events, 3, q)
			for i, e := range p.Events {
				n := int64(i + 1)
				assert.Equal(t, testserver.EventData(n, tc.size, tc.lines), e.Data, q)
				if tc.size >= tc.lines-1 && tc.size >= 0 {
					assert.Len(t, e.Data, int(tc.size), q)
				}
				assert.Equal(t, int(tc.lines-1), strings.Count(e.Data, "\n"), q)
			}
		}
		assert.Equal(t, "bcdef", testserver.EventData(1, 5, 1))
		assert.Equal(t, "cd\nef", testserver.EventData(2, 5, 2))
		assert.Equal(t, "msg 4.1\nmsg 4.2", testserver.EventData(4, -1, 2))
	})
	t.Run("ids event retry comment", func(t *testing.T) {
		_, body := get(t, srv.URL+"/sse?events=2&ids=1&event=tick&retry=1234&comment=1")
		assert.Equal(t, "retry: 1234\n\n: ping\nid: 1\nevent: tick\ndata: msg 1\n\n: ping\nid: 2\nevent: tick\ndata: msg 2\n\n", string(body))
		p := parseSSE(body)
		assert.Equal(t, int64(1234), p.Retry)
		assert.Equal(t, []ev{{"tick", "msg 1", "1"}, {"tick", "msg 2", "2"}}, p.Events)
	})
	t.Run("line endings", func(t *testing.T) {
		_, body := get(t, srv.URL+"/sse?events=1&crlf=1&ids=1&retry=5")
		assert.Equal(t, "retry: 5\r\n\r\nid: 1\r\ndata: msg 1\r\n\r\n", string(body))
		_, body = get(t, srv.URL+"/sse?events=1&eol=cr&lines=2")
		assert.Equal(t, "data: msg 1.1\rdata: msg 1.2\r\r", string(body))
		_, body = get(t, srv.URL+"/sse?events=1&eol=crlf")
		assert.Equal(t, "data: msg 1\r\n\r\n", string(body))
	})
	t.Run("zero events", func(t *testing.T) {
		resp, body := get(t, srv.URL+"/sse?events=0")
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Empty(t, body)
	})
	t.Run("raw", func(t *testing.T) {
		raw := []byte("\xEF\xBB\xBFdata: a\r\n\r\ndata:\xff\xfe\n\n")
		for _, enc := range []string{base64.RawURLEncoding.EncodeToString(raw), base64.URLEncoding.EncodeToString(raw), base64.StdEncoding.EncodeToString(raw)} {
			resp, body := get(t, srv.URL+"/sse?raw="+strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D").Replace(enc))
			assert.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, "text/event-stream", resp.Header.Get("Content-Type"))
			assert.Equal(t, raw, body)
		}
		_, body := get(t, srv.URL+"/sse?raw=")
		assert.Empty(t, body)
		resp, _ := get(t, srv.URL+"/sse?raw=!!!")
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	})
	t.Run("garbage", func(t *testing.T) {
		_, a := get(t, srv.URL+"/sse?garbage=100000")
		_, b := get(t, srv.URL+"/sse?garbage=100000&seed=1")
		_, c := get(t, srv.URL+"/sse?garbage=100000&seed=2")
		require.Len(t, a, 100000)
		assert.Equal(t, a, b, "deterministic")
		assert.NotEqual(t, a, c, "seed changes the bytes")
		assert.Contains(t, string(a), "\x00")
		assert.Contains(t, string(a), "\n")
		_, d := get(t, srv.URL+"/sse?garbage=13")
		assert.Equal(t, a[:13], d)
	})
	t.Run("huge", func(t *testing.T) {
		const n = 200_000
		_, body := get(t, fmt.Sprintf("%s/sse?huge=%d", srv.URL, n))
		require.Len(t, body, n+6)
		assert.Equal(t, "data: abcdefghijklmnopqrstuvwxyzabc", string(body[:35]))
		assert.NotContains(t, string(body), "\n")
		for i, c := range body[6:] {
			if c != "abcdefghijklmnopqrstuvwxyz"[i%26] {
				t.Fatalf("byte %d is %q", i, c)
			}
		}
		assert.Empty(t, parseSSE(body).Events)
	})
	t.Run("bad parameters", func(t *testing.T) {
		for _, q := range []string{"events=abc", "events=-1", "delay=999999", "end=maybe", "eol=x", "ids=maybe", "redirect=300", "status=99", "header=nocolon", "event=a%0Ab"} {
			resp, body := get(t, srv.URL+"/sse?"+q)
			assert.Equal(t, http.StatusBadRequest, resp.StatusCode, q)
			assert.Contains(t, string(body), "testserver: parameter", q)
		}
	})
}

func TestSSEResume(t *testing.T) {
	srv := testserver.NewTestServer(t)
	ids := func(p parsed) []string {
		var out []string
		for _, e := range p.Events {
			out = append(out, e.ID)
		}
		return out
	}
	_, body := get(t, srv.URL+"/sse?events=6&ids=1", "Last-Event-ID", "4")
	p := parseSSE(body)
	assert.Equal(t, []string{"5", "6"}, ids(p))
	assert.Equal(t, []string{"msg 5", "msg 6"}, datas(p.Events))

	_, body = get(t, srv.URL+"/sse?events=6&ids=1&lastEventId=3")
	assert.Equal(t, []string{"4", "5", "6"}, ids(parseSSE(body)))

	_, body = get(t, srv.URL+"/sse?events=6&ids=1&lastEventId=3", "Last-Event-ID", "5")
	assert.Equal(t, []string{"6"}, ids(parseSSE(body)), "header wins over the query")

	_, body = get(t, srv.URL+"/sse?events=3&ids=1", "Last-Event-ID", "abc")
	assert.Equal(t, []string{"1", "2", "3"}, ids(parseSSE(body)), "non-numeric restarts")

	_, body = get(t, srv.URL+"/sse?events=3", "Last-Event-ID", "2")
	assert.Len(t, parseSSE(body).Events, 3, "without ids=1 there is no resume")

	resp, body := get(t, srv.URL+"/sse?events=3&ids=1", "Last-Event-ID", "3")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Empty(t, body, "past the end: empty stream")

	resp, body = get(t, srv.URL+"/sse?events=3&ids=1&doneStatus=204", "Last-Event-ID", "9")
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	assert.Empty(t, body)
	resp, _ = get(t, srv.URL+"/sse?events=3&ids=1&doneStatus=204", "Last-Event-ID", "2")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}
