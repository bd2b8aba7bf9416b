//go:build js && wasm

package client

import (
	"iter"

	"github.com/wasm-sse/wasm-sse/wasm/internal/scope"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// Events streams req and yields its events in order, for a range-over-func
// loop:
//
//	for ev, err := range client.Events(ctx, req) {
//		if err != nil {
//			return err // the stream failed for good (or ctx ended)
//		}
//		fmt.Println(ev.Data)
//	}
//
// The request starts when the loop does and runs under req.Retry as with
// Connect. Breaking out of the loop closes the stream: the request is
// aborted and nothing of it is left running. The loop ends after the last
// event when the stream ends cleanly; when it fails, or ctx is cancelled or
// times out, the last iteration yields the zero Event with the error
// (ctx.Err() for a cancelled or expired ctx, which errors.Is recognises).
//
// Events are handed over one at a time: while the loop body runs, the
// stream reads nothing more, so a slow consumer slows the network read
// instead of queueing without bound. req's Handler-style hooks are not
// available here; use Open for them.
func Events(ctx Context, req Request) iter.Seq2[sse.Event, error] {
	return func(yield func(sse.Event, error) bool) {
		sctx, cancel := scope.WithCancel(ctx)
		defer cancel()
		next := make(chan sse.Event)
		s := Open(sctx, req, Handler{OnEvent: func(e sse.Event) {
			select {
			case next <- e:
			case <-sctx.Done():
			}
		}})
		defer func() {
			s.Close()
			<-s.Done()
		}()
		for {
			select {
			case e := <-next:
				if !yield(e, nil) {
					return
				}
			case <-s.Done():
				// Every event was handed over before the stream ended:
				// OnEvent returns only once the loop has taken it.
				err := s.Wait()
				if err == nil && ctx.Err() != nil {
					err = ctx.Err()
				}
				if err != nil {
					yield(sse.Event{}, err)
				}
				return
			}
		}
	}
}
