package corpus

// rng is a small deterministic generator (SplitMix64): the corpora must not
// depend on math/rand's algorithm or seeding across Go versions.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9E3779B97F4A7C15
	z := r.s
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	return z ^ z>>31
}

// intn returns a value in [0, n).
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// words is the vocabulary of the generated text.
var words = []string{
	"the", "of", "and", "to", "in", "a", "is", "that", "for", "it",
	"as", "was", "with", "be", "by", "on", "not", "he", "this", "are",
	"or", "his", "from", "at", "which", "but", "have", "an", "had", "they",
	"stream", "event", "server", "client", "parser", "WebAssembly", "chunk",
	"token", "model", "answer", "latency", "buffer", "browser", "network",
	"Hello", "world", "\\\"quoted\\\"", "line\\nbreak", "42", "3.14159",
}

// appendInt appends the decimal form of a non-negative n.
func appendInt(b []byte, n int) []byte {
	var d [20]byte
	i := len(d)
	for {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return append(b, d[i:]...)
}
