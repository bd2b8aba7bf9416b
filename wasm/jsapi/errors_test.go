//go:build js && wasm

package jsapi

import (
	"errors"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// TestErrorObject covers every kind of PROTOCOL.md's error objects: the
// kind, the message, and the fields the shim turns into typed errors.
func TestErrorObject(t *testing.T) {
	resp := jsbridge.Response{Value: jsbridge.NewObject(), Headers: jsbridge.NewObject()}
	jsErr := js.Global().Get("TypeError").New("fetch failed")
	thrown := js.ValueOf("a thrown string")
	for _, c := range []struct {
		name   string
		err    error
		kind   string
		fields map[string]any
	}{
		{"http", &client.HTTPError{Status: 503, StatusText: "Busy", Body: "later", Response: resp}, "http",
			map[string]any{"status": 503, "statusText": "Busy", "body": "later"}},
		{"content type", &client.ContentTypeError{ContentType: "text/html", Response: resp}, "content-type",
			map[string]any{"contentType": "text/html"}},
		{"idle timeout", &client.IdleTimeoutError{Timeout: 1500 * time.Millisecond}, "idle-timeout",
			map[string]any{"timeout": 1500}},
		{"too large", &sse.EventTooLargeError{Limit: 99}, "too-large", map[string]any{"limit": 99}},
		{"open hook", &client.OpenError{Err: jsbridge.ErrorFrom(thrown)}, "open", nil},
		{"request", &client.RequestError{Err: errors.New("bad header")}, "request", nil},
		{"end", client.ErrEndOfStream, "end", nil},
		{"incomplete", &client.IncompleteStreamError{LastEventID: "41", Events: 7}, "incomplete",
			map[string]any{"lastEventId": "41", "events": 7}},
		{"network (a JS error)", jsbridge.ErrorFrom(jsErr), "network", nil},
		{"anything else is network", errors.New("odd"), "network", nil},
		{"retries exhausted", &client.RetriesExhaustedError{Attempts: 3, Elapsed: 2 * time.Second, Reason: "max retries",
			Err: &client.HTTPError{Status: 500, Response: resp}}, "retries-exhausted",
			map[string]any{"attempts": 3, "elapsed": 2000, "reason": "max retries"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := errorObject(c.err)
			assert.Equal(t, c.kind, o.Get("kind").String())
			assert.Equal(t, c.err.Error(), o.Get("message").String())
			for k, v := range c.fields {
				assert.True(t, o.Get(k).Equal(js.ValueOf(v)), "%s: %s = %v, want %v", c.name, k, o.Get(k), v)
			}
		})
	}
	// Causes pass the JS values through unchanged.
	assert.True(t, errorObject(jsbridge.ErrorFrom(jsErr)).Get("cause").Equal(jsErr))
	assert.True(t, errorObject(&client.OpenError{Err: jsbridge.ErrorFrom(thrown)}).Get("cause").Equal(thrown))
	ex := errorObject(&client.RetriesExhaustedError{Err: &client.IdleTimeoutError{Timeout: time.Second}})
	assert.Equal(t, "idle-timeout", ex.Get("cause").Get("kind").String(), "the last failure, as an error object")
	cut := errorObject(&client.RetriesExhaustedError{Err: &client.IncompleteStreamError{LastEventID: "9", Events: 9}})
	assert.Equal(t, "retries-exhausted", cut.Get("kind").String(), "the wrapper wins over the incomplete stream it wraps")
	assert.Equal(t, "incomplete", cut.Get("cause").Get("kind").String())
	assert.True(t, errorObject(&client.HTTPError{Response: resp}).Get("response").Equal(resp.Value))
}
