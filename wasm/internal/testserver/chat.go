package testserver

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
)

// maxChatTokens bounds tokens= and the JSON "tokens" of /chat.
const maxChatTokens = 1_000_000

// chatRequest is the JSON body /chat reads.
type chatRequest struct {
	Prompt string `json:"prompt"`
	Tokens *int64 `json:"tokens"`
}

// handleChat serves /chat: a body {"prompt": "...", "tokens": N} (N
// defaults to tokens= of the query, else 5) gives N events
//
//	data: {"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"tok<i> "}}]}
//
// with i = 1..N, then "data: [DONE]". Any method is accepted; an empty
// body uses the defaults. The streaming parameters of /sse (delay,
// dropAfter, status, failTimes, end, ...) apply; the [DONE] event counts as
// an event for dropAfter and stallAfter.
func (s *Server) handleChat(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL.Query())
	o := parseStreamOptions(p)
	tokens := p.int("tokens", 5, 0, maxChatTokens)
	if p.err != nil {
		http.Error(w, p.err.Error(), http.StatusBadRequest)
		return nil
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxEchoBody))
	if err != nil {
		http.Error(w, "testserver: reading body: "+err.Error(), http.StatusRequestEntityTooLarge)
		return nil
	}
	if len(raw) > 0 {
		var req chatRequest
		if err := json.Unmarshal(raw, &req); err != nil {
			http.Error(w, "testserver: chat body: "+err.Error(), http.StatusBadRequest)
			return nil
		}
		if req.Tokens != nil {
			if *req.Tokens < 0 || *req.Tokens > maxChatTokens {
				http.Error(w, "testserver: chat body: tokens out of range", http.StatusBadRequest)
				return nil
			}
			tokens = *req.Tokens
		}
	}
	c := s.newCall(w, r, o)
	defer c.close()
	if handled, err := c.respondHead(); handled {
		return err
	}
	sw, err := c.startStream("text/event-stream")
	if err != nil {
		return err
	}
	return c.settle(c.runEvents(sw, 0, tokens+1, func(buf []byte, i int64) []byte {
		return appendChatChunk(buf, i, tokens)
	}))
}

// appendChatChunk appends chat event i (0-based) of a stream of n tokens;
// event n is [DONE].
func appendChatChunk(buf []byte, i, n int64) []byte {
	if i == n {
		return append(buf, "data: [DONE]\n\n"...)
	}
	buf = append(buf, `data: {"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"tok`...)
	buf = strconv.AppendInt(buf, i+1, 10)
	return append(buf, " \"}}]}\n\n"...)
}
