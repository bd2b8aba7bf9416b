package main

import (
	"hash/fnv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"one", []string{"one"}},
		{"Hello, world!", []string{"Hello,", " world!"}},
		{"a\n\nb  c", []string{"a", "\n\nb", "  c"}},
		{"x <img src=x onerror=\"y()\"> z", []string{"x", ` <img src=x onerror="y()">`, " z"}},
		{"x <b>bold</b>, y", []string{"x", " <b>bold</b>,", " y"}},
		{"a < b\nc > d", []string{"a", " <", " b", "\nc", " >", " d"}},
		{"héllo wörld ✓", []string{"héllo", " wörld", " ✓"}},
	}
	for _, tt := range tests {
		got := tokenize(tt.in)
		assert.Equal(t, tt.want, got, "tokenize(%q)", tt.in)
		assert.Equal(t, tt.in, strings.Join(got, ""), "tokens of %q join back", tt.in)
	}
}

func TestAnswersLoad(t *testing.T) {
	b, err := loadAnswers()
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(b.answers), 3)
	for _, a := range b.answers {
		assert.NotEmpty(t, a.Keywords, a.Name)
		assert.Greater(t, len(a.Tokens), 20, a.Name)
		assert.Equal(t, a.Text, strings.Join(a.Tokens, ""), a.Name)
		assert.NotContains(t, a.Text, "\r", a.Name)
		assert.Equal(t, strings.TrimSpace(a.Text), a.Text, a.Name)
	}
	html := b.byName("html")
	require.NotNil(t, html)
	var tag string
	for _, tok := range html.Tokens {
		if strings.Contains(tok, "<img") {
			tag = tok
		}
	}
	assert.Contains(t, tag, `<img src=x onerror="`, "the img tag arrives as one token")
	assert.True(t, strings.HasSuffix(tag, ">"), "the img tag arrives whole: %q", tag)
}

func TestParseAnswerRejectsMissingHeader(t *testing.T) {
	_, err := parseAnswer("x", "no header here")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "demo: answer x")
	a, err := parseAnswer("y", "keywords: A, b ,\r\n---\r\nText\r\nmore\r\n\r\n")
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, a.Keywords)
	assert.Equal(t, "Text\nmore", a.Text)
}

func TestPick(t *testing.T) {
	b, err := loadAnswers()
	require.NoError(t, err)
	assert.Equal(t, "html", b.pick("Show me some HTML in an answer").Name)
	assert.Equal(t, "post", b.pick("Why does POST matter?").Name)
	assert.Equal(t, "resume", b.pick("what if the network drops").Name)
	assert.Equal(t, "welcome", b.pick("Hello! What does this demo show?").Name)
	// Keywords match whole words only: "this" holds "hi" but picks by hash.
	h := fnv.New32a()
	h.Write([]byte("zzz this"))
	assert.Same(t, &b.answers[h.Sum32()%uint32(len(b.answers))], b.pick("zzz this"))
	// Without a keyword the choice is a pure function of the prompt.
	for _, p := range []string{"qwerty", "lorem ipsum", "42", "ünïcödé"} {
		first := b.pick(p)
		for range 5 {
			assert.Same(t, first, b.pick(p), p)
		}
	}
	seen := map[string]bool{}
	for i := range 200 {
		seen[b.pick("prompt number "+strings.Repeat("x", i)).Name] = true
	}
	assert.Greater(t, len(seen), 1, "the hash spreads prompts over the answers")
}
