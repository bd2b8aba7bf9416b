package testserver

import (
	"net/http"
	"path"
	"strings"
)

// staticTypes override the content type of static files by extension.
var staticTypes = map[string]string{
	".wasm": "application/wasm",
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".html": "text/html; charset=utf-8",
	".json": "application/json",
	".map":  "application/json",
	".css":  "text/css; charset=utf-8",
}

// staticHandler serves the static directory under /static/, uncached.
func (s *Server) staticHandler() http.Handler {
	fs := http.StripPrefix("/static/", http.FileServer(http.Dir(s.staticDir)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ct, ok := staticTypes[strings.ToLower(path.Ext(r.URL.Path))]; ok {
			w.Header().Set("Content-Type", ct)
		}
		w.Header().Set("Cache-Control", "no-store")
		fs.ServeHTTP(w, r)
	})
}
