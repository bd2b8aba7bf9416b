//go:build js && wasm

package client_test

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
)

func TestValidationEventStreamContentTypes(t *testing.T) {
	for _, ct := range []string{"text/event-stream", "text/event-stream; charset=utf-8", "TEXT/Event-Stream", "Text/Event-Stream;Charset=UTF-8"} {
		t.Run(ct, func(t *testing.T) {
			r, err := run(t, client.Request{URL: route(t, "/sse", newKey(t), "events=2&ctype="+url.QueryEscape(ct))}, client.Handler{}, 5*time.Second)
			require.NoError(t, err)
			assert.Equal(t, seq("msg ", 1, 2), r.data())
			require.Len(t, r.opens, 1)
			assert.Equal(t, ct, r.opens[0].Header("Content-Type"))
		})
	}
}

// finalHTTPError runs a stream that must stop at once with an HTTPError of
// status, after exactly one request.
func finalHTTPError(t *testing.T, status int, query string) *client.HTTPError {
	t.Helper()
	key := newKey(t)
	r, err := run(t, client.Request{URL: route(t, "/sse", key, query), Retry: fastRetry()}, client.Handler{}, 5*time.Second)
	var he *client.HTTPError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, status, he.Status)
	assert.Contains(t, he.Error(), strconv.Itoa(status))
	assert.Empty(t, r.events)
	assert.Empty(t, r.opens, "OnOpen runs only after the default validation passed")
	assert.Empty(t, r.retries, "not retried")
	require.Len(t, r.errs, 1, "OnError sees the failure once")
	assert.Equal(t, []error{err}, r.dones)
	assert.EqualValues(t, 1, getStats(t, key, "").Requests)
	return he
}

func TestValidation204Stops(t *testing.T) {
	he := finalHTTPError(t, 204, "status=204")
	assert.Equal(t, "No Content", he.StatusText)
	assert.Empty(t, he.Body)
}

func TestValidationClientErrorsStop(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 410} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			finalHTTPError(t, status, "status="+strconv.Itoa(status))
		})
	}
}

func TestValidationOther2xxStops(t *testing.T) {
	finalHTTPError(t, 201, "status=201&events=2")
}

func TestValidationHTTPErrorBody(t *testing.T) {
	he := finalHTTPError(t, 404, "status=404&body="+url.QueryEscape("no such stream: é"))
	assert.Equal(t, "Not Found", he.StatusText)
	assert.Equal(t, "no such stream: é", he.Body)
	assert.Equal(t, "text/plain; charset=utf-8", he.Response.Header("Content-Type"))

	long := strings.Repeat("0123456789", 100)
	he = finalHTTPError(t, 403, "status=403&body="+long)
	assert.Equal(t, long[:client.BodyExcerpt], he.Body, "only the start of the body is kept")
}

func TestValidationRetriedStatuses(t *testing.T) {
	for _, status := range []int{500, 502, 503, 408, 429} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			key := newKey(t)
			r, err := run(t, client.Request{URL: route(t, "/sse", key, "events=2&failTimes=2&status="+strconv.Itoa(status)), Retry: fastRetry()},
				client.Handler{}, 5*time.Second)
			require.NoError(t, err)
			assert.Equal(t, seq("msg ", 1, 2), r.data())
			// Chromium silently retries a 408 once itself (on a reused
			// connection), so the client may see fewer failures than the
			// server sent.
			require.NotEmpty(t, r.errs)
			require.LessOrEqual(t, len(r.errs), 2)
			if status != 408 {
				require.Len(t, r.errs, 2)
			}
			for _, e := range r.errs {
				var he *client.HTTPError
				require.ErrorAs(t, e, &he)
				assert.Equal(t, status, he.Status)
			}
			require.Len(t, r.retries, len(r.errs))
			for i, info := range r.retries {
				assert.Equal(t, i+1, info.Attempt)
			}
			st := getStats(t, key, "")
			assert.EqualValues(t, 3, st.Requests)
			assert.EqualValues(t, 2, st.Failed)
		})
	}
}

func TestValidationRetryAfterHonoured(t *testing.T) {
	for _, status := range []int{429, 503} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			key := newKey(t)
			start := time.Now()
			r, err := run(t, client.Request{URL: route(t, "/sse", key, "events=1&failTimes=1&retryAfter=1&status="+strconv.Itoa(status)), Retry: fastRetry()},
				client.Handler{}, 5*time.Second)
			require.NoError(t, err)
			assert.Equal(t, []string{"msg 1"}, r.data())
			require.Len(t, r.retries, 1)
			assert.Equal(t, time.Second, r.retries[0].Delay, "Retry-After: 1 raises the 20ms backoff to 1s (no jitter)")
			require.Len(t, r.errTimes, 1)
			require.Len(t, r.openAt, 1)
			gap := r.openAt[0].Sub(r.errTimes[0])
			assert.GreaterOrEqual(t, gap, 950*time.Millisecond, "waited for Retry-After")
			assert.Less(t, gap, 2500*time.Millisecond)
			assert.Less(t, time.Since(start), 4*time.Second)
		})
	}
}

