//go:build js && wasm

package jsapi

import (
	"math"
	"syscall/js"

	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/internal/clock"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
)

// requestFrom converts the shim's params object (validated by the shim).
func requestFrom(p js.Value) client.Request {
	init := p.Get("init")
	req := client.Request{
		URL:            str(p.Get("url")),
		Init:           init,
		JSBody:         js.Undefined(),
		Headers:        p.Get("headers"),
		Fetch:          p.Get("fetch"),
		LastEventID:    str(p.Get("lastEventId")),
		IdleTimeout:    ms(p.Get("idleTimeout")),
		MaxEventSize:   integer(p.Get("maxEventSize")),
		ReconnectOnEnd: p.Get("reconnectOnEnd").Truthy(),
		ExpectDone:     p.Get("done").Truthy(),
	}
	if init.Type() == js.TypeObject {
		req.Method = str(init.Get("method"))
		req.JSBody = init.Get("body")
	}
	if r := p.Get("retry"); r.Type() == js.TypeObject {
		req.Retry = policyFrom(r)
	}
	return req
}

// objectKeys is Object.keys.
var objectKeys = js.Global().Get("Object").Get("keys")

// policyFrom reads the retry options the shim passes: each one the user
// set, by name, with its value as given; absent ones keep their default.
// retry.Policy.Set maps them onto the policy.
func policyFrom(r js.Value) retry.Policy {
	var p retry.Policy
	keys := objectKeys.Invoke(r)
	for i, n := 0, keys.Length(); i < n; i++ {
		name := keys.Index(i).String()
		switch v := r.Get(name); v.Type() {
		case js.TypeNumber:
			p.Set(name, v.Float())
		case js.TypeString:
			p.Set(name, v.String())
		}
	}
	return p
}

func str(v js.Value) string {
	if v.Type() == js.TypeString {
		return v.String()
	}
	return ""
}

func num(v js.Value) float64 {
	if v.Type() == js.TypeNumber {
		return v.Float()
	}
	return 0
}

func integer(v js.Value) int {
	f := num(v)
	if math.IsInf(f, 0) || math.IsNaN(f) || f > math.MaxInt32 {
		return 0
	}
	return int(f)
}

// ms converts a number of milliseconds (finite, else 0).
func ms(v js.Value) clock.Duration {
	f := num(v)
	if math.IsInf(f, 0) || math.IsNaN(f) || f <= 0 {
		return 0
	}
	return clock.Duration(f * float64(clock.Millisecond))
}
