//go:build js && wasm

// Command sse.wasm is the WebAssembly module of the npm package wasm-sse.
// It hands the API object of package jsapi to the JS shim, through the
// scope object the shim runs Go's runtime in (see wasm/jsapi/PROTOCOL.md),
// and then keeps the Go runtime alive for the page's lifetime.
package main

import (
	"syscall/js"

	"github.com/wasm-sse/wasm-sse/wasm/jsapi"
)

func main() {
	js.Global().Set("__wasmsse", jsapi.New())
	select {}
}
