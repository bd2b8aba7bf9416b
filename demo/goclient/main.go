//go:build js && wasm

// Command goclient is the demo page's second chat client: a Go program
// compiled to WebAssembly that streams the same answer as the page's npm
// client through this module's Go API (wasm/client.Events), and writes it
// into the page's "Go client (wasm/client)" panel (#go-client), beside the
// npm client's answer.
//
// The page's chat (demo/web/chat.js) announces every request it sends with
// a "demo:chat" event on document whose detail is {url, method, headers,
// body, signal}: the URL, method, headers and JSON body of its own request,
// and the AbortSignal that Stop aborts. This program sends the same request
// with the same retry policy and idle timeout, except that the body's
// "conv" gets a "-go" suffix: the demo server injects its faults (drop, end,
// fail) once per conversation and counts its stats per conversation, so
// each client gets its own faults and its own stats. The answer ends at
// its "done" event (Request.Done), as the npm client's done option does.
//
// It touches the DOM through syscall/js only and imports neither fmt nor
// net/http (nor encoding/json: JSON goes through the page's JSON object),
// to keep the binary small. `make demo` builds it (GOOS=js GOARCH=wasm)
// into out/demo-go/ next to a copy of Go's wasm_exec.js; the demo server
// serves that directory under /go/ and demo/web/goclient.js starts it.
package main

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"syscall/js"
	"time"

	"github.com/wasm-sse/wasm-sse/wasm/client"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// convSuffix marks the Go client's conversation on the server.
const convSuffix = "-go"

// panel is the page's Go client panel and the elements the program writes.
type panel struct {
	root, badge, prompt, text, meta, tokens js.Value
}

var (
	// mu guards current; every DOM write of a run checks that it is still
	// the current run, so a run replaced by the next prompt writes nothing.
	mu      sync.Mutex
	current *run
)

func main() {
	doc := js.Global().Get("document")
	root := doc.Call("getElementById", "go-client")
	if root.IsNull() {
		println("goclient: the page has no #go-client panel")
		return
	}
	p := &panel{
		root:   root,
		badge:  root.Call("querySelector", ".badge"),
		prompt: root.Call("querySelector", ".go-prompt"),
		text:   root.Call("querySelector", ".go-text"),
		meta:   root.Call("querySelector", ".go-meta"),
		tokens: root.Call("querySelector", ".go-tokens"),
	}
	// The listener lives as long as the page: never released.
	onChat := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) > 0 {
			start(p, args[0].Get("detail"))
		}
		return nil
	})
	doc.Call("addEventListener", "demo:chat", onChat)
	p.setState("idle")
	p.meta.Set("textContent", "waiting for a prompt: send one above, both clients answer it")
	root.Get("dataset").Set("ready", "true")
	select {} // serve the page's events until it is closed
}

// run is one answer being streamed.
type run struct {
	p      *panel
	cancel context.CancelFunc
	node   js.Value // the text node the answer is appended to
}

// live reports whether r is still the run shown in the panel.
func (r *run) live() bool {
	mu.Lock()
	defer mu.Unlock()
	return current == r
}

// start replaces the current run with one for the request in detail. It
// runs in the event listener, so the stream itself runs in a goroutine.
func start(p *panel, detail js.Value) {
	ctx, cancel := context.WithCancel(context.Background())
	r := &run{p: p, cancel: cancel, node: js.Global().Get("document").Call("createTextNode", "")}
	mu.Lock()
	prev := current
	current = r
	mu.Unlock()
	if prev != nil {
		prev.cancel()
	}

	p.text.Set("textContent", "")
	p.text.Call("append", r.node)
	p.tokens.Set("textContent", "0")
	ds := p.root.Get("dataset")
	ds.Set("tokens", "0")
	ds.Delete("conv")

	req, conv, prompt, err := request(detail)
	if err != nil {
		cancel()
		p.prompt.Set("textContent", "")
		r.finish("error", "the page's request could not be read: "+err.Error())
		return
	}
	ds.Set("conv", conv)
	p.prompt.Set("textContent", prompt)
	p.meta.Set("textContent", "waiting for the first token…")
	p.setState("streaming")

	// Stop aborts the page's AbortSignal: cancel this run with it.
	signal := detail.Get("signal")
	onAbort := js.FuncOf(func(js.Value, []js.Value) any {
		cancel()
		return nil
	})
	if signal.Type() == js.TypeObject {
		if signal.Get("aborted").Truthy() {
			cancel()
		}
		signal.Call("addEventListener", "abort", onAbort)
	}
	go func() {
		defer func() {
			if signal.Type() == js.TypeObject {
				signal.Call("removeEventListener", "abort", onAbort)
			}
			onAbort.Release()
			cancel()
		}()
		r.stream(ctx, req)
	}()
}

