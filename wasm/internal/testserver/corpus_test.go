package testserver_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/internal/testserver"
)

// corpusHashes pin the corpora: benchmarks stay comparable across commits
// only while these do not change.
var corpusHashes = map[string]string{
	"small": "9b160cee616f50e73ca2203306da5081ee4c247d0bdff7c9662d8ad481f5d517",
	"large": "40f8f147e7fa8c17bb489f77b17a980e705a49ef1ae9cfa17b2550fd59cd7036",
	"mixed": "88c413c7910232058fc45dcbdea4deb27222f74d2c71c6765bbe9fcf1b03161f",
}

func sha(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func TestCorpora(t *testing.T) {
	checks := map[string]func(t *testing.T, data []byte, p parsed){
		"small": checkSmallCorpus,
		"large": checkLargeCorpus,
		"mixed": checkMixedCorpus,
	}
	for _, name := range []string{"small", "large", "mixed"} {
		t.Run(name, func(t *testing.T) {
			data, info, ok := testserver.Corpus(name)
			require.True(t, ok)
			assert.Equal(t, name, info.Name)
			assert.Equal(t, int64(len(data)), info.Bytes)
			assert.Equal(t, corpusHashes[name], sha(data), "the corpus changed")
			p := parseSSE(data)
			require.Len(t, p.Events, info.Events)
			var total int64
			for _, e := range p.Events {
				total += int64(len(e.Data))
			}
			assert.Equal(t, info.DataBytes, total)
			again, _, _ := testserver.Corpus(name)
			assert.Equal(t, &data[0], &again[0], "generated once")
			checks[name](t, data, p)
		})
	}
	_, _, ok := testserver.Corpus("nope")
	assert.False(t, ok)
}

func checkSmallCorpus(t *testing.T, data []byte, p parsed) {
	assert.Equal(t, data, testserver.SmallCorpus())
	evs := p.Events
	require.Len(t, evs, testserver.SmallCorpusEvents+1)
	assert.Equal(t, "[DONE]", evs[len(evs)-1].Data)
	for _, i := range []int{0, 1, 9, 12, 22, testserver.SmallCorpusEvents - 1} {
		var chunk struct {
			Object  string `json:"object"`
			Choices []struct {
				Delta struct {
					Content string `json:"content"`
				} `json:"delta"`
			} `json:"choices"`
		}
		require.NoError(t, json.Unmarshal([]byte(evs[i].Data), &chunk), evs[i].Data)
		assert.Equal(t, "chat.completion.chunk", chunk.Object)
		require.Len(t, chunk.Choices, 1)
		assert.NotEmpty(t, chunk.Choices[0].Delta.Content)
	}
	assert.Equal(t, "message", evs[0].Type)
	assert.NotContains(t, string(data), "\r")
	assert.True(t, utf8.Valid(data))
}

func checkLargeCorpus(t *testing.T, data []byte, p parsed) {
	assert.Equal(t, &data[0], &testserver.LargeCorpus()[0])
	evs := p.Events
	require.Len(t, evs, testserver.LargeCorpusEvents)
	for _, e := range evs {
		require.Len(t, e.Data, testserver.LargeCorpusEventSize)
	}
	for _, i := range []int{0, 1, 25, testserver.LargeCorpusEvents - 1} {
		assert.Equal(t, testserver.EventData(int64(i+1), testserver.LargeCorpusEventSize, testserver.LargeCorpusLines), evs[i].Data)
		assert.Equal(t, testserver.LargeCorpusLines-1, strings.Count(evs[i].Data, "\n"))
	}
}

func checkMixedCorpus(t *testing.T, data []byte, p parsed) {
	assert.Equal(t, data, testserver.MixedCorpus())
	s := string(data)
	assert.True(t, strings.HasPrefix(s, "\xEF\xBB\xBF"), "starts with a BOM")
	assert.Equal(t, 1, strings.Count(s, "\xEF\xBB\xBF"))
	assert.True(t, utf8.Valid(data))
	for _, want := range []string{"\r\n", ": keepalive", "retry: 1000", "retry: 12ab", "event: update", "event: ping", "foo: ignored", "data:h", "\rdata:", "\nid\n", "id: only-", "日本語", "🎉"} {
		assert.Contains(t, s, want)
	}
	assert.Contains(t, strings.ReplaceAll(s, "\r\n", ""), "\r", "bare CR line endings")
	require.Len(t, p.Events, testserver.MixedCorpusEvents)
	assert.Equal(t, int64(1000), p.Retry)
	types := map[string]int{}
	var emptyID, onlyID, multiline, emptyLine int
	for _, e := range p.Events {
		types[e.Type]++
		switch {
		case e.ID == "":
			emptyID++
		case strings.HasPrefix(e.ID, "only-"):
			onlyID++
		}
		if strings.Contains(e.Data, "\n") {
			multiline++
		}
		if strings.HasSuffix(e.Data, "\n") {
			emptyLine++
		}
	}
	assert.Equal(t, []string{"delta", "message", "ping", "update"}, sortedKeys(types))
	assert.Positive(t, emptyID)
	assert.Positive(t, onlyID, "id-only blocks carry over to later events")
	assert.Positive(t, multiline)
	assert.Positive(t, emptyLine, "empty data lines are kept")
	assert.Equal(t, "héllo wörld\n0\nhéllo wörld\n\n", p.Events[0].Data)
	assert.Equal(t, "0", p.Events[0].ID)
}

func sortedKeys(m map[string]int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestCorpusRoute(t *testing.T) {
	srv := testserver.NewTestServer(t)
	for _, tc := range []struct {
		name, method string
		limit        int64 // bytes read before closing; -1 = all
	}{
		{"small", http.MethodGet, -1}, {"mixed", http.MethodPost, -1}, {"large", http.MethodGet, 1 << 20},
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
		assert.Equal(t, strconv.FormatInt(info.DataBytes, 10), resp.Header.Get("X-Corpus-Data-Bytes"))
		assert.True(t, bytes.Equal(want, got), "%s %s: body differs", tc.method, tc.name)
	}
	resp, _ := get(t, srv.URL+"/corpus?name=nope")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)

	want := testserver.MixedCorpus()
	_, body, err := do(t, client, http.MethodGet, srv.URL+"/corpus?name=mixed&dropAtByte=100001", nil)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.True(t, bytes.Equal(want[:100001], body))
	_, body, err = do(t, client, http.MethodGet, srv.URL+"/corpus?name=mixed&chunk=1000&trickle=0", nil)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, body))
}
