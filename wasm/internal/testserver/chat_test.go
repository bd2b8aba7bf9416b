package testserver_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/internal/testserver"
)

// chatContents decodes the chat chunks and checks the final [DONE].
func chatContents(t *testing.T, body []byte) []string {
	t.Helper()
	evs := parseSSE(body).Events
	require.NotEmpty(t, evs)
	require.Equal(t, "[DONE]", evs[len(evs)-1].Data)
	var out []string
	for _, e := range evs[:len(evs)-1] {
		var chunk struct {
			ID      string `json:"id"`
			Object  string `json:"object"`
			Choices []struct {
				Index int `json:"index"`
				Delta struct {
					Content string `json:"content"`
				} `json:"delta"`
			} `json:"choices"`
		}
		require.NoError(t, json.Unmarshal([]byte(e.Data), &chunk), e.Data)
		assert.Equal(t, "chatcmpl-1", chunk.ID)
		assert.Equal(t, "chat.completion.chunk", chunk.Object)
		require.Len(t, chunk.Choices, 1)
		out = append(out, chunk.Choices[0].Delta.Content)
	}
	return out
}

func TestChat(t *testing.T) {
	srv := testserver.NewTestServer(t)
	_, body, err := do(t, client, http.MethodPost, srv.URL+"/chat?key=c", strings.NewReader(`{"prompt":"hi","tokens":3}`), "Content-Type", "application/json")
	require.NoError(t, err)
	assert.Equal(t, []string{"tok1 ", "tok2 ", "tok3 "}, chatContents(t, body))
	assert.Contains(t, string(body), `data: {"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"tok1 "}}]}`+"\n\n")
	assert.True(t, strings.HasSuffix(string(body), "data: [DONE]\n\n"))
	assert.Equal(t, "POST", srv.Stats("c").LastMethod)

	_, body = get(t, srv.URL+"/chat")
	assert.Len(t, chatContents(t, body), 5, "default")
	_, body = get(t, srv.URL+"/chat?tokens=2")
	assert.Len(t, chatContents(t, body), 2, "query tokens")
	_, body, err = do(t, client, http.MethodPost, srv.URL+"/chat?tokens=9", strings.NewReader(`{"prompt":"x","tokens":0}`))
	require.NoError(t, err)
	assert.Empty(t, chatContents(t, body), "the body wins")
	_, body, err = do(t, client, http.MethodPost, srv.URL+"/chat?tokens=2", strings.NewReader(`{"prompt":"x"}`))
	require.NoError(t, err)
	assert.Len(t, chatContents(t, body), 2, "body without tokens")

	for _, bad := range []string{`{`, `{"tokens":-1}`, `{"tokens":"3"}`} {
		resp, _, err := do(t, client, http.MethodPost, srv.URL+"/chat", strings.NewReader(bad))
		require.NoError(t, err)
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode, bad)
	}

	// The streaming parameters apply.
	_, body, err = do(t, client, http.MethodPost, srv.URL+"/chat?dropAfter=2&dropPause=0", strings.NewReader(`{"tokens":4}`))
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Len(t, parseSSE(body).Events, 2)
	resp, _, err := do(t, client, http.MethodPost, srv.URL+"/chat?key=cf&failTimes=1&status=429&retryAfter=2", strings.NewReader(`{"tokens":1}`))
	require.NoError(t, err)
	assert.Equal(t, 429, resp.StatusCode)
	assert.Equal(t, "2", resp.Header.Get("Retry-After"))
	_, body, err = do(t, client, http.MethodPost, srv.URL+"/chat?key=cf&failTimes=1&status=429", strings.NewReader(`{"tokens":1}`))
	require.NoError(t, err)
	assert.Equal(t, []string{"tok1 "}, chatContents(t, body))
	_, body = get(t, srv.URL+fmt.Sprintf("/chat?tokens=%d", 1000))
	assert.Len(t, chatContents(t, body), 1000)
}
