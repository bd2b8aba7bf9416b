package testserver_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/internal/testserver"
)

func TestSSEDropAfter(t *testing.T) {
	srv := testserver.NewTestServer(t)
	for _, tc := range []struct{ drop, want int }{{0, 0}, {2, 2}, {5, 5}} {
		key := fmt.Sprintf("drop%d", tc.drop)
		_, body, err := do(t, client, http.MethodGet, fmt.Sprintf("%s/sse?events=5&ids=1&retry=10&key=%s&dropAfter=%d&dropPause=0", srv.URL, key, tc.drop), nil)
		require.ErrorIs(t, err, io.ErrUnexpectedEOF, "dropAfter=%d must look like a network error", tc.drop)
		p := parseSSE(body)
		assert.Len(t, p.Events, tc.want)
		assert.Equal(t, int64(10), p.Retry)
		st := waitStats(t, srv, key, func(st testserver.Stats) bool { return st.Active == 0 })
		assert.Equal(t, int64(1), st.Dropped)
		assert.Equal(t, int64(0), st.Completed)
	}
	// More than the number of events: a clean end.
	_, body, err := do(t, client, http.MethodGet, srv.URL+"/sse?events=3&dropAfter=4", nil)
	require.NoError(t, err)
	assert.Len(t, parseSSE(body).Events, 3)
}

func TestSSEDropPause(t *testing.T) {
	srv := testserver.NewTestServer(t)
	for _, tc := range []struct {
		query string
		min   time.Duration
	}{{"", 50 * time.Millisecond}, {"&dropPause=250", 250 * time.Millisecond}} {
		resp, err := client.Get(srv.URL + "/sse?events=3&dropAfter=1" + tc.query)
		require.NoError(t, err)
		r := bufio.NewReader(resp.Body)
		for _, want := range []string{"data: msg 1\n", "\n"} {
			line, err := r.ReadString('\n')
			require.NoError(t, err)
			require.Equal(t, want, line)
		}
		start := time.Now()
		_, err = r.ReadByte()
		resp.Body.Close()
		require.ErrorIs(t, err, io.ErrUnexpectedEOF)
		assert.GreaterOrEqual(t, time.Since(start), tc.min-10*time.Millisecond, "the cut waits %v after the last bytes", tc.min)
	}
}

func TestSSEDropAtByte(t *testing.T) {
	srv := testserver.NewTestServer(t)
	base := srv.URL + "/sse?events=4&ids=1&crlf=1&retry=3&dropPause=0"
	_, full := get(t, base)
	for _, n := range []int{0, 1, 7, 8, 9, len(full) / 2, len(full) - 1, len(full)} {
		_, body, err := do(t, client, http.MethodGet, fmt.Sprintf("%s&dropAtByte=%d", base, n), nil)
		require.ErrorIs(t, err, io.ErrUnexpectedEOF, "dropAtByte=%d", n)
		assert.Equal(t, string(full[:n]), string(body), "dropAtByte=%d", n)
	}
	_, body, err := do(t, client, http.MethodGet, fmt.Sprintf("%s&dropAtByte=%d", base, len(full)+1), nil)
	require.NoError(t, err)
	assert.Equal(t, full, body)
	// Byte bodies are cut too.
	_, body, err = do(t, client, http.MethodGet, srv.URL+"/sse?huge=1000000&dropAtByte=70000", nil)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Len(t, body, 70000)
}

