//go:build js && wasm

package client_test

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
)

func TestReliabilitySecurityCookiesStayHomeUnlessAsked(t *testing.T) {
	// The test server (another origin than the test page) sets a cookie on
	// a credentialed response; later requests carry it only when asked.
	name := "rsec_" + strconv.FormatInt(time.Now().UnixNano(), 36)
	set := url.QueryEscape("Set-Cookie:" + name + "=s3cr3t; Path=/; SameSite=Lax")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := jsbridge.Fetch(ctx, js.Undefined(), route(t, "/sse", newKey(t), "events=0&header="+set), jsEval(`{credentials: "include"}`))
	require.NoError(t, err)
	require.Equal(t, 200, resp.Status)
	_, _ = resp.Text(ctx, 0)
	t.Cleanup(func() {
		clear := url.QueryEscape("Set-Cookie:" + name + "=; Path=/; Max-Age=0")
		if r, err := jsbridge.Fetch(context.Background(), js.Undefined(), route(t, "/sse", newKey(t), "events=0&header="+clear), jsEval(`{credentials: "include"}`)); err == nil {
			_, _ = r.Text(context.Background(), 0)
		}
	})

	has := func(res echoResult) bool {
		for _, c := range res.cookies {
			if c == name+"=s3cr3t" {
				return true
			}
		}
		return false
	}
	assert.True(t, has(echo(t, client.Request{Init: jsEval(`{credentials: "include"}`)}, client.Handler{})), "credentials: include sends the cookie")
	assert.False(t, has(echo(t, client.Request{}, client.Handler{})), "by default (same-origin) a cross-origin request has no cookie")
	assert.False(t, has(echo(t, client.Request{Init: jsEval(`{credentials: "same-origin"}`)}, client.Handler{})), "same-origin")
	assert.False(t, has(echo(t, client.Request{Init: jsEval(`{credentials: "omit"}`)}, client.Handler{})), "omit")
}

func TestReliabilitySecurityLastEventIDHeaderIsClean(t *testing.T) {
	// A server's id field cannot put CR or LF into the header: CR and LF end
	// the line, so "id: 1\rX-Injected: yes" is the id "1" and a line
	// "X-Injected: yes" (an unknown field, ignored).
	for _, c := range []struct{ name, body, want string }{
		{"lone CR", "id: 1\rX-Injected: yes\ndata: a\n\n", "1"},
		{"CRLF", "id: 2\r\nX-Injected: yes\r\ndata: a\r\n\r\n", "2"},
		{"LF", "id: 3\nX-Injected: yes\ndata: a\n\n", "3"},
		{"CR CR LF", "data: a\nid: 4\r\r\n", "4"},
	} {
		body := c.body
		t.Run(c.name, func(t *testing.T) {
			key := newKey(t)
			// The first response is cut after its last byte; the reconnect
			// goes to /echo, which reports the headers it got.
			fetchFn := jsFn([]string{"echo"}, `let n = 0; return (url, init) => fetch(n++ === 0 ? url : echo, init);`).
				Invoke(route(t, "/echo", key, ""))
			r, err := run(t, client.Request{
				URL:   route(t, "/sse", key, rawQuery(body)+"&dropAtByte="+strconv.Itoa(len(body))),
				Fetch: fetchFn, Retry: fastRetry(),
			}, client.Handler{}, 5*time.Second)
			require.NoError(t, err)
			res := parseEcho(t, r.events[1:])
			assert.Equal(t, c.want, res.headers["Last-Event-Id"])
			assert.NotContains(t, res.headers, "X-Injected")
			for h, v := range res.headers {
				assert.NotContains(t, v, "X-Injected", h)
			}
		})
	}
}

func TestReliabilitySecurityInitialLastEventIDWithCRLFIsRejected(t *testing.T) {
	for _, id := range []string{"1\r\nX-Injected: yes", "1\rX", "1\nX", "1\x00"} {
		key := newKey(t)
		_, err := run(t, client.Request{URL: route(t, "/echo", key, ""), LastEventID: id, Retry: fastRetry()}, client.Handler{}, 5*time.Second)
		var qe *client.RequestError
		require.ErrorAs(t, err, &qe, "%q", id)
		assert.EqualValues(t, 0, getStats(t, key, "").Requests, "%q: nothing is sent", id)
	}
}

func TestReliabilitySecurityNonASCIILastEventID(t *testing.T) {
	// An id is any string the server sends; on reconnect it goes back as
	// its UTF-8 bytes (as the native EventSource sends it), whatever its
	// characters, and the stream goes on.
	for _, id := range []string{"ü-1", "事件-2", "😀-3"} {
		key := newKey(t)
		body := "id: " + id + "\ndata: a\n\n"
		fetchFn := jsFn([]string{"echo"}, `let n = 0; return (url, init) => fetch(n++ === 0 ? url : echo, init);`).
			Invoke(route(t, "/echo", key, ""))
		r, err := run(t, client.Request{
			URL:   route(t, "/sse", key, rawQuery(body)+"&dropAtByte="+strconv.Itoa(len(body))),
			Fetch: fetchFn, Retry: fastRetry(),
		}, client.Handler{}, 5*time.Second)
		require.NoError(t, err, id)
		require.NotEmpty(t, r.events)
		assert.Equal(t, id, r.events[0].ID)
		res := parseEcho(t, r.events[1:])
		assert.Equal(t, id, res.headers["Last-Event-Id"], "the server gets the id's UTF-8 bytes")
	}
}

