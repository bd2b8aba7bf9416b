package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"time"
)

// Limits of a chat request.
const (
	maxPromptBytes = 8 << 10
	maxBodyBytes   = 64 << 10
	maxSlowMillis  = 10_000
	maxDrop        = 100_000
	// dropLinger is how long a dropped stream stays open after its last token.
	dropLinger = 50 * time.Millisecond
)

var convPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// chatRequest is the JSON body of POST /api/chat. The knobs may also be
// given as query parameters (conv, drop, end, noIds, fail, slow), which win.
type chatRequest struct {
	// Prompt picks the answer (the same prompt always gets the same text).
	Prompt string `json:"prompt"`
	// Conv names the conversation: stats and once-only faults are per conv.
	Conv string `json:"conv"`
	// Drop cuts the connection right after token number Drop, on the
	// first stream of the conversation only.
	Drop int `json:"drop"`
	// End ends the response cleanly right after token number End, without
	// the usage and done events, on the first stream of the conversation
	// only: a truncated answer that looks like a finished one, unless the
	// client waits for "done".
	End int `json:"end"`
	// NoIDs sends the tokens without ids: the client cannot resume the
	// answer (a reconnect would start it over, so it is not re-sent).
	NoIDs bool `json:"noIds"`
	// Fail is "500" or "429": the first request of the conversation fails
	// with that status (429 with Retry-After: 1).
	Fail string `json:"fail"`
	// Slow is the delay before each token in ms (0: the server default).
	Slow int `json:"slow"`
}

// parseChat reads and validates the body and the query knobs.
func parseChat(w http.ResponseWriter, r *http.Request) (chatRequest, error) {
	var req chatRequest
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		return req, errors.New("demo: reading body: " + err.Error())
	}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &req); err != nil {
			return req, errors.New("demo: body must be JSON {\"prompt\": ...}: " + err.Error())
		}
	}
	q := r.URL.Query()
	if v := q.Get("prompt"); v != "" {
		req.Prompt = v
	}
	if v := q.Get("conv"); v != "" {
		req.Conv = v
	}
	if v := q.Get("fail"); v != "" {
		req.Fail = v
	}
	if err := queryInt(q, "drop", &req.Drop); err != nil {
		return req, err
	}
	if err := queryInt(q, "end", &req.End); err != nil {
		return req, err
	}
	if v := q.Get("noIds"); v != "" {
		req.NoIDs = v == "1" || v == "true"
	}
	if err := queryInt(q, "slow", &req.Slow); err != nil {
		return req, err
	}
	switch {
	case req.Prompt == "":
		return req, errors.New("demo: prompt is required")
	case len(req.Prompt) > maxPromptBytes:
		return req, errors.New("demo: prompt is too long")
	case req.Conv != "" && !convPattern.MatchString(req.Conv):
		return req, errors.New("demo: conv must be 1 to 64 of A-Z a-z 0-9 _ -")
	case req.Conv == "" && (req.Drop != 0 || req.End != 0 || req.Fail != ""):
		return req, errors.New("demo: drop, end and fail need a conv (they happen once per conversation)")
	case req.Fail != "" && req.Fail != "500" && req.Fail != "429":
		return req, errors.New(`demo: fail must be "500" or "429"`)
	case req.Drop < 0 || req.Drop > maxDrop:
		return req, errors.New("demo: drop out of range")
	case req.End < 0 || req.End > maxDrop:
		return req, errors.New("demo: end out of range")
	case req.Slow < 0 || req.Slow > maxSlowMillis:
		return req, errors.New("demo: slow must be 0 to 10000 ms")
	}
	return req, nil
}

// queryInt sets *dst from the query parameter name when present.
func queryInt(q url.Values, name string, dst *int) error {
	v := q.Get(name)
	if v == "" {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return errors.New("demo: " + name + " must be an integer")
	}
	*dst = n
	return nil
}

