package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The test binary doubles as the command (envMain) and as the wrapped
// child (envChild), so no separate build is needed. The child inherits
// both variables; it is told apart by the SSE_TEST_URL the wrapper adds
// (command removes it from the wrapper's own environment).
const (
	envMain  = "SSE_TESTSERVER_RUN_MAIN"
	envChild = "SSE_TESTSERVER_CHILD"
)

func TestMain(m *testing.M) {
	switch {
	case os.Getenv(envChild) != "" && os.Getenv("SSE_TEST_URL") != "":
		os.Exit(child(os.Getenv(envChild)))
	case os.Getenv(envMain) != "":
		main()
	}
	os.Exit(m.Run())
}

// child is the wrapped command of the tests.
func child(mode string) int {
	url := os.Getenv("SSE_TEST_URL")
	switch mode {
	case "fetch":
		c := &http.Client{Timeout: 5 * time.Second}
		resp, err := c.Get(url + "/sse?events=2")
		if err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			return 1
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		fmt.Printf("url=%s\n", url)
		fmt.Printf("static=%s\n", os.Getenv("SSE_TEST_STATIC_URL"))
		fmt.Printf("body=%q\n", body)
		in, _ := io.ReadAll(os.Stdin)
		fmt.Printf("stdin=%q\n", in)
		fmt.Fprintln(os.Stderr, "to stderr")
		return 7
	case "signal":
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
		fmt.Println("ready")
		select {
		case s := <-sigs:
			if s == syscall.SIGTERM {
				return 42
			}
			return 43
		case <-time.After(10 * time.Second):
			return 3
		}
	case "die":
		_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
		time.Sleep(5 * time.Second)
	}
	return 99
}

// command returns the test binary run as sse-testserver.
func command(t *testing.T, childMode string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SSE_TEST_URL=") && !strings.HasPrefix(kv, "SSE_TEST_STATIC_URL=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	// Under -race a process sleeps 1 s at exit unless told otherwise.
	cmd.Env = append(cmd.Env, envMain+"=1", "GORACE=atexit_sleep_ms=0")
	if childMode != "" {
		cmd.Env = append(cmd.Env, envChild+"="+childMode)
	}
	return cmd
}

// exitCodeOf returns the exit code of a finished command.
func exitCodeOf(t *testing.T, err error) int {
	t.Helper()
	if err == nil {
		return 0
	}
	var ee *exec.ExitError
	require.True(t, errors.As(err, &ee), "%v", err)
	return ee.ExitCode()
}

// waitTimeout waits for cmd at most d.
func waitTimeout(t *testing.T, cmd *exec.Cmd, d time.Duration) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		_ = cmd.Process.Kill()
		t.Fatalf("command did not exit within %v", d)
		return nil
	}
}

func TestWrapperRunsChildAndPropagatesExitCode(t *testing.T) {
	dir := t.TempDir()
	cmd := command(t, "", "-addr", "127.0.0.1:0", "-static", dir, "--", os.Args[0])
	cmd.Env = append(cmd.Env, envChild+"=fetch")
	cmd.Stdin = strings.NewReader("input text")
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Start())
	err := waitTimeout(t, cmd, 10*time.Second)
	assert.Equal(t, 7, exitCodeOf(t, err), "stderr: %s", stderr.String())
	out := stdout.String()
	assert.Contains(t, out, `body="data: msg 1\n\ndata: msg 2\n\n"`)
	assert.Contains(t, out, `stdin="input text"`)
	assert.Contains(t, stderr.String(), "to stderr")
	var url string
	for _, line := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(line, "url="); ok {
			url = v
		}
	}
	require.True(t, strings.HasPrefix(url, "http://127.0.0.1:"), out)
	assert.Contains(t, out, "static="+url+"/static/")
	_, err = (&http.Client{Timeout: time.Second}).Get(url + "/health")
	assert.Error(t, err, "the server is gone after the child exits")
}

func TestWrapperExitCodes(t *testing.T) {
	cmd := command(t, "", "--", "sh", "-c", "exit 0")
	assert.Equal(t, 0, exitCodeOf(t, cmd.Run()))
	cmd = command(t, "", "--", "sh", "-c", "test -n \"$SSE_TEST_URL\" && exit 5")
	assert.Equal(t, 5, exitCodeOf(t, cmd.Run()))
	cmd = command(t, "", "--", filepath.Join(t.TempDir(), "no-such-command"))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	assert.Equal(t, 127, exitCodeOf(t, cmd.Run()))
	assert.Contains(t, stderr.String(), "sse-testserver: starting")
	cmd = command(t, "die", "--", os.Args[0])
	assert.Equal(t, 128+int(syscall.SIGKILL), exitCodeOf(t, cmd.Run()))
	cmd = command(t, "", "-nope")
	cmd.Stderr = io.Discard
	assert.Equal(t, 2, exitCodeOf(t, cmd.Run()))
	cmd = command(t, "", "-static", filepath.Join(t.TempDir(), "missing"), "--", "true")
	cmd.Stderr = io.Discard
	assert.Equal(t, 2, exitCodeOf(t, cmd.Run()))
}

func TestWrapperForwardsSignals(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		want int
	}{{syscall.SIGTERM, 42}, {syscall.SIGINT, 43}} {
		cmd := command(t, "signal", "--", os.Args[0])
		stdout, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		line, err := bufio.NewReader(stdout).ReadString('\n')
		require.NoError(t, err)
		require.Equal(t, "ready\n", line)
		require.NoError(t, cmd.Process.Signal(tc.sig))
		err = waitTimeout(t, cmd, 10*time.Second)
		assert.Equal(t, tc.want, exitCodeOf(t, err), "signal %v", tc.sig)
	}
}

func TestForegroundMode(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		cmd := command(t, "", "-addr", "127.0.0.1:0")
		stdout, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		line, err := bufio.NewReader(stdout).ReadString('\n')
		require.NoError(t, err)
		url, ok := strings.CutPrefix(strings.TrimSpace(line), "SSE_TEST_URL=")
		require.True(t, ok, "first line: %q", line)
		require.True(t, strings.HasPrefix(url, "http://127.0.0.1:"))
		c := &http.Client{Timeout: 5 * time.Second}
		resp, err := c.Get(url + "/health")
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		// A hanging stream must not keep the server from stopping.
		hang, err := c.Get(url + "/sse?events=1&end=hang")
		require.NoError(t, err)
		defer hang.Body.Close()
		stopAt := time.Now()
		require.NoError(t, cmd.Process.Signal(sig))
		err = waitTimeout(t, cmd, 5*time.Second)
		assert.Less(t, time.Since(stopAt), 2*time.Second)
		assert.Equal(t, 0, exitCodeOf(t, err), "signal %v", sig)
		_, err = c.Get(url + "/health")
		assert.Error(t, err)
	}
}
