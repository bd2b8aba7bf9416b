//go:build js && wasm

package client_test

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

func TestRequestGETDefaults(t *testing.T) {
	res := echo(t, client.Request{}, client.Handler{})
	assert.Equal(t, "GET", res.method)
	assert.Equal(t, "text/event-stream", res.headers["Accept"], "Accept is added")
	assert.NotContains(t, res.headers, "Last-Event-Id", "no Last-Event-ID without an id")
	assert.Equal(t, 0, res.bodyLen)
}

func TestRequestMethodAndStaticHeader(t *testing.T) {
	res := echo(t, client.Request{
		Method: "PUT",
		Header: map[string][]string{"X-One": {"1"}, "X-Two": {"zwei"}},
		JSBody: js.ValueOf("hello"),
	}, client.Handler{})
	assert.Equal(t, "PUT", res.method)
	assert.Equal(t, "1", res.headers["X-One"])
	assert.Equal(t, "zwei", res.headers["X-Two"])
	assert.Equal(t, "hello", res.body)
	assert.Equal(t, "text/event-stream", res.headers["Accept"])
}

func TestRequestAcceptKeptWhenSet(t *testing.T) {
	res := echo(t, client.Request{Header: map[string][]string{"Accept": {"application/x-ndjson, text/event-stream"}}}, client.Handler{})
	assert.Equal(t, "application/x-ndjson, text/event-stream", res.headers["Accept"])

	res = echo(t, client.Request{Headers: jsEval(`{"accept": "text/plain"}`)}, client.Handler{})
	assert.Equal(t, "text/plain", res.headers["Accept"], "a lower-case accept from Headers counts too")

	res = echo(t, client.Request{Init: jsEval(`{headers: [["ACCEPT", "*/*"]]}`)}, client.Handler{})
	assert.Equal(t, "*/*", res.headers["Accept"], "Init.headers in any form")
}

func TestRequestHeadersObjectAndHeaders(t *testing.T) {
	res := echo(t, client.Request{
		Init:    jsEval(`{headers: {"X-Init": "i", "X-Both": "init"}}`),
		Header:  map[string][]string{"X-Static": {"s"}, "X-Both": {"static"}},
		Headers: jsEval(`{"X-Obj": "o"}`),
	}, client.Handler{})
	assert.Equal(t, "i", res.headers["X-Init"])
	assert.Equal(t, "s", res.headers["X-Static"])
	assert.Equal(t, "static", res.headers["X-Both"], "Header overrides Init.headers")
	assert.Equal(t, "o", res.headers["X-Obj"])

	res = echo(t, client.Request{
		Header:  map[string][]string{"X-Static": {"s"}},
		Headers: jsEval(`new Headers([["X-H", "from Headers"], ["X-Static", "replaced"]])`),
	}, client.Handler{})
	assert.Equal(t, "from Headers", res.headers["X-H"])
	assert.Equal(t, "replaced", res.headers["X-Static"], "Headers is applied over Header")
}

// headerCounter returns a JS function (async when async is true) that
// counts its calls and returns {"X-Attempt": n}, and a getter of the count.
func headerCounter(async bool, failFirst bool) (js.Value, func() int) {
	state := jsEval(`{calls: 0}`)
	body := `state.calls++;
		if (failFirst && state.calls === 1) throw new Error("no token yet");
		return {"X-Attempt": String(state.calls)};`
	fn := jsFn([]string{"state", "failFirst"}, `return `+map[bool]string{true: "async ", false: ""}[async]+`function () {`+body+`};`).Invoke(state, failFirst)
	return fn, func() int { return state.Get("calls").Int() }
}

func TestRequestHeadersFunctionEveryAttempt(t *testing.T) {
	for _, async := range []bool{true, false} {
		t.Run("async="+strconv.FormatBool(async), func(t *testing.T) {
			fn, calls := headerCounter(async, false)
			key := newKey(t)
			s, r := open(t, client.Request{
				URL: route(t, "/echo", key, ""), Headers: fn, ReconnectOnEnd: true, Retry: fastRetry(),
			}, client.Handler{})
			waitFor(t, 5*time.Second, func() bool { return countType(r, "end") >= 3 }, "three echoes")
			s.Close()
			require.NoError(t, wait(t, s, time.Second))
			n := countType(r, "end")
			assert.GreaterOrEqual(t, calls(), n, "called before every attempt")
			assert.LessOrEqual(t, calls(), n+1)
			events, errs, _, _ := r.snapshot()
			var attempts []string
			for _, e := range events {
				if e.Type == "header" && strings.HasPrefix(e.Data, "X-Attempt: ") {
					attempts = append(attempts, strings.TrimPrefix(e.Data, "X-Attempt: "))
				}
			}
			require.GreaterOrEqual(t, len(attempts), 3)
			assert.Equal(t, []string{"1", "2", "3"}, attempts[:3], "a fresh value at each reconnect")
			for _, err := range errs {
				assert.ErrorIs(t, err, client.ErrEndOfStream)
			}
		})
	}
}