func TestReliabilitySecurityErrorsHideRequestHeaders(t *testing.T) {
	const token = "tok_9f8e7d6c5b4a"
	secret := map[string]string{"Authorization": "Bearer " + token, "X-Api-Key": token}
	cases := []struct {
		name  string
		query string
		tweak func(*client.Request, *client.Handler)
		check func(t *testing.T, err error)
	}{
		{"HTTPError", "status=401", nil, func(t *testing.T, err error) {
			var he *client.HTTPError
			require.ErrorAs(t, err, &he)
		}},
		{"ContentTypeError", "ctype=text/html&body=x", nil, func(t *testing.T, err error) {
			var ce *client.ContentTypeError
			require.ErrorAs(t, err, &ce)
		}},
		{"IdleTimeoutError", "stallHeaders=5000", func(r *client.Request, _ *client.Handler) {
			r.IdleTimeout = 100 * time.Millisecond
			r.Retry.MaxRetries = 1
		}, func(t *testing.T, err error) {
			var ie *client.IdleTimeoutError
			require.ErrorAs(t, err, &ie)
		}},
		{"EventTooLargeError", "huge=100000", func(r *client.Request, _ *client.Handler) { r.MaxEventSize = 1000 }, func(t *testing.T, err error) {
			var te interface{ Error() string }
			require.Error(t, err)
			te = err
			assert.Contains(t, te.Error(), "maximum size")
		}},
		{"RetriesExhaustedError (network)", "", func(r *client.Request, _ *client.Handler) {
			r.URL = "http://127.0.0.1:9/sse" // the discard port: refused
			r.Retry.MaxRetries = 2
		}, func(t *testing.T, err error) {
			var re *client.RetriesExhaustedError
			require.ErrorAs(t, err, &re)
		}},
		{"OpenError", "events=1", func(_ *client.Request, h *client.Handler) {
			h.OnOpen = func(jsbridge.Response) error { return errors.New("rejected by the app") }
			h.OnError = stopOnError
		}, func(t *testing.T, err error) {
			var oe *client.OpenError
			require.ErrorAs(t, err, &oe)
		}},
		{"RequestError (a token with a line break)", "events=1", func(r *client.Request, _ *client.Handler) {
			r.Header = map[string][]string{"Authorization": {"Bearer " + token + "\r\nX-Injected: 1"}}
		}, func(t *testing.T, err error) {
			var qe *client.RequestError
			require.ErrorAs(t, err, &qe)
			assert.Contains(t, err.Error(), `header "Authorization"`, "the header is named")
			var je *jsbridge.Error
			assert.False(t, errors.As(err, &je), "the browser's message (which may quote the value) is not kept")
		}},
		{"RequestError (a bad header name)", "events=1", func(r *client.Request, _ *client.Handler) {
			r.Header["Bad Name "+token] = []string{token}
		}, func(t *testing.T, err error) {
			var qe *client.RequestError
			require.ErrorAs(t, err, &qe)
			assert.Contains(t, err.Error(), "header name is not a valid HTTP token")
		}},
		{"RequestError (a headers object with a bad value)", "events=1", func(r *client.Request, _ *client.Handler) {
			r.Headers = jsEval(`{"X-Token": "` + token + `\u0000"}`)
		}, func(t *testing.T, err error) {
			var qe *client.RequestError
			require.ErrorAs(t, err, &qe)
			assert.Contains(t, err.Error(), `header "X-Token"`)
		}},
		{"RequestError (Init.headers as pairs with a bad value)", "events=1", func(r *client.Request, _ *client.Handler) {
			r.Init = jsEval(`{headers: [["X-Pair", "` + token + `\r\nX: 1"]]}`)
		}, func(t *testing.T, err error) {
			var qe *client.RequestError
			require.ErrorAs(t, err, &qe)
			assert.Contains(t, err.Error(), `header "X-Pair"`)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			header := map[string][]string{}
			for k, v := range secret {
				header[k] = []string{v}
			}
			req := client.Request{URL: route(t, "/sse", newKey(t), c.query), Header: header,
				Retry: retry.Policy{InitialDelay: 10 * time.Millisecond, Jitter: -1}}
			var h client.Handler
			if c.tweak != nil {
				c.tweak(&req, &h)
			}
			r, err := run(t, req, h, 10*time.Second)
			c.check(t, err)
			_, errs, retries, dones := r.snapshot()
			all := append(append([]error{err}, errs...), dones...)
			for _, ri := range retries {
				all = append(all, ri.Err)
			}
			for _, e := range all {
				for ; e != nil; e = errors.Unwrap(e) {
					assert.NotContains(t, e.Error(), token, "%T", e)
					var je *jsbridge.Error
					if errors.As(e, &je) {
						assert.NotContains(t, je.Message, token)
						assert.NotContains(t, je.Value.Get("stack").String(), token, "JS stack")
					}
				}
			}
			t.Logf("%s: %v", c.name, err)
		})
	}
}
