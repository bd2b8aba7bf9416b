package client

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsEventStream(t *testing.T) {
	for ct, want := range map[string]bool{
		"text/event-stream":                    true,
		"TEXT/Event-Stream":                    true,
		"text/event-stream; charset=utf-8":     true,
		"text/event-stream;charset=UTF-8":      true,
		" text/event-stream ; charset=utf-8":   true,
		"\ttext/event-stream\t":                true,
		"text/event-stream;":                   true,
		"":                                     false,
		"text/plain":                           false,
		"text/html; charset=text/event-stream": false,
		"text/event-streams":                   false,
		"text/event":                           false,
		"application/json":                     false,
		"text/event-stream, text/plain":        false,
		"multipart/text/event-stream":          false,
	} {
		assert.Equal(t, want, isEventStream(ct), "%q", ct)
	}
}
