package testserver_test

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/internal/testserver"
)

// statsJSON is the JSON of /stats.
type statsJSON struct {
	testserver.Stats
	WaitTimedOut bool `json:"waitTimedOut"`
}

func getStats(t *testing.T, url string) (int, statsJSON) {
	t.Helper()
	resp, body := get(t, url)
	var st statsJSON
	if resp.StatusCode == http.StatusOK {
		require.NoError(t, json.Unmarshal(body, &st), string(body))
		assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	}
	return resp.StatusCode, st
}

func TestStatsRoute(t *testing.T) {
	srv := testserver.NewTestServer(t)
	get(t, srv.URL+"/sse?events=1&key=s")
	get(t, srv.URL+"/sse?events=1&key=s&ids=1", "Last-Event-ID", "7", "X-Trace", "abc")
	get(t, srv.URL+"/echo?key=other")

	code, st := getStats(t, srv.URL+"/stats?key=s")
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, "s", st.Key)
	assert.Equal(t, int64(2), st.Requests)
	assert.Equal(t, int64(2), st.Completed)
	assert.Equal(t, int64(0), st.Active)
	assert.Equal(t, "7", st.LastEventID)
	assert.Equal(t, []string{"", "7"}, st.LastEventIDs)
	assert.Equal(t, "GET", st.LastMethod)
	assert.Equal(t, "/sse?events=1&key=s&ids=1", st.LastURL)
	assert.Equal(t, "abc", st.LastHeaders["X-Trace"])
	assert.Equal(t, "7", st.LastHeaders["Last-Event-Id"])
	assert.Equal(t, st.Stats, srv.Stats("s"))

	_, st = getStats(t, srv.URL+"/stats?key=never")
	assert.Equal(t, int64(0), st.Requests)
	assert.NotNil(t, st.LastHeaders)

	resp, body := get(t, srv.URL+"/stats?all=1")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var all map[string]testserver.Stats
	require.NoError(t, json.Unmarshal(body, &all))
	assert.Equal(t, int64(2), all["s"].Requests)
	assert.Equal(t, int64(1), all["other"].Requests)

	resp, _ = get(t, srv.URL+"/stats/reset?key=s")
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	assert.Equal(t, int64(0), srv.Stats("s").Requests)
	assert.Equal(t, int64(1), srv.Stats("other").Requests)
	get(t, srv.URL+"/stats/reset")
	assert.Equal(t, int64(0), srv.Stats("other").Requests)

	// The stats routes are not counted themselves.
	get(t, srv.URL+"/stats")
	assert.Equal(t, int64(0), srv.Stats("").Requests)
}

func TestStatsWait(t *testing.T) {
	srv := testserver.NewTestServer(t)
	go func() {
		time.Sleep(100 * time.Millisecond)
		resp, err := client.Get(srv.URL + "/sse?events=1&key=w")
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body) // to the end, or it may count as a disconnect
			resp.Body.Close()
		}
	}()
	start := time.Now()
	code, st := getStats(t, srv.URL+"/stats?key=w&wait=completed&min=1&timeout=5000")
	require.Equal(t, http.StatusOK, code)
	assert.False(t, st.WaitTimedOut)
	assert.Equal(t, int64(1), st.Completed)
	assert.Less(t, time.Since(start), 3*time.Second)

	start = time.Now()
	_, st = getStats(t, srv.URL+"/stats?key=w&wait=disconnected&min=1&timeout=150")
	assert.True(t, st.WaitTimedOut)
	assert.GreaterOrEqual(t, time.Since(start), 150*time.Millisecond)

	_, st = getStats(t, srv.URL+"/stats?key=w&wait=active&max=0&timeout=100")
	assert.False(t, st.WaitTimedOut, "max bound")

	code, _ = getStats(t, srv.URL+"/stats?key=w&wait=bogus")
	assert.Equal(t, http.StatusBadRequest, code)
	code, _ = getStats(t, srv.URL+"/stats?key=w&wait=requests&timeout=99999")
	assert.Equal(t, http.StatusBadRequest, code)
}

func TestStatic(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"sse.wasm": "application/wasm", "index.js": "text/javascript; charset=utf-8",
		"mod.mjs": "text/javascript; charset=utf-8", "page.html": "text/html; charset=utf-8",
	}
	for name := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte("content of "+name), 0o644))
	}
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sub", "a.wasm"), []byte("\x00asm"), 0o644))
	srv := testserver.NewTestServer(t, testserver.WithStaticDir(dir))
	for name, ct := range files {
		resp, body := get(t, srv.URL+"/static/"+name)
		assert.Equal(t, http.StatusOK, resp.StatusCode, name)
		assert.Equal(t, ct, resp.Header.Get("Content-Type"), name)
		assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
		assert.Equal(t, "content of "+name, string(body))
	}
	resp, body := get(t, srv.URL+"/static/sub/a.wasm")
	assert.Equal(t, "application/wasm", resp.Header.Get("Content-Type"))
	assert.Equal(t, "\x00asm", string(body))
	resp, _ = get(t, srv.URL+"/static/missing.js")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	resp, _ = get(t, srv.URL+"/static/../stats_test.go")
	assert.NotEqual(t, http.StatusOK, resp.StatusCode)

	plain := testserver.NewTestServer(t)
	resp, _ = get(t, plain.URL+"/static/sse.wasm")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "no static dir")
}

func TestIndexAndHealth(t *testing.T) {
	srv := testserver.NewTestServer(t)
	resp, body := get(t, srv.URL+"/health")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "ok\n", string(body))
	_, body = get(t, srv.URL+"/")
	assert.Contains(t, string(body), "/sse")
	resp, _ = get(t, srv.URL+"/nope")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func TestHandlerWithoutStart(t *testing.T) {
	srv := testserver.New()
	h := srv.Handler()
	require.NotNil(t, h)
	require.NoError(t, srv.Close(), "Close before Start")
}
