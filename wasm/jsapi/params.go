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

// policyFrom maps the JS retry options onto retry.Policy. In JS, 0 means
// "none" for maxRetries and jitter and Infinity means unlimited; in Go the
// zero value means "default".
func policyFrom(r js.Value) retry.Policy {
	p := retry.Policy{
		InitialDelay: ms(r.Get("initialDelay")),
		MaxDelay:     ms(r.Get("maxDelay")),
		Factor:       num(r.Get("factor")),
		HealthyAfter: ms(r.Get("healthyAfter")),
	}
	if v := r.Get("jitter"); v.Type() == js.TypeNumber {
		p.Jitter = v.Float()
		if p.Jitter == 0 {
			p.Jitter = -1
		}
	}
	if v := r.Get("maxRetries"); v.Type() == js.TypeNumber && !math.IsInf(v.Float(), 1) {
		p.MaxRetries = v.Int()
		if p.MaxRetries == 0 {
			p.MaxRetries = -1
		}
	}
	if v := r.Get("maxElapsed"); v.Type() == js.TypeNumber && !math.IsInf(v.Float(), 1) {
		p.MaxElapsed = ms(v)
	}
	if m, ok := retry.ParseResendMode(str(r.Get("nonIdempotent"))); ok {
		p.NonIdempotent = m
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
