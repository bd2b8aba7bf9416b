package testserver

import (
	"net/http"
	"strings"
)

// exposedHeaders lists the response headers a cross-origin page may read.
// "*" covers requests without credentials; the explicit names are needed
// when credentials are included, where "*" is taken literally.
var exposedHeaders = strings.Join([]string{
	"*", "Retry-After", "X-Request-Id", "X-Test-Key", "X-Corpus-Events",
	"Content-Type", "Content-Length", "Cache-Control",
	"Location", "Last-Event-ID", "Date",
}, ", ")

// allowedMethods answers Access-Control-Request-Method in preflights.
const allowedMethods = "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS"

// withCORS adds CORS headers for any origin to every response and answers
// preflight requests itself (204, counted in Stats.Preflights).
func (s *Server) withCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		if origin := r.Header.Get("Origin"); origin != "" {
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Allow-Credentials", "true")
		} else {
			h.Set("Access-Control-Allow-Origin", "*")
		}
		h.Add("Vary", "Origin")
		h.Set("Access-Control-Expose-Headers", exposedHeaders)
		if r.Method != http.MethodOptions || r.Header.Get("Access-Control-Request-Method") == "" {
			next.ServeHTTP(w, r)
			return
		}
		h.Add("Vary", "Access-Control-Request-Method")
		h.Add("Vary", "Access-Control-Request-Headers")
		h.Set("Access-Control-Allow-Methods", allowedMethods)
		if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
			h.Set("Access-Control-Allow-Headers", req)
		} else {
			h.Set("Access-Control-Allow-Headers", "*")
		}
		if r.Header.Get("Access-Control-Request-Private-Network") != "" {
			h.Set("Access-Control-Allow-Private-Network", "true")
		}
		h.Set("Access-Control-Max-Age", "600")
		key := r.URL.Query().Get("key")
		s.stats.update(key, func(ks *keyState) { ks.stats.Preflights++ })
		w.WriteHeader(http.StatusNoContent)
	})
}
