//go:build js && wasm

package jsapi

import (
	"syscall/js"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// errorObject describes err as the plain object of PROTOCOL.md.
func errorObject(err error) js.Value {
	o := jsbridge.NewObject()
	o.Set("message", err.Error())
	var (
		he *client.HTTPError
		ce *client.ContentTypeError
		ie *client.IdleTimeoutError
		te *sse.EventTooLargeError
		oe *client.OpenError
		re *client.RetriesExhaustedError
		ne *client.IncompleteStreamError
		qe *client.RequestError
		je *jsbridge.Error
	)
	switch {
	case jsbridge.As(err, &re):
		o.Set("kind", "retries-exhausted")
		o.Set("attempts", re.Attempts)
		o.Set("elapsed", re.Elapsed.Milliseconds())
		o.Set("reason", re.Reason)
		o.Set("cause", errorObject(re.Err))
	case jsbridge.As(err, &ne):
		o.Set("kind", "incomplete")
		o.Set("lastEventId", ne.LastEventID)
		o.Set("events", ne.Events)
	case jsbridge.As(err, &he):
		o.Set("kind", "http")
		o.Set("status", he.Status)
		o.Set("statusText", he.StatusText)
		o.Set("headers", he.Response.Headers)
		o.Set("body", he.Body)
		o.Set("response", he.Response.Value)
	case jsbridge.As(err, &ce):
		o.Set("kind", "content-type")
		o.Set("contentType", ce.ContentType)
		o.Set("response", ce.Response.Value)
	case jsbridge.As(err, &ie):
		o.Set("kind", "idle-timeout")
		o.Set("timeout", ie.Timeout.Milliseconds())
	case jsbridge.As(err, &te):
		o.Set("kind", "too-large")
		o.Set("limit", te.Limit)
	case jsbridge.As(err, &oe):
		o.Set("kind", "open")
		o.Set("cause", jsValueOf(oe.Err))
	case jsbridge.As(err, &qe):
		o.Set("kind", "request")
		o.Set("cause", jsValueOf(qe.Err))
	case jsbridge.Is(err, client.ErrEndOfStream):
		o.Set("kind", "end")
	case jsbridge.As(err, &je):
		o.Set("kind", "network")
		o.Set("cause", je.Value)
	default:
		o.Set("kind", "network")
	}
	return o
}
