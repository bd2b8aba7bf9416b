//go:build js && wasm

package jsapi

import (
	"syscall/js"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// errorObject describes err as the plain object of PROTOCOL.md: its kind
// from client.Classify, its message, and the fields of its typed error.
func errorObject(err error) js.Value {
	o := jsbridge.NewObject()
	o.Set("message", err.Error())
	k, typed := client.Classify(err)
	o.Set("kind", k.String())
	switch e := typed.(type) {
	case *client.RetriesExhaustedError:
		o.Set("attempts", e.Attempts)
		o.Set("elapsed", e.Elapsed.Milliseconds())
		o.Set("reason", e.Reason)
		o.Set("cause", errorObject(e.Err))
	case *client.IncompleteStreamError:
		o.Set("lastEventId", e.LastEventID)
		o.Set("events", e.Events)
	case *client.HTTPError:
		o.Set("status", e.Status)
		o.Set("statusText", e.StatusText)
		o.Set("headers", e.Response.Headers)
		o.Set("body", e.Body)
		o.Set("response", e.Response.Value)
	case *client.ContentTypeError:
		o.Set("contentType", e.ContentType)
		o.Set("response", e.Response.Value)
	case *client.IdleTimeoutError:
		o.Set("timeout", e.Timeout.Milliseconds())
	case *sse.EventTooLargeError:
		o.Set("limit", e.Limit)
	case *client.OpenError:
		o.Set("cause", jsValueOf(e.Err))
	case *client.RequestError:
		o.Set("cause", jsValueOf(e.Err))
	}
	var je *jsbridge.Error
	if k == client.KindNetwork && jsbridge.As(err, &je) {
		o.Set("cause", je.Value)
	}
	return o
}
