package main

import (
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/demo/web"
)

// fetch GETs path with an optional Accept-Encoding, without the client's
// transparent decompression.
func fetch(t *testing.T, base, path, acceptEncoding string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	require.NoError(t, err)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	tr := &http.Transport{DisableCompression: true}
	defer tr.CloseIdleConnections()
	resp, err := tr.RoundTrip(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, body
}

func TestPageIsServedWithCSP(t *testing.T) {
	ts, _ := newTestServer(t, testConfig)
	resp, body := fetch(t, ts.URL, "/", "")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
	want, err := web.Files.ReadFile("index.html")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(body))

	csp := resp.Header.Get("Content-Security-Policy")
	m := regexp.MustCompile(`(?s)<script type="importmap">(.*?)</script>`).FindSubmatch(body)
	require.NotNil(t, m)
	sum := sha256.Sum256(m[1])
	assert.Contains(t, csp, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'", "the import map is allowed by hash")
	assert.Contains(t, csp, "'wasm-unsafe-eval'")
	assert.NotContains(t, csp, "'unsafe-inline'")
	assert.NotContains(t, csp, "'unsafe-eval'")
	assert.Contains(t, string(m[1]), `"wasm-sse":"/pkg/src/index.js"`)

	for path, ctype := range map[string]string{"/app.js": "text/javascript; charset=utf-8", "/style.css": "text/css; charset=utf-8"} {
		resp, _ := fetch(t, ts.URL, path, "")
		assert.Equal(t, http.StatusOK, resp.StatusCode, path)
		assert.Equal(t, ctype, resp.Header.Get("Content-Type"), path)
		assert.Empty(t, resp.Header.Get("Content-Security-Policy"), path)
	}
}

func TestPackageFiles(t *testing.T) {
	ts, _ := newTestServer(t, testConfig)
	resp, body := fetch(t, ts.URL, "/pkg/dist/sse.wasm", "")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/wasm", resp.Header.Get("Content-Type"))
	assert.Empty(t, resp.Header.Get("Content-Encoding"))
	assert.Equal(t, fakeWasm, string(body))

	resp, body = fetch(t, ts.URL, "/pkg/dist/sse.wasm", "br, gzip;q=0.8, deflate")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/wasm", resp.Header.Get("Content-Type"))
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	assert.Contains(t, resp.Header.Values("Vary"), "Accept-Encoding")
	assert.Less(t, len(body), len(fakeWasm)/10, "compressed")
	zr, err := gzip.NewReader(strings.NewReader(string(body)))
	require.NoError(t, err)
	plain, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, fakeWasm, string(plain))

	resp, body = fetch(t, ts.URL, "/pkg/src/index.js", "gzip")
	assert.Equal(t, "text/javascript; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	assert.NotEmpty(t, body)

	for _, path := range []string{
		"/pkg/node_modules/secret/a.js", "/pkg/test/node/a.test.js",
		"/pkg/%2e%2e/go.mod", "/pkg/src%2f..%2f..%2fgo.mod", "/go.mod", "/pkg/src/missing.js", "/pkg/", "/missing.html",
	} {
		resp, body := fetch(t, ts.URL, path, "")
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, path)
		assert.NotContains(t, string(body), "secret", path)
	}
	// The mux cleans dot segments with a redirect, which leads outside /pkg/.
	resp, _ = fetch(t, ts.URL, "/pkg/../go.mod", "")
	assert.Equal(t, http.StatusTemporaryRedirect, resp.StatusCode)
	assert.Equal(t, "/go.mod", resp.Header.Get("Location"))
}

func TestGoClientFiles(t *testing.T) {
	ts, _ := newTestServer(t, testConfig)
	resp, body := fetch(t, ts.URL, "/go/goclient.wasm", "")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/wasm", resp.Header.Get("Content-Type"))
	assert.Equal(t, fakeWasm, string(body))
	resp, _ = fetch(t, ts.URL, "/go/goclient.wasm", "gzip")
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))

	resp, _ = fetch(t, ts.URL, "/go/wasm_exec.js", "")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/javascript; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Empty(t, resp.Header.Get("Content-Security-Policy"))

	for _, path := range []string{"/go/other.txt", "/go/", "/go/%2e%2e/go.mod"} {
		resp, body := fetch(t, ts.URL, path, "")
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, path)
		assert.NotContains(t, string(body), "secret", path)
	}

	// The page loads both from /go/ under its CSP: same origin, a classic
	// script, and WebAssembly compiled under 'wasm-unsafe-eval'.
	page, err := web.Files.ReadFile("index.html")
	require.NoError(t, err)
	assert.Contains(t, string(page), `<script defer src="/go/wasm_exec.js"></script>`)
	assert.Contains(t, string(page), `<script type="module" src="/goclient.js"></script>`)
	js, err := web.Files.ReadFile("goclient.js")
	require.NoError(t, err)
	assert.Contains(t, string(js), `fetch('/go/goclient.wasm')`)
}

func TestRunServesTheGoClientFromItsDirectory(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "goclient.wasm"), []byte(fakeWasm), 0o644))
	ctx, cancel := context.WithCancel(t.Context())
	url, done := startRun(t, ctx, "-addr", "127.0.0.1:0", "-pkg", fakePackageDir(t), "-goclient", dir)
	resp, err := http.Get(url + "go/goclient.wasm")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, fakeWasm, string(body))
	resp, err = http.Get(url + "go/wasm_exec.js")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "not built yet: missing, not an error")
	cancel()
	require.NoError(t, <-done)
}

func TestETagRevalidation(t *testing.T) {
	ts, _ := newTestServer(t, testConfig)
	for _, enc := range []string{"", "gzip"} {
		resp, _ := fetch(t, ts.URL, "/pkg/dist/sse.wasm", enc)
		etag := resp.Header.Get("ETag")
		require.NotEmpty(t, etag)
		req, err := http.NewRequest(http.MethodGet, ts.URL+"/pkg/dist/sse.wasm", nil)
		require.NoError(t, err)
		req.Header.Set("If-None-Match", etag)
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		}
		tr := &http.Transport{DisableCompression: true}
		resp2, err := tr.RoundTrip(req)
		require.NoError(t, err)
		resp2.Body.Close()
		tr.CloseIdleConnections()
		assert.Equal(t, http.StatusNotModified, resp2.StatusCode, "encoding %q", enc)
	}
}

func TestAcceptsGzip(t *testing.T) {
	for h, want := range map[string]bool{
		"":                  false,
		"gzip":              true,
		"GZIP":              true,
		"deflate, gzip":     true,
		"gzip;q=0.5":        true,
		"gzip; q=0":         false,
		"gzip;q=0.000":      false,
		"br":                false,
		"x-gzip":            false,
		"gzip, deflate, br": true,
	} {
		assert.Equal(t, want, acceptsGzip(h), "%q", h)
	}
}
