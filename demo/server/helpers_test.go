package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/demo/web"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// testConfig streams fast: 1 ms per token.
var testConfig = config{TokenDelay: time.Millisecond, Ping: time.Second, Retry: 300 * time.Millisecond}

// fakeWasm stands in for sse.wasm: compressible bytes after the magic.
var fakeWasm = "\x00asm\x01\x00\x00\x00" + strings.Repeat("wasm-sse ", 2000)

// fakePackage is a package directory with files that must and must not be
// served.
var fakePackage = fstest.MapFS{
	"package.json":             {Data: []byte(`{"name":"wasm-sse"}`)},
	"src/index.js":             {Data: []byte("export const x = 1;\n")},
	"dist/sse.wasm":            {Data: []byte(fakeWasm)},
	"dist/go-runtime.js":       {Data: []byte("export default function goRuntime() {}\n")},
	"node_modules/secret/a.js": {Data: []byte("secret")},
	"test/node/a.test.js":      {Data: []byte("secret")},
}

// fakeGoClient is a Go client build directory, with a file that must not
// be served.
var fakeGoClient = fstest.MapFS{
	"goclient.wasm": {Data: []byte(fakeWasm)},
	"wasm_exec.js":  {Data: []byte("\"use strict\";\n")},
	"other.txt":     {Data: []byte("secret")},
}

// newTestServer starts the demo handler on an ephemeral loopback port.
func newTestServer(t *testing.T, cfg config) (*httptest.Server, *server) {
	t.Helper()
	s, err := newServer(cfg, web.Files, fakePackage, fakeGoClient)
	require.NoError(t, err)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts, s
}

// post sends a chat request; lastID, when not empty, is the Last-Event-ID.
func post(t *testing.T, ctx context.Context, ts *httptest.Server, query, body, lastID string) *http.Response {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, ts.URL+"/api/chat"+query, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	resp, err := ts.Client().Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// chatBody is a JSON chat request.
func chatBody(t *testing.T, v map[string]any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// readEvents parses the whole body with the project's own parser and
// returns the events and the error that ended it (nil at a clean EOF).
func readEvents(t *testing.T, body io.Reader) ([]sse.Event, error) {
	t.Helper()
	rd := sse.NewReader(body, sse.Options{})
	var evs []sse.Event
	for range 100_000 {
		ev, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return evs, nil
		}
		if err != nil {
			return evs, err
		}
		evs = append(evs, ev)
	}
	t.Fatal("readEvents: too many events")
	return nil, nil
}

// tokenEvents returns the default-type events (the tokens).
func tokenEvents(evs []sse.Event) []sse.Event {
	var out []sse.Event
	for _, ev := range evs {
		if ev.Type == "message" {
			out = append(out, ev)
		}
	}
	return out
}

// joinData concatenates the data of events.
func joinData(evs []sse.Event) string {
	var b strings.Builder
	for _, ev := range evs {
		b.WriteString(ev.Data)
	}
	return b.String()
}

// ids returns the ids of events as numbers.
func ids(t *testing.T, evs []sse.Event) []int {
	t.Helper()
	out := make([]int, len(evs))
	for i, ev := range evs {
		n, err := strconv.Atoi(ev.ID)
		require.NoError(t, err, "event %d id %q", i, ev.ID)
		out[i] = n
	}
	return out
}

// seq returns from, from+1, ..., to.
func seq(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

// stats fetches /api/stats?conv=.
func stats(t *testing.T, ts *httptest.Server, conv string) convStats {
	t.Helper()
	resp, err := ts.Client().Get(ts.URL + "/api/stats?conv=" + conv)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var st convStats
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&st))
	return st
}

// eventually polls cond every 10 ms for up to 5 s.
func eventually(t *testing.T, cond func() bool, msg string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("timed out: " + msg)
}
