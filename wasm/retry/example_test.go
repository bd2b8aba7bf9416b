package retry_test

import (
	"fmt"
	"time"

	"github.com/wasm-sse/wasm-sse/wasm/retry"
)

func Example() {
	// A fixed clock and a random number of 0 make the output deterministic;
	// real clients pass nil, nil.
	now := func() time.Time { return time.Unix(0, 0) }
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
