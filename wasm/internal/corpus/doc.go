// Package corpus generates the deterministic event streams that the parser
// benchmarks and tests feed through the sse package.
//
// Each corpus is built once per process (sync.Once) and shared: callers must
// not modify the returned bytes. The content depends only on this package's
// code, so two runs, two machines and two architectures (native and wasm)
// parse the very same bytes.
package corpus

// Names of the corpora, for ByName and Count.
const (
	// NameSmall is the name of the Small corpus.
	NameSmall = "small"
	// NameLarge is the name of the Large corpus.
	NameLarge = "large"
	// NameMixed is the name of the Mixed corpus.
	NameMixed = "mixed"
	// NameLLMLike is the name of the LLMLike corpus.
	NameLLMLike = "llm-like"
)

// Names returns the corpus names in a fixed order.
func Names() []string { return []string{NameSmall, NameLLMLike, NameLarge, NameMixed} }

// ByName returns the corpus with the given name, or nil for an unknown name.
func ByName(name string) []byte {
	switch name {
	case NameSmall:
		return Small()
	case NameLarge:
		return Large()
	case NameMixed:
		return Mixed()
	case NameLLMLike:
		return LLMLike()
	}
	return nil
}

// Count returns how many events the named corpus dispatches (blocks with at
// least one data line), or 0 for an unknown name.
func Count(name string) int {
	switch name {
	case NameSmall:
		return SmallEvents + 1 // the final [DONE]
	case NameLarge:
		return LargeEvents
	case NameMixed:
		Mixed()
		return mixedCount
	case NameLLMLike:
		return LLMEvents
	}
	return 0
}
