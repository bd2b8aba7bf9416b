package testserver

import (
	"net/http"
	"strings"
	"time"
)

// Parameter bounds. Every route is bounded by them and by the server's
// maximum duration.
const (
	maxDelayMS = 60_000         // delay, stall, stallHeaders, chunkDelay
	maxBytes   = int64(1) << 34 // dropAtByte, garbage, huge (16 GiB)
	maxCount   = 10_000_000     // events, dropAfter, stallAfter, failTimes, drops
)

// streamOptions are the parameters shared by every streaming route (/sse,
// /chat, /corpus): how the response starts, fails, is cut, paced and ends.
type streamOptions struct {
	redirect int    // 301, 302, 303, 307, 308; 0 = none
	to       string // Location of the redirect

	status     int    // response status; 0 = 200
	ctype      string // Content-Type override
	ctypeSet   bool   // ctype present (an empty value removes the header)
	body       string // non-stream body
	bodySet    bool
	retryAfter string // Retry-After header, verbatim
	retryAfSet bool
	headers    [][2]string // extra response headers (header=Name:value)
	failTimes  int64       // fail the first failTimes requests of the key

	stallHeaders time.Duration // delay before the response headers
	chunk        int           // max bytes per write+flush; 0 = whole writes
	chunkDelay   time.Duration // pause between consecutive writes of a piece
	delay        time.Duration // pause between events
	dropAfter    int64         // cut after this many events; -1 = never
	dropAtByte   int64         // cut after this many body bytes; -1 = never
	dropSeed     uint64        // seed of the pseudo-random cuts
	drops        int64         // cut the first drops requests of the key
	seeded       bool          // dropSeed present
	dropSpread   bool          // the seeded cuts are spread over the whole stream
	dropPause    time.Duration // pause between the last bytes and a cut
	dropClean    bool          // a cut ends the response cleanly instead
	stallAfter   int64         // stall after this many events; -1 = never
	stall        time.Duration // stall length
	end          string        // "close" or "hang"
}

// parseStreamOptions reads the shared parameters; errors are left in p.
func parseStreamOptions(p *params) *streamOptions {
	o := &streamOptions{}
	o.redirect = int(p.int("redirect", 0, 0, 399))
	switch o.redirect {
	case 0, 301, 302, 303, 307, 308:
	default:
		p.fail("redirect", p.v.Get("redirect"), "must be 301, 302, 303, 307 or 308")
	}
	o.to = p.str("to", "/sse")
	o.status = int(p.int("status", 0, 200, 599))
	o.ctype, o.ctypeSet = p.str("ctype", ""), p.has("ctype")
	o.body, o.bodySet = p.str("body", ""), p.has("body")
	o.retryAfter, o.retryAfSet = p.str("retryAfter", ""), p.has("retryAfter")
	for _, h := range p.v["header"] {
		name, value, ok := strings.Cut(h, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t\r\n") || strings.ContainsAny(value, "\r\n") {
			p.fail("header", h, `must be "Name: value"`)
			continue
		}
		o.headers = append(o.headers, [2]string{name, strings.TrimSpace(value)})
	}
	o.failTimes = p.int("failTimes", 0, 0, maxCount)

	o.stallHeaders = p.ms("stallHeaders", maxDelayMS)
	o.chunk = int(p.int("chunk", 0, 0, 1<<24))
	if p.bool("trickle") {
		o.chunk = 1
	}
	o.chunkDelay = p.ms("chunkDelay", maxDelayMS)
	o.delay = p.ms("delay", maxDelayMS)
	o.dropAfter = p.int("dropAfter", -1, 0, maxCount)
	o.dropAtByte = p.int("dropAtByte", -1, 0, maxBytes)
	o.seeded = p.has("dropSeed")
	o.dropSeed = uint64(p.int("dropSeed", 0, 0, 1<<62))
	o.drops = p.int("drops", 1, 0, maxCount)
	o.dropSpread = p.bool("dropSpread")
	o.dropPause = time.Duration(p.int("dropPause", 50, 0, maxDelayMS)) * time.Millisecond
	o.dropClean = p.bool("dropClean")
	o.stall = p.ms("stall", maxDelayMS)
	def := int64(-1)
	if o.stall > 0 {
		def = 0
	}
	o.stallAfter = p.int("stallAfter", def, 0, maxCount)
	o.end = p.oneOf("end", "close", "close", "hang")
	return o
}

// streamStatus is the status a stream response is sent with.
func (o *streamOptions) streamStatus() int {
	if o.status == 0 {
		return http.StatusOK
	}
	return o.status
}

// nonStream reports whether status/body ask for a plain (non-stream)
// response: a body= is given, or the status is not a 2xx that has a body.
func (o *streamOptions) nonStream() bool {
	st := o.streamStatus()
	return o.bodySet || st < 200 || st > 299 || st == http.StatusNoContent || st == http.StatusResetContent
}
