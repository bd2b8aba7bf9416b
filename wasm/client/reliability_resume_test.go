//go:build js && wasm

package client_test

import (
	"context"
	"encoding/base64"
	"math/rand/v2"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// Exactly-once resume: the server cuts the connection at pseudo-random byte
// offsets (dropAtByte=, chosen per request by a fetch wrapper from a fixed
// seed), the client resumes with Last-Event-ID each time, and the events
// received must equal the events sent: none lost, none twice, none partial.

// resumeStream is the whole stream the server would send from the start,
// with the offset of every event, so that the bytes of any response (which
// starts after the event the client resumes from) are known.
type resumeStream struct {
	full []byte
	off  []int // off[n] = bytes of events 1..n
	want []sse.Event
}

func (rs *resumeStream) events() int { return len(rs.off) - 1 }

// newResumeStream renders events 1..n with render.
func newResumeStream(n int, render func(n int) (string, sse.Event)) *resumeStream {
	rs := &resumeStream{off: make([]int, 1, n+1)}
	for i := 1; i <= n; i++ {
		text, e := render(i)
		rs.full = append(rs.full, text...)
		rs.off = append(rs.off, len(rs.full))
		rs.want = append(rs.want, e)
	}
	return rs
}

// sseEventName is the event type of the /sse variant: 2-, 3- and 4-byte
// UTF-8 sequences in every event, so cuts land inside them.
const sseEventName = "tick-ü€😀"

// renderSSE is what /sse?ids=1&eol=crlf&comment=1&lines=2&event=<name>
// sends for event n (see the test server's README).
func renderSSE(n int) (string, sse.Event) {
	id := strconv.Itoa(n)
	text := ": ping\r\nid: " + id + "\r\nevent: " + sseEventName + "\r\ndata: msg " + id + ".1\r\ndata: msg " + id + ".2\r\n\r\n"
	return text, sse.Event{Type: sseEventName, Data: "msg " + id + ".1\nmsg " + id + ".2", ID: id, Retry: sse.NoRetry}
}

// renderRaw is a richer event for the raw variant: non-ASCII data (2-, 3-
// and 4-byte sequences), CRLF, LF and lone-CR line endings, comments, two
// data lines, named and default types, an invalid UTF-8 byte now and then.
func renderRaw(n int) (string, sse.Event) {
	eol := [...]string{"\r\n", "\n", "\r"}[n%3]
	id := strconv.Itoa(n)
	e := sse.Event{Type: "message", ID: id, Retry: sse.NoRetry, Data: "ü€😀 " + id + "\n第二行"}
	var b strings.Builder
	if n%4 == 0 {
		b.WriteString(": comment ü" + eol)
	}
	b.WriteString("id: " + id + eol)
	if n%5 != 0 {
		e.Type = [...]string{"tick", "ünï"}[n%2]
		b.WriteString("event: " + e.Type + eol)
	}
	b.WriteString("data: ü€😀 " + id + eol + "data: 第二行")
	if n%7 == 0 {
		b.WriteString(" \xff")
		e.Data += " \uFFFD"
	}
	b.WriteString(eol + eol)
	return b.String(), e
}

// cutRequest is one request the fetch wrapper saw.
type cutRequest struct {
	lastID string // the Last-Event-ID header ("" when absent)
	from   int    // events before this response's first one
	cut    int    // byte offset of the cut in the response; -1: none
	pause0 bool   // cut with dropPause=0 (Chromium may lose the last bytes)
}

// cutPlan is the fetch wrapper's state: it reads the Last-Event-ID header
// the client set, builds the URL of the response that resumes after it, and
// adds a cut while the budget lasts.
type cutPlan struct {
	rs     *resumeStream
	rng    *rand.Rand
	mean   int                        // mean cut offset
	window int                        // raw variant: events per response; 0: /sse variant
	base   func(from, end int) string // URL of the response with events from+1..end
	mu     sync.Mutex
	budget int
	reqs   []cutRequest
}

// wrap returns the fetch function to give the client.
func (p *cutPlan) wrap(t *testing.T) js.Value {
	fetch := js.Global().Get("fetch")
	fn := js.FuncOf(func(_ js.Value, args []js.Value) any {
		u, init := args[0].String(), args[1]
		h := init.Get("headers").Call("get", "last-event-id")
		last := ""
		if h.Type() == js.TypeString {
			last = h.String()
		}
		return fetch.Invoke(p.next(u, last), init)
	})
	t.Cleanup(fn.Release)
	return fn.Value
}

// next records a request and returns the URL to fetch instead of u.
func (p *cutPlan) next(u, last string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	from := 0
	if last != "" {
		from, _ = strconv.Atoi(last)
	}
	n := p.rs.events()
	end := n
	if p.window > 0 {
		end = min(from+p.window, n)
	}
	req := cutRequest{lastID: last, from: from, cut: -1}
	if remaining := p.rs.off[end] - p.rs.off[from]; p.budget > 0 && remaining > 0 {
		p.budget--
		req.cut = p.rng.IntN(min(2*p.mean, remaining))
		// A quarter of the cuts move on to the next CR-LF pair, another
		// quarter into the next UTF-8 sequence: both are certain to occur.
		switch p.rng.IntN(4) {
		case 0:
			req.cut = p.snap(from, req.cut, remaining, func(prev, next byte) bool { return prev == '\r' && next == '\n' })
		case 1:
			req.cut = p.snap(from, req.cut, remaining, func(_, next byte) bool { return next&0xC0 == 0x80 })
		}
		req.pause0 = p.rng.IntN(5) == 0
	}
	p.reqs = append(p.reqs, req)
	if p.window > 0 {
		if from >= n {
			u = p.base(from, end) + "&status=204"
		} else {
			u = p.base(from, end)
		}
	}
	if req.cut >= 0 {
		u += "&dropAtByte=" + strconv.Itoa(req.cut)
		if req.pause0 {
			u += "&dropPause=0"
		}
	}
	return u
}

// snap returns the first offset at or after cut (and before remaining) of
// the response starting after event from where ok holds between the byte
// before and the byte at it; cut when there is none.
func (p *cutPlan) snap(from, cut, remaining int, ok func(prev, next byte) bool) int {
	base := p.rs.off[from]
	for c := max(cut, 1); c < remaining; c++ {
		if ok(p.rs.full[base+c-1], p.rs.full[base+c]) {
			return c
		}
	}
	return cut
}

// classify counts where the cuts landed in the bytes of their responses.
func (p *cutPlan) classify() map[string]int {
	out := map[string]int{}
	for _, r := range p.reqs {
		if r.cut < 0 {
			continue
		}
		at := p.rs.off[r.from] + r.cut // first byte not sent
		prev, next := byte('\n'), p.rs.full[at]
		if at > 0 {
			prev = p.rs.full[at-1]
		}
		switch {
		case r.cut == 0:
			out["before the first byte"]++
		case prev == '\r' && next == '\n':
			out["between CR and LF"]++
		case next&0xC0 == 0x80:
			out["inside a UTF-8 sequence"]++
		case sort.SearchInts(p.rs.off, at) < len(p.rs.off) && p.rs.off[sort.SearchInts(p.rs.off, at)] == at:
			out["between events"]++
		case prev == '\r' || prev == '\n':
			out["between lines of an event"]++
		default:
			out["mid-line"]++
		}
		if r.pause0 {
			out["(with dropPause=0)"]++
		}
	}
	return out
}

// lastIDOf returns the ID of the last event, "" when none.
func lastIDOf(events []sse.Event) string {
	if len(events) == 0 {
		return ""
	}
	return events[len(events)-1].ID
}

func TestReliabilityExactlyOnceResume(t *testing.T) {
	nEvents, cuts := scaled(2000, 10000), scaled(50, 200)
	for _, variant := range []string{"sse", "raw"} {
		t.Run(variant, func(t *testing.T) {
			seed := seedFor(t, map[string]uint64{"sse": 20240607, "raw": 20240611}[variant])
			key := newKey(t)
			plan := &cutPlan{rng: rand.New(rand.NewPCG(seed, 7)), budget: cuts}
			req := client.Request{
				Retry: retry.Policy{InitialDelay: 5 * time.Millisecond, Factor: 1, Jitter: -1},
			}
			// The /sse variant dispatches through OnEvent; the raw one
			// through a Sink decoding batches as the npm shim does.
			var mu sync.Mutex
			var received []sse.Event
			got := func() []sse.Event { return received }
			var seen []string // the last event ID received before each reconnect
			h := client.Handler{
				OnEvent: func(e sse.Event) {
					mu.Lock()
					received = append(received, e)
					mu.Unlock()
				},
				OnError: func(err error, next client.Next) (client.Next, error) {
					mu.Lock()
					seen = append(seen, lastIDOf(got()))
					mu.Unlock()
					return next, nil
				},
			}
			if variant == "sse" {
				plan.rs = newResumeStream(nEvents, renderSSE)
				req.URL = route(t, "/sse", key, "ids=1&eol=crlf&comment=1&lines=2&events="+strconv.Itoa(nEvents)+
					"&event="+url.QueryEscape(sseEventName))
			} else {
				plan.rs = newResumeStream(nEvents, renderRaw)
				// Responses of `window` events, so that a cut anywhere in
				// one loses half a window on average.
				plan.window = max(2, nEvents*8/5/cuts)
				plan.base = func(from, end int) string {
					return route(t, "/sse", key, "raw="+base64.RawURLEncoding.EncodeToString(plan.rs.full[plan.rs.off[from]:plan.rs.off[end]]))
				}
				req.URL = "unused"
				req.ReconnectOnEnd = true
				k := newShimSink("")
				h.Sink = k
				got = func() []sse.Event { return k.events }
			}
			plan.mean = plan.rs.off[nEvents] * 4 / 5 / cuts // the cuts cover ~80% of the stream
			req.Fetch = plan.wrap(t)

			start := time.Now()
			s := client.Open(context.Background(), req, h)
			t.Cleanup(func() { s.Close(); <-s.Done() })
			err := wait(t, s, time.Duration(cuts)*time.Second)
			took := time.Since(start)
			if variant == "raw" {
				var he *client.HTTPError
				require.ErrorAs(t, err, &he, "the raw variant ends with the 204 sent once every event was received")
				assert.Equal(t, 204, he.Status)
			} else {
				require.NoError(t, err)
			}

			mu.Lock()
			events := append([]sse.Event(nil), got()...)
			seen = append([]string(nil), seen...)
			mu.Unlock()
			requireSameEvents(t, plan.rs.want, events, "received vs sent")

			plan.mu.Lock()
			reqs := append([]cutRequest(nil), plan.reqs...)
			classes := plan.classify()
			plan.mu.Unlock()
			applied := 0
			for _, q := range reqs {
				if q.cut >= 0 {
					applied++
				}
			}
			assert.Equal(t, cuts, applied, "every planned cut was made")
			st := waitStats(t, key, "dropped", applied, 5*time.Second)
			assert.EqualValues(t, applied, st.Dropped, "the server cut %d responses", applied)
			assert.EqualValues(t, len(reqs), st.Requests)

			// Each request resumed from the last event received before it.
			// (the raw variant's final 204 is reported to OnError as well)
			require.GreaterOrEqual(t, len(seen), len(reqs)-1)
			for i := 1; i < len(reqs); i++ {
				assert.Equal(t, seen[i-1], reqs[i].lastID, "request %d resumes after the last event received", i)
			}
			assert.Equal(t, "", reqs[0].lastID)
			prev := 0
			for i, q := range reqs {
				assert.GreaterOrEqual(t, q.from, prev, "request %d does not go back", i)
				prev = q.from
			}
			t.Logf("%s: %d events compared, %d cuts survived in %d requests, %v; seed %d; cuts landed: %v",
				variant, len(events), applied, len(reqs), took.Round(time.Millisecond), seed, classes)
			assert.Positive(t, classes["between CR and LF"])
			assert.Positive(t, classes["inside a UTF-8 sequence"])
			assert.Positive(t, classes["mid-line"])
		})
	}
}
