package retry_test

import (
	"fmt"

	"github.com/wasm-sse/wasm-sse/wasm/retry"
)

func Example() {
	// A fixed clock and a random number of 0 make the output deterministic;
	// real clients pass nil, nil.
	now := func() int64 { return 0 }
	s := retry.New(retry.Policy{MaxRetries: 3}, now, func() float64 { return 0 })
	s.SetServerRetry(500) // the stream sent "retry: 500"

	for {
		d := s.Next(retry.Failure{Kind: retry.KindNetwork, Method: "GET"})
		if !d.Retry {
			fmt.Println("stop:", d.Reason)
			return
		}
		fmt.Printf("attempt %d in %v\n", d.Attempt, d.Delay)
	}
	// Output:
	// attempt 1 in 500ms
	// attempt 2 in 1s
	// attempt 3 in 2s
	// stop: retries exhausted
}

// Example_progress shows that a failure after progress starts a new run:
// with MaxRetries 2, silent failures stop at the third, but a stream that
// delivers something on each connection keeps reconnecting at the base
// delay.
func Example_progress() {
	now := func() int64 { return 0 }
	s := retry.New(retry.Policy{MaxRetries: 2}, now, func() float64 { return 0 })
	silent := retry.Failure{Kind: retry.KindNetwork}
	moved := retry.Failure{Kind: retry.KindNetwork, Dispatched: true, Progress: true}

	for _, f := range []retry.Failure{silent, silent, moved, silent, moved, moved, silent, silent, silent} {
		d := s.Next(f)
		if !d.Retry {
			fmt.Println("stop:", d.Reason)
			continue
		}
		fmt.Printf("progress=%v: attempt %d in %v\n", f.Progress, d.Attempt, d.Delay)
	}
	// Output:
	// progress=false: attempt 1 in 1s
	// progress=false: attempt 2 in 2s
	// progress=true: attempt 1 in 1s
	// progress=false: attempt 2 in 2s
	// progress=true: attempt 1 in 1s
	// progress=true: attempt 1 in 1s
	// progress=false: attempt 2 in 2s
	// stop: retries exhausted
	// stop: retries exhausted
}
