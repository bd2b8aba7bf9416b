//go:build js && wasm

// Program client measures a small app streaming Server-Sent Events through
// this module's Go API (wasm/client.Connect), printing each event's data.
//
// Its size over hello is what a Go js/wasm developer pays for
// wasm/client: the request over the host's fetch, the spec-exact parser
// (wasm/sse), reconnection with Last-Event-ID (wasm/retry) and the error
// types. The URL is a placeholder; the program is built, never run.
package main

import (
	"context"

	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

func main() {
	err := client.Connect(context.Background(), client.Request{URL: "http://127.0.0.1:8080/events"}, client.Handler{
		OnEvent: func(e sse.Event) { println(e.Data) },
	})
	if err != nil {
		println("stream failed:", err.Error())
	}
}
