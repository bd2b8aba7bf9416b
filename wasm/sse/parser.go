package sse

import (
	"slices"
	"unicode/utf8"
)

var bom = [3]byte{0xEF, 0xBB, 0xBF}

// Parser is an incremental event-stream parser. Feed it the bytes of one
// stream in chunks of any size; it dispatches the same events whatever the
// chunking. A Parser is not safe for concurrent use.
type Parser struct {
	max int

	// stream state
	bomSeen    int  // BOM bytes matched at stream start
	bomDone    bool // the stream start has been passed
	pendingCR  bool // the previous chunk ended with CR: a leading LF belongs to it
	line       []byte
	skipping   bool // discarding an oversized block until the next blank line
	skipLine   bool // the discarded partial line is non-empty
	firstEvent bool
	ascii      bool // every line of the current chunk handled in place was ASCII

	// block state
	data      []byte // data lines joined with LF (without the spec's trailing LF)
	dataLines int
	chunk     []byte // the chunk of the current Feed call, nil between calls
	refOn     bool   // the single data line is chunk[dataOff:dataOff+dataLen]
	dataLen   int
	dataOff   int
	dataU16   int // with refOn: dataOff and dataLen in UTF-16 code units
	dataU16n  int // (see RawEvent.ChunkUnits)
	u16delta  int // bytes minus UTF-16 units of the in-place lines of this Feed so far
	evType    []byte
	idBuf     []byte // the spec's last event ID buffer
	idSet     bool   // an id field of this block set idBuf (else it is inherited)
	lastID    []byte // the last event ID string (committed at dispatch)
	idChanged bool
	retry     int
	ev        RawEvent
}

// NewParser returns a parser configured by opts.
func NewParser(opts Options) *Parser {
	p := &Parser{max: opts.MaxEventSize, retry: NoRetry, firstEvent: true}
	if p.max <= 0 {
		p.max = DefaultMaxEventSize
	}
	p.lastID = append(p.lastID, opts.LastEventID...)
	p.idBuf = append(p.idBuf, opts.LastEventID...)
	return p
}

// LastEventID returns the last event ID string: the value a client sends as
// Last-Event-ID when it reconnects. Fields of an unfinished block are not
// included.
func (p *Parser) LastEventID() string { return string(p.lastID) }

// SetLastEventID replaces the last event ID, for example to resume a
// stream from an earlier point than the parser has read to.
func (p *Parser) SetLastEventID(id string) {
	if p.LastEventID() != id {
		p.lastID = append(p.lastID[:0], id...)
		p.idChanged = true
	}
	p.idBuf = append(p.idBuf[:0], id...)
	p.idSet = false
}

// ChunkASCII reports whether every line of the last Feed that began and
// ended inside its chunk was ASCII: then byte offsets of in-chunk event
// data equal UTF-16 offsets.
func (p *Parser) ChunkASCII() bool { return p.ascii }

// Reset prepares the parser for a new stream (a reconnection): the
// unfinished event, if any, is discarded, the BOM is expected again, and
// the last event ID is kept.
func (p *Parser) Reset() {
	p.bomSeen, p.bomDone, p.pendingCR = 0, false, false
	p.line = p.line[:0]
	p.skipping, p.skipLine = false, false
	p.resetBlock()
}

func (p *Parser) resetBlock() {
	p.data = p.data[:0]
	p.dataLines = 0
	p.refOn = false
	p.evType = p.evType[:0]
	p.idSet = false // idBuf is meaningful only while idSet
	p.retry = NoRetry
}

