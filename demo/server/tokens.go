package main

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenize splits text into LLM-like tokens: each token is the whitespace
// before a word plus the word. An HTML-looking tag ("<" up to the next ">"
// on the same line) stays one token with what follows it up to a space, so
// a tag never arrives in pieces. Concatenating the tokens gives text back.
func tokenize(text string) []string {
	var out []string
	for i := 0; i < len(text); {
		start := i
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += n
		}
		if i < len(text) && text[i] == '<' {
			if end := strings.IndexAny(text[i:], ">\n"); end > 0 && text[i+end] == '>' {
				i += end + 1
			}
		}
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += n
		}
		out = append(out, text[start:i])
	}
	return out
}

// countTokens is the "prompt tokens" of the usage event: words, roughly.
func countTokens(s string) int {
	return len(strings.Fields(s))
}
