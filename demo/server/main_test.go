package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// fakePackageDir writes a minimal package directory.
func fakePackageDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "dist"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"name":"wasm-sse"}`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "dist", "sse.wasm"), []byte(fakeWasm), 0o644))
	return dir
}

// startRun runs the command in the background and returns its URL and a
// channel with run's result.
func startRun(t *testing.T, ctx context.Context, args ...string) (string, <-chan error) {
	t.Helper()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, args, pw)
		pw.CloseWithError(err)
		done <- err
	}()
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(pr).ReadString('\n')
		lines <- line
		io.Copy(io.Discard, pr)
	}()
	select {
	case line := <-lines:
		m := regexp.MustCompile(`^wasm-sse demo: (http://127\.0\.0\.1:\d+/) `).FindStringSubmatch(line)
		require.NotNil(t, m, "first line %q", line)
		return m[1], done
	case <-time.After(10 * time.Second):
		t.Fatal("no URL printed")
		return "", nil
	}
}

func TestRunServesAndShutsDownWithOpenStreams(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	url, done := startRun(t, ctx, "-addr", "127.0.0.1:0", "-pkg", fakePackageDir(t), "-delay", "1ms")

	resp, err := http.Get(url + "pkg/dist/sse.wasm")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, fakeWasm, string(body))

	// A long-lived stream stays open until the shutdown.
	resp, err = http.Get(url + "api/ticker?every=50")
	require.NoError(t, err)
	defer resp.Body.Close()
	rd := sse.NewReader(resp.Body, sse.Options{})
	_, err = rd.Next()
	require.NoError(t, err)

	start := time.Now()
	cancel() // what Ctrl-C does
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(6 * time.Second):
		t.Fatal("run did not return after the context ended")
	}
	assert.Less(t, time.Since(start), 2*time.Second, "open streams do not hold up the shutdown")
	for range 100 { // the stream ends: no endless read
		if _, err = rd.Next(); err != nil {
			break
		}
	}
	assert.Error(t, err)
	_, err = http.Get(url)
	assert.Error(t, err, "no longer listening")
}

func TestRunAddressFromEnv(t *testing.T) {
	t.Setenv("DEMO_ADDR", "127.0.0.1:0")
	ctx, cancel := context.WithCancel(t.Context())
	url, done := startRun(t, ctx, "-pkg", fakePackageDir(t))
	resp, err := http.Get(url)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	cancel()
	require.NoError(t, <-done)
}

func TestRunFindsThePackageAboveTheWorkingDirectory(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(root, "npm"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "npm", "package.json"), []byte("{}"), 0o644))
	deep := filepath.Join(root, "demo", "server")
	require.NoError(t, os.MkdirAll(deep, 0o755))
	t.Chdir(deep)
	got, err := findPackage()
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, "npm"), got)

	t.Chdir(t.TempDir())
	_, err = findPackage()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "pass -pkg")
}

func TestRunRejectsBadFlags(t *testing.T) {
	err := run(t.Context(), []string{"-addr", "127.0.0.1:notaport", "-pkg", fakePackageDir(t)}, io.Discard)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "demo: ")
	err = run(t.Context(), []string{"-nosuchflag"}, io.Discard)
	require.Error(t, err)
}
