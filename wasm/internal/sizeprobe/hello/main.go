//go:build js && wasm

// Program hello measures the floor of a Go js/wasm program: it imports only
// syscall/js and logs one line.
//
// Everything in it is Go's runtime, syscall/js and what they link; every
// other probe, and sse.wasm, pays this much too.
package main

import "syscall/js"

func main() {
	js.Global().Get("console").Call("log", "hello")
}
