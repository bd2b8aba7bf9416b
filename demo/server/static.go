package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// contentTypes are the MIME types of the files served; anything else is
// application/octet-stream.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".json": "application/json",
	".map":  "application/json",
	".ts":   "text/plain; charset=utf-8",
	".wasm": "application/wasm",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
	".txt":  "text/plain; charset=utf-8",
}

// compressible says whether gzip helps for a content type.
func compressible(ctype string) bool {
	return !strings.HasPrefix(ctype, "image/png") && ctype != "image/x-icon"
}

// acceptsGzip reports whether Accept-Encoding allows gzip (q > 0).
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		params = strings.ReplaceAll(params, " ", "")
		return !(params == "q=0" || params == "q=0.0" || params == "q=0.00" || params == "q=0.000")
	}
	return false
}

// fileServer serves the files of an fs.FS (only paths under allow, if
// given), with explicit MIME types, ETags and gzip when accepted.
// Compressed bodies are cached by path and content hash.
type fileServer struct {
	fsys    fs.FS
	allow   []string
	headers func(name string, h http.Header)

	mu   sync.Mutex
	gzip map[string][]byte // etag -> gzip body
}

func newFileServer(fsys fs.FS, allow []string, headers func(string, http.Header)) *fileServer {
	return &fileServer{fsys: fsys, allow: allow, headers: headers, gzip: map[string][]byte{}}
}

// ServeHTTP serves the file named by the request path (already stripped
// of any prefix); "" and directories serve index.html.
func (f *fileServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "demo: method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	if !f.allowed(name) || !fs.ValidPath(name) {
		http.NotFound(w, r)
		return
	}
	body, err := fs.ReadFile(f.fsys, name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ctype, ok := contentTypes[path.Ext(name)]
	if !ok {
		if ctype = mime.TypeByExtension(path.Ext(name)); ctype == "" {
			ctype = "application/octet-stream"
		}
	}
	sum := sha256.Sum256(body)
	etag := hex.EncodeToString(sum[:12])
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	if f.headers != nil {
		f.headers(name, h)
	}
	if compressible(ctype) {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Get("Accept-Encoding")) {
			body = f.gzipped(etag, body)
			etag += "-gz"
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", `"`+etag+`"`)
	// ServeContent handles If-None-Match, HEAD and Range on the bytes sent.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// allowed reports whether name is under one of the allowed prefixes.
func (f *fileServer) allowed(name string) bool {
	if f.allow == nil {
		return true
	}
	for _, p := range f.allow {
		if name == p || strings.HasPrefix(name, p+"/") {
			return true
		}
	}
	return false
}

// gzipped returns the cached gzip of body, compressing it the first time.
func (f *fileServer) gzipped(etag string, body []byte) []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	if z, ok := f.gzip[etag]; ok {
		return z
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	if len(f.gzip) > 256 {
		clear(f.gzip)
	}
	f.gzip[etag] = buf.Bytes()
	return buf.Bytes()
}
