// Command sse-testserver runs the SSE test server of package testserver
// (routes /sse, /echo, /chat, /corpus, /stats, /static/; see
// wasm/internal/testserver/README.md) on a loopback port.
//
// Wrapper mode runs a command while the server is up:
//
//	sse-testserver [-addr 127.0.0.1:0] [-static dir] -- <command> [args...]
//
// The command inherits stdin, stdout, stderr and the environment plus
// SSE_TEST_URL=http://127.0.0.1:<port> (and SSE_TEST_STATIC_URL=<url>/static/
// with -static). SIGINT and SIGTERM are forwarded to it. When it exits the
// server is shut down and sse-testserver exits with the command's exit code
// (128+n when it died from signal n; 127 when it could not be started).
//
// Without a command it serves in the foreground: the first line on stdout is
// SSE_TEST_URL=http://127.0.0.1:<port>, and SIGINT or SIGTERM stop it
// cleanly (exit code 0).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"github.com/wasm-sse/wasm-sse/wasm/internal/testserver"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without os.Exit; it returns the process exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sse-testserver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	static := fs.String("static", "", "serve the files of this directory under /static/")
	maxDur := fs.Duration("max-duration", testserver.DefaultMaxDuration, "longest time a request may spend producing its body")
	verbose := fs.Bool("v", false, "log every request to stderr")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sse-testserver [flags] [-- command [args...]]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	opts := []testserver.Option{testserver.WithMaxDuration(*maxDur)}
	if *static != "" {
		if st, err := os.Stat(*static); err != nil || !st.IsDir() {
			fmt.Fprintf(stderr, "sse-testserver: -static %s: not a directory\n", *static)
			return 2
		}
		opts = append(opts, testserver.WithStaticDir(*static))
	}
	if *verbose {
		opts = append(opts, testserver.WithLog(stderr))
	}
	srv := testserver.New(opts...)
	// Catch signals before anything can be started, so none is lost.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	if err := srv.Start(*addr); err != nil {
		fmt.Fprintf(stderr, "sse-testserver: %v\n", err)
		return 1
	}
	defer srv.Close()
	env := []string{"SSE_TEST_URL=" + srv.URL}
	if *static != "" {
		env = append(env, "SSE_TEST_STATIC_URL="+srv.URL+"/static/")
	}
	if fs.NArg() == 0 {
		for _, kv := range env {
			fmt.Fprintln(stdout, kv)
		}
		<-sigs
		return 0
	}
	return runChild(fs.Args(), env, sigs, stdin, stdout, stderr)
}

// runChild runs argv with extra environment entries, forwarding signals,
// and returns its exit code.
func runChild(argv, env []string, sigs <-chan os.Signal, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	cmd.Env = append(os.Environ(), env...)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "sse-testserver: starting %s: %v\n", argv[0], err)
		return 127
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for {
		select {
		case sig := <-sigs:
			_ = cmd.Process.Signal(sig)
		case err := <-done:
			return exitCode(err, stderr)
		}
	}
}

// exitCode maps the result of Wait to an exit code.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return ee.ExitCode()
	}
	fmt.Fprintf(stderr, "sse-testserver: %v\n", err)
	return 1
}
