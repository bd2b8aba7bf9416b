package main

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// getTicker opens /api/ticker with a query and an optional Last-Event-ID.
func getTicker(t *testing.T, base, query, lastID string) *http.Response {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, base+"/api/ticker"+query, nil)
	require.NoError(t, err)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestTickerSendsNumberedTicks(t *testing.T) {
	ts, _ := newTestServer(t, testConfig)
	resp := getTicker(t, ts.URL, "?every=20", "")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/event-stream; charset=utf-8", resp.Header.Get("Content-Type"))
	rd := sse.NewReader(resp.Body, sse.Options{})
	start := time.Now()
	for want := 1; want <= 4; want++ {
		ev, err := rd.Next()
		require.NoError(t, err)
		assert.Equal(t, "message", ev.Type)
		assert.Equal(t, strconv.Itoa(want), ev.ID)
		var tk tick
		require.NoError(t, json.Unmarshal([]byte(ev.Data), &tk))
		assert.Equal(t, want, tk.N)
		assert.Equal(t, priceAt(want), tk.Price)
		assert.Len(t, tk.Time, len("15:04:05.000"))
	}
	assert.GreaterOrEqual(t, time.Since(start), 55*time.Millisecond, "one tick per interval, the first at once")
}

func TestTickerResumesAndEndsAfterDrop(t *testing.T) {
	ts, s := newTestServer(t, testConfig)
	resp := getTicker(t, ts.URL, "?every=20&drop=3", "41")
	evs, err := readEvents(t, resp.Body)
	require.NoError(t, err, "drop ends the response cleanly")
	assert.Equal(t, []int{42, 43, 44}, ids(t, evs))

	// The query form, for clients that cannot set headers.
	resp = getTicker(t, ts.URL, "?every=20&drop=2&lastEventId=7", "")
	evs, err = readEvents(t, resp.Body)
	require.NoError(t, err)
	assert.Equal(t, []int{8, 9}, ids(t, evs))

	eventually(t, func() bool { return s.ticker.snapshot()["active"] == 0 }, "ticker streams closed")
	assert.Equal(t, map[string]int{"connections": 2, "active": 0, "resumes": 2}, s.ticker.snapshot())
}

func TestTickerRejectsBadRequests(t *testing.T) {
	ts, _ := newTestServer(t, testConfig)
	for _, q := range []string{"?every=5", "?every=x", "?every=600000", "?drop=-1", "?drop=x"} {
		resp := getTicker(t, ts.URL, q, "")
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode, q)
	}
	resp := getTicker(t, ts.URL, "", "abc")
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	pr, err := http.Post(ts.URL+"/api/ticker", "application/json", nil)
	require.NoError(t, err)
	pr.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, pr.StatusCode)
}

func TestTickerStats(t *testing.T) {
	ts, _ := newTestServer(t, testConfig)
	resp := getTicker(t, ts.URL, "?every=20", "")
	rd := sse.NewReader(resp.Body, sse.Options{})
	_, err := rd.Next()
	require.NoError(t, err)
	st, err := http.Get(ts.URL + "/api/stats")
	require.NoError(t, err)
	defer st.Body.Close()
	var v struct{ Ticker map[string]int }
	require.NoError(t, json.NewDecoder(st.Body).Decode(&v))
	assert.Equal(t, map[string]int{"connections": 1, "active": 1, "resumes": 0}, v.Ticker)
}
