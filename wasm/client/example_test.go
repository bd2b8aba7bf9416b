//go:build js && wasm

package client_test

import (
	"context"
	"errors"
	"syscall/js"
	"time"

	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// ExampleConnect streams an LLM answer into a Go-wasm page: a POST with a
// JSON body, a bearer token, and a retry policy; each event's data is
// appended to the answer until the server sends [DONE] and ends the body.
//
// Build the program with GOOS=js GOARCH=wasm and load it with Go's
// wasm_exec.js in a page (or a Worker, or Node 18+): the request is made
// with the environment's fetch, so relative URLs resolve against the page
// and cookies, CORS and the browser's connection pool apply. Connect blocks
// the calling goroutine, never the JS event loop. The example has no
// checked output: it needs a server (the tests of this package run against
// wasm/internal/testserver through SSE_TEST_URL).
func ExampleConnect() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	answer := ""
	err := client.Connect(ctx, client.Request{
		URL:    "/api/chat",
		Method: "POST",
		Header: map[string][]string{
			"Content-Type":  {"application/json"},
			"Authorization": {"Bearer <token>"},
		},
		JSBody:      js.ValueOf(`{"prompt": "Tell me a story"}`),
		Retry:       retry.Policy{InitialDelay: 500 * time.Millisecond, MaxRetries: 5},
		IdleTimeout: 45 * time.Second, // the server sends a comment every 15 s
	}, client.Handler{
		OnEvent: func(e sse.Event) {
			if e.Data != "[DONE]" {
				answer += e.Data
			}
		},
	})
	var httpErr *client.HTTPError
	switch {
	case errors.As(err, &httpErr):
		println("server refused:", httpErr.Status, httpErr.Body)
	case err != nil:
		println("stream failed:", err.Error())
	default:
		println(answer)
	}
}

// ExampleOpen follows a long-lived feed like the native EventSource
// (reconnecting after the server ends the body, resuming with
// Last-Event-ID) and controls it through the handle: pause while the page
// is hidden, wake when the network is back, close when done.
func ExampleOpen() {
	s := client.Open(context.Background(), client.Request{
		URL:            "/prices",
		ReconnectOnEnd: true,
	}, client.Handler{
		OnEvent: func(e sse.Event) { println(e.Type, e.ID, e.Data) },
		OnRetry: func(info client.RetryInfo) {
			println("reconnecting in", info.Delay.String(), "after", info.Err.Error())
		},
	})
	s.Pause()  // e.g. on visibilitychange to hidden: a GET is dropped...
	s.Resume() // ...and resumed from s.LastEventID() when visible again
	s.Wake()   // on "online": skip the rest of a backoff wait
	s.Close()
	_ = s.Wait() // nil: a close is not an error
}
