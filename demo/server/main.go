// Command server is the wasm-sse demo: it serves the demo page, the npm
// package's files, and an LLM-style chat (POST /api/chat) and a ticker
// (GET /api/ticker) over Server-Sent Events, with fault knobs.
//
//	go run ./demo/server [-addr 127.0.0.1:8080] [-pkg npm] [-goclient out/demo-go]
//
// The page's Go client (demo/goclient) is served from -goclient, which
// `make demo` fills (goclient.wasm and Go's wasm_exec.js); without it the
// page says the Go client is not built.
//
// The address also comes from $DEMO_ADDR. With port 0 the chosen address
// is printed, so scripts can read the URL from the first line of stdout.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/wasm-sse/wasm-sse/demo/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// run parses args, serves until ctx is done, then shuts down: open streams
// are ended and Shutdown waits up to 5 s for the rest. The URL is the first
// line written to stdout.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	defAddr := os.Getenv("DEMO_ADDR")
	if defAddr == "" {
		defAddr = "127.0.0.1:8080"
	}
	flags := flag.NewFlagSet("demo", flag.ContinueOnError)
	addr := flags.String("addr", defAddr, "listen address (also $DEMO_ADDR); port 0 picks a free port")
	pkgDir := flags.String("pkg", "", "the npm package directory (default: npm/ of the enclosing repository)")
	goDir := flags.String("goclient", "", "the Go client's build directory (goclient.wasm, wasm_exec.js; default: out/demo-go/ of the enclosing repository)")
	webDir := flags.String("web", "", "serve the page from this directory instead of the embedded copy (for editing)")
	delay := flags.Duration("delay", defaultConfig.TokenDelay, "default pause before each chat token")
	ping := flags.Duration("ping", defaultConfig.Ping, "quiet time before a \": ping\" comment")
	if err := flags.Parse(args); err != nil {
		return err
	}

	if *pkgDir == "" {
		d, err := findPackage()
		if err != nil {
			return err
		}
		*pkgDir = d
	}
	if _, err := os.Stat(filepath.Join(*pkgDir, "dist", "sse.wasm")); err != nil {
		log.Printf("demo: warning: %s is missing: run `make build` first", filepath.Join(*pkgDir, "dist", "sse.wasm"))
	}
	if *goDir == "" {
		*goDir = filepath.Join(filepath.Dir(*pkgDir), "out", "demo-go")
	}
	if _, err := os.Stat(filepath.Join(*goDir, "goclient.wasm")); err != nil {
		log.Printf("demo: warning: %s is missing: the page's Go client is off (`make demo` builds it)", filepath.Join(*goDir, "goclient.wasm"))
	}
	var page fs.FS = web.Files
	if *webDir != "" {
		page = os.DirFS(*webDir)
	}
	cfg := defaultConfig
	cfg.TokenDelay, cfg.Ping = *delay, *ping
	h, err := newServer(cfg, page, os.DirFS(*pkgDir), os.DirFS(*goDir))
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return errors.New("demo: " + err.Error())
	}
	base, stopStreams := context.WithCancel(context.Background())
	defer stopStreams()
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return base },
	}
	fmt.Fprintf(stdout, "wasm-sse demo: http://%s/ (package files from %s)\n", ln.Addr(), *pkgDir)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	log.Print("demo: shutting down")
	stopStreams() // end open streams so Shutdown does not wait for them
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return errors.New("demo: shutdown: " + err.Error())
	}
	return nil
}

// findPackage returns the npm/ directory of the repository that contains
// the working directory.
func findPackage() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for range 64 {
		if _, err := os.Stat(filepath.Join(dir, "npm", "package.json")); err == nil {
			return filepath.Join(dir, "npm"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return "", errors.New("demo: no npm/package.json above the working directory: pass -pkg")
}
