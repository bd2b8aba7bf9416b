//go:build js && wasm

package client_test

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// These tests talk to the SSE test server (wasm/internal/testserver) whose
// URL the sse-testserver command exports as SSE_TEST_URL. Run them with:
//
//	go build -o /tmp/sse-testserver ./wasm/internal/cmd/sse-testserver
//	/tmp/sse-testserver -- sh -c 'env -i PATH="$PATH" HOME="$HOME" \
//	  GOCACHE="$(go env GOCACHE)" GOPATH="$(go env GOPATH)" \
//	  SSE_TEST_URL="$SSE_TEST_URL" GOOS=js GOARCH=wasm \
//	  go test -count=1 -exec="$(go env GOPATH)/bin/wasmbrowsertest" ./wasm/client/'

// baseURL returns the test server's URL. It fails the test (it does not
// skip) when SSE_TEST_URL is unset: `make test` always sets it.
func baseURL(t testing.TB) string {
	t.Helper()
	u := strings.TrimRight(os.Getenv("SSE_TEST_URL"), "/")
	require.NotEmpty(t, u, "SSE_TEST_URL is not set: run these tests under wasm/internal/cmd/sse-testserver")
	return u
}

var keySeq atomic.Int64

// newKey returns a stats key unique to this test run.
func newKey(t testing.TB) string {
	r := strings.NewReplacer("/", ".", " ", "_", "#", "_")
	return r.Replace(t.Name()) + "." + strconv.FormatInt(keySeq.Add(1), 10) + "." + strconv.FormatInt(time.Now().UnixNano()%1e9, 36)
}

// route returns base + path + "?key=<key>&<query>".
func route(t testing.TB, path, key, query string) string {
	u := baseURL(t) + path + "?key=" + url.QueryEscape(key)
	if query != "" {
		u += "&" + query
	}
	return u
}

// fastRetry is a policy with small, exact delays (no jitter).
func fastRetry() retry.Policy {
	return retry.Policy{InitialDelay: 20 * time.Millisecond, MaxDelay: 50 * time.Millisecond, Jitter: -1}
}

// jsFn builds a JavaScript function from source (test fixtures only).
func jsFn(params []string, body string) js.Value {
	args := make([]any, 0, len(params)+1)
	for _, p := range params {
		args = append(args, p)
	}
	args = append(args, body)
	return js.Global().Get("Function").New(args...)
}

// jsEval evaluates a JavaScript expression (test fixtures only).
func jsEval(expr string) js.Value {
	return jsFn(nil, "return ("+expr+");").Invoke()
}

// waitFor polls cond every 5 ms until it holds or timeout passes.
func waitFor(t testing.TB, timeout time.Duration, cond func() bool, msgAndArgs ...any) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			require.Fail(t, "condition not met within "+timeout.String(), msgAndArgs...)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// recorder is a Handler that records everything a stream reports.
type recorder struct {
	mu       sync.Mutex
	events   []sse.Event
	errs     []error
	errTimes []time.Time
	opens    []jsbridge.Response
	openAt   []time.Time
	closes   int
	retries  []client.RetryInfo
	dones    []error
	late     int         // events dispatched after closed was set
	closed   atomic.Bool // set by the test just before Close
	onEvent  func(e sse.Event)
}

// handler returns a Handler recording into r; hooks in h (OnOpen, OnError,
// OnClose, CustomOpen, Sink) are kept and called after recording.
func (r *recorder) handler(h client.Handler) client.Handler {
	open, onErr, onClose := h.OnOpen, h.OnError, h.OnClose
	out := h
	out.OnOpen = func(resp jsbridge.Response) error {
		r.mu.Lock()
		r.opens = append(r.opens, resp)
		r.openAt = append(r.openAt, time.Now())
		r.mu.Unlock()
		if open != nil {
			return open(resp)
		}
		return nil
	}
	if open == nil {
		out.CustomOpen = false
	}
	out.OnEvent = func(e sse.Event) {
		r.mu.Lock()
		r.events = append(r.events, e)
		if r.closed.Load() {
			r.late++
		}
		fn := r.onEvent
		r.mu.Unlock()
		if fn != nil {
			fn(e)
		}
	}
	out.OnError = func(err error, next client.Next) (client.Next, error) {
		r.mu.Lock()
		r.errs = append(r.errs, err)
		r.errTimes = append(r.errTimes, time.Now())
		r.mu.Unlock()
		if onErr != nil {
			return onErr(err, next)
		}
		return next, nil
	}
	out.OnClose = func() error {
		r.mu.Lock()
		r.closes++
		r.mu.Unlock()
		if onClose != nil {
			return onClose()
		}
		return nil
	}
	out.OnRetry = func(info client.RetryInfo) {
		r.mu.Lock()
		r.retries = append(r.retries, info)
		r.mu.Unlock()
	}
	out.OnDone = func(err error) {
		r.mu.Lock()
		r.dones = append(r.dones, err)
		r.mu.Unlock()
	}
	return out
}

func (r *recorder) nEvents() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.events)
}

func (r *recorder) nErrs() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.errs)
}

func (r *recorder) nOpens() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.opens)
}

func (r *recorder) nRetries() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.retries)
}

func (r *recorder) snapshot() (events []sse.Event, errs []error, retries []client.RetryInfo, dones []error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]sse.Event(nil), r.events...), append([]error(nil), r.errs...),
		append([]client.RetryInfo(nil), r.retries...), append([]error(nil), r.dones...)
}

// data returns the data of the recorded events.
func (r *recorder) data() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, len(r.events))
	for i, e := range r.events {
		out[i] = e.Data
	}
	return out
}

