//go:build js && wasm

package jsbridge

import (
	"context"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sseTestURL returns the base URL of the lead's SSE test server
// (wasm/internal/testserver), or skips the test when SSE_TEST_URL is unset.
func sseTestURL(t *testing.T) string {
	t.Helper()
	u := strings.TrimRight(os.Getenv("SSE_TEST_URL"), "/")
	if u == "" {
		t.Skip("SSE_TEST_URL not set: the real-server tests run where the test server is started")
	}
	return u
}

// readBody reads a whole body through a Reader (bounded in chunks and
// time) and returns the text and the final error (io.EOF on a clean end).
func readBody(t *testing.T, body js.Value) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r := NewReader(body)
	defer r.Close()
	var sb strings.Builder
	for range 100_000 {
		data, _, err := r.Read(ctx)
		if err != nil {
			return sb.String(), err
		}
		sb.Write(data)
	}
	t.Fatal("too many chunks")
	return "", nil
}

func TestServerEcho(t *testing.T) {
	base := sseTestURL(t)
	live := LiveFuncs()
	for _, body := range []string{"string", "bytes"} {
		t.Run(body, func(t *testing.T) {
			init := jsFn([]string{"kind"}, `return {
				method: "POST",
				headers: {"X-Custom": "one", "Content-Type": "text/plain"},
				body: kind === "bytes" ? new TextEncoder().encode("héllo") : "héllo",
			};`).Invoke(body)
			resp, err := Fetch(context.Background(), js.Undefined(), base+"/echo?key=jsbridge-echo", init)
			require.NoError(t, err)
			require.Equal(t, 200, resp.Status)
			assert.Equal(t, "text/event-stream", resp.Header("Content-Type"))
			text, err := readBody(t, resp.Body)
			require.ErrorIs(t, err, io.EOF)
			assert.Contains(t, text, "event: method\ndata: POST\n\n")
			assert.Contains(t, text, "data: X-Custom: one\n")
			assert.Contains(t, text, "event: body-length\ndata: 6\n\n")
			assert.Contains(t, text, "event: body\ndata: héllo\n\n")
		})
	}
	waitLive(t, live)
}

func TestServerStreamToEOF(t *testing.T) {
	base := sseTestURL(t)
	live := LiveFuncs()
	resp, err := Fetch(context.Background(), js.Undefined(), base+"/sse?events=50", js.Undefined())
	require.NoError(t, err)
	require.Equal(t, 200, resp.Status)
	text, err := readBody(t, resp.Body)
	require.ErrorIs(t, err, io.EOF)
	assert.Equal(t, 50, strings.Count(text, "data: msg "))
	assert.True(t, strings.HasSuffix(text, "data: msg 50\n\n"))
	waitLive(t, live)
}

func TestServerPacedStreamOnePair(t *testing.T) {
	base := sseTestURL(t)
	live := LiveFuncs()
	resp, err := Fetch(context.Background(), js.Undefined(), base+"/sse?events=20&delay=5", js.Undefined())
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r := NewReader(resp.Body)
	var sb strings.Builder
	for range 1000 {
		data, _, err := r.Read(ctx)
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		require.Equal(t, live+2, LiveFuncs(), "one callback pair per stream")
		sb.Write(data)
	}
	assert.Equal(t, 20, strings.Count(sb.String(), "data: msg "))
	assert.Equal(t, live, LiveFuncs())
}

func TestServerDroppedConnection(t *testing.T) {
	base := sseTestURL(t)
	live := LiveFuncs()
	resp, err := Fetch(context.Background(), js.Undefined(), base+"/sse?events=10&dropAfter=3&delay=40", js.Undefined())
	require.NoError(t, err)
	text, err := readBody(t, resp.Body)
	require.Error(t, err)
	assert.NotErrorIs(t, err, io.EOF, "a cut connection is not a clean end")
	var e *Error
	assert.ErrorAs(t, err, &e)
	// Data still unread when the reset arrives may be discarded by the
	// network stack, so only the paced events before the last are certain.
	assert.Contains(t, text, "data: msg 2\n\n")
	assert.NotContains(t, text, "msg 4")
	waitLive(t, live)
}

func TestServerAbortDuringFetch(t *testing.T) {
	base := sseTestURL(t)
	live := LiveFuncs()
	ac := NewAbortController()
	init := NewObject()
	init.Set("signal", ac.Signal())
	go func() {
		time.Sleep(50 * time.Millisecond)
		ac.Abort()
	}()
	start := time.Now()
	_, err := Fetch(context.Background(), js.Undefined(), base+"/sse?stallHeaders=5000", init)
	assert.True(t, IsAbort(err), "got %v", err)
	assert.Less(t, time.Since(start), 2*time.Second)
	waitLive(t, live)
}

func TestServerAbortDuringRead(t *testing.T) {
	base := sseTestURL(t)
	live := LiveFuncs()
	ac := NewAbortController()
	init := NewObject()
	init.Set("signal", ac.Signal())
	resp, err := Fetch(context.Background(), js.Undefined(), base+"/sse?events=1000&delay=50", init)
	require.NoError(t, err)
	r := NewReader(resp.Body)
	defer r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	data, _, err := r.Read(ctx)
	require.NoError(t, err)
	assert.Contains(t, string(data), "data: msg 1")

	go func() {
		time.Sleep(20 * time.Millisecond)
		ac.Abort()
	}()
	start := time.Now()
	for range 100 { // chunks already buffered may come first
		if _, _, err = r.Read(ctx); err != nil {
			break
		}
	}
	assert.True(t, IsAbort(err), "got %v", err)
	assert.Less(t, time.Since(start), 2*time.Second)
	r.Close()
	waitLive(t, live)
}

func TestServerContextCancelDuringRead(t *testing.T) {
	base := sseTestURL(t)
	live := LiveFuncs()
	resp, err := Fetch(context.Background(), js.Undefined(), base+"/sse?events=5&delay=2000", js.Undefined())
	require.NoError(t, err)
	r := NewReader(resp.Body)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, _, err = r.Read(ctx) // msg 1 comes at once
	require.NoError(t, err)
	short, cancelShort := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancelShort()
	start := time.Now()
	_, _, err = r.Read(short)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), time.Second)
	r.Close()
	waitLive(t, live)
}

func TestServerResponseText(t *testing.T) {
	base := sseTestURL(t)
	live := LiveFuncs()
	resp, err := Fetch(context.Background(), js.Undefined(), base+"/sse?status=503&body=server+busy+"+strconv.Itoa(42), js.Undefined())
	require.NoError(t, err)
	assert.Equal(t, 503, resp.Status)
	text, err := resp.Text(context.Background(), 1024)
	require.NoError(t, err)
	assert.Contains(t, text, "server busy 42")

	resp, err = Fetch(context.Background(), js.Undefined(), base+"/sse?events=100000&size=100", js.Undefined())
	require.NoError(t, err)
	text, err = resp.Text(context.Background(), 300)
	require.NoError(t, err)
	assert.Len(t, text, 300)
	assert.True(t, strings.HasPrefix(text, "data: "))
	waitLive(t, live)
}
