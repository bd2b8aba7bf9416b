//go:build js && wasm

package jsbridge

import (
	"context"
	"errors"
	"io"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readAll reads r to the end (at most limit chunks), checking every chunk
// against the fixture pattern.
func readAll(t *testing.T, r *Reader, size, limit int) (chunks int, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for chunks < limit {
		data, chunk, err := r.Read(ctx)
		if err != nil {
			return chunks, err
		}
		require.Equal(t, expectedChunk(chunks, size), data, "chunk %d", chunks)
		require.Equal(t, size, chunk.Get("byteLength").Int())
		chunks++
	}
	return chunks, nil
}

func TestReaderReadsToEOF(t *testing.T) {
	base := LiveFuncs()
	fx := newStreamFixture(5, 1000, true)
	r := NewReader(fx.stream)
	n, err := readAll(t, r, 1000, 10)
	require.ErrorIs(t, err, io.EOF)
	assert.Equal(t, 5, n)
	assert.Equal(t, base, LiveFuncs(), "released at EOF without Close")

	_, _, err = r.Read(context.Background())
	assert.ErrorIs(t, err, io.EOF, "EOF is sticky")
	r.Close()
	r.Close()
	assert.False(t, fx.state.Get("cancelled").Bool(), "a finished stream is not cancelled")
	_, _, err = r.Read(context.Background())
	assert.ErrorIs(t, err, ErrClosed)
	assert.Equal(t, base, LiveFuncs())
}

func TestReaderReusesOnePairFor100Chunks(t *testing.T) {
	base := LiveFuncs()
	fx := newStreamFixture(100, 64, true)
	r := NewReader(fx.stream)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for k := range 100 {
		data, _, err := r.Read(ctx)
		require.NoError(t, err, "chunk %d", k)
		require.Equal(t, expectedChunk(k, 64), data)
		require.Equal(t, base+2, LiveFuncs(), "one resolve/reject pair for the whole stream (chunk %d)", k)
	}
	_, _, err := r.Read(ctx)
	require.ErrorIs(t, err, io.EOF)
	assert.Equal(t, base, LiveFuncs())
}

func TestReaderGrowsBufferForLargeChunks(t *testing.T) {
	base := LiveFuncs()
	sizes := []int{10, initialBufSize, initialBufSize + 1, 3 * initialBufSize, 7}
	for _, size := range sizes {
		fx := newStreamFixture(2, size, false)
		r := NewReader(fx.stream)
		n, err := readAll(t, r, size, 5)
		require.ErrorIs(t, err, io.EOF, "size %d", size)
		assert.Equal(t, 2, n)
		r.Close()
	}
	assert.Equal(t, base, LiveFuncs())
}

func TestReaderCloseMidStream(t *testing.T) {
	base := LiveFuncs()
	fx := newStreamFixture(1000, 16, true)
	r := NewReader(fx.stream)
	n, err := readAll(t, r, 16, 3)
	require.NoError(t, err)
	require.Equal(t, 3, n)
	r.Close()
	waitLive(t, base)
	assert.True(t, fx.state.Get("cancelled").Bool(), "the rest of the body is cancelled")
	_, _, err = r.Read(context.Background())
	assert.ErrorIs(t, err, ErrClosed)
}

func TestReaderCloseBeforeRead(t *testing.T) {
	base := LiveFuncs()
	fx := newStreamFixture(10, 16, true)
	r := NewReader(fx.stream)
	r.Close()
	assert.Equal(t, base, LiveFuncs())
	waitFor(t, func() bool { return fx.state.Get("cancelled").Bool() })
	_, _, err := r.Read(context.Background())
	assert.ErrorIs(t, err, ErrClosed)
	assert.Equal(t, base, LiveFuncs())
}

func TestReaderCloseWhileReadWaits(t *testing.T) {
	base := LiveFuncs()
	stream, _ := pendingStream()
	r := NewReader(stream)
	errc := make(chan error, 1)
	go func() {
		_, _, err := r.Read(context.Background())
		errc <- err
	}()
	time.Sleep(20 * time.Millisecond)
	require.Equal(t, base+2, LiveFuncs())
	r.Close()
	select {
	case err := <-errc:
		assert.ErrorIs(t, err, ErrClosed)
	case <-time.After(2 * time.Second):
		t.Fatal("Read did not return after Close")
	}
	waitLive(t, base)
}

func TestReaderContextCancelKeepsData(t *testing.T) {
	base := LiveFuncs()
	stream, ctl := pendingStream()
	r := NewReader(stream)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err := r.Read(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), time.Second)

	ctl.Call("enqueue", jsEval(`new Uint8Array([1, 2, 3])`))
	data, _, err := r.Read(context.Background())
	require.NoError(t, err)
	assert.Equal(t, []byte{1, 2, 3}, data, "the pending read's chunk is not lost")
	ctl.Call("close")
	_, _, err = r.Read(context.Background())
	require.ErrorIs(t, err, io.EOF)
	assert.Equal(t, base, LiveFuncs())
}

