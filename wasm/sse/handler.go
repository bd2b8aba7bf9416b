package sse

// RawEvent is a dispatched event as the parser holds it, without allocating
// strings. Its slices are valid only during the Handler.OnEvent call.
type RawEvent struct {
	// Type is the event type buffer; empty means "message".
	Type []byte
	// Data is the data buffer, lines joined with "\n", always valid UTF-8.
	Data []byte
	// ID is the last event ID at dispatch time.
	ID []byte
	// IDChanged is true when ID differs from the one carried by the
	// previous RawEvent of this parser, and for the first one. It may also
	// be true when the ID is the same because id-only blocks changed the
	// last event ID and changed it back in between.
	IDChanged bool
	// OwnID is true when the event's own block had a (valid) "id" field,
	// so ID is that field's value; false when ID was inherited from an
	// earlier block. @microsoft/fetch-event-source reports only a block's
	// own id, and the npm shim matches it with this flag.
	OwnID bool
	// Retry is the valid retry value set in this block, or NoRetry.
	Retry int
	// ChunkOffset is the byte offset of Data inside the chunk given to the
	// current Feed call when Data is an unmodified subslice of that chunk
	// (one data line, valid UTF-8, within the chunk), and -1 otherwise.
	// It lets a caller hand the chunk to another runtime once and refer to
	// event data by offset.
	ChunkOffset int
	// ChunkUnits and DataUnits locate Data in UTF-16 code units (what a
	// JavaScript string of the decoded chunk is indexed by) when
	// ChunkOffset >= 0: DataUnits is Data's length, and the difference of
	// two events' ChunkUnits within one Feed call is the UTF-16 length of
	// the bytes between their data, as a WHATWG decoder (TextDecoder)
	// counts it. Computed only for lines that are not ASCII.
	ChunkUnits, DataUnits int
}

// Handler receives what the parser finds, in stream order. The byte slices
// it is given are valid only during the call.
type Handler interface {
	// OnEvent receives a dispatched event.
	OnEvent(e *RawEvent)
	// OnComment receives the raw bytes after the colon of a comment line
	// (keep-alive detection); they may be invalid UTF-8.
	OnComment(text []byte)
	// OnRetry receives a valid retry field value in milliseconds as soon
	// as the field is parsed: the spec applies it to the reconnection time
	// whether or not the block is dispatched.
	OnRetry(ms int)
	// OnError receives an *EventTooLargeError for a discarded block.
	OnError(err error)
}

// Callbacks adapts plain functions to a Handler, converting events to
// Event values. Nil fields are skipped. Repeated event types and IDs reuse
// the previous string, so steady streams allocate only their data.
type Callbacks struct {
	// Event receives each dispatched event.
	Event func(Event)
	// Comment receives each comment's text (invalid UTF-8 replaced).
	Comment func(text string)
	// Retry receives each valid retry value, in milliseconds.
	Retry func(ms int)
	// Error receives each *EventTooLargeError.
	Error func(err error)

	typ, id string
}

// OnEvent implements Handler.
func (c *Callbacks) OnEvent(e *RawEvent) {
	if c.Event == nil {
		return
	}
	c.Event(c.convert(e))
}

func (c *Callbacks) convert(e *RawEvent) Event {
	if len(e.Type) == 0 {
		c.typ = "message"
	} else if string(e.Type) != c.typ {
		c.typ = string(e.Type)
	}
	if string(e.ID) != c.id {
		c.id = string(e.ID)
	}
	return Event{Type: c.typ, Data: string(e.Data), ID: c.id, Retry: e.Retry}
}

// OnComment implements Handler.
func (c *Callbacks) OnComment(text []byte) {
	if c.Comment != nil {
		c.Comment(string(AppendUTF8(nil, text)))
	}
}

// OnRetry implements Handler.
func (c *Callbacks) OnRetry(ms int) {
	if c.Retry != nil {
		c.Retry(ms)
	}
}

// OnError implements Handler.
func (c *Callbacks) OnError(err error) {
	if c.Error != nil {
		c.Error(err)
	}
}