// handleChat streams the answer to a prompt, one token per event with the
// token's number as its id (none with noIds), after a "meta" event and
// before "usage" and "done". A Last-Event-ID of k resumes at token k+1.
func (s *server) handleChat(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "demo: POST a JSON body {\"prompt\": ...}", http.StatusMethodNotAllowed)
		return
	}
	req, err := parseChat(w, r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	a := s.answers.pick(req.Prompt)
	conv := req.Conv
	track := func(f func(c *convStats)) {
		if conv != "" {
			s.convs.update(conv, f)
		}
	}

	fail := false
	track(func(c *convStats) {
		c.Requests++
		c.Answer = a.Name
		c.Prompt = req.Prompt
		if req.Fail != "" && !c.failed {
			c.failed = true
			c.Failures++
			fail = true
		}
	})
	if fail {
		if req.Fail == "429" {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "demo: too many requests (injected once; retry after 1 s)", http.StatusTooManyRequests)
			return
		}
		http.Error(w, "demo: internal server error (injected once)", http.StatusInternalServerError)
		return
	}

	from := 1
	lastID := r.Header.Get("Last-Event-ID")
	if lastID != "" {
		k, err := strconv.Atoi(lastID)
		if err != nil || k < 0 || k > len(a.Tokens) {
			http.Error(w, "demo: unknown Last-Event-ID "+strconv.Quote(lastID), http.StatusBadRequest)
			return
		}
		from = k + 1
	}
	track(func(c *convStats) {
		c.Streams++
		if lastID != "" {
			c.Resumes = append(c.Resumes, lastID)
		}
	})

	delay := s.cfg.TokenDelay
	if req.Slow > 0 {
		delay = time.Duration(req.Slow) * time.Millisecond
	}
	ctx := r.Context()
	ew := startStream(w)
	meta, _ := json.Marshal(map[string]any{"conv": conv, "answer": a.Name, "tokens": len(a.Tokens), "from": from})
	if ew.retry(int(s.cfg.Retry/time.Millisecond)) != nil || ew.event("meta", "", string(meta)) != nil {
		track(func(c *convStats) { c.Disconnects++ })
		return
	}
	for i := from; i <= len(a.Tokens); i++ {
		id := strconv.Itoa(i)
		if req.NoIDs {
			id = ""
		}
		if err := s.pause(ctx, ew, delay); err != nil || ew.event("", id, a.Tokens[i-1]) != nil {
			track(func(c *convStats) { c.Disconnects++ })
			return
		}
		drop, end := false, false
		track(func(c *convStats) {
			c.TokensSent++
			if req.Drop > 0 && i == req.Drop && !c.dropped {
				c.dropped = true
				c.Drops++
				drop = true
			}
			if req.End > 0 && i == req.End && !c.ended {
				c.ended = true
				c.Ends++
				end = true
			}
		})
		if end {
			return // a clean end of the body: the final chunk is sent
		}
		if drop {
			// Abort the connection without ending the chunked body: the
			// client sees a network error, not a clean end. The short wait
			// lets the last token reach the page first (Chromium may
			// discard bytes that arrive together with the error); the
			// resume is exact either way.
			s.pause(ctx, ew, dropLinger)
			panic(http.ErrAbortHandler)
		}
	}
	usage, _ := json.Marshal(map[string]int{
		"prompt_tokens":     countTokens(req.Prompt),
		"completion_tokens": len(a.Tokens),
		"total_tokens":      countTokens(req.Prompt) + len(a.Tokens),
	})
	done, _ := json.Marshal(map[string]any{"conv": conv, "tokens": len(a.Tokens)})
	if ew.event("usage", "", string(usage)) != nil || ew.event("done", "", string(done)) != nil {
		track(func(c *convStats) { c.Disconnects++ })
		return
	}
	track(func(c *convStats) { c.Completed++ })
}

// pause waits d, writing a ": ping" comment whenever the stream has been
// quiet for the ping interval. It returns the context's error if the
// client goes away, or a write error.
func (s *server) pause(ctx context.Context, ew *eventWriter, d time.Duration) error {
	end := time.Now().Add(d)
	for {
		now := time.Now()
		left := end.Sub(now)
		ping := ew.lastWrite.Add(s.cfg.Ping).Sub(now)
		if left <= 0 {
			return ctx.Err()
		}
		step := min(left, max(ping, 0))
		t := time.NewTimer(step)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		if time.Since(ew.lastWrite) >= s.cfg.Ping {
			if err := ew.comment("ping"); err != nil {
				return err
			}
		}
	}
}
