package testserver_test

import (
	"encoding/base64"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/internal/testserver"
)

// byType groups event data by event type.
func byType(evs []ev) map[string][]string {
	m := map[string][]string{}
	for _, e := range evs {
		m[e.Type] = append(m[e.Type], e.Data)
	}
	return m
}

func TestEcho(t *testing.T) {
	srv := testserver.NewTestServer(t)
	t.Run("text body, headers, cookies", func(t *testing.T) {
		body := "{\"a\": 1}\nsecond line\n\nüñí"
		req, err := http.NewRequest(http.MethodPut, srv.URL+"/echo?key=e&x=1", strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Last-Event-ID", "42")
		req.Header.Set("Authorization", "Bearer t")
		req.Header.Add("X-Multi", "a")
		req.Header.Add("X-Multi", "b")
		req.AddCookie(&http.Cookie{Name: "zeta", Value: "2"})
		req.AddCookie(&http.Cookie{Name: "alpha", Value: "1"})
		resp, err := client.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		assert.Equal(t, "text/event-stream", resp.Header.Get("Content-Type"))
		data := readAll(t, resp)
		p := parseSSE(data)
		m := byType(p.Events)
		assert.Equal(t, []string{"PUT"}, m["method"])
		assert.Equal(t, []string{"/echo?key=e&x=1"}, m["url"])
		hdrs := m["header"]
		assert.Contains(t, hdrs, "Content-Type: application/json")
		assert.Contains(t, hdrs, "Last-Event-Id: 42")
		assert.Contains(t, hdrs, "Authorization: Bearer t")
		assert.Contains(t, hdrs, "X-Multi: a, b")
		assert.Contains(t, hdrs, "Host: "+strings.TrimPrefix(srv.URL, "http://"))
		assert.IsNonDecreasing(t, hdrs, "sorted")
		assert.Equal(t, []string{"alpha=1", "zeta=2"}, m["cookie"])
		assert.Equal(t, []string{strconv.Itoa(len(body))}, m["body-length"])
		assert.Equal(t, []string{body}, m["body"])
		assert.Equal(t, []string{"end"}, m["end"])
		assert.Equal(t, "end", p.Events[len(p.Events)-1].Type)
		st := srv.Stats("e")
		assert.Equal(t, "42", st.LastEventID)
		assert.Equal(t, "PUT", st.LastMethod)
		assert.Equal(t, "Bearer t", st.LastHeaders["Authorization"])
	})
	t.Run("binary and CR bodies are base64", func(t *testing.T) {
		for _, body := range []string{"\xff\x00\x01", "a\r\nb"} {
			_, data, err := do(t, client, http.MethodPost, srv.URL+"/echo", strings.NewReader(body))
			require.NoError(t, err)
			m := byType(parseSSE(data).Events)
			assert.Nil(t, m["body"])
			assert.Equal(t, []string{base64.StdEncoding.EncodeToString([]byte(body))}, m["body-base64"])
		}
	})
	t.Run("empty body", func(t *testing.T) {
		_, data := get(t, srv.URL+"/echo")
		m := byType(parseSSE(data).Events)
		assert.Equal(t, []string{"GET"}, m["method"])
		assert.Equal(t, []string{"0"}, m["body-length"])
		assert.Nil(t, m["body"])
		assert.Nil(t, m["body-base64"])
		assert.Nil(t, m["cookie"])
	})
}

// readAll reads a response body, requiring a clean end.
func readAll(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return b
}
