//go:build js && wasm

package jsbridge

// Context is what a blocking call here needs of a context.Context, which
// satisfies it: a Done channel and the error once it is closed. It is
// this narrow so that the npm package's module need not link package
// context.
type Context interface {
	// Done is closed when the caller gives up; nil when it never does.
	Done() <-chan struct{}
	// Err is why, once Done is closed.
	Err() error
}
