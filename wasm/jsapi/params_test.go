//go:build js && wasm

package jsapi

import (
	"math"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
)

// obj builds a plain JS object from Go values (js.ValueOf's conversions).
func obj(kv map[string]any) js.Value {
	o := jsbridge.NewObject()
	for k, v := range kv {
		o.Set(k, v)
	}
	return o
}

func TestRequestFrom(t *testing.T) {
	init := obj(map[string]any{"method": "POST", "body": `{"q":1}`, "credentials": "include"})
	req := requestFrom(obj(map[string]any{
		"url": "https://example.test/sse", "init": init, "lastEventId": "41",
		"idleTimeout": 1500, "maxEventSize": 4096, "reconnectOnEnd": true, "done": true,
	}))
	assert.Equal(t, "https://example.test/sse", req.URL)
	assert.Equal(t, "POST", req.Method)
	assert.Equal(t, `{"q":1}`, req.JSBody.String())
	assert.True(t, req.Init.Equal(init), "init is passed through as given")
	assert.Equal(t, "41", req.LastEventID)
	assert.Equal(t, 1500*time.Millisecond, req.IdleTimeout)
	assert.Equal(t, 4096, req.MaxEventSize)
	assert.True(t, req.ReconnectOnEnd)
	assert.True(t, req.ExpectDone, "done: the shim matches a done marker")
	assert.Nil(t, req.Done, "the shim matches it in JavaScript")

	// Absent or mistyped keys take the zero values (the shim validated them).
	none := requestFrom(obj(map[string]any{"url": 5, "idleTimeout": "x", "maxEventSize": math.Inf(1)}))
	assert.Equal(t, "", none.URL)
	assert.Equal(t, "", none.Method)
	assert.True(t, none.JSBody.IsUndefined())
	assert.Zero(t, none.IdleTimeout)
	assert.Zero(t, none.MaxEventSize)
	assert.False(t, none.ReconnectOnEnd)
	assert.False(t, none.ExpectDone)
}

// TestPolicyFrom checks the reading: every key the shim passed, by name,
// numbers and strings as given (retry's TestSet covers each option's
// meaning).
func TestPolicyFrom(t *testing.T) {
	for _, c := range []struct {
		name string
		in   map[string]any
		want retry.Policy
	}{
		{"empty: every default", map[string]any{}, retry.Policy{}},
		{"delays and factor in ms", map[string]any{"initialDelay": 250, "maxDelay": 4000, "factor": 1.5, "healthyAfter": 100},
			retry.Policy{InitialDelay: 250 * time.Millisecond, MaxDelay: 4 * time.Second, Factor: 1.5, HealthyAfter: 100 * time.Millisecond}},
		{"zeros are zero, not the default", map[string]any{"initialDelay": 0, "jitter": 0, "maxRetries": 0},
			retry.Policy{InitialDelay: retry.None, Jitter: retry.None, MaxRetries: retry.None}},
		{"Infinity is unlimited", map[string]any{"maxRetries": math.Inf(1), "maxElapsed": math.Inf(1)},
			retry.Policy{MaxRetries: math.MaxInt32, MaxElapsed: math.MaxInt64}},
		{"a string option", map[string]any{"nonIdempotent": "never"}, retry.Policy{NonIdempotent: retry.ResendNever}},
		{"unknown names and other types are ignored", map[string]any{"openWithin": 5, "maxRetries": true, "factor": "2"}, retry.Policy{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, policyFrom(obj(c.in)))
		})
	}
}

func TestMS(t *testing.T) {
	for _, c := range []struct {
		in   any
		want time.Duration
	}{
		{0, 0}, {1, time.Millisecond}, {0.5, 500 * time.Microsecond}, {-1, 0},
		{math.Inf(1), 0}, {math.NaN(), 0}, {"7", 0}, {nil, 0},
	} {
		assert.Equal(t, c.want, ms(js.ValueOf(c.in)), "ms(%v)", c.in)
	}
}
