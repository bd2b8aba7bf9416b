package sse_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

func ExampleNewReader() {
	body := strings.NewReader("retry: 3000\n" +
		"id: 1\nevent: greeting\ndata: hello\ndata: world\n\n" +
		": keep-alive\n\n" +
		"data: {\"n\": 2}\n\n")
	rd := sse.NewReader(body, sse.Options{})
	for {
		ev, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Printf("%s id=%s retry=%d %q\n", ev.Type, ev.ID, ev.Retry, ev.Data)
	}
	fmt.Println("resume from", rd.LastEventID())
	// Output:
	// greeting id=1 retry=3000 "hello\nworld"
	// message id=1 retry=-1 "{\"n\": 2}"
	// resume from 1
}

func ExampleCallbacks() {
	p := sse.NewParser(sse.Options{MaxEventSize: 64})
	h := &sse.Callbacks{
		Event:   func(e sse.Event) { fmt.Printf("event %s: %q\n", e.Type, e.Data) },
		Comment: func(text string) { fmt.Printf("comment %q\n", text) },
		Retry:   func(ms int) { fmt.Println("retry", ms) },
		Error:   func(err error) { fmt.Println(err) },
	}
	// The network may split the stream anywhere, even inside a line ending
	// or a multi-byte character.
	for _, chunk := range []string{"data: caf\xC3", "\xA9\r", "\n\r\n:ping\nretry: 50", "0\nevent: big\ndata: ", strings.Repeat("x", 100), "\n\ndata: done\n\n"} {
		p.Feed([]byte(chunk), h)
	}
	// Output:
	// event message: "café"
	// comment "ping"
	// retry 500
	// sse: event exceeds the maximum size of 64 bytes
	// event message: "done"
}
