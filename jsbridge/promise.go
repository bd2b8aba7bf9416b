//go:build js && wasm

package jsbridge

import "syscall/js"

// Promise returns a JavaScript Promise settled from Go, for exported
// functions that must not block. fn runs in a new goroutine, so it may
// block (Await, Fetch, Reader.Read); it settles the promise by calling
// resolve or reject (only the first call counts). Values are converted with
// js.ValueOf, except that an error becomes a JavaScript Error (the original
// thrown value for an *Error) and a Func becomes its function. A panic in fn,
// or a value js.ValueOf rejects, rejects the promise. If fn returns without
// settling, the promise stays pending.
//
// The executor callback is released before Promise returns.
func Promise(fn func(resolve, reject func(any))) js.Value {
	var resolveFn, rejectFn js.Value
	exec := FuncOf(func(_ js.Value, args []js.Value) any {
		resolveFn, rejectFn = arg(args, 0), arg(args, 1)
		return nil
	})
	p := promiseCtor.New(exec.Value)
	exec.Release()

	reject := func(v any) {
		defer func() { _ = recover() }()
		rejectFn.Invoke(toJS(v))
	}
	resolve := func(v any) {
		defer func() {
			if r := recover(); r != nil {
				reject(panicToError(r))
			}
		}()
		resolveFn.Invoke(toJS(v))
	}
	go func() {
		defer func() {
			if r := recover(); r != nil {
				reject(panicToError(r))
			}
		}()
		fn(resolve, reject)
	}()
	return p
}

// toJS converts v for JavaScript like js.ValueOf, and also accepts errors
// and Funcs. It panics on values js.ValueOf rejects.
func toJS(v any) js.Value {
	switch x := v.(type) {
	case js.Value:
		return x
	case Func:
		return x.Value
	case error:
		if x == nil {
			return js.Null()
		}
		return toJSError(x)
	}
	return js.ValueOf(v)
}