// Feed parses the next chunk of the stream and reports what it finds to h.
// It never keeps a reference to chunk after it returns.
func (p *Parser) Feed(chunk []byte, h Handler) {
	b := chunk
	i := 0
	p.ascii = true
	p.u16delta = 0
	if !p.bomDone {
		i = p.skipBOM(b)
		if !p.bomDone {
			return
		}
	}
	p.chunk = chunk
	if p.pendingCR && i < len(b) {
		p.pendingCR = false
		if b[i] == '\n' {
			i++
		}
	}
	for i < len(b) {
		if b[i] == 'd' && len(p.line) == 0 && !p.skipLine && !p.skipping {
			if next := p.fastEvent(b, i, h); next >= 0 {
				i = next
				continue
			}
		}
		// A line ending right away (the blank line after an event, half of
		// the lines of a typical stream) needs no scan.
		j, ascii := 0, true
		if c := b[i]; c != '\n' && c != '\r' {
			j, ascii = indexEOL(b[i:])
		}
		if j < 0 {
			p.carry(b[i:], h)
			break
		}
		if len(p.line) > 0 || p.skipLine {
			p.finishCarried(b[i:i+j], h)
		} else {
			p.ascii = p.ascii && ascii
			p.processLine(b[i:i+j], i, ascii, h)
			if !ascii {
				p.u16delta += j - UTF16Len(b[i:i+j])
			}
		}
		i += j
		if b[i] == '\r' {
			i++
			if i == len(b) {
				p.pendingCR = true
			} else if b[i] == '\n' {
				i++
			}
		} else {
			i++
		}
	}
	if p.refOn {
		// The chunk is about to go away: keep a copy of the pending line.
		p.data = append(p.data[:0], p.chunk[p.dataOff:p.dataOff+p.dataLen]...)
		p.refOn = false
	}
	// Do not keep the caller's chunk reachable.
	p.chunk, p.ev.Data = nil, nil
}

// dataSpace is "data: " as the low six bytes of a little-endian word.
const dataSpace = 0x203A61746164

// fastEvent handles the most common block of all in one step: a single
// "data: " line with an ASCII value, ended by LF and followed by the blank
// line (LF), with no other field of the block before it. It dispatches the
// event in place and returns the index after the blank line, or -1 when
// the general path must handle what starts at b[i] (i is a line start and
// no line is carried from an earlier chunk).
func (p *Parser) fastEvent(b []byte, i int, h Handler) int {
	rest := b[i:]
	if len(rest) < 8 || word(rest)&0xFFFFFFFFFFFF != dataSpace ||
		p.dataLines != 0 || len(p.evType) != 0 || p.idSet || p.retry != NoRetry {
		return -1
	}
	j, ascii := indexEOL(rest[6:])
	end := 6 + j // the line's LF
	if j < 0 || !ascii || rest[end] != '\n' || end+1 >= len(rest) || rest[end+1] != '\n' || end > p.max {
		return -1
	}
	p.refOn, p.dataOff, p.dataLen, p.dataLines = true, i+6, j, 1
	p.dataU16, p.dataU16n = i+6-p.u16delta, j
	p.dispatch(h)
	return i + end + 2
}

// skipBOM consumes a leading UTF-8 BOM, possibly split across chunks, and
// returns where the stream's content starts in b.
func (p *Parser) skipBOM(b []byte) int {
	i := 0
	for i < len(b) {
		if b[i] != bom[p.bomSeen] {
			// Not a BOM: the bytes held so far start the first line.
			p.line = append(p.line, bom[:p.bomSeen]...)
			p.bomDone = true
			return i
		}
		p.bomSeen++
		i++
		if p.bomSeen == len(bom) {
			p.bomDone = true
			return i
		}
	}
	return i
}

// carry keeps the unterminated tail of a chunk for the next one.
func (p *Parser) carry(tail []byte, h Handler) {
	if p.skipping {
		p.skipLine = true
		return
	}
	if p.size()+len(p.line)+len(tail) > p.max {
		p.line = p.line[:0]
		p.overflow(h)
		p.skipLine = true
		return
	}
	if n := len(p.line) + len(tail); n > cap(p.line) {
		// Double (append grows large slices by only 1.25x, which copies a
		// line fed in small chunks about five times over), up to the limit.
		p.line = slices.Grow(p.line, max(n, min(2*cap(p.line), p.max+2))-len(p.line))
	}
	p.line = append(p.line, tail...)
}

// finishCarried completes a line that started in an earlier chunk.
func (p *Parser) finishCarried(rest []byte, h Handler) {
	if p.skipping {
		p.skipLine = false // the line is non-empty: not a block boundary
		return
	}
	if p.size()+len(p.line)+len(rest) > p.max {
		p.line = p.line[:0]
		p.overflow(h)
		return
	}
	p.line = append(p.line, rest...)
	p.processLine(p.line, -1, false, h)
	p.line = p.line[:0]
}

// size is the number of bytes the current block holds. An ID inherited
// from an earlier block is not part of this block.
func (p *Parser) size() int {
	n := len(p.data) + len(p.evType)
	if p.idSet {
		n += len(p.idBuf)
	}
	if p.refOn {
		n += p.dataLen
	}
	return n
}

// overflow discards the current block and skips to the next blank line.
func (p *Parser) overflow(h Handler) {
	p.resetBlock()
	p.skipping = true
	h.OnError(&EventTooLargeError{Limit: p.max})
}

