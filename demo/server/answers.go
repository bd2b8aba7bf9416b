package main

import (
	"embed"
	"errors"
	"hash/fnv"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode"
)

//go:embed answers/*.txt
var answerFiles embed.FS

// answer is one canned reply, split into the tokens the chat streams.
type answer struct {
	// Name is the file name without ".txt".
	Name string
	// Keywords pick this answer when the prompt contains one of them.
	Keywords []string
	// Text is the whole reply: the concatenation of Tokens.
	Text string
	// Tokens are the pieces sent one event each.
	Tokens []string
}

// answerBook holds the answers in name order.
type answerBook struct {
	answers []answer
}

// loadAnswers parses every answers/*.txt: a "keywords: a, b" line, a "---"
// line, then the text.
func loadAnswers() (*answerBook, error) {
	names, err := fs.Glob(answerFiles, "answers/*.txt")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	b := &answerBook{}
	for _, name := range names {
		raw, err := answerFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		a, err := parseAnswer(strings.TrimSuffix(path.Base(name), ".txt"), string(raw))
		if err != nil {
			return nil, err
		}
		b.answers = append(b.answers, a)
	}
	if len(b.answers) == 0 {
		return nil, errors.New("demo: no answers embedded")
	}
	return b, nil
}

// parseAnswer reads one answer file.
func parseAnswer(name, raw string) (answer, error) {
	raw = strings.ReplaceAll(raw, "\r\n", "\n")
	head, text, ok := strings.Cut(raw, "\n---\n")
	if !ok || !strings.HasPrefix(head, "keywords:") {
		return answer{}, errors.New("demo: answer " + name + ": want a \"keywords:\" line and a \"---\" line")
	}
	var kws []string
	for _, k := range strings.Split(strings.TrimPrefix(head, "keywords:"), ",") {
		if k = strings.ToLower(strings.TrimSpace(k)); k != "" {
			kws = append(kws, k)
		}
	}
	text = strings.TrimRightFunc(text, unicode.IsSpace)
	return answer{Name: name, Keywords: kws, Text: text, Tokens: tokenize(text)}, nil
}

// pick returns the answer for a prompt, deterministically: the first answer
// (in name order) with a keyword that is a word of the prompt, else one
// chosen by a hash of the prompt.
func (b *answerBook) pick(prompt string) *answer {
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(prompt), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		words[w] = true
	}
	for i := range b.answers {
		for _, k := range b.answers[i].Keywords {
			if words[k] {
				return &b.answers[i]
			}
		}
	}
	h := fnv.New32a()
	h.Write([]byte(prompt))
	return &b.answers[h.Sum32()%uint32(len(b.answers))]
}

// byName returns the answer with that name, or nil.
func (b *answerBook) byName(name string) *answer {
	for i := range b.answers {
		if b.answers[i].Name == name {
			return &b.answers[i]
		}
	}
	return nil
}
