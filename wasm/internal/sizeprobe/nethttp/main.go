//go:build js && wasm

// Program nethttp measures the same app written with net/http (a GET through
// its js/wasm fetch transport) and a hand-written line loop.
//
// A bufio.Scanner reads resp.Body line by line; "data:" lines are joined
// and a blank line dispatches the event. It is a lower bound for the
// net/http route: no CR or CRLF line ends, no id, event or retry fields,
// no reconnection, no limit on an event's size. Its size against the
// client probe is what wasm/client saves a Go developer. The URL is a
// placeholder; the program is built, never run.
package main

import (
	"bufio"
	"net/http"
	"strings"
)

func main() {
	req, err := http.NewRequest("GET", "http://127.0.0.1:8080/events", nil)
	if err != nil {
		println(err.Error())
		return
	}
	req.Header.Set("Accept", "text/event-stream")
	// On js/wasm, http.DefaultTransport makes the request with the host's fetch.
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		println("stream failed:", err.Error())
		return
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	var data []string
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if data != nil {
				println(strings.Join(data, "\n"))
				data = nil
			}
		case strings.HasPrefix(line, "data:"):
			data = append(data, strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " "))
		}
	}
	if err := sc.Err(); err != nil {
		println("stream failed:", err.Error())
	}
}