func TestValidationRetryAfterIgnoredOn500(t *testing.T) {
	key := newKey(t)
	start := time.Now()
	r, err := run(t, client.Request{URL: route(t, "/sse", key, "events=1&failTimes=1&retryAfter=5&status=500"), Retry: fastRetry()},
		client.Handler{}, 5*time.Second)
	require.NoError(t, err)
	require.Len(t, r.retries, 1)
	assert.Equal(t, 20*time.Millisecond, r.retries[0].Delay, "Retry-After only counts on 429 and 503")
	assert.Less(t, time.Since(start), 2*time.Second)
}

func TestValidationWrongContentType(t *testing.T) {
	for _, ct := range []string{"text/html", "application/json", "text/plain; charset=text/event-stream", ""} {
		t.Run("ctype="+ct, func(t *testing.T) {
			key := newKey(t)
			r, err := run(t, client.Request{URL: route(t, "/sse", key, "events=2&ctype="+url.QueryEscape(ct)), Retry: fastRetry()},
				client.Handler{}, 5*time.Second)
			var ce *client.ContentTypeError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, ct, ce.ContentType)
			assert.Equal(t, 200, ce.Response.Status)
			assert.Contains(t, ce.Error(), strconv.Quote(ct))
			assert.Empty(t, r.events)
			assert.Empty(t, r.retries, "a wrong content type is not retried")
			assert.EqualValues(t, 1, getStats(t, key, "").Requests)
		})
	}
}

func TestValidationCustomOpenReplacesValidation(t *testing.T) {
	key := newKey(t)
	var statuses []int
	body := url.QueryEscape("data: accepted anyway\n\n")
	r, err := run(t, client.Request{URL: route(t, "/sse", key, "status=404&ctype=text/plain&body="+body)}, client.Handler{
		CustomOpen: true,
		OnOpen: func(resp jsbridge.Response) error {
			statuses = append(statuses, resp.Status)
			return nil
		},
	}, 5*time.Second)
	require.NoError(t, err)
	assert.Equal(t, []int{404}, statuses)
	assert.Equal(t, []string{"accepted anyway"}, r.data(), "the body is parsed whatever the status")
}

func TestValidationCustomOpenError(t *testing.T) {
	key := newKey(t)
	calls := 0
	errNope := errors.New("not this one")
	r, err := run(t, client.Request{URL: route(t, "/sse", key, "events=1"), Retry: fastRetry()}, client.Handler{
		CustomOpen: true,
		OnOpen: func(resp jsbridge.Response) error {
			calls++
			if calls == 1 {
				return errNope
			}
			return nil
		},
	}, 5*time.Second)
	require.NoError(t, err)
	assert.Equal(t, 2, calls)
	require.Len(t, r.errs, 1)
	var oe *client.OpenError
	require.ErrorAs(t, r.errs[0], &oe)
	assert.ErrorIs(t, r.errs[0], errNope)
	assert.Equal(t, []string{"msg 1"}, r.data())
	assert.EqualValues(t, 2, getStats(t, key, "").Requests)
}

func TestValidationOnOpenErrorIsRetried(t *testing.T) {
	key := newKey(t)
	calls := 0
	errHook := errors.New("hook says no")
	fetchFn := jsFn([]string{"key"}, `let n = 0; return (url, init) => fetch(url.replace("key=" + key, "key=" + key + "." + (++n)), init);`).Invoke(key)
	r, err := run(t, client.Request{URL: route(t, "/sse", key, "events=1&delay=1000&end=hang"), Retry: fastRetry(), Fetch: fetchFn}, client.Handler{
		OnOpen: func(resp jsbridge.Response) error {
			calls++
			if calls <= 2 {
				return errHook
			}
			return errors.New("stop")
		},
		OnError: func(err error, next client.Next) (client.Next, error) {
			if calls > 2 {
				return next, err
			}
			return next, nil
		},
	}, 5*time.Second)
	var oe *client.OpenError
	require.ErrorAs(t, err, &oe)
	assert.EqualError(t, oe.Err, "stop")
	require.Len(t, r.errs, 3)
	for _, e := range r.errs {
		assert.ErrorAs(t, e, &oe)
	}
	assert.ErrorIs(t, r.errs[0], errHook)
	assert.Empty(t, r.events)
	// Every refused response's body was cancelled: the server saw each
	// attempt (counted under its own key by the fetch wrapper) go away.
	done := time.Now()
	for n := 1; n <= 3; n++ {
		st := waitStats(t, key+"."+strconv.Itoa(n), "disconnected", 1, disconnectWait)
		assert.EqualValues(t, 1, st.Requests)
		if d := time.Since(done); d > time.Second {
			t.Logf("DIAG: attempt %d disconnect seen only after %v", n, d)
		}
	}
}

func TestValidationMaxRetryAfterTooLong(t *testing.T) {
	key := newKey(t)
	p := fastRetry()
	p.MaxRetryAfter = 500 * time.Millisecond
	r, err := run(t, client.Request{URL: route(t, "/sse", key, "status=503&retryAfter=2"), Retry: p}, client.Handler{}, 5*time.Second)
	var re *client.RetriesExhaustedError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, retry.ReasonRetryAfterTooLong.String(), re.Reason)
	assert.Empty(t, r.retries)
	assert.EqualValues(t, 1, getStats(t, key, "").Requests)
}