func TestSSEDropClean(t *testing.T) {
	srv := testserver.NewTestServer(t)
	base := srv.URL + "/sse?events=6&ids=1&dropClean=1&key="
	// dropAfter: a clean end after 2 events; the same response without
	// dropClean is cut (a network error).
	_, body, err := do(t, client, http.MethodGet, base+"after&dropAfter=2", nil)
	require.NoError(t, err, "dropClean=1 ends the body cleanly")
	assert.Equal(t, []string{"msg 1", "msg 2"}, datas(parseSSE(body).Events))
	_, _, err = do(t, client, http.MethodGet, srv.URL+"/sse?events=6&dropAfter=2&dropPause=0", nil)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	st := waitStats(t, srv, "after", func(st testserver.Stats) bool { return st.Active == 0 })
	assert.Equal(t, int64(1), st.Dropped, "counted as a cut")
	assert.Equal(t, int64(0), st.Completed)

	// dropAtByte: the body ends cleanly mid-event; the unfinished event is
	// discarded by a conforming parser.
	_, full := get(t, srv.URL+"/sse?events=6&ids=1")
	at := bytes.Index(full, []byte("msg 3")) + 2
	_, body, err = do(t, client, http.MethodGet, fmt.Sprintf("%sbyte&dropAtByte=%d", base, at), nil)
	require.NoError(t, err)
	assert.Equal(t, string(full[:at]), string(body))
	assert.Equal(t, []string{"msg 1", "msg 2"}, datas(parseSSE(body).Events))

	// dropSeed: resuming after each clean end gives every event once.
	var got []string
	lastID := ""
	for attempt := 0; attempt < 5; attempt++ {
		var hdr []string
		if lastID != "" {
			hdr = []string{"Last-Event-ID", lastID}
		}
		_, body, err := do(t, client, http.MethodGet, base+"seed&dropSeed=7&drops=3", nil, hdr...)
		require.NoError(t, err)
		p := parseSSE(body)
		got = append(got, datas(p.Events)...)
		if len(p.Events) > 0 {
			lastID = p.Events[len(p.Events)-1].ID
		}
	}
	assert.Equal(t, []string{"msg 1", "msg 2", "msg 3", "msg 4", "msg 5", "msg 6"}, got)
	st = waitStats(t, srv, "seed", func(st testserver.Stats) bool { return st.Active == 0 })
	assert.Equal(t, int64(3), st.Dropped)
	assert.Equal(t, int64(5), st.Requests)
}

// resumeAll reads /sse with dropSeed until the stream ends cleanly,
// resuming from the last dispatched id, like a conforming client. It
// returns the data received and the body length of every attempt.
func resumeAll(t *testing.T, url string, maxAttempts int) (got []string, lengths []int, cuts int) {
	t.Helper()
	lastID := ""
	for attempt := 0; attempt < maxAttempts; attempt++ {
		var hdr []string
		if lastID != "" {
			hdr = []string{"Last-Event-ID", lastID}
		}
		_, body, err := do(t, client, http.MethodGet, url, nil, hdr...)
		lengths = append(lengths, len(body))
		p := parseSSE(body)
		got = append(got, datas(p.Events)...)
		if len(p.Events) > 0 {
			lastID = p.Events[len(p.Events)-1].ID
		}
		if err == nil {
			return got, lengths, cuts
		}
		require.ErrorIs(t, err, io.ErrUnexpectedEOF)
		cuts++
	}
	t.Fatalf("stream did not end after %d attempts", maxAttempts)
	return nil, nil, 0
}

func TestSSEDropSeedExactlyOnce(t *testing.T) {
	srv := testserver.NewTestServer(t)
	const events, drops = 60, 8
	want := make([]string, events)
	for i := range want {
		want[i] = fmt.Sprintf("msg %d", i+1)
	}
	url := func(key string, seed int) string {
		return fmt.Sprintf("%s/sse?events=%d&ids=1&crlf=1&comment=1&lines=2&key=%s&dropSeed=%d&drops=%d&dropPause=0", srv.URL, events, key, seed, drops)
	}
	got, lengthsA, cuts := resumeAll(t, url("a", 42), drops+2)
	wantData := make([]string, events)
	for i := range wantData {
		wantData[i] = testserver.EventData(int64(i+1), -1, 2)
	}
	assert.Equal(t, wantData, got, "every event exactly once, in order")
	assert.Equal(t, drops, cuts)
	st := srv.Stats("a")
	assert.Equal(t, int64(drops), st.Dropped)
	assert.Equal(t, int64(drops+1), st.Requests)
	assert.Equal(t, "", st.LastEventIDs[0])

	_, lengthsB, _ := resumeAll(t, url("b", 42), drops+2)
	assert.Equal(t, lengthsA, lengthsB, "same seed, same cuts")
	_, lengthsC, _ := resumeAll(t, url("c", 43), drops+2)
	assert.NotEqual(t, lengthsA, lengthsC, "another seed, other cuts")

	// After a reset the same key replays the same cuts.
	srv.ResetStats("a")
	_, lengthsA2, _ := resumeAll(t, url("a", 42), drops+2)
	assert.Equal(t, lengthsA, lengthsA2)
}

