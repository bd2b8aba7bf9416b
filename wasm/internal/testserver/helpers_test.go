package testserver_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/internal/testserver"
)

// client bounds every test request.
var client = &http.Client{Timeout: 10 * time.Second}

// noRedirect does not follow redirects.
var noRedirect = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// do sends a request and reads the whole body; readErr is the error that
// ended the body (nil on a clean end).
func do(t *testing.T, c *http.Client, method, url string, body io.Reader, hdr ...string) (resp *http.Response, data []byte, readErr error) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	require.NoError(t, err)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err = c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, readErr = io.ReadAll(resp.Body)
	return resp, data, readErr
}

// get is do with GET and no body, requiring a clean end.
func get(t *testing.T, url string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	resp, data, err := do(t, client, http.MethodGet, url, nil, hdr...)
	require.NoError(t, err)
	return resp, data
}

// ev is one dispatched event.
type ev struct {
	Type, Data, ID string
}

// parsed is what a conforming client makes of a stream.
type parsed struct {
	Events []ev
	Retry  int64 // last valid retry value, -1 when none
}

// parseSSE is a small reference implementation of the WHATWG
// event-stream interpretation, used to check what the server sends. An
// unterminated last line and an undispatched last event are discarded.
func parseSSE(b []byte) parsed {
	out := parsed{Retry: -1}
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	var data []byte
	hasData := false
	typ, lastID := "", ""
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			i = len(b)
		}
		if j := bytes.IndexByte(b[:i], '\r'); j >= 0 {
			i = j
		}
		if i == len(b) {
			break
		}
		line := b[:i]
		next := i + 1
		if b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n' {
			next = i + 2
		}
		b = b[next:]
		if len(line) == 0 {
			if hasData {
				out.Events = append(out.Events, ev{Type: typ, Data: string(data), ID: lastID})
				if out.Events[len(out.Events)-1].Type == "" {
					out.Events[len(out.Events)-1].Type = "message"
				}
			}
			data, hasData, typ = data[:0], false, ""
			continue
		}
		if line[0] == ':' {
			continue
		}
		name, value := line, []byte(nil)
		if c := bytes.IndexByte(line, ':'); c >= 0 {
			name, value = line[:c], line[c+1:]
			value = bytes.TrimPrefix(value, []byte(" "))
		}
		switch string(name) {
		case "data":
			if hasData {
				data = append(data, '\n')
			}
			data = append(data, value...)
			hasData = true
		case "event":
			typ = string(value)
		case "id":
			if bytes.IndexByte(value, 0) < 0 {
				lastID = string(value)
			}
		case "retry":
			if n, err := strconv.ParseInt(string(value), 10, 64); err == nil && !strings.ContainsAny(string(value), "+-") {
				out.Retry = n
			}
		}
	}
	return out
}

// datas returns the data of every event.
func datas(evs []ev) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.Data
	}
	return out
}

// waitStats waits (at most 5 s) for cond on the server's counters of key.
func waitStats(t *testing.T, srv *testserver.Server, key string, cond func(testserver.Stats) bool) testserver.Stats {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st, err := srv.WaitStats(ctx, key, cond)
	require.NoError(t, err, "stats of %q never matched: %+v", key, st)
	return st
}
