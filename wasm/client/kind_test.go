//go:build js && wasm

package client

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// TestClassify covers the one classification of errors: the kind the npm
// package sees and the kind the retry policy sees, through wrapping.
func TestClassify(t *testing.T) {
	he := &HTTPError{Status: 503}
	for _, c := range []struct {
		name   string
		err    error
		kind   ErrorKind
		js     string
		policy retry.Kind
	}{
		{"http", he, KindHTTP, "http", retry.KindHTTPStatus},
		{"http inside an open hook's error", &OpenError{Err: he}, KindHTTP, "http", retry.KindHTTPStatus},
		{"content type", &ContentTypeError{}, KindContentType, "content-type", retry.KindContentType},
		{"idle", &IdleTimeoutError{}, KindIdleTimeout, "idle-timeout", retry.KindIdleTimeout},
		{"too large", &sse.EventTooLargeError{Limit: 1}, KindTooLarge, "too-large", retry.KindTooLarge},
		{"open hook", &OpenError{Err: errors.New("hook")}, KindOpen, "open", retry.KindNetwork},
		{"request", &RequestError{Err: errors.New("header")}, KindRequest, "request", retry.KindUnknown},
		{"end", ErrEndOfStream, KindEnd, "end", retry.KindEndOfStream},
		{"incomplete", &IncompleteStreamError{}, KindIncomplete, "incomplete", retry.KindNetwork},
		{"exhausted", &RetriesExhaustedError{Err: he}, KindRetriesExhausted, "retries-exhausted", retry.KindUnknown},
		{"a JS error", jsbridge.ErrorFrom(jsbridge.Global().Get("Error").New("x")), KindNetwork, "network", retry.KindNetwork},
		{"anything else", errors.New("odd"), KindNetwork, "network", retry.KindNetwork},
	} {
		k, typed := Classify(c.err)
		assert.Equal(t, c.kind, k, c.name)
		assert.Equal(t, c.js, k.String(), c.name)
		assert.Equal(t, c.policy, k.Policy(), c.name)
		assert.NotNil(t, typed, c.name)
	}
	_, typed := Classify(&OpenError{Err: he})
	assert.Same(t, he, typed, "the typed error found is the wrapped one")
	assert.Equal(t, "network", ErrorKind(-1).String())
	assert.Equal(t, retry.KindNetwork, ErrorKind(99).Policy())
}
