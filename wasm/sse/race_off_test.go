//go:build !race

package sse

// raceEnabled lets the biggest tests shrink under the race detector, which
// slows byte-at-a-time parsing about tenfold.
const raceEnabled = false
