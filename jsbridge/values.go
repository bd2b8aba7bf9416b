//go:build js && wasm

package jsbridge

import "syscall/js"

// Values looked up once at package initialisation. A constructor missing
// from the environment is undefined; using it panics with a js.Error that
// the callers' Recover turns into an error.
var (
	global        = js.Global()
	objectCtor    = global.Get("Object")
	uint8Ctor     = global.Get("Uint8Array")
	int32Ctor     = global.Get("Int32Array")
	promiseCtor   = global.Get("Promise")
	headersCtor   = global.Get("Headers")
	abortCtor     = global.Get("AbortController")
	errorCtor     = global.Get("Error")
	stringFn      = global.Get("String")
	functionProto = global.Get("Function").Get("prototype")

	// callBind turns a method m into a plain function f with
	// f(this, ...args) == m.call(this, ...args), so it can be used with
	// Invoke (no method-name string crossing the boundary).
	callBind = functionProto.Get("call").Get("bind").Call("bind", functionProto.Get("call"))

	// reflectGet(obj, key) reads a property with a cached key value.
	reflectGet = global.Get("Reflect").Get("get")
	// promiseThen(p, onFulfilled, onRejected) == p.then(onFulfilled, onRejected).
	promiseThen = callBind.Invoke(promiseCtor.Get("prototype").Get("then"))
	// promiseResolve(v) == Promise.resolve(v): a native promise for any
	// thenable, which calls at most one of its handlers, at most once.
	promiseResolve = promiseCtor.Get("resolve").Call("bind", promiseCtor)

	// noop is a handler for promises whose outcome is deliberately ignored
	// (for example the promise returned by ReadableStreamDefaultReader.cancel),
	// so they never report an unhandled rejection. It lives for the whole
	// program and is not counted by LiveFuncs.
	noop = js.FuncOf(func(js.Value, []js.Value) any { return nil })
)

// key is a property key, converted once. Value.Get converts its name on
// every call and, unlike Invoke, lets an exception thrown by a getter abort
// the whole Go program, so properties of values that come from outside are
// read with prop and these keys.
type key int

// The property keys.
const (
	keyDone key = iota
	keyValue
	keyByteLength
	keyByteOffset
	keyBuffer
	keyThen
	keyName
	keyMessage
	keyAborted
	keySignal
	keyFetch
	keyHeaders
	keyBody
	keyLocked
	keyStatus
	keyStatusText
	keyURL
	keyRedirected
	keyRead
	numKeys
)

// keyNames are the keys' names.
var keyNames = [numKeys]string{
	keyDone:       "done",
	keyValue:      "value",
	keyByteLength: "byteLength",
	keyByteOffset: "byteOffset",
	keyBuffer:     "buffer",
	keyThen:       "then",
	keyName:       "name",
	keyMessage:    "message",
	keyAborted:    "aborted",
	keySignal:     "signal",
	keyFetch:      "fetch",
	keyHeaders:    "headers",
	keyBody:       "body",
	keyLocked:     "locked",
	keyStatus:     "status",
	keyStatusText: "statusText",
	keyURL:        "url",
	keyRedirected: "redirected",
	keyRead:       "read",
}

// keys are the keys' JS strings, converted in one loop (a call site per
// key would weigh on the module).
var keys = func() (k [numKeys]js.Value) {
	for i, n := range keyNames {
		k[i] = js.ValueOf(n)
	}
	return k
}()

// Global returns the JavaScript global object (globalThis).
func Global() js.Value { return global }

// NewObject returns a new empty JavaScript object ({}).
func NewObject() js.Value { return objectCtor.New() }

// NewUint8Array returns a new zero-filled Uint8Array of n bytes.
func NewUint8Array(n int) js.Value { return uint8Ctor.New(n) }

// NewInt32ArrayOn returns an Int32Array view over the same bytes as the
// Uint8Array u8 (same buffer, same byte offset, byteLength/4 elements). The
// byte offset of u8 must be a multiple of 4, or JavaScript throws a
// RangeError (a js.Error panic).
func NewInt32ArrayOn(u8 js.Value) js.Value {
	return int32Ctor.New(prop(u8, keyBuffer), prop(u8, keyByteOffset), prop(u8, keyByteLength).Int()/4)
}

// Headers returns new Headers(init). init may be a plain object, a Headers
// object, an array of [name, value] pairs, or undefined/null (empty headers).
// An invalid name or value makes JavaScript throw a TypeError, which surfaces
// as a js.Error panic: call it under `defer Recover(&err)`.
func Headers(init js.Value) js.Value {
	if isNullish(init) {
		return headersCtor.New()
	}
	return headersCtor.New(init)
}

// prop returns v[key] through Reflect.get: the key crosses as a cached
// value, and a throwing getter (or a v that is not an object) panics with a
// recoverable js.Error instead of aborting the program.
func prop(v js.Value, k key) js.Value { return reflectGet.Invoke(v, keys[k]) }

// isThenable reports whether v is an object or function with a callable
// then; it panics (js.Error) when reading then throws.
func isThenable(v js.Value) bool {
	return isObject(v) && prop(v, keyThen).Type() == js.TypeFunction
}

// isNullish reports whether v is undefined or null.
func isNullish(v js.Value) bool {
	return v.IsUndefined() || v.IsNull()
}

// isObject reports whether v is an object or a function (something that can
// carry properties such as then).
func isObject(v js.Value) bool {
	t := v.Type()
	return t == js.TypeObject || t == js.TypeFunction
}

// ignoreRejection attaches a no-op rejection handler to the promise p (when
// p is a thenable), so a rejection nobody waits for is not reported as
// unhandled. It never panics.
func ignoreRejection(p js.Value) {
	defer func() { _ = recover() }()
	if isThenable(p) {
		promiseThen.Invoke(promiseResolve.Invoke(p), js.Undefined(), noop)
	}
}