// ids returns the IDs of the recorded events.
func (r *recorder) ids() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, len(r.events))
	for i, e := range r.events {
		out[i] = e.ID
	}
	return out
}

// open starts a stream with a recorder; the stream is closed and awaited
// at cleanup.
func open(t testing.TB, req client.Request, h client.Handler) (*client.Stream, *recorder) {
	t.Helper()
	r := &recorder{}
	s := client.Open(context.Background(), req, r.handler(h))
	t.Cleanup(func() {
		s.Close()
		select {
		case <-s.Done():
		case <-time.After(3 * time.Second):
			t.Errorf("stream did not end within 3s of Close")
		}
	})
	return s, r
}

// wait waits (bounded) for the stream to end and returns its error.
func wait(t testing.TB, s *client.Stream, timeout time.Duration) error {
	t.Helper()
	select {
	case <-s.Done():
		return s.Wait()
	case <-time.After(timeout):
		require.Fail(t, "stream did not end within "+timeout.String())
		return nil
	}
}

// run opens a stream and waits (bounded) for it to end.
func run(t testing.TB, req client.Request, h client.Handler, timeout time.Duration) (*recorder, error) {
	t.Helper()
	s, r := open(t, req, h)
	err := wait(t, s, timeout)
	return r, err
}

// stats are the test server's per-key counters (see testserver.Stats).
type stats struct {
	Requests     int64             `json:"requests"`
	Active       int64             `json:"active"`
	Completed    int64             `json:"completed"`
	Disconnected int64             `json:"disconnected"`
	Dropped      int64             `json:"dropped"`
	Failed       int64             `json:"failed"`
	LastMethod   string            `json:"lastMethod"`
	LastEventID  string            `json:"lastEventId"`
	LastEventIDs []string          `json:"lastEventIds"`
	LastHeaders  map[string]string `json:"lastHeaders"`
	WaitTimedOut bool              `json:"waitTimedOut"`
}

// getStats fetches /stats for key; extra is added to the query (a wait=
// long poll, say).
func getStats(t testing.TB, key, extra string) stats {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	resp, err := jsbridge.Fetch(ctx, js.Undefined(), route(t, "/stats", key, extra), js.Undefined())
	require.NoError(t, err)
	require.Equal(t, 200, resp.Status)
	text, err := resp.Text(ctx, 1<<20)
	require.NoError(t, err)
	var st stats
	require.NoError(t, json.Unmarshal([]byte(text), &st), text)
	return st
}

// disconnectWait bounds how long the server may take to see a client go
// away. Chromium does not always close the connection when a fetch is
// aborted or its body cancelled: when no read is in flight it drains the
// rest of the response for up to 5 s (or 16 KiB) to reuse the keep-alive
// connection (net/http/http_response_body_drainer), so a slow stream can
// see the abort up to 5 s late.
const disconnectWait = 8 * time.Second

// waitStats long-polls until the counter of key is at least min (at most
// timeout) and returns the counters; it fails when the wait timed out.
func waitStats(t testing.TB, key, counter string, min int, timeout time.Duration) stats {
	t.Helper()
	st := getStats(t, key, "wait="+counter+"&min="+strconv.Itoa(min)+"&timeout="+strconv.Itoa(int(timeout/time.Millisecond)))
	require.False(t, st.WaitTimedOut, "%s of %s did not reach %d within %v: %+v", counter, key, min, timeout, st)
	return st
}

// echoResult is what /echo reported about a request.
type echoResult struct {
	method  string
	url     string
	headers map[string]string // canonical name → value
	cookies []string
	bodyLen int
	body    string // "body" or "body-base64" data
	base64  bool
}

// parseEcho turns the events of one /echo response into an echoResult.
func parseEcho(t testing.TB, events []sse.Event) echoResult {
	t.Helper()
	res := echoResult{headers: map[string]string{}, bodyLen: -1}
	for _, e := range events {
		switch e.Type {
		case "method":
			res.method = e.Data
		case "url":
			res.url = e.Data
		case "header":
			name, value, ok := strings.Cut(e.Data, ": ")
			require.True(t, ok, e.Data)
			res.headers[name] = value
		case "cookie":
			res.cookies = append(res.cookies, e.Data)
		case "body-length":
			n, err := strconv.Atoi(e.Data)
			require.NoError(t, err)
			res.bodyLen = n
		case "body":
			res.body = e.Data
		case "body-base64":
			res.body, res.base64 = e.Data, true
		}
	}
	return res
}

// echo runs one request against /echo and returns what the server saw.
func echo(t testing.TB, req client.Request, h client.Handler) echoResult {
	t.Helper()
	if req.URL == "" {
		req.URL = route(t, "/echo", newKey(t), "")
	}
	r, err := run(t, req, h, 10*time.Second)
	require.NoError(t, err)
	events, _, _, _ := r.snapshot()
	require.NotEmpty(t, events)
	require.Equal(t, "end", events[len(events)-1].Type, "the echo ends with an end event")
	return parseEcho(t, events)
}

// eventData returns the data the test server sends for event n (1-based)
// with size=B and one line: character p is "a…z"[(n+p) % 26].
func eventData(n, size int) string {
	b := make([]byte, size)
	for p := range b {
		b[p] = "abcdefghijklmnopqrstuvwxyz"[(n+p)%26]
	}
	return string(b)
}

// seq returns "msg 1", …, "msg n" style strings: prefix + i for i in [from, to].
func seq(prefix string, from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, prefix+strconv.Itoa(i))
	}
	return out
}
