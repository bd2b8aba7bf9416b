package main

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// eventWriter writes text/event-stream fields and flushes after each block.
type eventWriter struct {
	w  http.ResponseWriter
	rc *http.ResponseController
	b  strings.Builder
	// lastWrite is when the last block was written.
	lastWrite time.Time
}

// startStream sends the event-stream headers and returns a writer.
func startStream(w http.ResponseWriter) *eventWriter {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache, no-transform")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	return &eventWriter{w: w, rc: http.NewResponseController(w), lastWrite: time.Now()}
}

// event writes one event. An empty name is the default type ("message"); an
// empty id leaves the last event ID as it is. Each line of data becomes a
// "data:" line, so the client joins them back with LF.
func (e *eventWriter) event(name, id, data string) error {
	e.b.Reset()
	if name != "" {
		e.b.WriteString("event: " + name + "\n")
	}
	if id != "" {
		e.b.WriteString("id: " + id + "\n")
	}
	for _, line := range strings.Split(data, "\n") {
		e.b.WriteString("data: " + line + "\n")
	}
	e.b.WriteString("\n")
	return e.flush()
}

// comment writes ": text", which clients ignore (a heartbeat).
func (e *eventWriter) comment(text string) error {
	e.b.Reset()
	e.b.WriteString(": " + text + "\n\n")
	return e.flush()
}

// retry sets the client's reconnection delay.
func (e *eventWriter) retry(ms int) error {
	e.b.Reset()
	e.b.WriteString("retry: " + strconv.Itoa(ms) + "\n\n")
	return e.flush()
}

func (e *eventWriter) flush() error {
	e.lastWrite = time.Now()
	if _, err := e.w.Write([]byte(e.b.String())); err != nil {
		return err
	}
	return e.rc.Flush()
}
