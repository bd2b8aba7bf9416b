package corpus

import "sync"

// SmallEvents is the number of chat-completion chunks in Small (the final
// "[DONE]" event comes on top).
const SmallEvents = 100_000

var (
	smallOnce sync.Once
	small     []byte
)

// Small returns a stream shaped like an OpenAI chat completion: SmallEvents
// one-line JSON events of about 250 bytes, each carrying one word, then
// "data: [DONE]". LF line endings, no other fields. About 25 MB.
func Small() []byte {
	smallOnce.Do(func() { small = genSmall() })
	return small
}

func genSmall() []byte {
	const (
		head = `data: {"id":"chatcmpl-9xKzQv3LmN8pR2tW7yB4cD6fG1hJ","object":"chat.completion.chunk","created":`
		mid  = `,"model":"gpt-4o","system_fingerprint":"fp_3aa7262c27","choices":[{"index":0,"delta":{"content":"`
		tail = ` "},"logprobs":null,"finish_reason":null}]}` + "\n\n"
	)
	r := rng{s: 1}
	b := make([]byte, 0, SmallEvents*(len(head)+len(mid)+len(tail)+24)+16)
	for i := 0; i < SmallEvents; i++ {
		b = append(b, head...)
		b = appendInt(b, 1_700_000_000+i/50)
		b = append(b, mid...)
		b = append(b, words[r.intn(len(words))]...)
		b = append(b, tail...)
	}
	return append(b, "data: [DONE]\n\n"...)
}
