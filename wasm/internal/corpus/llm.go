package corpus

import "sync"

// LLMEvents is the number of events in LLMLike.
const LLMEvents = 100_000

var (
	llmOnce sync.Once
	llm     []byte
)

// tokens is the vocabulary of LLMLike: sub-word pieces as a language model
// streams them (a leading space starts a word), punctuation and JSON
// escapes ("\n", "\"", as the JSON text carries them). A few are non-ASCII:
// accents, CJK and an emoji (a UTF-16 surrogate pair); llmNonASCII of every
// 100 tokens come from llmRare instead.
var tokens = []string{
	" the", " of", " and", " to", " a", " in", " is", " that", " for", " it",
	" stream", " event", " server", " client", " token", " model", " answer",
	" Web", "Assembly", " parse", "r", "ing", "ed", "s", " re", "con", "nect",
	" browser", " network", " buffer", " chunk", " latency", " response",
	".", ",", ":", " (", ")", "?", "!", " -", `\n`, `\n\n`, `\"`, " `", "`",
	" 1", "2", "0", " 42", " 3.14", " I", " You", " We", " The", " This",
}

// llmRare holds the non-ASCII tokens of LLMLike.
var llmRare = []string{" café", " naïve", " 你好", "世界", " こんにちは", " 😀", " —", " →", " €"}

// llmNonASCII is how many tokens in 100 are non-ASCII.
const llmNonASCII = 3

// LLMLike returns a stream shaped like a language model's token stream:
// LLMEvents one-line JSON events of about 50 bytes each,
//
//	data: {"content":"<token>","i":<n>,"done":false}
//
// where n counts from 0 and the token is one sub-word piece (about 3% of
// them non-ASCII). LF line endings, no other fields, no final sentinel.
// About 5 MB: many more events per byte than Small.
func LLMLike() []byte {
	llmOnce.Do(func() { llm = genLLM() })
	return llm
}

func genLLM() []byte {
	r := rng{s: 4}
	b := make([]byte, 0, LLMEvents*56)
	for i := 0; i < LLMEvents; i++ {
		b = append(b, `data: {"content":"`...)
		if r.intn(100) < llmNonASCII {
			b = append(b, llmRare[r.intn(len(llmRare))]...)
		} else {
			b = append(b, tokens[r.intn(len(tokens))]...)
		}
		b = append(b, `","i":`...)
		b = appendInt(b, i)
		b = append(b, ",\"done\":false}\n\n"...)
	}
	return b
}
