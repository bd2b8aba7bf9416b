package testserver_test

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/internal/corpus"
	"github.com/wasm-sse/wasm-sse/wasm/internal/testserver"
)

// The large corpus (128 MiB) is left to package corpus's own tests: under
// -race generating it costs seconds, and it is served by the same code.

func TestCorpora(t *testing.T) {
	getters := map[string]func() []byte{
		"small": testserver.SmallCorpus, "llm-like": testserver.LLMLikeCorpus, "mixed": testserver.MixedCorpus,
	}
	for _, name := range []string{"small", "llm-like", "mixed"} {
		t.Run(name, func(t *testing.T) {
			data, info, ok := testserver.Corpus(name)
			require.True(t, ok)
			assert.Equal(t, name, info.Name)
			assert.Equal(t, int64(len(data)), info.Bytes)
			shared := corpus.ByName(name)
			assert.Same(t, &shared[0], &data[0], "the bytes of package corpus, generated once")
			assert.Same(t, &shared[0], &getters[name]()[0])
			// An independent reference parser agrees on the event count.
			assert.Equal(t, info.Events, len(parseSSE(data).Events))
			assert.Positive(t, info.Events)
		})
	}
	_, _, ok := testserver.Corpus("nope")
	assert.False(t, ok)
}

func TestCorpusRoute(t *testing.T) {
	srv := testserver.NewTestServer(t)
	for _, tc := range []struct {
		name, method string
		limit        int64 // bytes read before closing; -1 = all
	}{
		{"small", http.MethodGet, -1}, {"mixed", http.MethodPost, -1}, {"small", http.MethodPut, 1 << 20},
		{"llm-like", http.MethodGet, -1}, {"llm-like", http.MethodPost, -1},
	} {
		want, info, _ := testserver.Corpus(tc.name)
		req, err := http.NewRequest(tc.method, srv.URL+"/corpus?name="+tc.name+"&method=any", nil)
		require.NoError(t, err)
		resp, err := client.Do(req)
		require.NoError(t, err)
		var body io.Reader = resp.Body
		if tc.limit >= 0 {
			body = io.LimitReader(resp.Body, tc.limit)
			want = want[:tc.limit]
		}
		got, err := io.ReadAll(body)
		resp.Body.Close()
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Equal(t, "text/event-stream", resp.Header.Get("Content-Type"))
		assert.Equal(t, info.Bytes, resp.ContentLength)
		assert.Equal(t, strconv.Itoa(info.Events), resp.Header.Get("X-Corpus-Events"))
		assert.True(t, bytes.Equal(want, got), "%s %s: body differs", tc.method, tc.name)
	}
	resp, _ := get(t, srv.URL+"/corpus?name=nope")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)

	want := testserver.MixedCorpus()
	_, body, err := do(t, client, http.MethodGet, srv.URL+"/corpus?name=mixed&dropAtByte=100001&dropPause=0", nil)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.True(t, bytes.Equal(want[:100001], body))
	_, body, err = do(t, client, http.MethodGet, srv.URL+"/corpus?name=mixed&chunk=4096&dropAtByte=300000&dropPause=0", nil)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.True(t, bytes.Equal(want[:300000], body))
}

func TestDropSeedByteBodies(t *testing.T) {
	srv := testserver.NewTestServer(t)
	_, want := get(t, srv.URL+"/sse?garbage=300000")
	url := func(key string) string { return srv.URL + "/sse?garbage=300000&dropPause=0&dropSeed=5&key=" + key }
	_, a, errA := do(t, client, http.MethodGet, url("a"), nil)
	_, b, errB := do(t, client, http.MethodGet, url("b"), nil)
	require.ErrorIs(t, errA, io.ErrUnexpectedEOF)
	require.ErrorIs(t, errB, io.ErrUnexpectedEOF)
	assert.Equal(t, len(a), len(b), "same seed, same cut")
	assert.Less(t, len(a), len(want))
	assert.True(t, bytes.Equal(want[:len(a)], a))
	_, c, errC := do(t, client, http.MethodGet, url("a"), nil)
	require.NoError(t, errC, "drops=1 (default): the second request of the key is whole")
	assert.Equal(t, want, c)
}
