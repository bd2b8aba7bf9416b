//go:build js && wasm

package jsbridge

import (
	"sync"
	"syscall/js"
)

// settlement is the outcome of a promise.
type settlement struct {
	value    js.Value
	rejected bool
}

// Await waits for the promise (or any thenable) p to settle and returns its
// value, or an *Error built from the rejection reason. A value that is not a
// thenable is returned as is, with no JavaScript round trip.
//
// When ctx is done first, Await returns ctx.Err() at once. Its two callbacks
// stay registered until the promise settles and are released then (releasing
// them earlier would make JavaScript call a released function); a promise
// that never settles keeps them alive. A JavaScript exception while
// attaching the callbacks (a throwing then getter, say) is returned as an
// error. Await must not be called from inside a js.Func callback.
func Await(ctx Context, p js.Value) (js.Value, error) {
	return await(ctx, p, nil)
}

// await is Await with a hook: when ctx wins and the promise is fulfilled
// later, late is called with the value (from a callback: it must not block),
// so the caller can dispose of it (cancel a response body, say).
func await(ctx Context, p js.Value, late func(js.Value)) (v js.Value, err error) {
	defer Recover(&err)
	if !isThenable(p) {
		return p, nil
	}
	if err := ctx.Err(); err != nil {
		ignoreRejection(p)
		return js.Undefined(), err
	}
	w := &waiter{ch: make(chan settlement, 1), late: late}
	w.onFulfilled = FuncOf(func(_ js.Value, args []js.Value) any {
		w.settle(settlement{value: arg(args, 0)})
		return nil
	})
	w.onRejected = FuncOf(func(_ js.Value, args []js.Value) any {
		w.settle(settlement{value: arg(args, 0), rejected: true})
		return nil
	})
	if err := w.attach(p); err != nil {
		return js.Undefined(), err
	}
	select {
	case s := <-w.ch:
		return s.result()
	case <-ctx.Done():
		w.abandon()
		return js.Undefined(), ctx.Err()
	}
}

// waiter holds the state shared by Await and its two callbacks.
type waiter struct {
	ch                      chan settlement
	onFulfilled, onRejected Func
	late                    func(js.Value)

	mu        sync.Mutex
	abandoned bool
}

// attach registers the callbacks on Promise.resolve(p); on failure it
// releases them and returns the error.
func (w *waiter) attach(p js.Value) (err error) {
	defer func() {
		if r := recover(); r != nil {
			w.release()
			err = panicToError(r)
		}
	}()
	promiseThen.Invoke(promiseResolve.Invoke(p), w.onFulfilled.Value, w.onRejected.Value)
	return nil
}

// settle runs in a callback: it releases both callbacks (a native promise
// calls at most one of them, once) and hands the outcome over without
// blocking.
func (w *waiter) settle(s settlement) {
	w.release()
	w.mu.Lock()
	abandoned := w.abandoned
	w.mu.Unlock()
	if abandoned {
		w.dispose(s)
		return
	}
	w.ch <- s // capacity 1, sent at most once: never blocks
}

// abandon marks the waiter as no longer read; an outcome that raced in
// already is disposed of.
func (w *waiter) abandon() {
	w.mu.Lock()
	w.abandoned = true
	w.mu.Unlock()
	select {
	case s := <-w.ch:
		w.dispose(s)
	default:
	}
}

// dispose passes a fulfilled value nobody waits for to the late hook.
func (w *waiter) dispose(s settlement) {
	if s.rejected || w.late == nil {
		return
	}
	defer func() { _ = recover() }()
	w.late(s.value)
}

// release frees both callbacks (idempotent).
func (w *waiter) release() {
	w.onFulfilled.Release()
	w.onRejected.Release()
}

// result converts a settlement to Await's results.
func (s settlement) result() (js.Value, error) {
	if s.rejected {
		return js.Undefined(), ErrorFrom(s.value)
	}
	return s.value, nil
}
