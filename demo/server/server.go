package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// config holds the server's tunables.
type config struct {
	// TokenDelay is the default pause before each chat token.
	TokenDelay time.Duration
	// Ping is how long a stream may stay quiet before a ": ping" comment.
	Ping time.Duration
	// Retry is the reconnection delay sent as "retry:".
	Retry time.Duration
}

// defaultConfig is what the demo runs with.
var defaultConfig = config{TokenDelay: 30 * time.Millisecond, Ping: time.Second, Retry: 300 * time.Millisecond}

// server is the demo's HTTP handler.
type server struct {
	cfg     config
	answers *answerBook
	convs   *convTable
	ticker  tickerStats
	mux     *http.ServeMux
}

// newServer builds the handler: the page from web, the package files
// (src/, dist/, package.json) from pkg, the Go client's files
// (goclient.wasm, wasm_exec.js) from goClient under /go/, and the /api/
// routes.
func newServer(cfg config, web, pkg, goClient fs.FS) (*server, error) {
	book, err := loadAnswers()
	if err != nil {
		return nil, err
	}
	csp, err := pageCSP(web)
	if err != nil {
		return nil, err
	}
	s := &server{cfg: cfg, answers: book, convs: newConvTable(10_000), mux: http.NewServeMux()}
	page := newFileServer(web, nil, func(name string, h http.Header) {
		if strings.HasSuffix(name, ".html") {
			h.Set("Content-Security-Policy", csp)
			h.Set("Referrer-Policy", "no-referrer")
		}
	})
	files := newFileServer(pkg, []string{"src", "dist", "package.json", "index.d.ts"}, nil)
	s.mux.Handle("/pkg/", http.StripPrefix("/pkg", files))
	goFiles := newFileServer(goClient, goClientFiles, nil)
	s.mux.Handle("/go/", http.StripPrefix("/go", goFiles))
	s.mux.HandleFunc("/api/chat", s.handleChat)
	s.mux.HandleFunc("/api/ticker", s.handleTicker)
	s.mux.HandleFunc("/api/stats", s.handleStats)
	s.mux.HandleFunc("/api/answer", s.handleAnswer)
	s.mux.Handle("/", page)
	return s, nil
}

// goClientFiles are the files served under /go/: the Go client
// (demo/goclient) and the Go runtime's wasm_exec.js it was built with.
var goClientFiles = []string{"goclient.wasm", "wasm_exec.js"}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(w, r)
}

var importMapPattern = regexp.MustCompile(`(?s)<script type="importmap">(.*?)</script>`)

// pageCSP is the page's Content-Security-Policy: scripts from this origin
// and the inline import map (by hash) only, WebAssembly allowed, no inline
// handlers, no eval.
func pageCSP(web fs.FS) (string, error) {
	html, err := fs.ReadFile(web, "index.html")
	if err != nil {
		return "", errors.New("demo: the page has no index.html: " + err.Error())
	}
	m := importMapPattern.FindSubmatch(html)
	if m == nil {
		return "", errors.New("demo: index.html has no <script type=\"importmap\">")
	}
	sum := sha256.Sum256(m[1])
	return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-" +
		base64.StdEncoding.EncodeToString(sum[:]) + "'; style-src 'self'; img-src 'self' data:; " +
		"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'", nil
}

// writeJSON writes v as a JSON response.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// handleStats serves GET /api/stats?conv=ID (what the server saw of one
// conversation, 404 if nothing) or, without conv, the ticker counters.
func (s *server) handleStats(w http.ResponseWriter, r *http.Request) {
	conv := r.URL.Query().Get("conv")
	if conv == "" {
		writeJSON(w, http.StatusOK, map[string]any{"ticker": s.ticker.snapshot()})
		return
	}
	st, ok := s.convs.get(conv)
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "demo: no such conversation"})
		return
	}
	writeJSON(w, http.StatusOK, st)
}

// handleAnswer serves GET /api/answer?prompt=... (or ?conv=, the last
// prompt of that conversation): the text and tokens the chat will stream.
func (s *server) handleAnswer(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	prompt := q.Get("prompt")
	if prompt == "" && q.Get("conv") != "" {
		st, ok := s.convs.get(q.Get("conv"))
		if !ok {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "demo: no such conversation"})
			return
		}
		prompt = st.Prompt
	}
	if prompt == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "demo: give prompt= or conv="})
		return
	}
	a := s.answers.pick(prompt)
	writeJSON(w, http.StatusOK, map[string]any{"answer": a.Name, "text": a.Text, "tokens": a.Tokens})
}
