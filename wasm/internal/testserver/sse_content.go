package testserver

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
)

// alphabet is the cycle deterministic payloads are drawn from.
const alphabet = "abcdefghijklmnopqrstuvwxyz"

// sseContent are the /sse parameters that decide what the body holds.
type sseContent struct {
	events     int64
	size       int64 // data bytes per event; -1 = "msg <n>"
	lines      int64
	ids        bool
	event      string
	retry      int64 // -1 = no retry field
	comment    bool
	eol        string
	doneStatus int

	raw     []byte // raw=: exact body; nil = absent
	garbage int64  // garbage=: bytes of binary garbage; -1 = absent
	huge    int64  // huge=: length of one unterminated data line; -1 = absent
	seed    uint64

	pattern []byte // alphabet repeated, size+26 long, when size >= 0
}

// parseSSEContent reads the /sse content parameters; errors are left in p.
func parseSSEContent(p *params) *sseContent {
	sc := &sseContent{}
	sc.events = p.int("events", 10, 0, maxCount)
	sc.size = p.int("size", -1, 0, 1<<24)
	sc.lines = p.int("lines", 1, 1, 1<<20)
	sc.ids = p.bool("ids")
	sc.event = p.str("event", "")
	if strings.ContainsAny(sc.event, "\r\n") {
		p.fail("event", sc.event, "must not contain CR or LF")
	}
	sc.retry = p.int("retry", -1, 0, 1<<31)
	sc.comment = p.bool("comment")
	switch p.oneOf("eol", "lf", "lf", "crlf", "cr") {
	case "crlf":
		sc.eol = "\r\n"
	case "cr":
		sc.eol = "\r"
	default:
		sc.eol = "\n"
	}
	if p.bool("crlf") {
		sc.eol = "\r\n"
	}
	sc.doneStatus = int(p.int("doneStatus", 0, 200, 599))
	if p.has("raw") {
		sc.raw = decodeRaw(p, p.v.Get("raw"))
	}
	sc.garbage = p.int("garbage", -1, 0, maxBytes)
	sc.huge = p.int("huge", -1, 0, maxBytes)
	sc.seed = uint64(p.int("seed", 1, 0, 1<<62))
	if sc.size >= 0 {
		sc.pattern = make([]byte, sc.size+int64(len(alphabet)))
		for i := range sc.pattern {
			sc.pattern[i] = alphabet[i%len(alphabet)]
		}
	}
	return sc
}

// decodeRaw decodes base64url (padding optional; '+' and '/' accepted too).
func decodeRaw(p *params, s string) []byte {
	s = strings.TrimRight(s, "=")
	s = strings.NewReplacer("+", "-", "/", "_").Replace(s)
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		p.fail("raw", s, "not base64url")
		return []byte{}
	}
	if b == nil {
		b = []byte{}
	}
	return b
}

// resumeFrom is the 0-based index of the first event to send: the numeric
// Last-Event-ID header (or lastEventId= when the header is absent or
// empty), clamped to [0, events]; 0 when neither is a number.
func (sc *sseContent) resumeFrom(r *http.Request) int64 {
	if !sc.ids {
		return 0
	}
	v := r.Header.Get("Last-Event-ID")
	if v == "" {
		v = r.URL.Query().Get("lastEventId")
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return min(n, sc.events)
}

// render appends event i (0-based; its number is n = i+1) to buf:
//
//	[": ping"]  [id: n]  [event: name]  data lines  blank line
func (sc *sseContent) render(buf []byte, i int64) []byte {
	n := i + 1
	if sc.comment {
		buf = append(append(buf, ": ping"...), sc.eol...)
	}
	if sc.ids {
		buf = append(strconv.AppendInt(append(buf, "id: "...), n, 10), sc.eol...)
	}
	if sc.event != "" {
		buf = append(append(append(buf, "event: "...), sc.event...), sc.eol...)
	}
	if sc.size < 0 {
		for j := int64(1); j <= sc.lines; j++ {
			buf = strconv.AppendInt(append(buf, "data: msg "...), n, 10)
			if sc.lines > 1 {
				buf = strconv.AppendInt(append(buf, '.'), j, 10)
			}
			buf = append(buf, sc.eol...)
		}
	} else {
		payload := max(sc.size-(sc.lines-1), 0)
		start := n % int64(len(alphabet))
		per := payload / sc.lines
		for j := int64(0); j < sc.lines; j++ {
			k := per
			if j == sc.lines-1 {
				k = payload - per*(sc.lines-1)
			}
			buf = append(append(buf, "data: "...), sc.pattern[start:start+k]...)
			buf = append(buf, sc.eol...)
			start += k
		}
	}
	return append(buf, sc.eol...)
}

// EventData returns the data an /sse event carries by default: event
// number n (1-based) with size= (-1 when absent) and lines= as given. It is
// the value a client dispatches (lines joined with LF).
func EventData(n, size, lines int64) string {
	sc := &sseContent{size: size, lines: max(lines, 1), eol: "\n"}
	if size >= 0 {
		sc.pattern = make([]byte, size+int64(len(alphabet)))
		for i := range sc.pattern {
			sc.pattern[i] = alphabet[i%len(alphabet)]
		}
	}
	var out []string
	for _, line := range strings.Split(string(sc.render(nil, n-1)), "\n") {
		if v, ok := strings.CutPrefix(line, "data: "); ok {
			out = append(out, v)
		}
	}
	return strings.Join(out, "\n")
}