func TestReaderCancelledContextThenClose(t *testing.T) {
	base := LiveFuncs()
	stream, _ := pendingStream()
	r := NewReader(stream)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, _, err := r.Read(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Equal(t, base+2, LiveFuncs(), "the pending read keeps its pair")
	r.Close()
	waitLive(t, base)
}

func TestReaderStreamError(t *testing.T) {
	base := LiveFuncs()
	stream, ctl := pendingStream()
	r := NewReader(stream)
	errc := make(chan error, 1)
	go func() {
		_, _, err := r.Read(context.Background())
		errc <- err
	}()
	time.Sleep(10 * time.Millisecond)
	ctl.Call("error", jsEval(`new DOMException("stop", "AbortError")`))
	var err error
	select {
	case err = <-errc:
	case <-time.After(2 * time.Second):
		t.Fatal("Read did not return on stream error")
	}
	assert.True(t, IsAbort(err), "got %v", err)
	_, _, err2 := r.Read(context.Background())
	assert.Equal(t, err, err2, "the error is sticky")
	r.Close()
	assert.Equal(t, base, LiveFuncs())
}

func TestReaderNonBytesChunk(t *testing.T) {
	base := LiveFuncs()
	stream, ctl := pendingStream()
	ctl.Call("enqueue", "a string chunk")
	r := NewReader(stream)
	_, _, err := r.Read(context.Background())
	require.ErrorIs(t, err, errNotBytes)
	r.Close()
	assert.Equal(t, base, LiveFuncs())
}

func TestReaderBadBody(t *testing.T) {
	base := LiveFuncs()
	for _, expr := range []string{`null`, `undefined`, `({})`, `(() => { const s = new ReadableStream(); s.getReader(); return s; })()`} {
		r := NewReader(jsEval(expr))
		_, _, err := r.Read(context.Background())
		require.Error(t, err, expr)
		assert.False(t, errors.Is(err, io.EOF), expr)
		r.Close()
	}
	assert.Equal(t, base, LiveFuncs())
}

func TestReaderAbortViaSignal(t *testing.T) {
	base := LiveFuncs()
	// A fetch stand-in whose body errors with the signal's reason on abort,
	// as a real fetch body does.
	fetchFn := jsFn([]string{"url", "init"}, `
		const body = new ReadableStream({
			start(c) {
				c.enqueue(new Uint8Array([7]));
				init.signal.addEventListener("abort", () => c.error(init.signal.reason));
			},
		});
		return Promise.resolve(new Response(body, {headers: {"content-type": "text/event-stream"}}));
	`)
	ac := NewAbortController()
	init := NewObject()
	init.Set("signal", ac.Signal())
	resp, err := Fetch(context.Background(), fetchFn, "http://example.invalid/", init)
	require.NoError(t, err)
	r := NewReader(resp.Body)
	data, _, err := r.Read(context.Background())
	require.NoError(t, err)
	assert.Equal(t, []byte{7}, data)

	errc := make(chan error, 1)
	go func() {
		_, _, err := r.Read(context.Background())
		errc <- err
	}()
	time.Sleep(10 * time.Millisecond)
	ac.Abort()
	select {
	case err = <-errc:
		assert.True(t, IsAbort(err), "got %v", err)
	case <-time.After(2 * time.Second):
		t.Fatal("Read did not return after abort")
	}
	r.Close()
	assert.Equal(t, base, LiveFuncs())
}

// waitFor polls cond for at most 2 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for !cond() && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	require.True(t, cond())
}

func TestReaderCloseFromSourceCallback(t *testing.T) {
	base := LiveFuncs()
	// The stream source calls into Go synchronously from read() (pull) and
	// Go closes the reader there: no lock may be held across the read() call.
	var r *Reader
	pulls := 0
	pull := js.FuncOf(func(js.Value, []js.Value) any {
		pulls++
		r.Close()
		return nil
	})
	defer pull.Release()
	src := NewObject()
	src.Set("pull", pull)
	strategy := NewObject()
	strategy.Set("highWaterMark", 0)
	r = NewReader(js.Global().Get("ReadableStream").New(src, strategy))
	time.Sleep(10 * time.Millisecond) // let the stream start: then read() pulls synchronously
	require.Equal(t, 0, pulls)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, _, err := r.Read(ctx)
	require.ErrorIs(t, err, ErrClosed)
	assert.Equal(t, 1, pulls)
	waitLive(t, base)
}
