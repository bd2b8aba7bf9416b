//go:build js && wasm

package jsapi

import (
	"syscall/js"

	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/client"
)

// thrown is a value a user hook threw to stop the stream; ondone gets it
// back unchanged.
type thrown struct{ v js.Value }

func (t *thrown) Error() string { return "jsapi: stopped by a callback" }

// handlerFrom adapts the shim's hooks object. finish runs once, after
// ondone.
func handlerFrom(ctx client.Context, params, hooks js.Value, finish func()) client.Handler {
	get := func(name string) js.Value {
		if v := hooks.Get(name); v.Type() == js.TypeFunction {
			return v
		}
		return js.Undefined()
	}
	onopen, onclose, onerror := get("onopen"), get("onclose"), get("onerror")
	onretry, ondone := get("onretry"), get("ondone")
	h := client.Handler{CustomOpen: params.Get("customOpen").Truthy()}
	if !onopen.IsUndefined() {
		h.OnOpen = func(resp jsbridge.Response) error {
			v, err := call(onopen, resp.Value)
			if err != nil {
				return err
			}
			_, err = jsbridge.Await(ctx, v)
			return err
		}
	}
	if !onclose.IsUndefined() {
		h.OnClose = func() error {
			_, err := call(onclose)
			return err
		}
	}
	if !onerror.IsUndefined() {
		h.OnError = func(err error, next client.Next) (client.Next, error) {
			o := errorObject(err)
			o.Set("willRetry", next.Retry)
			o.Set("delay", next.Delay.Milliseconds())
			v, cerr := call(onerror, o)
			if cerr != nil {
				return next, &thrown{v: jsValueOf(cerr)}
			}
			if v.Type() == js.TypeNumber && v.Float() >= 0 {
				return client.Next{Retry: true, Delay: ms(v)}, nil
			}
			return next, nil
		}
	}
	if !onretry.IsUndefined() {
		h.OnRetry = func(info client.RetryInfo) {
			o := jsbridge.NewObject()
			o.Set("attempt", info.Attempt)
			o.Set("delay", info.Delay.Milliseconds())
			o.Set("error", errorObject(info.Err))
			_, _ = call(onretry, o)
		}
	}
	if pump := get("pump"); !pump.IsUndefined() {
		p := newPipe(pump)
		h.Sink, h.Pump = p, p.Pump
	}
	h.OnDone = func(err error) {
		defer finish()
		if ondone.IsUndefined() {
			return
		}
		var v any
		var t *thrown
		switch {
		case err == nil:
			v = js.Null()
		case jsbridge.As(err, &t):
			v = t.v
		default:
			v = errorObject(err)
		}
		_, _ = call(ondone, v)
	}
	return h
}

// call invokes a hook with an undefined receiver; a throw becomes an error.
func call(fn js.Value, args ...any) (v js.Value, err error) {
	defer jsbridge.Recover(&err)
	return fn.Invoke(args...), nil
}

// jsValueOf returns the JS value behind an error from a hook.
func jsValueOf(err error) js.Value {
	var je *jsbridge.Error
	if jsbridge.As(err, &je) {
		return je.Value
	}
	return js.ValueOf(err.Error())
}
