# wasm-sse: the single source of build and test flags.
# `make test` installs what it needs (Debian chromium, wasmbrowsertest, npm packages).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

GO        ?= go
GOPATH    := $(shell $(GO) env GOPATH)
GOROOT    := $(shell $(GO) env GOROOT)
DIST      := npm/dist
WASM      := $(DIST)/sse.wasm
WASM_EXEC := $(DIST)/wasm_exec.js
GO_RUNTIME := $(DIST)/go-runtime.js
LDFLAGS   := -s -w
# The npm module's build tag: the engine's clock, timers and cancellation come
# from the runtime instead of packages time and context (wasm/internal/clock,
# wasm/internal/scope), which the module then does not link.
WASMTAGS  := wasmsse_notime
# Inlining off in this module's packages that run once per stream or per attempt
# (requests, retry, errors, the JS bridge): -2.4 KB gzip. The parser, the
# records and the client's per-chunk and per-event path keep it.
MOD       := github.com/wasm-sse/wasm-sse
WASMGCFLAGS := -gcflags=$(MOD)/...=-l -gcflags=$(MOD)/wasm/sse= -gcflags=$(MOD)/wasm/internal/records= -gcflags=$(MOD)/wasm/client=
WASMENV   := GOOS=js GOARCH=wasm
WBT_VER   := v0.11.0
WBT       := $(GOPATH)/bin/wasmbrowsertest
CHROMIUM  := /usr/bin/chromium
FUZZTIME  ?= 5s
# wasmbrowsertest forwards the whole environment into the page: keep it small.
WBTENV    := env -i PATH="$(PATH)" HOME="$(HOME)" GOCACHE="$(shell $(GO) env GOCACHE)" \
             GOPATH="$(GOPATH)" GOMODCACHE="$(shell $(GO) env GOMODCACHE)" GOFLAGS="$(GOFLAGS)" \
             GOPROXY="$(shell $(GO) env GOPROXY)"

TESTSERVER := out/sse-testserver
# Packages whose tests need a browser (syscall/js); the rest run natively.
BROWSER_PKGS := ./jsbridge/ ./wasm/client/ ./wasm/jsapi/

DEMO_BIN   := out/demo-server
# The demo page's Go client (demo/goclient) and the wasm_exec.js of the Go that built it.
DEMO_GO    := out/demo-go
NODE_DEPS  := node_modules/.package-lock.json

.PHONY: build test lint bench bench-go bench-wasm bench-e2e size size-check clean fuzz deps test-go test-fuzz test-browser test-npm test-npm-browser test-reliability test-e2e stress demo demo-go

## build: the wasm module, Go's wasm_exec.js and its module wrapper into npm/dist/
build: $(WASM) $(WASM_EXEC) $(GO_RUNTIME)

# After linking, data segments split by zero runs of up to 256 bytes are joined:
# +325 KB raw, -53 KB gzip and -34 KB brotli, the same memory contents.
$(WASM): go.mod $(shell find wasm jsbridge -name '*.go' -not -name '*_test.go')
	@mkdir -p $(DIST)
	$(WASMENV) $(GO) build -trimpath -tags=$(WASMTAGS) $(WASMGCFLAGS) -ldflags="$(LDFLAGS)" -o $@.tmp ./wasm
	$(GO) run ./wasm/internal/sizecheck/mergedata -gap 256 $@.tmp
	mv $@.tmp $@

$(WASM_EXEC): $(GOROOT)/lib/wasm/wasm_exec.js
	@mkdir -p $(DIST)
	cp $< $@

# wasm_exec.js wrapped, unmodified, into an ES module run against a private scope.
$(GO_RUNTIME): $(WASM_EXEC) npm/scripts/gen-runtime.mjs
	node npm/scripts/gen-runtime.mjs $(WASM_EXEC) $@

# npm dev dependencies (playwright-core, typescript, esbuild, vite, the benchmark peers).
# `npm ci` installs exactly the lock file and never rewrites it. The lock lists rollup's
# optional binaries for every platform, as `npm install` writes it; `npm ci` fails on a
# lock missing them. After changing package.json, run `npm install` and commit the lock.
$(NODE_DEPS): package.json package-lock.json npm/package.json
	npm ci --no-audit --no-fund