func TestSSEDropSpread(t *testing.T) {
	srv := testserver.NewTestServer(t)
	const events, drops = 200, 10
	url := func(key string, spread bool) string {
		u := fmt.Sprintf("%s/sse?events=%d&ids=1&key=%s&dropSeed=9&drops=%d&dropPause=0", srv.URL, events, key, drops)
		if spread {
			u += "&dropSpread=1"
		}
		return u
	}
	// cutAt returns the last event received before each cut.
	cutAt := func(key string, spread bool) (got []string, at []int) {
		lastID := ""
		for attempt := 0; attempt <= drops+1; attempt++ {
			var hdr []string
			if lastID != "" {
				hdr = []string{"Last-Event-ID", lastID}
			}
			_, body, err := do(t, client, http.MethodGet, url(key, spread), nil, hdr...)
			p := parseSSE(body)
			got = append(got, datas(p.Events)...)
			if len(p.Events) > 0 {
				lastID = p.Events[len(p.Events)-1].ID
			}
			if err == nil {
				return got, at
			}
			n, _ := strconv.Atoi(lastID)
			at = append(at, n)
		}
		t.Fatalf("no clean end after %d requests", drops+2)
		return nil, nil
	}
	got, at := cutAt("spread", true)
	want := make([]string, events)
	for i := range want {
		want[i] = fmt.Sprintf("msg %d", i+1)
	}
	assert.Equal(t, want, got, "every event exactly once")
	require.Len(t, at, drops)
	for k, n := range at {
		// Cut k falls in an event of part k (events k*20+1 .. k*20+20):
		// the last one received before it is at most one event earlier.
		assert.True(t, n >= k*events/drops && n < (k+1)*events/drops, "cut %d after event %d: %v", k, n, at)
	}
	// Without dropSpread the cuts crowd towards the end.
	_, plain := cutAt("plain", false)
	require.Len(t, plain, drops)
	assert.Greater(t, plain[drops/2], at[drops/2], "half the plain cuts are past the middle cut of the spread ones: %v vs %v", plain, at)
	again, at2 := cutAt("spread2", true)
	assert.Equal(t, want, again)
	assert.Equal(t, at, at2, "the same seed gives the same cuts")
}

// rawChunks sends a raw HTTP/1.1 GET and returns the chunk sizes of the
// chunked body.
func rawChunks(t *testing.T, base, path string) []int {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(5*time.Second)))
	_, err = fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", path)
	require.NoError(t, err)
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	require.NoError(t, err)
	require.Equal(t, []string{"chunked"}, resp.TransferEncoding)
	var sizes []int
	for i := 0; i < 100_000; i++ {
		line, err := r.ReadString('\n')
		require.NoError(t, err)
		n, err := strconv.ParseInt(strings.TrimSpace(line), 16, 64)
		require.NoError(t, err, "chunk size line %q", line)
		if n == 0 {
			return sizes
		}
		sizes = append(sizes, int(n))
		_, err = io.CopyN(io.Discard, r, n+2)
		require.NoError(t, err)
	}
	t.Fatal("too many chunks")
	return nil
}