func TestRequestHeadersFunctionFailureIsRetried(t *testing.T) {
	for _, async := range []bool{true, false} {
		t.Run("async="+strconv.FormatBool(async), func(t *testing.T) {
			fn, calls := headerCounter(async, true)
			key := newKey(t)
			r, err := run(t, client.Request{URL: route(t, "/echo", key, ""), Headers: fn, Retry: fastRetry()}, client.Handler{}, 5*time.Second)
			require.NoError(t, err)
			assert.Equal(t, 2, calls())
			_, errs, _, _ := r.snapshot()
			require.Len(t, errs, 1)
			assert.Contains(t, errs[0].Error(), "no token yet")
			var oe *client.OpenError
			assert.ErrorAs(t, errs[0], &oe, "a throwing headers function or a rejected promise is an OpenError")
			res := parseEcho(t, r.events)
			assert.Equal(t, "2", res.headers["X-Attempt"])
			assert.EqualValues(t, 1, getStats(t, key, "").Requests, "no request without headers")
		})
	}
}

func TestRequestBodies(t *testing.T) {
	cases := []struct {
		name     string
		body     string // JS expression
		wantBody string
		base64   bool
		length   int
		ctype    string // prefix of the Content-Type the browser sets
	}{
		{name: "string", body: `"héllo wörld"`, wantBody: "héllo wörld", length: 13, ctype: "text/plain;charset=UTF-8"},
		{name: "Uint8Array", body: `new Uint8Array([0, 1, 255, 104, 105])`, wantBody: base64.StdEncoding.EncodeToString([]byte{0, 1, 255, 104, 105}), base64: true, length: 5},
		{name: "Blob", body: `new Blob(["blob ", "body"], {type: "text/x-blob"})`, wantBody: "blob body", length: 9, ctype: "text/x-blob"},
		{name: "URLSearchParams", body: `new URLSearchParams({a: "1", b: "two words"})`, wantBody: "a=1&b=two+words", length: 15, ctype: "application/x-www-form-urlencoded"},
		{name: "FormData", body: `(() => { const f = new FormData(); f.append("field", "value"); return f; })()`, ctype: "multipart/form-data; boundary="},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := echo(t, client.Request{Method: "POST", JSBody: jsEval(c.body)}, client.Handler{})
			assert.Equal(t, "POST", res.method)
			if c.ctype != "" {
				assert.True(t, strings.HasPrefix(res.headers["Content-Type"], c.ctype), "Content-Type %q", res.headers["Content-Type"])
			}
			if c.name == "FormData" {
				raw, err := base64.StdEncoding.DecodeString(res.body)
				require.NoError(t, err)
				assert.True(t, res.base64, "multipart bodies contain CRLF")
				assert.Contains(t, string(raw), "name=\"field\"\r\n\r\nvalue\r\n")
				assert.Equal(t, len(raw), res.bodyLen)
				return
			}
			assert.Equal(t, c.length, res.bodyLen)
			assert.Equal(t, c.base64, res.base64)
			assert.Equal(t, c.wantBody, res.body)
		})
	}
}

func TestRequestBodyFromInit(t *testing.T) {
	res := echo(t, client.Request{Method: "POST", Init: jsEval(`{body: "from init"}`)}, client.Handler{})
	assert.Equal(t, "from init", res.body, "Init.body is used when Body is undefined")
	res = echo(t, client.Request{Method: "POST", JSBody: js.ValueOf("field"), Init: jsEval(`{body: "from init"}`)}, client.Handler{})
	assert.Equal(t, "field", res.body, "Body overrides Init.body")
}