## demo: build the package, the page's Go client and the demo server, then serve http://127.0.0.1:8080/ (DEMO_ADDR=... to change)
demo: build demo-go
	@mkdir -p out
	$(GO) build -o $(DEMO_BIN) ./demo/server
	./$(DEMO_BIN)

## demo-go: the demo page's Go client (demo/goclient, js/wasm) and Go's wasm_exec.js into out/demo-go/, served under /go/
demo-go: $(DEMO_GO)/goclient.wasm $(DEMO_GO)/wasm_exec.js

$(DEMO_GO)/goclient.wasm: go.mod $(shell find demo/goclient wasm jsbridge -name '*.go' -not -name '*_test.go')
	@mkdir -p $(DEMO_GO)
	$(WASMENV) $(GO) build -trimpath -ldflags="$(LDFLAGS)" -o $@ ./demo/goclient

$(DEMO_GO)/wasm_exec.js: $(GOROOT)/lib/wasm/wasm_exec.js
	@mkdir -p $(DEMO_GO)
	cp $< $@

## test: every test layer
test: lint size-check test-go test-fuzz test-browser test-npm test-npm-browser test-reliability test-e2e

## test-npm: the npm package in Node against the Go test server (the shared cases of npm/test/behaviour/ through npm/test/node/behaviour.test.js, and Node's own tests), and its type tests
test-npm: build $(NODE_DEPS) $(TESTSERVER)
	$(TESTSERVER) -- node --test npm/test/node/
	npx tsc -p npm/test/types/tsconfig.json
	npx tsc -p npm/test/types/tsconfig.original.json
	npx tsc -p npm/test/types/tsconfig.node.json
	npx tsc -p npm/test/types/tsconfig.dom.json

## test-npm-browser: the npm package in headless Chromium (the shared cases of npm/test/behaviour/ through npm/test/browser/behaviour.test.js, and the page's own tests), and the packed tarball (Node, esbuild, Vite, Workers)
test-npm-browser: deps build $(NODE_DEPS) $(TESTSERVER)
	$(TESTSERVER) -static npm -- node --test npm/test/browser/ npm/test/package/

## test-reliability: faults, bad input, leaks, soak, exactly-once resume and security through the npm package in Node and Chromium (the Go side runs in test-browser)
test-reliability: deps build $(NODE_DEPS) $(TESTSERVER)
	$(TESTSERVER) -- node --test npm/test/reliability/

## stress: the reliability tests with their full counts (200 cuts/10k events, 10k cycles, 30 s soak)
stress: deps build $(NODE_DEPS) $(TESTSERVER)
	$(TESTSERVER) -- sh -c '$(WBTENV) SSE_STRESS=1 SSE_TEST_URL="$$SSE_TEST_URL" $(WASMENV) $(GO) test -count=1 -timeout=30m -run=Reliab -exec="$(WBT)" ./wasm/client/'
	SSE_STRESS=1 $(TESTSERVER) -- node --test npm/test/reliability/

## test-e2e: the demo page in headless Chromium (playwright-core)
test-e2e: deps build demo-go $(NODE_DEPS)
	node --test demo/e2e/

## test-browser: js/wasm packages in headless Chromium against the Go test server
test-browser: deps $(TESTSERVER)
	$(TESTSERVER) -- sh -c '$(WBTENV) SSE_TEST_URL="$$SSE_TEST_URL" $(WASMENV) $(GO) test -count=1 -exec="$(WBT)" $(BROWSER_PKGS)'

$(TESTSERVER): go.mod $(shell find wasm/internal -name '*.go' -not -name '*_test.go')
	@mkdir -p out
	$(GO) build -o $@ ./wasm/internal/cmd/sse-testserver

