//go:build js && wasm

package client_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
)

// TestErrorMessages: what a Go program prints names the response (without
// query or userinfo) and counts reconnects in words that read right.
func TestErrorMessages(t *testing.T) {
	resp := jsbridge.Response{URL: "https://u:p@api.example.test/v1/chat?key=SECRET"}
	http := &client.HTTPError{Status: 404, StatusText: "Not Found", Response: resp}
	assert.Equal(t, "client: unexpected HTTP status 404 Not Found from https://api.example.test/v1/chat?…", http.Error())
	ct := &client.ContentTypeError{ContentType: "text/html", Response: resp}
	assert.Equal(t, `client: expected content type text/event-stream, got "text/html" from https://api.example.test/v1/chat?…`, ct.Error())
	one := &client.RetriesExhaustedError{Attempts: 1, Reason: "max retries", Err: errors.New("boom")}
	assert.Equal(t, "client: gave up after 1 reconnect (max retries): boom", one.Error())
	three := &client.RetriesExhaustedError{Attempts: 3, Reason: "max retries", Err: http}
	assert.Contains(t, three.Error(), "gave up after 3 reconnects (max retries): client: unexpected HTTP status 404")
	assert.NotContains(t, three.Error(), "SECRET")
}
