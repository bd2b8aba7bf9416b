package corpus

import "sync"

// MixedSize is the approximate size of Mixed in bytes.
const MixedSize = 10 << 20

var (
	mixedOnce  sync.Once
	mixed      []byte
	mixedCount int
)

// nonASCII holds the non-ASCII text of Mixed: CJK, accents, emoji (outside
// the BMP, so four UTF-8 bytes and a UTF-16 surrogate pair each).
var nonASCII = []string{
	"你好，世界", "服务器发送事件", "こんにちは", "ストリーム", "안녕하세요",
	"café", "naïve", "Größe", "😀", "🚀", "👩‍💻", "🇯🇵", "€100", "—", "→",
}

// Mixed returns a stream of about MixedSize bytes that mixes everything a
// real server sends: a leading BOM, LF, CRLF and lone CR line endings
// (chosen per line), keep-alive comments, comments inside blocks, ids,
// id-only and retry-only blocks (which dispatch nothing), named events,
// multi-line data, "data" without a colon or a space, empty data, unknown
// fields, 1–4 KiB JSON payloads, non-ASCII text and, rarely, invalid UTF-8.
// Every block is complete; Count("mixed") is the number it dispatches.
func Mixed() []byte {
	mixedOnce.Do(func() { mixed, mixedCount = genMixed() })
	return mixed
}

func genMixed() ([]byte, int) {
	g := mixedGen{r: rng{s: 3}, b: make([]byte, 0, MixedSize+64<<10)}
	g.b = append(g.b, 0xEF, 0xBB, 0xBF)
	for seq := 0; len(g.b) < MixedSize; seq++ {
		g.block(seq)
	}
	return g.b, g.count
}

type mixedGen struct {
	r      rng
	b      []byte
	count  int
	lastCR bool // the last line ended with a lone CR
}

// eol ends a line: LF half of the time, CRLF 40%, CR 10%.
func (g *mixedGen) eol() {
	g.lastCR = false
	switch v := g.r.intn(10); {
	case v < 5:
		g.b = append(g.b, '\n')
	case v < 9:
		g.b = append(g.b, '\r', '\n')
	default:
		g.b = append(g.b, '\r')
		g.lastCR = true
	}
}

// blank ends a block. After a lone CR, a blank line made of a lone LF would
// join it into one CRLF line ending, so it is written as CRLF instead.
func (g *mixedGen) blank() {
	if g.lastCR {
		g.lastCR = false
		g.b = append(g.b, '\r', '\n')
		return
	}
	g.eol()
}

func (g *mixedGen) line(s ...string) {
	for _, p := range s {
		g.b = append(g.b, p...)
	}
	g.eol()
}

func (g *mixedGen) text(n int, nonASCIIShare int) {
	for k := 0; k < n; k++ {
		if k > 0 {
			g.b = append(g.b, ' ')
		}
		if g.r.intn(100) < nonASCIIShare {
			g.b = append(g.b, nonASCII[g.r.intn(len(nonASCII))]...)
		} else {
			g.b = append(g.b, words[g.r.intn(len(words))]...)
		}
	}
}

// block writes one block, its blank line included, and counts it when it
// dispatches.
func (g *mixedGen) block(seq int) {
	dispatches := true
	switch v := g.r.intn(200); {
	case v < 60: // plain one-line message
		g.b = append(g.b, "data: "...)
		g.text(1+g.r.intn(12), 0)
		g.eol()
	case v < 90: // named event, id, multi-line data
		g.line("event: update")
		g.b = appendInt(append(g.b, "id: "...), seq)
		g.eol()
		for n := 1 + g.r.intn(4); n > 0; n-- {
			g.b = append(g.b, "data: "...)
			g.text(1+g.r.intn(8), 10)
			g.eol()
		}
	case v < 120: // non-ASCII payload, comment inside the block
		g.b = append(g.b, "data:"...)
		g.text(2+g.r.intn(10), 60)
		g.eol()
		g.line(": progress")
		g.b = append(g.b, "data: "...)
		g.text(1+g.r.intn(6), 60)
		g.eol()
	case v < 140: // keep-alive comment only
		g.line(": ping")
		dispatches = false
	case v < 145: // retry only
		g.b = appendInt(append(g.b, "retry: "...), 1000+g.r.intn(9000))
		g.eol()
		dispatches = false
	case v < 150: // id only: updates the last event ID
		g.b = appendInt(append(g.b, "id:"...), seq)
		g.eol()
		dispatches = false
	case v < 160: // "data" without a colon and empty data lines
		g.line("data")
		g.line("data:")
		g.line("data: x")
	case v < 170: // unknown fields, empty event type, retry within an event
		g.line("foo: bar")
		g.line("event:")
		g.line("Data: not a data field")
		g.b = appendInt(append(g.b, "retry: "...), g.r.intn(100000))
		g.eol()
		g.line("data: {\"ok\":true}")
	case v < 198: // 1–4 KiB JSON payload
		n := 1<<10 + g.r.intn(3<<10)
		g.b = append(g.b, `data: {"type":"delta","text":"`...)
		start := len(g.b)
		for len(g.b)-start < n {
			g.text(1, 15)
			g.b = append(g.b, ' ')
		}
		g.b = append(g.b, `"}`...)
		g.eol()
	default: // invalid UTF-8: a truncated sequence and a stray continuation byte
		g.line("event: binary")
		g.line("data: bad \xE2\x82 here \x80 and \xF0\x9F\x98 end")
	}
	g.blank()
	if dispatches {
		g.count++
	}
}