func TestSSETrickleAndChunk(t *testing.T) {
	srv := testserver.NewTestServer(t)
	sizes := rawChunks(t, srv.URL, "/sse?events=2&trickle=1")
	assert.Len(t, sizes, len("data: msg 1\n\ndata: msg 2\n\n"))
	for _, n := range sizes {
		assert.Equal(t, 1, n)
	}
	sizes = rawChunks(t, srv.URL, "/sse?events=3&size=20&chunk=7")
	total := 0
	for _, n := range sizes {
		assert.LessOrEqual(t, n, 7)
		total += n
	}
	assert.Equal(t, 3*(len("data: \n\n")+20), total)
	assert.Contains(t, sizes, 7)

	// Without chunking every event is one flushed chunk.
	sizes = rawChunks(t, srv.URL, "/sse?events=3&retry=5")
	assert.Equal(t, []int{len("retry: 5\n\n"), 13, 13, 13}, sizes)

	start := time.Now()
	_, body := get(t, srv.URL+"/sse?events=1&trickle=1&chunkDelay=20")
	assert.Equal(t, "data: msg 1\n\n", string(body))
	assert.GreaterOrEqual(t, time.Since(start), 12*20*time.Millisecond)
}

// timedRead returns the times at which each event of a stream arrived,
// measured from the request start, and the time the headers arrived.
func timedRead(t *testing.T, url string) (headers time.Duration, events []time.Duration) {
	t.Helper()
	start := time.Now()
	resp, err := client.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	headers = time.Since(start)
	r := bufio.NewReader(resp.Body)
	for i := 0; i < 1000; i++ {
		line, err := r.ReadString('\n')
		if err == io.EOF {
			return headers, events
		}
		require.NoError(t, err)
		if line == "\n" {
			events = append(events, time.Since(start))
		}
	}
	t.Fatal("too many lines")
	return
}

func TestSSEPacing(t *testing.T) {
	srv := testserver.NewTestServer(t)
	t.Run("delay", func(t *testing.T) {
		_, ev := timedRead(t, srv.URL+"/sse?events=3&delay=100")
		require.Len(t, ev, 3)
		assert.Less(t, ev[0], 90*time.Millisecond, "no delay before the first event")
		assert.GreaterOrEqual(t, ev[2]-ev[0], 200*time.Millisecond)
	})
	t.Run("stallAfter", func(t *testing.T) {
		_, ev := timedRead(t, srv.URL+"/sse?events=3&stallAfter=1&stall=300")
		require.Len(t, ev, 3)
		assert.GreaterOrEqual(t, ev[1]-ev[0], 300*time.Millisecond)
		assert.Less(t, ev[2]-ev[1], 250*time.Millisecond)
	})
	t.Run("stall right after headers", func(t *testing.T) {
		h, ev := timedRead(t, srv.URL+"/sse?events=1&stall=300")
		require.Len(t, ev, 1)
		assert.Less(t, h, 250*time.Millisecond, "headers are not delayed")
		assert.GreaterOrEqual(t, ev[0], 300*time.Millisecond)
	})
	t.Run("stallHeaders", func(t *testing.T) {
		h, ev := timedRead(t, srv.URL+"/sse?events=1&stallHeaders=300")
		require.Len(t, ev, 1)
		assert.GreaterOrEqual(t, h, 300*time.Millisecond)
	})
	t.Run("stall after the last event", func(t *testing.T) {
		start := time.Now()
		_, body := get(t, srv.URL+"/sse?events=2&stallAfter=2&stall=200")
		assert.Len(t, parseSSE(body).Events, 2)
		assert.GreaterOrEqual(t, time.Since(start), 200*time.Millisecond)
	})
}

