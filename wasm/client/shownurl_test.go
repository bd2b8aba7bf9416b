package client

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestShownURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://api.example.test/v1/chat":                     "https://api.example.test/v1/chat",
		"https://user:secret@api.example.test:8443/v1?key=SEC": "https://api.example.test:8443/v1?…",
		"https://h.test/p#frag":                                "https://h.test/p",
		"https://h.test/a@b?x":                                 "https://h.test/a@b?…", // an @ in the path is not userinfo
		"/relative?token=1":                                    "/relative?…",
		"":                                                     "",
	} {
		assert.Equal(t, want, shownURL(in), "%q", in)
	}
	assert.Equal(t, " from https://h.test/p", from("https://h.test/p"))
	assert.Equal(t, "", from(""))
}