func TestRequestCacheMode(t *testing.T) {
	// Fetch adds these request headers by cache mode (Fetch standard,
	// HTTP-network-or-cache fetch): they show which mode reached fetch.
	res := echo(t, client.Request{}, client.Handler{})
	assert.Equal(t, "no-cache", res.headers["Cache-Control"], "default cache mode is no-store")
	assert.Equal(t, "no-cache", res.headers["Pragma"])

	res = echo(t, client.Request{Init: jsEval(`{cache: "no-cache"}`)}, client.Handler{})
	assert.Equal(t, "max-age=0", res.headers["Cache-Control"], "cache: no-cache passed through")

	res = echo(t, client.Request{Init: jsEval(`{cache: "default"}`)}, client.Handler{})
	assert.NotContains(t, res.headers, "Cache-Control", "cache: default passed through")
	assert.NotContains(t, res.headers, "Pragma")
}

func TestRequestCredentials(t *testing.T) {
	// Cookies are per host, not per port: a cookie set by the test page
	// (127.0.0.1:<page port>) belongs to the test server too.
	name := "wasmsse_" + strconv.FormatInt(time.Now().UnixNano(), 36)
	doc := js.Global().Get("document")
	doc.Set("cookie", name+"=yes; path=/")
	t.Cleanup(func() { doc.Set("cookie", name+"=; path=/; max-age=0") })
	require.Contains(t, doc.Get("cookie").String(), name+"=yes")

	has := func(res echoResult) bool {
		for _, c := range res.cookies {
			if c == name+"=yes" {
				return true
			}
		}
		return false
	}
	assert.True(t, has(echo(t, client.Request{Init: jsEval(`{credentials: "include"}`)}, client.Handler{})), "include sends the cookie")
	assert.False(t, has(echo(t, client.Request{Init: jsEval(`{credentials: "omit"}`)}, client.Handler{})), "omit")
	assert.False(t, has(echo(t, client.Request{}, client.Handler{})), "default same-origin: the server is cross-origin")
}

// stopOnError is an OnError that stops at the first failure with it.
func stopOnError(err error, _ client.Next) (client.Next, error) { return client.Next{}, err }

func TestRequestMode(t *testing.T) {
	key := newKey(t)
	_, err := run(t, client.Request{URL: route(t, "/echo", key, ""), Init: jsEval(`{mode: "same-origin"}`)},
		client.Handler{OnError: stopOnError}, 5*time.Second)
	var je *jsbridge.Error
	require.ErrorAs(t, err, &je, "a same-origin request to another origin fails in fetch")
	assert.Equal(t, "TypeError", je.Name)
	assert.EqualValues(t, 0, getStats(t, key, "").Requests)

	key = newKey(t)
	_, err = run(t, client.Request{URL: route(t, "/sse", key, "events=1"), Init: jsEval(`{mode: "no-cors"}`)}, client.Handler{}, 5*time.Second)
	var he *client.HTTPError
	require.ErrorAs(t, err, &he, "no-cors gives an opaque response")
	assert.Equal(t, 0, he.Status)
	assert.EqualValues(t, 1, getStats(t, key, "").Requests, "an opaque response is not retried")
}

func TestRequestRedirect(t *testing.T) {
	key := newKey(t)
	target := "to=" + strings.ReplaceAll("/sse?events=2&key="+key, "&", "%26")
	r, err := run(t, client.Request{URL: route(t, "/sse", key, "redirect=302&"+target)}, client.Handler{}, 5*time.Second)
	require.NoError(t, err)
	assert.Equal(t, seq("msg ", 1, 2), r.data(), "redirects are followed by default")
	require.Len(t, r.opens, 1)
	assert.True(t, r.opens[0].Redirected)

	_, err = run(t, client.Request{URL: route(t, "/sse", key, "redirect=302&"+target), Init: jsEval(`{redirect: "error"}`)},
		client.Handler{OnError: stopOnError}, 5*time.Second)
	var je *jsbridge.Error
	require.ErrorAs(t, err, &je, "redirect: error fails on a redirect")
	assert.Equal(t, "TypeError", je.Name)

	_, err = run(t, client.Request{URL: route(t, "/sse", key, "redirect=302&"+target), Init: jsEval(`{redirect: "manual"}`)}, client.Handler{}, 5*time.Second)
	var he *client.HTTPError
	require.ErrorAs(t, err, &he, "redirect: manual gives an opaque-redirect response")
	assert.Equal(t, 0, he.Status)
}

