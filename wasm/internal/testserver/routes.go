package testserver

import (
	"io"
	"net/http"
	"strconv"
)

// routeFunc is a counted route: it returns nil when it finished normally
// or one of errDropped, errClientGone, errTimedOut.
type routeFunc func(w http.ResponseWriter, r *http.Request) error

// routes builds the handler: logging, then CORS, then the mux.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/sse", s.counted(s.handleSSE))
	mux.HandleFunc("/echo", s.counted(s.handleEcho))
	mux.HandleFunc("/chat", s.counted(s.handleChat))
	mux.HandleFunc("/corpus", s.counted(s.handleCorpus))
	mux.HandleFunc("/stats", s.handleStats)
	mux.HandleFunc("/stats/reset", s.handleStatsReset)
	mux.HandleFunc("/health", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, indexText)
	})
	if s.staticDir != "" {
		mux.Handle("/static/", s.staticHandler())
	}
	return s.withLog(s.withCORS(mux))
}

// indexText is served at / so a human can find the routes.
const indexText = `wasm-sse test server
/sse       configurable event stream (see package doc / README.md)
/echo      reports the request as events
/chat      OpenAI-style chat completion stream
/corpus    benchmark corpora: name=small|llm-like|large|mixed
/stats     per-key counters (JSON); /stats/reset
/static/   files of -static dir, when set
/health    ok
`

// counted wraps a route with the per-key accounting of [Stats], gives the
// response an X-Request-Id and aborts the connection (no final chunk) when
// the route dropped it, timed out or lost its client.
func (s *Server) counted(fn routeFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.URL.Query().Get("key")
		w.Header().Set("X-Request-Id", strconv.FormatInt(s.nextID.Add(1), 10))
		w.Header().Set("X-Test-Key", key)
		s.stats.recordStart(key, r)
		outcome := errDropped // if fn panics
		defer func() {
			s.stats.recordEnd(key, outcome, s.shuttingDown())
			if outcome != nil && outcome != errEndedEarly {
				if p := recover(); p != nil {
					panic(p)
				}
				panic(http.ErrAbortHandler)
			}
		}()
		outcome = fn(w, r)
	}
}

// withLog logs each request when logging is enabled.
func (s *Server) withLog(next http.Handler) http.Handler {
	if s.log == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.logf("%s %s", r.Method, r.URL.RequestURI())
		next.ServeHTTP(w, r)
	})
}
