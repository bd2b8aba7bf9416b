package sse

import (
	"errors"
	"io"
)

// Reader reads events from an io.Reader, such as an HTTP response body in a
// native Go program.
type Reader struct {
	r     io.Reader
	p     *Parser
	buf   []byte
	queue []Event
	errs  []error
	cb    Callbacks
	err   error
	empty int // consecutive reads that returned nothing
}

// maxEmptyReads is how many (0, nil) reads in a row Next tolerates before
// it returns io.ErrNoProgress, as bufio does.
const maxEmptyReads = 100

// NewReader returns a Reader that parses r with the given options.
func NewReader(r io.Reader, opts Options) *Reader {
	rd := &Reader{r: r, p: NewParser(opts), buf: make([]byte, 32<<10)}
	rd.cb.Event = func(e Event) { rd.queue = append(rd.queue, e) }
	rd.cb.Error = func(err error) { rd.queue = append(rd.queue, Event{}); rd.errs = append(rd.errs, err) }
	return rd
}

// Next returns the next event. At the end of the stream it returns io.EOF
// (an unfinished last event is discarded, as the spec says). An oversized
// event is returned as an *EventTooLargeError; calling Next again continues
// with the events after it. Other read errors are returned as they are.
func (rd *Reader) Next() (Event, error) {
	for {
		if len(rd.queue) > 0 {
			e := rd.queue[0]
			rd.queue = rd.queue[1:]
			if e.Type == "" { // placeholder for an error, in stream order
				err := rd.errs[0]
				rd.errs = rd.errs[1:]
				return Event{}, err
			}
			return e, nil
		}
		if rd.err != nil {
			return Event{}, rd.err
		}
		n, err := rd.r.Read(rd.buf)
		if n == 0 && err == nil {
			if rd.empty++; rd.empty >= maxEmptyReads {
				err = io.ErrNoProgress
			}
		} else {
			rd.empty = 0
		}
		if n > 0 {
			rd.p.Feed(rd.buf[:n], &rd.cb)
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				rd.p.Reset()
			}
			rd.err = err
		}
	}
}

// LastEventID returns the last event ID seen so far.
func (rd *Reader) LastEventID() string { return rd.p.LastEventID() }