## lint: gofmt, go vet natively and for js/wasm, the JS shim type-checked (strict) against index.d.ts, the shared behaviour cases checked for Node-only names, no tracker issue numbers or paths outside the repository
lint: $(NODE_DEPS) $(GO_RUNTIME)
	scripts/check-standalone.sh
	@out="$$(gofmt -l wasm jsbridge demo)"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(WASMENV) $(GO) vet ./...
	$(WASMENV) $(GO) vet -tags=$(WASMTAGS) ./wasm ./wasm/internal/clock/ ./wasm/internal/scope/
	npx tsc -p npm/test/types/tsconfig.shim.json
	npx tsc -p npm/test/types/tsconfig.behaviour.json

## test-go: native tests (pure Go packages) with the race detector, and the engine's clock and cancellation as the npm module builds them
test-go:
	$(GO) test -race -count=1 ./...
	$(GO) test -race -count=1 -tags=$(WASMTAGS) ./wasm/internal/clock/ ./wasm/internal/scope/

## test-fuzz: the parser's fuzz targets, briefly, on top of their seed corpus
test-fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzParser$$' -fuzztime=$(FUZZTIME) ./wasm/sse/
	$(GO) test -run='^$$' -fuzz='^FuzzDifferential$$' -fuzztime=$(FUZZTIME) ./wasm/sse/

## fuzz: the fuzz targets for as long as asked: make fuzz FUZZTIME=10m
fuzz: FUZZTIME = 5m
fuzz: test-fuzz

## bench: every benchmark, then BENCHMARKS.md (Chromium and Node end to end against the peers, parser-only,
## first event, memory, size, concurrency), under 10 minutes; timings never gate anything
bench: bench-go bench-wasm bench-e2e

## bench-go: the Go parser natively (MB/s, events/s, allocs)
bench-go:
	$(GO) test -run='^$$' -bench=. -benchmem ./wasm/sse/

## bench-wasm: the same parser benchmarks compiled to js/wasm, run in Node
bench-wasm:
	$(WASMENV) $(GO) test -exec="$(GOROOT)/lib/wasm/go_js_wasm_exec" -run='^$$' -bench=BenchmarkParse -benchmem ./wasm/sse/

## bench-e2e: the npm harness (npm/bench/run.mjs) that writes BENCHMARKS.md
bench-e2e: deps build $(NODE_DEPS) $(TESTSERVER)
	@mkdir -p out/bench
	$(TESTSERVER) -static out/bench -- node npm/bench/run.mjs

## size: what a page downloads (sse.wasm + the shim bundled by esbuild, minified; raw, gzip, brotli) against size-budget.json,
## sse.wasm's bytes by Go package, and the Go/wasm size probes (wasm/internal/sizeprobe); fails when over budget
# size-budget.json (bytes) is the budget's only source: the benchmark report (npm/bench/lib/report.js) reads it too.
# raw applies to sse.wasm, gzip (and brotli, if set) to sse.wasm + the bundled shim.
size: build $(NODE_DEPS)
	$(GO) run ./wasm/internal/sizecheck -wasm $(WASM) -shim npm/src/index.js -esbuild node_modules/.bin/esbuild \
		-budget size-budget.json -pkg ./wasm -tags $(WASMTAGS) -buildflags "$(WASMGCFLAGS)" -ldflags "$(LDFLAGS)" -merge-gap 256 -probes wasm/internal/sizeprobe -go $(GO)

## size-check: what a page downloads (sse.wasm + the bundled shim) against size-budget.json; fails when the gzip download is over (part of make test)
# The raw budget is reported, not gated: the data join that keeps the download
# within budget adds 325 KB raw, and the module is over 2.2 MB raw without it too.
size-check: build $(NODE_DEPS)
	$(GO) run ./wasm/internal/sizecheck -wasm $(WASM) -shim npm/src/index.js -esbuild node_modules/.bin/esbuild \
		-budget size-budget.json -gate gzip

## deps: what the browser tests need on a fresh Debian machine
deps: $(CHROMIUM) $(WBT)

$(CHROMIUM):
	apt-get update
	apt-get install -y --no-install-recommends chromium || { apt-get --fix-broken install -y; apt-get install -y --no-install-recommends chromium; }

$(WBT):
	cd /tmp && $(GO) install github.com/agnivade/wasmbrowsertest@$(WBT_VER)

## clean: remove generated files
clean:
	rm -rf $(DIST) node_modules npm/node_modules out
