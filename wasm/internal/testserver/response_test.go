package testserver_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/internal/testserver"
)

func TestSSEStatusContentTypeBody(t *testing.T) {
	srv := testserver.NewTestServer(t)
	t.Run("error status is a plain response", func(t *testing.T) {
		resp, body := get(t, srv.URL+"/sse?status=500&retryAfter=7")
		assert.Equal(t, 500, resp.StatusCode)
		assert.Equal(t, "text/plain; charset=utf-8", resp.Header.Get("Content-Type"))
		assert.Equal(t, "7", resp.Header.Get("Retry-After"))
		assert.Equal(t, "500 Internal Server Error\n", string(body))
	})
	t.Run("body and ctype", func(t *testing.T) {
		resp, body := get(t, srv.URL+"/sse?status=429&body="+url.QueryEscape("slow down")+"&ctype=application/json&retryAfter="+url.QueryEscape("Wed, 21 Oct 2015 07:28:00 GMT"))
		assert.Equal(t, 429, resp.StatusCode)
		assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
		assert.Equal(t, "Wed, 21 Oct 2015 07:28:00 GMT", resp.Header.Get("Retry-After"))
		assert.Equal(t, "slow down", string(body))
	})
	t.Run("2xx streams with that status", func(t *testing.T) {
		resp, body := get(t, srv.URL+"/sse?status=201&events=2")
		assert.Equal(t, 201, resp.StatusCode)
		assert.Equal(t, []string{"msg 1", "msg 2"}, datas(parseSSE(body).Events))
	})
	t.Run("204 has no body", func(t *testing.T) {
		resp, body := get(t, srv.URL+"/sse?status=204")
		assert.Equal(t, 204, resp.StatusCode)
		assert.Empty(t, body)
	})
	t.Run("200 with body is a plain response", func(t *testing.T) {
		resp, body := get(t, srv.URL+"/sse?body="+url.QueryEscape("data: x\n\n")+"&ctype=text/event-stream")
		assert.Equal(t, 200, resp.StatusCode)
		assert.Equal(t, "text/event-stream", resp.Header.Get("Content-Type"))
		assert.Equal(t, int64(9), resp.ContentLength)
		assert.Equal(t, "data: x\n\n", string(body))
	})
	t.Run("ctype override on a stream", func(t *testing.T) {
		for _, ct := range []string{"text/html", "TEXT/Event-Stream; charset=utf-8", "text/event-stream;charset=UTF-8"} {
			resp, body := get(t, srv.URL+"/sse?events=1&ctype="+url.QueryEscape(ct))
			assert.Equal(t, ct, resp.Header.Get("Content-Type"))
			assert.Equal(t, "data: msg 1\n\n", string(body))
		}
	})
	t.Run("empty ctype sends no Content-Type", func(t *testing.T) {
		resp, body := get(t, srv.URL+"/sse?events=1&ctype=")
		_, has := resp.Header["Content-Type"]
		assert.False(t, has, "headers: %v", resp.Header)
		assert.Equal(t, "data: msg 1\n\n", string(body))
		resp, _ = get(t, srv.URL+"/sse?status=500&ctype=")
		_, has = resp.Header["Content-Type"]
		assert.False(t, has)
	})
	t.Run("extra headers are set and exposed", func(t *testing.T) {
		resp, _ := get(t, srv.URL+"/sse?events=1&header="+url.QueryEscape("X-Custom: one")+"&header="+url.QueryEscape("X-Other:two"), "Origin", "http://page.test")
		assert.Equal(t, "one", resp.Header.Get("X-Custom"))
		assert.Equal(t, "two", resp.Header.Get("X-Other"))
		exposed := resp.Header.Values("Access-Control-Expose-Headers")
		assert.Contains(t, exposed, "X-Custom")
		assert.Contains(t, exposed, "X-Other")
	})
}

func TestSSEFailTimes(t *testing.T) {
	srv := testserver.NewTestServer(t)
	q := srv.URL + "/sse?key=ft&failTimes=2&status=503&retryAfter=1&events=2"
	for i := 0; i < 2; i++ {
		resp, body := get(t, q)
		assert.Equal(t, 503, resp.StatusCode, "attempt %d", i)
		assert.Equal(t, "1", resp.Header.Get("Retry-After"))
		assert.Equal(t, "503 Service Unavailable\n", string(body))
	}
	resp, body := get(t, q)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "text/event-stream", resp.Header.Get("Content-Type"))
	assert.Empty(t, resp.Header.Get("Retry-After"))
	assert.Equal(t, []string{"msg 1", "msg 2"}, datas(parseSSE(body).Events))

	// Other keys have their own sequence; the default failure is 503.
	resp, _ = get(t, srv.URL+"/sse?key=ft2&failTimes=1")
	assert.Equal(t, 503, resp.StatusCode)
	resp, _ = get(t, srv.URL+"/sse?key=ft2&failTimes=1")
	assert.Equal(t, 200, resp.StatusCode)

	st := srv.Stats("ft")
	assert.Equal(t, int64(2), st.Failed)
	assert.Equal(t, int64(3), st.Requests)
	assert.Equal(t, int64(3), st.Completed)

	// A reset starts the sequence again.
	srv.ResetStats("ft")
	resp, _ = get(t, q)
	assert.Equal(t, 503, resp.StatusCode)
}

func TestSSERedirect(t *testing.T) {
	srv := testserver.NewTestServer(t)
	for _, code := range []int{301, 302, 303, 307, 308} {
		resp, _, err := do(t, noRedirect, http.MethodGet, srv.URL+"/sse?redirect="+strconv.Itoa(code)+"&to="+url.QueryEscape("/sse?events=2&key=r"), nil)
		require.NoError(t, err)
		assert.Equal(t, code, resp.StatusCode)
		assert.Equal(t, "/sse?events=2&key=r", resp.Header.Get("Location"))
	}
	resp, body := get(t, srv.URL+"/sse?redirect=307&to="+url.QueryEscape("/sse?events=2&key=r"))
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, []string{"msg 1", "msg 2"}, datas(parseSSE(body).Events))
	assert.Equal(t, int64(1), srv.Stats("r").Requests)
	resp, _, err := do(t, noRedirect, http.MethodGet, srv.URL+"/sse?redirect=302", nil)
	require.NoError(t, err)
	assert.Equal(t, "/sse", resp.Header.Get("Location"))
}
