//go:build wasmsse_notime && !go1.27

package scope

import (
	"errors"
	"sync"

	"github.com/wasm-sse/wasm-sse/wasm/internal/clock"
)

// Context is the part of context.Context the engine uses: a
// context.Context satisfies it.
type Context interface {
	// Done is closed when the context is cancelled; nil when it never is.
	Done() <-chan struct{}
	// Err is nil until Done is closed, then why: Canceled or
	// DeadlineExceeded.
	Err() error
}

// Canceled is the error of a cancelled Context (context.Canceled's text).
var Canceled = errors.New("context canceled")

// DeadlineExceeded is the error of a Context whose timeout passed.
var DeadlineExceeded error = deadlineError{}

// deadlineError is DeadlineExceeded's type: a timeout, as context's is.
type deadlineError struct{}

func (deadlineError) Error() string { return "context deadline exceeded" }
func (deadlineError) Timeout() bool { return true }

// background is never cancelled.
type background struct{}

func (background) Done() <-chan struct{} { return nil }
func (background) Err() error            { return nil }

// Background returns a Context that is never cancelled.
func Background() Context { return background{} }

// node is a cancellable Context. Its hooks run once, when it is
// cancelled: its children's cancellation and the AfterFunc functions.
type node struct {
	mu     sync.Mutex
	done   chan struct{}
	err    error
	cause  error
	hooks  map[*hook]struct{}
	detach func() // leaves the parent's hooks
}

// hook is one function registered on a node.
type hook struct{ f func() }

func (n *node) Done() <-chan struct{} { return n.done }

func (n *node) Err() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.err
}

// cancel cancels n with err and cause (err when nil), once.
func (n *node) cancel(err, cause error) {
	n.mu.Lock()
	if n.err != nil {
		n.mu.Unlock()
		return
	}
	if cause == nil {
		cause = err
	}
	n.err, n.cause = err, cause
	hooks := n.hooks
	n.hooks = nil
	close(n.done)
	n.mu.Unlock()
	if n.detach != nil {
		n.detach()
	}
	for h := range hooks {
		h.f()
	}
}

// add registers f to run when n is cancelled, or runs it now when n
// already is; remove undoes it and reports whether f had not run.
func (n *node) add(f func()) (remove func() bool) {
	h := &hook{f}
	n.mu.Lock()
	if n.err != nil {
		n.mu.Unlock()
		f()
		return func() bool { return false }
	}
	if n.hooks == nil {
		n.hooks = make(map[*hook]struct{})
	}
	n.hooks[h] = struct{}{}
	n.mu.Unlock()
	return func() bool {
		n.mu.Lock()
		defer n.mu.Unlock()
		_, ok := n.hooks[h]
		delete(n.hooks, h)
		return ok
	}
}

// newNode returns a child of parent, cancelled when parent is.
func newNode(parent Context) *node {
	n := &node{done: make(chan struct{})}
	switch p := parent.(type) {
	case background:
	case *node:
		remove := p.add(func() { n.cancel(p.Err(), Cause(p)) })
		n.detach = func() { remove() }
	default:
		if parent.Done() == nil {
			break
		}
		stop := make(chan struct{})
		go func() {
			select {
			case <-parent.Done():
				n.cancel(parent.Err(), nil)
			case <-stop:
			}
		}()
		n.detach = func() { close(stop) }
	}
	return n
}

// WithCancel returns a child of parent and the function that cancels it.
func WithCancel(parent Context) (Context, func()) {
	n := newNode(parent)
	return n, func() { n.cancel(Canceled, nil) }
}

// WithCancelCause returns a child of parent and the function that cancels
// it with a cause (Cause reports it; nil means Canceled).
func WithCancelCause(parent Context) (Context, func(cause error)) {
	n := newNode(parent)
	return n, func(cause error) { n.cancel(Canceled, cause) }
}

// WithTimeout returns a child of parent cancelled with DeadlineExceeded
// once d has passed, and the function that cancels it sooner.
func WithTimeout(parent Context, d clock.Duration) (Context, func()) {
	n := newNode(parent)
	t := clock.AfterFunc(d, func() { n.cancel(DeadlineExceeded, nil) })
	return n, func() {
		t.Stop()
		n.cancel(Canceled, nil)
	}
}

// AfterFunc runs f in its own goroutine once c is cancelled (at once when
// it already is). stop unregisters f and reports whether it did so before
// f was started.
func AfterFunc(c Context, f func()) (stop func() bool) {
	run := func() { go f() }
	if p, ok := c.(*node); ok {
		return p.add(run)
	}
	n := newNode(c)
	remove := n.add(run)
	return func() bool {
		ok := remove()
		n.cancel(Canceled, nil) // ends the watch of c
		return ok
	}
}

// Cause returns why c was cancelled: the cause given to WithCancelCause's
// function, else c.Err(); nil while c is not cancelled.
func Cause(c Context) error {
	if n, ok := c.(*node); ok {
		n.mu.Lock()
		defer n.mu.Unlock()
		return n.cause
	}
	return c.Err()
}
