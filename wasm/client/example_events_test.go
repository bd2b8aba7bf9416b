//go:build js && wasm

package client_test

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/wasm-sse/wasm-sse/wasm/client"
)

// ExampleEvents follows a feed with a range-over-func loop: the loop ends
// when the server ends the stream, break closes it, and a failure (or the
// context's deadline) arrives as the error of the last iteration.
func ExampleEvents() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	var answer strings.Builder
	for ev, err := range client.Events(ctx, client.Request{URL: "/api/answer?id=42"}) {
		if errors.Is(err, context.DeadlineExceeded) {
			println("no complete answer within a minute")
			break
		}
		if err != nil {
			println("stream failed:", err.Error())
			break
		}
		if ev.Data == "[DONE]" {
			break // closes the stream: the server sees the disconnect
		}
		answer.WriteString(ev.Data)
	}
	println(answer.String())
}