// request builds the Go client's request from the page's: the same URL,
// method and headers, the body with "conv" suffixed. It returns the
// conversation id and the prompt, for the panel.
func request(detail js.Value) (req client.Request, conv, prompt string, err error) {
	defer func() {
		// JSON.parse throws on a malformed body; syscall/js panics with it.
		if v := recover(); v != nil {
			if e, ok := v.(error); ok {
				err = e
			} else {
				err = errors.New("unexpected panic")
			}
		}
	}()
	if detail.Type() != js.TypeObject {
		return req, "", "", errors.New("the demo:chat event has no detail")
	}
	jsonObj := js.Global().Get("JSON")
	body := jsonObj.Call("parse", detail.Get("body"))
	if c := text(body.Get("conv")); c != "" {
		conv = c + convSuffix
		body.Set("conv", conv)
	}
	prompt = text(body.Get("prompt"))
	header := map[string][]string{}
	if h := detail.Get("headers"); h.Type() == js.TypeObject {
		keys := js.Global().Get("Object").Call("keys", h)
		for i := range keys.Length() {
			k := keys.Index(i).String()
			header[k] = []string{text(h.Get(k))}
		}
	}
	req = client.Request{
		URL:    text(detail.Get("url")),
		Method: text(detail.Get("method")),
		Header: header,
		Body:   []byte(jsonObj.Call("stringify", body).String()),
		// The npm client's options: idleTimeout 5000 and
		// retry {initialDelay: 500, maxDelay: 4000, maxRetries: 6}.
		IdleTimeout: 5 * time.Second,
		Retry:       retry.Policy{InitialDelay: 500 * time.Millisecond, MaxDelay: 4 * time.Second, MaxRetries: 6},
		// The answer is complete at its "done" event; a response that
		// ends before it is a cut, resumed with Last-Event-ID.
		Done: func(e sse.Event) bool { return e.Type == "done" },
	}
	return req, conv, prompt, nil
}

// text returns v if it is a string, else "" (js.Value.String would
// describe other values, as "<undefined>").
func text(v js.Value) string {
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// stream reads the answer and writes it into the panel as it arrives.
func (r *run) stream(ctx context.Context, req client.Request) {
	tokens, streams := 0, 0
	var resumedAt []string
	summary := ""
	for ev, err := range client.Events(ctx, req) {
		if err != nil {
			state, msg := "error", err.Error()
			switch {
			case ctx.Err() != nil:
				state, msg = "stopped", "stopped after "+plural(tokens, "token")
			case errors.Is(err, client.ErrIncomplete):
				state = "incomplete"
			}
			r.finish(state, withResumes(msg, streams, resumedAt))
			return
		}
		if !r.live() {
			return // replaced by the next prompt (its cancel ends this stream)
		}
		if streams == 0 && tokens == 0 {
			r.p.setBadge("open")
		}
		switch ev.Type {
		case "message":
			tokens++
			r.node.Call("appendData", ev.Data)
			n := strconv.Itoa(tokens)
			r.p.tokens.Set("textContent", n)
			r.p.root.Get("dataset").Set("tokens", n)
			if tokens == 1 {
				r.p.meta.Set("textContent", "streaming…")
			}
		case "meta":
			// {conv, answer, tokens, from}: each response starts with it.
			streams++
			if from := jsonField(ev.Data, "from"); from != "" && from != "1" {
				resumedAt = append(resumedAt, from)
				r.p.meta.Set("textContent", "resumed at token "+from)
			}
		case "usage":
			if n := jsonField(ev.Data, "completion_tokens"); n != "" {
				summary = n + " tokens"
			}
		}
	}
	if summary == "" {
		summary = plural(tokens, "token")
	}
	r.finish("done", withResumes(summary, streams, resumedAt))
}

// finish shows the run's final state and summary, if it is still shown.
func (r *run) finish(state, summary string) {
	if !r.live() {
		return
	}
	r.p.meta.Set("textContent", summary)
	r.p.setState(state)
}

// setState shows the run's state on the panel (data-state: idle,
// streaming, done, stopped, incomplete or error) and on its badge (which
// says connecting or open while streaming).
func (p *panel) setState(state string) {
	p.root.Get("dataset").Set("state", state)
	if state == "streaming" {
		state = "connecting"
	}
	p.setBadge(state)
}

// setBadge shows a state on the badge, as dom.js's setBadge does.
func (p *panel) setBadge(state string) {
	p.badge.Get("dataset").Set("state", state)
	p.badge.Set("textContent", state)
}

// jsonField returns one field of a JSON object as text ("" when data is
// not JSON or has no such field).
func jsonField(data, name string) (s string) {
	defer func() {
		if recover() != nil {
			s = ""
		}
	}()
	v := js.Global().Get("JSON").Call("parse", data).Get(name)
	if v.IsUndefined() || v.IsNull() {
		return ""
	}
	return js.Global().Call("String", v).String() // a number's text (Reflect.get refuses primitives)
}

// withResumes appends the responses and resume points to a summary.
func withResumes(summary string, streams int, resumedAt []string) string {
	parts := []string{summary}
	if streams > 1 {
		parts = append(parts, plural(streams, "response"))
	}
	if len(resumedAt) > 0 {
		parts = append(parts, "resumed at token "+strings.Join(resumedAt, ", "))
	}
	return strings.Join(parts, " · ")
}

// plural writes n and a noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