func TestRequestReferrerPolicy(t *testing.T) {
	res := echo(t, client.Request{}, client.Handler{})
	assert.NotEmpty(t, res.headers["Referer"], "the default policy sends the page origin")
	res = echo(t, client.Request{Init: jsEval(`{referrerPolicy: "no-referrer"}`)}, client.Handler{})
	assert.NotContains(t, res.headers, "Referer")
}

func TestRequestKeepalive(t *testing.T) {
	// A keepalive request's body is limited to 64 KiB: the limit shows
	// that the field reached fetch.
	big := js.ValueOf(strings.Repeat("k", 70_000))
	key := newKey(t)
	_, err := run(t, client.Request{URL: route(t, "/echo", key, ""), Method: "POST", JSBody: big, Init: jsEval(`{keepalive: true}`)},
		client.Handler{OnError: stopOnError}, 5*time.Second)
	var je *jsbridge.Error
	require.ErrorAs(t, err, &je)
	assert.EqualValues(t, 0, getStats(t, key, "").Requests)

	res := echo(t, client.Request{Method: "POST", JSBody: big}, client.Handler{})
	assert.Equal(t, 70_000, res.bodyLen)
	res = echo(t, client.Request{Method: "POST", JSBody: js.ValueOf("small"), Init: jsEval(`{keepalive: true}`)}, client.Handler{})
	assert.Equal(t, "small", res.body)
}

func TestRequestLastEventIDFromRequest(t *testing.T) {
	res := echo(t, client.Request{LastEventID: "41"}, client.Handler{})
	assert.Equal(t, "41", res.headers["Last-Event-Id"])

	key := newKey(t)
	r, err := run(t, client.Request{URL: route(t, "/sse", key, "ids=1&events=10"), LastEventID: "7"}, client.Handler{}, 5*time.Second)
	require.NoError(t, err)
	assert.Equal(t, seq("msg ", 8, 10), r.data(), "the server resumes after the given id")
	assert.Equal(t, []string{"8", "9", "10"}, r.ids())
}

func TestRequestLastEventIDOnReconnect(t *testing.T) {
	key := newKey(t)
	// Each response is cut after 2 events; the client resumes with the id
	// of the last event it got until the server answers 204.
	r, err := run(t, client.Request{
		URL:            route(t, "/sse", key, "ids=1&events=7&dropAfter=2&delay=5&doneStatus=204"),
		ReconnectOnEnd: true, Retry: fastRetry(),
	}, client.Handler{}, 10*time.Second)
	var he *client.HTTPError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, 204, he.Status)
	assert.Equal(t, seq("msg ", 1, 7), r.data(), "every event exactly once, in order")
	st := getStats(t, key, "")
	checkResumeIDs(t, st.LastEventIDs)
	assert.Equal(t, "7", st.LastEventIDs[len(st.LastEventIDs)-1], "the last request resumes after 7")
}

func TestRequestInjectedFetch(t *testing.T) {
	state := jsEval(`{calls: 0, receiverUndefined: false, method: ""}`)
	fetchFn := jsFn([]string{"state"}, `return function (url, init) {
		"use strict";
		state.calls++;
		state.receiverUndefined = this === undefined;
		state.method = init.method;
		const h = new Headers(init.headers);
		h.set("X-Injected", "yes");
		return fetch(url, Object.assign({}, init, {headers: h}));
	};`).Invoke(state)
	res := echo(t, client.Request{Method: "POST", JSBody: js.ValueOf("b"), Fetch: fetchFn}, client.Handler{})
	assert.Equal(t, 1, state.Get("calls").Int())
	assert.True(t, state.Get("receiverUndefined").Bool(), "fetch is called with an undefined receiver")
	assert.Equal(t, "POST", state.Get("method").String())
	assert.Equal(t, "yes", res.headers["X-Injected"])
}

func TestRequestInjectedFetchRejects(t *testing.T) {
	fetchFn := jsFn(nil, `return function () { return Promise.reject(new RangeError("offline")); };`).Invoke()
	r, err := run(t, client.Request{URL: baseURL(t) + "/echo", Fetch: fetchFn,
		Retry: retry.Policy{InitialDelay: time.Millisecond, MaxRetries: 2, Jitter: -1}}, client.Handler{}, 5*time.Second)
	var re *client.RetriesExhaustedError
	require.ErrorAs(t, err, &re, "a rejected fetch is a retryable network error")
	assert.Equal(t, 2, re.Attempts)
	var je *jsbridge.Error
	require.ErrorAs(t, err, &je)
	assert.Equal(t, "RangeError", je.Name)
	assert.Equal(t, 3, r.nErrs())
}

