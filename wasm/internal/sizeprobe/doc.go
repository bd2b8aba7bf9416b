// Package sizeprobe holds minimal Go js/wasm programs, one per
// subdirectory, that `make size` builds like sse.wasm and measures, so that
// a Go developer sees what a program costs before this module's code
// (hello), with this module's Go API (client), and with net/http and a
// hand-written event loop instead (nethttp). Each program's package doc
// says what it measures; `make size` prints its first sentence.
package sizeprobe
