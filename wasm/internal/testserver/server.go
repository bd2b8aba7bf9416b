package testserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// DefaultMaxDuration bounds how long any request may keep producing its
// body; see [WithMaxDuration].
const DefaultMaxDuration = 5 * time.Minute

// Server is the SSE test server. Create it with [New], serve it with
// [Server.Start] (or mount [Server.Handler] elsewhere), stop it with
// [Server.Close]. In Go tests, [NewTestServer] does all three.
type Server struct {
	// URL is "http://127.0.0.1:<port>" once Start has returned.
	URL string

	staticDir   string
	maxDuration time.Duration
	log         io.Writer
	logMu       sync.Mutex

	handler http.Handler
	stats   *statsStore
	nextID  atomic.Int64

	// baseCtx is the parent of every request context; Close cancels it
	// so streams that hang (end=hang) stop.
	baseCtx context.Context
	cancel  context.CancelFunc

	mu      sync.Mutex
	httpSrv *http.Server
	done    chan struct{}
}

// Option configures a Server.
type Option func(*Server)

// WithStaticDir serves the files of dir under /static/ (.wasm as
// application/wasm, .js and .mjs as text/javascript).
func WithStaticDir(dir string) Option {
	return func(s *Server) { s.staticDir = dir }
}

// WithMaxDuration bounds how long a request may spend producing its body
// (default [DefaultMaxDuration]); a request past it is cut and counted in
// Stats.TimedOut. Holding a finished stream open with end=hang is not
// bounded by it: that lasts until the client leaves or the server closes.
func WithMaxDuration(d time.Duration) Option {
	return func(s *Server) { s.maxDuration = d }
}

// WithLog writes one line per request ("METHOD /path?query") to w.
func WithLog(w io.Writer) Option {
	return func(s *Server) { s.log = w }
}

// New returns a Server that is not listening yet.
func New(opts ...Option) *Server {
	s := &Server{maxDuration: DefaultMaxDuration, stats: newStatsStore()}
	for _, o := range opts {
		o(s)
	}
	s.baseCtx, s.cancel = context.WithCancel(context.Background())
	s.handler = s.routes()
	return s
}

// NewTestServer starts a Server on 127.0.0.1 with an ephemeral port and
// closes it when the test ends.
func NewTestServer(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s := New(opts...)
	if err := s.Start("127.0.0.1:0"); err != nil {
		tb.Fatalf("testserver: start: %v", err)
	}
	tb.Cleanup(func() { _ = s.Close() })
	return s
}

// Handler returns the server's routes, usable without Start (for example
// with httptest.NewServer).
func (s *Server) Handler() http.Handler { return s.handler }

// Start listens on addr ("127.0.0.1:0" when empty), serves in the
// background and sets s.URL. It returns once the listener is bound.
func (s *Server) Start(addr string) error {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.httpSrv != nil {
		return errors.New("testserver: already started")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("testserver: listen %s: %w", addr, err)
	}
	s.URL = "http://" + ln.Addr().String()
	s.httpSrv = &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return s.baseCtx },
	}
	s.done = make(chan struct{})
	go func() {
		defer close(s.done)
		_ = s.httpSrv.Serve(ln)
	}()
	return nil
}

// Close stops every running stream, shuts the listener down and waits for
// the handlers to return (at most about two seconds). It is safe to call
// more than once.
func (s *Server) Close() error {
	s.cancel()
	s.mu.Lock()
	srv, done := s.httpSrv, s.done
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := srv.Shutdown(ctx)
	if err != nil {
		err = srv.Close()
	}
	<-done
	return err
}

// Stats returns a copy of the counters of key.
func (s *Server) Stats(key string) Stats { return s.stats.get(key) }

// ResetStats forgets the counters (and the failTimes/dropSeed sequences)
// of key.
func (s *Server) ResetStats(key string) { s.stats.reset(key, false) }

// WaitStats blocks until cond holds for the counters of key or ctx ends,
// and returns the last counters seen; the error is ctx's when cond never
// held.
func (s *Server) WaitStats(ctx context.Context, key string, cond func(Stats) bool) (Stats, error) {
	st, ok := s.stats.wait(ctx, key, cond)
	if !ok {
		return st, ctx.Err()
	}
	return st, nil
}

// shuttingDown reports whether Close has been called.
func (s *Server) shuttingDown() bool { return s.baseCtx.Err() != nil }

// logf writes one log line when logging is enabled.
func (s *Server) logf(format string, args ...any) {
	if s.log == nil {
		return
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.log, format+"\n", args...)
}
