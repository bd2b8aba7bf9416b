package testserver_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wasm-sse/wasm-sse/wasm/internal/testserver"
)

func TestCORS(t *testing.T) {
	srv := testserver.NewTestServer(t, testserver.WithStaticDir(t.TempDir()))
	for _, path := range []string{"/sse?events=1", "/echo", "/chat", "/corpus?name=nope", "/stats", "/health", "/static/missing", "/sse?status=500", "/sse?redirect=302"} {
		resp, _, _ := do(t, noRedirect, http.MethodGet, srv.URL+path, nil, "Origin", "http://page.test:8080")
		assert.Equal(t, "http://page.test:8080", resp.Header.Get("Access-Control-Allow-Origin"), path)
		assert.Equal(t, "true", resp.Header.Get("Access-Control-Allow-Credentials"), path)
		assert.Contains(t, resp.Header.Values("Vary"), "Origin", path)
		exp := resp.Header.Get("Access-Control-Expose-Headers")
		for _, name := range []string{"*", "Retry-After", "X-Request-Id", "Content-Type"} {
			assert.Contains(t, exp, name, path)
		}
	}
	resp, _ := get(t, srv.URL+"/sse?events=1")
	assert.Equal(t, "*", resp.Header.Get("Access-Control-Allow-Origin"), "no Origin")
	assert.Empty(t, resp.Header.Get("Access-Control-Allow-Credentials"))

	resp, _ = get(t, srv.URL+"/sse?events=1", "Origin", "null")
	assert.Equal(t, "null", resp.Header.Get("Access-Control-Allow-Origin"))
}

func TestCORSPreflight(t *testing.T) {
	srv := testserver.NewTestServer(t)
	resp, body, err := do(t, client, http.MethodOptions, srv.URL+"/sse?key=pf", nil,
		"Origin", "http://page.test",
		"Access-Control-Request-Method", "POST",
		"Access-Control-Request-Headers", "last-event-id, authorization, x-custom-thing, content-type",
		"Access-Control-Request-Private-Network", "true")
	assert.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	assert.Empty(t, body)
	h := resp.Header
	assert.Equal(t, "http://page.test", h.Get("Access-Control-Allow-Origin"))
	assert.Equal(t, "true", h.Get("Access-Control-Allow-Credentials"))
	assert.Equal(t, "last-event-id, authorization, x-custom-thing, content-type", h.Get("Access-Control-Allow-Headers"))
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		assert.Contains(t, h.Get("Access-Control-Allow-Methods"), m)
	}
	assert.Equal(t, "true", h.Get("Access-Control-Allow-Private-Network"))
	assert.Contains(t, h.Values("Vary"), "Origin")

	// Without requested headers every header is allowed.
	resp, _, err = do(t, client, http.MethodOptions, srv.URL+"/echo?key=pf", nil,
		"Origin", "http://page.test", "Access-Control-Request-Method", "GET")
	assert.NoError(t, err)
	assert.Equal(t, "*", resp.Header.Get("Access-Control-Allow-Headers"))

	st := srv.Stats("pf")
	assert.Equal(t, int64(2), st.Preflights)
	assert.Equal(t, int64(0), st.Requests, "preflights are not requests")

	// A plain OPTIONS (not a preflight) reaches the route.
	_, body, err = do(t, client, http.MethodOptions, srv.URL+"/echo", nil)
	assert.NoError(t, err)
	assert.Equal(t, "OPTIONS", parseSSE(body).Events[0].Data)
}