func TestSSEEndHangAndDisconnect(t *testing.T) {
	srv := testserver.NewTestServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/sse?events=2&end=hang&key=hang", nil)
	require.NoError(t, err)
	resp, err := client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	lines := make(chan string, 10)
	go func() {
		defer close(lines)
		for i := 0; i < 10; i++ {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			lines <- line
		}
	}()
	for _, want := range []string{"data: msg 1\n", "\n", "data: msg 2\n", "\n"} {
		select {
		case got := <-lines:
			assert.Equal(t, want, got)
		case <-time.After(3 * time.Second):
			t.Fatal("events did not arrive")
		}
	}
	select {
	case l, ok := <-lines:
		t.Fatalf("the stream should hang, got %q (open=%v)", l, ok)
	case <-time.After(200 * time.Millisecond):
	}
	assert.Equal(t, int64(1), srv.Stats("hang").Active)
	cancel()
	st := waitStats(t, srv, "hang", func(st testserver.Stats) bool { return st.Disconnected == 1 })
	assert.Equal(t, int64(0), st.Active)
	assert.Equal(t, int64(0), st.Completed)
}

func TestDisconnectCountedMidStream(t *testing.T) {
	srv := testserver.NewTestServer(t)
	for _, path := range []string{"/sse?events=1000&delay=20", "/chat?tokens=1000&delay=20", "/sse?events=2&stall=5000", "/corpus?name=mixed&stall=5000"} {
		key := fmt.Sprintf("d%d", len(path))
		ctx, cancel := context.WithCancel(context.Background())
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+path+"&key="+key, nil)
		require.NoError(t, err)
		resp, err := client.Do(req)
		require.NoError(t, err, path)
		if !strings.Contains(path, "stall") {
			_, err = bufio.NewReader(resp.Body).ReadString('\n')
			require.NoError(t, err)
		}
		cancel()
		resp.Body.Close()
		start := time.Now()
		st := waitStats(t, srv, key, func(st testserver.Stats) bool { return st.Disconnected == 1 && st.Active == 0 })
		assert.Less(t, time.Since(start), time.Second, "%s: the handler stops promptly", path)
		assert.Equal(t, int64(1), st.Requests)
	}
}

func TestMaxDuration(t *testing.T) {
	srv := testserver.NewTestServer(t, testserver.WithMaxDuration(300*time.Millisecond))
	start := time.Now()
	_, body, err := do(t, client, http.MethodGet, srv.URL+"/sse?events=100&delay=50&key=slow", nil)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Less(t, time.Since(start), 2*time.Second)
	n := len(parseSSE(body).Events)
	assert.True(t, n >= 3 && n < 100, "events before the cut: %d", n)
	st := waitStats(t, srv, "slow", func(st testserver.Stats) bool { return st.Active == 0 })
	assert.Equal(t, int64(1), st.TimedOut)
	assert.Equal(t, int64(0), st.Disconnected)
}

func TestCloseStopsHangingStreams(t *testing.T) {
	srv := testserver.New()
	require.NoError(t, srv.Start(""))
	require.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"))
	resp, err := client.Get(srv.URL + "/sse?events=1&end=hang&key=c")
	require.NoError(t, err)
	defer resp.Body.Close()
	waitStats(t, srv, "c", func(st testserver.Stats) bool { return st.Active == 1 })
	readDone := make(chan error, 1)
	go func() {
		_, err := io.ReadAll(resp.Body)
		readDone <- err
	}()
	start := time.Now()
	require.NoError(t, srv.Close())
	assert.Less(t, time.Since(start), time.Second)
	select {
	case <-readDone:
	case <-time.After(3 * time.Second):
		t.Fatal("client read did not end after Close")
	}
	st := srv.Stats("c")
	assert.Equal(t, int64(0), st.Active)
	assert.Equal(t, int64(0), st.Disconnected, "a shutdown is not a client disconnect")
	require.NoError(t, srv.Close(), "Close twice")
	_, err = client.Get(srv.URL + "/health")
	require.Error(t, err, "the listener is closed")
}
