//go:build js && wasm && wasmsse_notime

package client

import (
	"errors"
	"sync/atomic"
	"syscall/js"
)

// errNoPump is the failure of a stream without Handler.Pump in the npm
// module, which always reads bodies in JavaScript (wasm/jsapi sets Pump).
var errNoPump = errors.New("client: this build reads response bodies only through Handler.Pump")

// readBody is the Go-driven reader of readbody.go, left out of the npm
// module's build: nothing there calls it.
func (s *Stream) readBody(Context, js.Value, *atomic.Bool, *idleWatch) error { return errNoPump }
