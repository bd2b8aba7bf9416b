// Package testserver is the native (net/http) SSE test server every
// browser, Node, benchmark and reliability test of wasm-sse talks to. It
// never goes into the wasm build.
//
// Use it from Go tests with [NewTestServer], or as a process with the
// command wasm/internal/cmd/sse-testserver, which exports SSE_TEST_URL to
// a wrapped command.
//
// # Routes
//
//	/sse          configurable event stream (parameters below), any method
//	/echo         an event stream describing the request (see handleEcho)
//	/chat         OpenAI-style chat completion stream (see handleChat)
//	/corpus       name=small|llm-like|large|mixed: the benchmark corpora of package
//	              wasm/internal/corpus ([Corpus])
//	/stats        key=k: per-key counters as JSON ([Stats]); wait= long-polls
//	/stats/reset  key=k: forget one key; without key=: forget every key
//	/static/      files of the static directory ([WithStaticDir])
//	/health       "ok"
//
// Every route sends CORS headers for any origin: the request's Origin is
// echoed in Access-Control-Allow-Origin ("*" without one) with
// Access-Control-Allow-Credentials: true and Vary: Origin, and
// Access-Control-Expose-Headers lists "*" plus explicit names (Retry-After,
// X-Request-Id, X-Test-Key, X-Corpus-Events, Content-Type, Content-Length,
// Cache-Control, Location, Last-Event-ID, Date, and every header= name). A
// preflight (OPTIONS with Access-Control-Request-Method) is answered 204
// with Access-Control-Allow-Methods: GET, POST, PUT, PATCH, DELETE, HEAD,
// OPTIONS, Access-Control-Allow-Headers echoing
// Access-Control-Request-Headers,
// Access-Control-Max-Age: 600, and counted in Stats.Preflights of its key=.
// /sse, /echo, /chat and /corpus responses carry X-Request-Id (a number
// unique per server) and X-Test-Key (the key=).
//
// Every route accepts key= (default ""): /sse, /echo, /chat and /corpus
// count their requests under it ([Stats]: requests, active, completed,
// disconnected by the client, dropped on purpose, timed out, failTimes
// failures, last Last-Event-ID and headers). A request is counted as
// disconnected when its context was canceled (or a write failed) before
// the handler finished; a fast stream may finish before it notices a client
// that left, so disconnect tests use delay=, stall= or end=hang.
//
// # /sse parameters
//
// Content of the stream (default: 10 events "data: msg <n>", n = 1..10):
//
//	events=N       number of events (default 10, at most 10,000,000)
//	size=B         the data of every event is exactly B bytes (see lines=):
//	               character p (0-based) of event n's data, LFs excluded,
//	               is "abcdefghijklmnopqrstuvwxyz"[(n+p) % 26]
//	lines=K        data lines per event (default 1). Without size= line j
//	               is "msg <n>.<j>" (just "msg <n>" when K = 1). With size=
//	               the B−(K−1) characters are split over K lines (the first
//	               K−1 get ⌊(B−K+1)/K⌋, the last the rest), so the dispatched
//	               data, lines joined with LF, is B bytes; when B < K−1 the
//	               lines are empty. [EventData] computes the data.
//	ids=1          send "id: <n>" (1-based) and resume: with a numeric
//	               Last-Event-ID header (or lastEventId= when the header is
//	               absent or empty) of m, the stream continues with event
//	               m+1; a non-numeric value starts at 1
//	lastEventId=m  resume point when no Last-Event-ID header is sent
//	event=name     "event: name" on every event
//	retry=ms       send "retry: ms" and a blank line before the first event
//	comment=1      a ": ping" comment line before every event
//	eol=lf|crlf|cr line ending of every line (default lf); crlf=1 = eol=crlf
//	doneStatus=N   with ids=1: when the resume point is at or past the last
//	               event, answer status N (e.g. 204) with no stream instead
//	               of an empty stream
//	raw=<b64url>   instead of events, send exactly these bytes (base64url,
//	               padding optional, '+' '/' accepted)
//	garbage=B      instead of events, B bytes of pseudo-random binary
//	               garbage, deterministic from seed= (default 1)
//	huge=B         instead of events, "data: " and then B bytes of a–z
//	               (cycling from 'a') with no line ending, written in 64 KiB
//	               writes without holding them in memory
//
// The retry field, when asked for, comes before raw, garbage and huge
// bodies too. After the body the response ends cleanly (end=close) unless
// end=hang.
//
// # Parameters shared by /sse, /chat and /corpus
//
// They are applied in this order: redirect, failTimes, stallHeaders,
// doneStatus (/sse), a plain status/body response, then the stream.
//
//	key=k          counters and sequences (failTimes, dropSeed) of key k
//	redirect=C     answer C (301, 302, 303, 307, 308) with Location: to=
//	to=path        redirect target (default "/sse"), e.g. /sse?events=2
//	status=N       status code (200–599). 2xx other than 204/205 streams the
//	               body with that status; any other status (or body=) sends
//	               a plain response: body= (default "<N> <text>\n"),
//	               text/plain unless ctype=; no body for 204, 205, 304
//	ctype=v        Content-Type override, sent verbatim (e.g. text/html,
//	               "TEXT/Event-Stream; charset=utf-8"); ctype= with an empty
//	               value sends no Content-Type at all
//	body=text      send this text as a plain (non-stream) response
//	retryAfter=v   Retry-After header, verbatim
//	header=N:v     extra response header (repeatable), exposed to CORS
//	failTimes=K    the first K requests of the key fail with status=
//	               (default 503), body=, ctype= and retryAfter=; later ones
//	               ignore those four and stream normally with 200
//	stallHeaders=ms  wait before sending the response headers
//	delay=ms       pause between consecutive events
//	trickle=1      write and flush one byte at a time (= chunk=1)
//	chunk=N        split every write into flushed pieces of at most N bytes
//	               (/corpus: the write size, default 65536)
//	chunkDelay=ms  pause between consecutive pieces (with trickle/chunk)
//	stallAfter=N   after N events of this response send nothing for stall=
//	stall=ms       stall length; stallAfter defaults to 0 (right after the
//	               headers) when stall= is given
//	dropAfter=N    after N events of this response, cut the TCP connection
//	               without the final chunk (the client sees a network error,
//	               not a clean end); dropAfter=0 cuts right after the headers.
//	               /corpus and the raw/garbage/huge bodies only honour 0.
//	dropAtByte=B   cut after exactly B body bytes (B may split a line, a
//	               CRLF or a UTF-8 sequence)
//	dropSeed=S     cut the first drops= requests of the key (default 1) at a
//	drops=M        pseudo-random byte offset, deterministic from S and the
//	               request's number in the key's sequence (reset by
//	               /stats/reset): events: a uniformly chosen remaining event
//	               at a uniform offset inside it; byte bodies: a uniform
//	               offset. With ids=1 a client that resumes from
//	               Last-Event-ID receives every event exactly once.
//	dropSpread=1   with dropSeed=, spread the drops= cuts over the whole
//	               stream of events: cut number k (0-based) falls in a
//	               uniformly chosen event of the k-th of drops= equal parts
//	               of the stream (the first event of the response when the
//	               client is already past it), at a uniform offset inside
//	               it. A client that resumes where it stopped meets every
//	               cut once, spread evenly, instead of most of them near
//	               the end. Events only (not raw, garbage, huge, /corpus)
//	dropPause=ms   before any cut, wait this long after the last bytes
//	               (default 50, 0 = none) so they reach the client in an
//	               earlier read than the connection's end: Chromium discards
//	               data that arrives together with a connection error
//	dropClean=1    every cut above (dropAfter, dropAtByte, dropSeed) ends the
//	               response cleanly instead, with the final chunk and no
//	               dropPause: the client sees a clean end of the body in the
//	               middle of the stream (counted in Stats.Dropped)
//	end=close|hang after the last event close cleanly (default) or hold the
//	               connection open until the client leaves or the server
//	               closes
//
// Numeric parameters out of range or malformed answer 400 with a message.
// Nothing runs forever: delays and stalls are at most 60 s each and a
// request producing a body longer than the server's maximum duration
// ([WithMaxDuration], default 5 minutes) is cut and counted as timed out;
// end=hang stops when the client leaves or [Server.Close] is called.
// Every write is flushed.
package testserver