// countType counts the recorded events of a type.
func countType(r *recorder, typ string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.events {
		if e.Type == typ {
			n++
		}
	}
	return n
}

// A header fetch rejects fails the stream at once: retrying would only
// fail the same way.
func TestInvalidHeaderIsNotRetried(t *testing.T) {
	key := newKey(t)
	r, err := run(t, client.Request{URL: route(t, "/sse", key, "events=1"), Header: map[string][]string{"bad name": {"x"}}, Retry: fastRetry()},
		client.Handler{}, 5*time.Second)
	var qe *client.RequestError
	require.ErrorAs(t, err, &qe)
	assert.Empty(t, r.retries)
	assert.EqualValues(t, 0, getStats(t, key, "").Requests, "nothing was sent")
}

// echoes splits the events of several /echo responses (each ends with an
// "end" event) into one echoResult per response.
func echoes(t *testing.T, events []sse.Event) []echoResult {
	t.Helper()
	var out []echoResult
	start := 0
	for i, e := range events {
		if e.Type == "end" {
			out = append(out, parseEcho(t, events[start:i+1]))
			start = i + 1
		}
	}
	return out
}

func TestRequestBytesBodyAndRepeatedHeaders(t *testing.T) {
	res := echo(t, client.Request{
		Method: "POST",
		Body:   []byte{0, 1, 255, 'h', 'i'},
		Header: map[string][]string{"Content-Type": {"application/octet-stream"}, "X-Multi": {"a", "b"}},
		Init:   jsEval(`{headers: {"X-Multi": "from init"}}`),
	}, client.Handler{})
	assert.True(t, res.base64)
	assert.Equal(t, base64.StdEncoding.EncodeToString([]byte{0, 1, 255, 'h', 'i'}), res.body)
	assert.Equal(t, "application/octet-stream", res.headers["Content-Type"])
	assert.Equal(t, "a, b", res.headers["X-Multi"], "every value, in order, replacing Init's")
}

func TestRequestBodyResentOnEveryAttempt(t *testing.T) {
	for _, c := range []struct {
		name string
		req  func(calls *int) client.Request
		want []string
	}{
		{"Body: the same bytes again", func(*int) client.Request {
			return client.Request{Body: []byte("prompt")}
		}, []string{"prompt", "prompt"}},
		{"GetBody: called before each attempt", func(calls *int) client.Request {
			return client.Request{GetBody: func() ([]byte, error) {
				*calls++
				return []byte("attempt " + strconv.Itoa(*calls)), nil
			}}
		}, []string{"attempt 1", "attempt 2"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			calls := 0
			req := c.req(&calls)
			req.URL = route(t, "/echo", newKey(t), "")
			req.Method = "POST"
			req.Header = map[string][]string{"Content-Type": {"text/plain"}}
			// The echo ends cleanly: reconnect once, re-sending the POST,
			// and stop at the second end.
			req.ReconnectOnEnd = true
			req.Retry = retry.Policy{InitialDelay: 10 * time.Millisecond, Jitter: -1, NonIdempotent: retry.ResendAlways}
			errStop := errors.New("two attempts")
			ends := 0
			r, err := run(t, req, client.Handler{OnError: func(_ error, next client.Next) (client.Next, error) {
				if ends++; ends == 2 {
					return next, errStop
				}
				return next, nil
			}}, 10*time.Second)
			require.ErrorIs(t, err, errStop)
			events, _, _, _ := r.snapshot()
			var bodies []string
			for _, e := range echoes(t, events) {
				bodies = append(bodies, e.body)
			}
			assert.Equal(t, c.want, bodies)
		})
	}
}

func TestRequestGetBodyErrorFailsTheAttempt(t *testing.T) {
	errBody := errors.New("no body today")
	r, err := run(t, client.Request{URL: route(t, "/echo", newKey(t), ""), Method: "POST",
		GetBody: func() ([]byte, error) { return nil, errBody },
		Retry:   retry.Policy{MaxRetries: -1}}, client.Handler{}, 5*time.Second)
	_ = r
	var oe *client.OpenError
	require.ErrorAs(t, err, &oe)
	assert.ErrorIs(t, err, errBody)
}