// processLine interprets one line. off is the line's offset in the current
// chunk, or -1 when it was assembled from several chunks; ascii reports
// that the line is known to be ASCII.
func (p *Parser) processLine(line []byte, off int, ascii bool, h Handler) {
	if len(line) == 0 {
		if p.skipping {
			p.skipping = false
			return
		}
		p.dispatch(h)
		return
	}
	if p.skipping {
		return
	}
	if p.size()+len(line) > p.max {
		p.overflow(h)
		return
	}
	if line[0] == ':' {
		h.OnComment(line[1:])
		return
	}
	// Known field names have at most 5 bytes: when none of the first 6
	// bytes is a colon, the field is unknown (or the line is too long to be
	// a bare name) and is ignored, so no full scan for the colon is needed.
	c := 0
	for c < len(line) && c < 6 && line[c] != ':' {
		c++
	}
	if c == 6 {
		return
	}
	name, value := line[:c], []byte(nil)
	vstart := len(line)
	if c < len(line) {
		vstart = c + 1
		if vstart < len(line) && line[vstart] == ' ' {
			vstart++
		}
		value = line[vstart:]
	}
	switch string(name) {
	case "data":
		p.appendData(value, off, vstart, ascii)
	case "event":
		p.evType = AppendUTF8(p.evType[:0], value)
	case "id":
		if !hasNUL(value) {
			p.idBuf = AppendUTF8(p.idBuf[:0], value)
			p.idSet = true
		}
	case "retry":
		if ms, ok := parseRetry(value); ok {
			p.retry = ms
			h.OnRetry(ms)
		}
	}
}

// appendData adds one data line to the data buffer. The first line of a
// block stays a reference into the chunk when it can (the common
// one-line event then costs no copy).
func (p *Parser) appendData(value []byte, off, vstart int, ascii bool) {
	if p.dataLines == 0 && off >= 0 && (ascii || utf8.Valid(value)) {
		p.refOn = true
		p.dataOff = off + vstart
		// The line so far ("data:" and a space) is ASCII: only earlier
		// lines moved units away from bytes.
		p.dataU16, p.dataU16n = p.dataOff-p.u16delta, len(value)
		if !ascii {
			p.dataU16n = UTF16Len(value)
		}
		p.dataLen = len(value)
		p.dataLines = 1
		return
	}
	if p.refOn {
		p.data = append(p.data[:0], p.chunk[p.dataOff:p.dataOff+p.dataLen]...)
		p.refOn = false
	}
	if p.dataLines > 0 {
		p.data = append(p.data, '\n')
	}
	if ascii {
		p.data = append(p.data, value...)
	} else {
		p.data = AppendUTF8(p.data, value)
	}
	p.dataLines++
}

// parseRetry accepts only ASCII digits; large values saturate.
func parseRetry(v []byte) (int, bool) {
	if len(v) == 0 {
		return 0, false
	}
	n := 0
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		if n < 1<<40 {
			n = n*10 + int(c-'0')
		}
	}
	if n > 1<<40 {
		n = 1 << 40
	}
	return n, true
}

// dispatch runs the spec's "dispatch the event" steps at a blank line.
func (p *Parser) dispatch(h Handler) {
	if p.idSet && string(p.lastID) != string(p.idBuf) {
		p.lastID = append(p.lastID[:0], p.idBuf...)
		p.idChanged = true
	}
	if p.dataLines == 0 {
		p.resetBlock()
		return
	}
	e := &p.ev
	e.Type = p.evType
	e.ID = p.lastID
	e.IDChanged = p.idChanged || p.firstEvent
	e.OwnID = p.idSet
	e.Retry = p.retry
	if p.refOn {
		e.Data, e.ChunkOffset = p.chunk[p.dataOff:p.dataOff+p.dataLen], p.dataOff
		e.ChunkUnits, e.DataUnits = p.dataU16, p.dataU16n
	} else {
		e.Data, e.ChunkOffset = p.data, -1
	}
	p.idChanged, p.firstEvent = false, false
	h.OnEvent(e)
	p.resetBlock()
}

// hasNUL reports whether b holds a NUL byte (an "id" field's value with
// one is ignored). Package bytes would link package unicode's tables into
// the module for this.
func hasNUL(b []byte) bool {
	for _, c := range b {
		if c == 0 {
			return true
		}
	}
	return false
}
