package testserver

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
)

// Corpus shapes. Go parser benchmarks and the JS benchmarks (through
// /corpus) read the same bytes.
const (
	// SmallCorpusEvents is the number of chat chunk events in
	// [SmallCorpus], not counting the final [DONE] event.
	SmallCorpusEvents = 100_000
	// LargeCorpusEvents is the number of events in [LargeCorpus].
	LargeCorpusEvents = 2_000
	// LargeCorpusEventSize is the length of each [LargeCorpus] event's data.
	LargeCorpusEventSize = 64 << 10
	// LargeCorpusLines is the number of data lines of each LargeCorpus event.
	LargeCorpusLines = 64
	// MixedCorpusEvents is the number of events [MixedCorpus] dispatches.
	MixedCorpusEvents = 20_000
)

// CorpusInfo describes a corpus as a conforming client sees it.
type CorpusInfo struct {
	// Name is "small", "large" or "mixed".
	Name string
	// Bytes is the length of the stream.
	Bytes int64
	// Events is the number of events a conforming client dispatches.
	Events int
	// DataBytes is the sum of the UTF-8 lengths of their data.
	DataBytes int64
}

// corpusEntry generates one corpus once.
type corpusEntry struct {
	once sync.Once
	gen  func() ([]byte, CorpusInfo)
	data []byte
	info CorpusInfo
}

func (e *corpusEntry) get() ([]byte, CorpusInfo) {
	e.once.Do(func() { e.data, e.info = e.gen() })
	return e.data, e.info
}

var corpora = map[string]*corpusEntry{
	"small": {gen: genSmall},
	"large": {gen: genLarge},
	"mixed": {gen: genMixed},
}

// Corpus returns the named corpus ("small", "large", "mixed") and its
// description; ok is false for other names. The bytes are generated once
// and shared: do not modify them.
func Corpus(name string) (data []byte, info CorpusInfo, ok bool) {
	e := corpora[name]
	if e == nil {
		return nil, CorpusInfo{}, false
	}
	data, info = e.get()
	return data, info, true
}

// SmallCorpus returns 100,000 small JSON events shaped like an OpenAI chat
// completion stream, then "data: [DONE]" (about 16 MB, LF line endings).
// Shared: do not modify.
func SmallCorpus() []byte { b, _, _ := Corpus("small"); return b }

// LargeCorpus returns 2,000 events whose data is 64 KiB each, split over 64
// data lines (about 126 MiB, LF line endings); it is the body of
// /sse?events=2000&size=65536&lines=64. Shared: do not modify.
func LargeCorpus() []byte { b, _, _ := Corpus("large"); return b }

// MixedCorpus returns 20,000 events that exercise the whole syntax: a BOM,
// LF, CRLF and CR line endings, comments, ids (set, reset by a bare "id"),
// id-only blocks, retry fields (valid and invalid), named events, unknown
// fields, "data:" without a space, empty data lines, extra blank lines and
// non-ASCII text. Shared: do not modify.
func MixedCorpus() []byte { b, _, _ := Corpus("mixed"); return b }

// chatWords are the tokens of the small corpus; some carry JSON escapes
// and non-ASCII text as real model output does.
var chatWords = []string{
	"The", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog.",
	`\n`, "Hello,", "world!", `\"quoted\"`, "stream", "tokens", "arrive",
	"one", "at", "a", "time", "café", "naïve", "日本", "🎉", "```go", "func",
	"main()", "{", "}", "1.", "2.", "-", "**bold**",
}

func genSmall() ([]byte, CorpusInfo) {
	const head = `data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"`
	const tail = `"},"finish_reason":null}]}` + "\n\n"
	var b bytes.Buffer
	b.Grow(SmallCorpusEvents * (len(head) + len(tail) + 12))
	info := CorpusInfo{Name: "small", Events: SmallCorpusEvents + 1}
	for i := 0; i < SmallCorpusEvents; i++ {
		w := chatWords[(i*7)%len(chatWords)]
		if i > 0 {
			w = " " + w
		}
		b.WriteString(head)
		b.WriteString(w)
		b.WriteString(tail)
		info.DataBytes += int64(len(head) - len("data: ") + len(w) + len(tail) - 2)
	}
	b.WriteString("data: [DONE]\n\n")
	info.DataBytes += int64(len("[DONE]"))
	info.Bytes = int64(b.Len())
	return b.Bytes(), info
}

func genLarge() ([]byte, CorpusInfo) {
	sc := &sseContent{size: LargeCorpusEventSize, lines: LargeCorpusLines, eol: "\n"}
	sc.pattern = make([]byte, sc.size+int64(len(alphabet)))
	for i := range sc.pattern {
		sc.pattern[i] = alphabet[i%len(alphabet)]
	}
	one := sc.render(nil, 0)
	b := make([]byte, 0, LargeCorpusEvents*(len(one)+8))
	for i := int64(0); i < LargeCorpusEvents; i++ {
		b = sc.render(b, i)
	}
	return b, CorpusInfo{Name: "large", Bytes: int64(len(b)), Events: LargeCorpusEvents,
		DataBytes: LargeCorpusEvents * LargeCorpusEventSize}
}

// mixedTexts are the data of the mixed corpus; none holds CR or LF.
var mixedTexts = []string{
	"héllo wörld", "日本語のテキスト", "emoji 🎉🚀 ok", "Ελληνικά γράμματα",
	`{"k":"v","n":1}`, "plain ascii line", "tab\tinside", "  two leading spaces",
	"colon: inside", "ünïcödé ∑ ∞ ≠",
}

// mixedNames are the event types of the mixed corpus ("" = message).
var mixedNames = []string{"", "update", "", "ping", "", "delta"}

func genMixed() ([]byte, CorpusInfo) {
	var b bytes.Buffer
	info := CorpusInfo{Name: "mixed", Events: MixedCorpusEvents}
	b.WriteString("\xEF\xBB\xBF")
	for i := 0; i < MixedCorpusEvents; i++ {
		eol := [...]string{"\n", "\r\n", "\r"}[i%3]
		line := func(parts ...string) {
			for _, p := range parts {
				b.WriteString(p)
			}
			b.WriteString(eol)
		}
		n := strconv.Itoa(i)
		if i%5 == 0 {
			line(": keepalive ", n)
		}
		switch i % 1000 {
		case 0:
			line("retry: 1000")
		case 500:
			line("retry: 12ab")
		}
		if i%4 == 0 {
			line("id: ", n)
		} else if i%97 == 0 {
			line("id")
		}
		if name := mixedNames[i%len(mixedNames)]; name != "" {
			line("event: ", name)
		}
		if i%13 == 0 {
			line("foo: ignored field")
		}
		t := mixedTexts[i%len(mixedTexts)]
		data := []string{t + " " + n}
		if i%6 == 0 {
			data = []string{t, n, t}
		}
		for j, d := range data {
			if i%8 == 0 && j == 0 {
				line("data:", d)
			} else {
				line("data: ", d)
			}
		}
		if i%11 == 0 {
			line("data:")
			data = append(data, "")
		}
		if i%23 == 0 {
			line("data")
			data = append(data, "")
		}
		line()
		info.DataBytes += int64(len(strings.Join(data, "\n")))
		if i%17 == 0 {
			line("id: only-", n)
			line()
		}
		if i%19 == 0 {
			line()
		}
	}
	info.Bytes = int64(b.Len())
	return b.Bytes(), info
}
