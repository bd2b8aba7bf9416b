// Package sse is an incremental parser for the WHATWG "text/event-stream"
// format (HTML Living Standard, "Server-sent events", section 9.2.6).
//
// It is pure Go with no build tags and no dependencies beyond the standard
// library, so any Go program can use it; the wasm client in this module feeds
// it the chunks of a fetch ReadableStream. Bytes go in, events come out, and
// the parser keeps its state across chunks, so the result never depends on
// how the network split the stream.
package sse

// DefaultMaxEventSize is the maximum size of one event block (every line of
// the block, field names included) when Options.MaxEventSize is zero: 16 MiB.
const DefaultMaxEventSize = 16 << 20

// NoRetry is the value of Event.Retry when the event's block carried no valid
// retry field.
const NoRetry = -1

// Event is one dispatched event.
type Event struct {
	// Type is the event type: the last "event" field of the block, or
	// "message" when the block had none (or an empty one).
	Type string
	// Data is the block's data lines joined with "\n".
	Data string
	// ID is the last event ID at dispatch time. It persists across events
	// until an "id" field changes it (an empty "id" resets it to "").
	ID string
	// Retry is the reconnection time in milliseconds set by a valid "retry"
	// field within this event's block, or NoRetry.
	Retry int
}

// Options configure a Parser. The zero value is ready to use.
type Options struct {
	// MaxEventSize bounds the bytes of one event block, and so the memory
	// the parser holds. Zero means DefaultMaxEventSize. A larger block is
	// discarded and reported as an *EventTooLargeError; parsing resumes at
	// the next blank line.
	MaxEventSize int
	// LastEventID is the initial last event ID, e.g. the one persisted from
	// a previous connection. Events without an "id" field carry it.
	LastEventID string
}

// EventTooLargeError reports an event block that exceeded the maximum size.
// The block was discarded; events after it are parsed normally.
type EventTooLargeError struct {
	// Limit is the configured maximum event size in bytes.
	Limit int
}

// Error implements error.
func (e *EventTooLargeError) Error() string {
	return "sse: event exceeds the maximum size of " + itoa(e.Limit) + " bytes"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
