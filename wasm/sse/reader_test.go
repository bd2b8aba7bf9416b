package sse

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readAll calls Next until an error that is not an *EventTooLargeError,
// at most limit times.
func readAll(t *testing.T, rd *Reader, limit int) ([]Event, []error) {
	t.Helper()
	var evs []Event
	var errs []error
	for range limit {
		e, err := rd.Next()
		if err == nil {
			evs = append(evs, e)
			continue
		}
		errs = append(errs, err)
		var tl *EventTooLargeError
		if !errors.As(err, &tl) {
			return evs, errs
		}
	}
	t.Fatalf("reader did not end within %d calls", limit)
	return nil, nil
}

func TestReaderEOF(t *testing.T) {
	rd := NewReader(strings.NewReader("id: 1\ndata: a\n\nevent: e\ndata: b\n\ndata: unfinished"), Options{})
	evs, errs := readAll(t, rd, 10)
	assert.Equal(t, []Event{ev("message", "a", "1"), ev("e", "b", "1")}, evs)
	assert.Equal(t, []error{io.EOF}, errs)
	// Next keeps returning io.EOF.
	for range 3 {
		_, err := rd.Next()
		assert.Equal(t, io.EOF, err)
	}
	assert.Equal(t, "1", rd.LastEventID())
}

func TestReaderEmptyStream(t *testing.T) {
	_, err := NewReader(strings.NewReader(""), Options{}).Next()
	assert.Equal(t, io.EOF, err)
}

func TestReaderAnyReadSizes(t *testing.T) {
	const stream = "\uFEFFretry: 10\r\nid: 7\r\ndata: h\u00e9\r\ndata: llo\r\n\r\n:ping\r\ndata: x\r\r"
	want := []Event{{Type: "message", Data: "h\u00e9\nllo", ID: "7", Retry: 10}, ev("message", "x", "7")}
	for name, r := range map[string]io.Reader{
		"whole":    strings.NewReader(stream),
		"one byte": iotest.OneByteReader(strings.NewReader(stream)),
		"half":     iotest.HalfReader(strings.NewReader(stream)),
		"data+EOF": iotest.DataErrReader(strings.NewReader(stream)),
	} {
		evs, errs := readAll(t, NewReader(r, Options{}), 50)
		assert.Equal(t, want, evs, name)
		assert.Equal(t, []error{io.EOF}, errs, name)
	}
}

func TestReaderUnderlyingError(t *testing.T) {
	boom := errors.New("connection reset")
	r := io.MultiReader(strings.NewReader("data: a\n\ndata: b\n\ndata: partial\n"), iotest.ErrReader(boom))
	rd := NewReader(r, Options{})
	evs, errs := readAll(t, rd, 10)
	assert.Equal(t, []Event{ev("message", "a", ""), ev("message", "b", "")}, evs)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], boom)
	_, err := rd.Next()
	assert.ErrorIs(t, err, boom, "the error is sticky")
}

func TestReaderErrorWithDataInSameRead(t *testing.T) {
	boom := errors.New("boom")
	rd := NewReader(&oneShot{data: "data: a\n\n", err: boom}, Options{})
	e, err := rd.Next()
	require.NoError(t, err, "events read together with an error come first")
	assert.Equal(t, "a", e.Data)
	_, err = rd.Next()
	assert.ErrorIs(t, err, boom)
}

func TestReaderEventTooLargeThenContinues(t *testing.T) {
	stream := "data: a\n\ndata: " + strings.Repeat("x", 100) + "\ndata: more\n\nid: 3\ndata: b\n\n"
	for _, r := range []io.Reader{strings.NewReader(stream), iotest.OneByteReader(strings.NewReader(stream))} {
		rd := NewReader(r, Options{MaxEventSize: 32})
		e, err := rd.Next()
		require.NoError(t, err)
		assert.Equal(t, "a", e.Data)

		_, err = rd.Next()
		var tl *EventTooLargeError
		require.ErrorAs(t, err, &tl)
		assert.Equal(t, 32, tl.Limit)

		e, err = rd.Next()
		require.NoError(t, err, "Next continues after an oversized event")
		assert.Equal(t, ev("message", "b", "3"), e)

		_, err = rd.Next()
		assert.Equal(t, io.EOF, err)
	}
}

func TestReaderInitialLastEventID(t *testing.T) {
	rd := NewReader(strings.NewReader("data: a\n\n"), Options{LastEventID: "41"})
	assert.Equal(t, "41", rd.LastEventID())
	e, err := rd.Next()
	require.NoError(t, err)
	assert.Equal(t, "41", e.ID)
}

// oneShot returns all its data together with err in a single Read.
type oneShot struct {
	data string
	err  error
	done bool
}

func (o *oneShot) Read(b []byte) (int, error) {
	if o.done {
		return 0, o.err
	}
	o.done = true
	return copy(b, o.data), o.err
}

// zeroReader returns (0, nil) forever.
type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

func TestReaderStopsOnNoProgress(t *testing.T) {
	_, err := NewReader(zeroReader{}, Options{}).Next()
	require.ErrorIs(t, err, io.ErrNoProgress)
}
