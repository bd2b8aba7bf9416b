package sse

// A deliberately simple reference implementation of WHATWG HTML §9.2.6
// "Interpreting an event stream", written straight from the spec text and
// sharing no code with the parser. It works on a whole stream at once:
// decode, split into lines, process each line. FuzzDifferential compares
// the incremental parser against it.

import (
	"strconv"
	"strings"
)

// refMaxRetry mirrors the parser's documented saturation of huge retry
// values (the spec only says "interpret as an integer in base ten").
const refMaxRetry = 1 << 40

// refResult is everything the reference observes for one stream.
type refResult struct {
	Events   []Event
	Retries  []int
	Comments []string
	LastID   string
}

// refDecode is the WHATWG Encoding Standard's UTF-8 decoder (error mode
// "replacement"), transcribed step by step. It does not strip a BOM.
func refDecode(in []byte) string {
	var out strings.Builder
	codePoint, bytesSeen, bytesNeeded := 0, 0, 0
	lower, upper := byte(0x80), byte(0xBF)
	for i := 0; i <= len(in); i++ {
		if i == len(in) { // end-of-queue
			if bytesNeeded != 0 {
				out.WriteRune('\uFFFD')
			}
			break
		}
		b := in[i]
		if bytesNeeded == 0 {
			switch {
			case b <= 0x7F:
				out.WriteByte(b)
			case b >= 0xC2 && b <= 0xDF:
				bytesNeeded = 1
				codePoint = int(b & 0x1F)
			case b >= 0xE0 && b <= 0xEF:
				if b == 0xE0 {
					lower = 0xA0
				}
				if b == 0xED {
					upper = 0x9F
				}
				bytesNeeded = 2
				codePoint = int(b & 0xF)
			case b >= 0xF0 && b <= 0xF4:
				if b == 0xF0 {
					lower = 0x90
				}
				if b == 0xF4 {
					upper = 0x8F
				}
				bytesNeeded = 3
				codePoint = int(b & 0x7)
			default:
				out.WriteRune('\uFFFD')
			}
			continue
		}
		if b < lower || b > upper {
			codePoint, bytesNeeded, bytesSeen = 0, 0, 0
			lower, upper = 0x80, 0xBF
			i-- // restore byte to the queue
			out.WriteRune('\uFFFD')
			continue
		}
		lower, upper = 0x80, 0xBF
		codePoint = codePoint<<6 | int(b&0x3F)
		bytesSeen++
		if bytesSeen != bytesNeeded {
			continue
		}
		out.WriteRune(rune(codePoint))
		codePoint, bytesNeeded, bytesSeen = 0, 0, 0
	}
	return out.String()
}

// refLines splits decoded text into complete lines. A line ends at CRLF, at
// LF, or at a CR not followed by LF; a final line with no line ending is
// pending data and is discarded at end of file.
func refLines(s string) []string {
	var lines []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			lines = append(lines, s[start:i])
			start = i + 1
		case '\r':
			lines = append(lines, s[start:i])
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			start = i + 1
		}
	}
	return lines
}

// refParse interprets a whole stream. lastEventID is the initial value of
// the last event ID buffer and string.
func refParse(stream []byte, lastEventID string) refResult {
	// "The UTF-8 decode algorithm strips one leading UTF-8 Byte Order Mark."
	if len(stream) >= 3 && stream[0] == 0xEF && stream[1] == 0xBB && stream[2] == 0xBF {
		stream = stream[3:]
	}
	var res refResult
	data, eventType := "", ""
	idBuffer, lastIDString := lastEventID, lastEventID
	blockRetry := NoRetry // extension: the retry carried by this block

	for _, line := range refLines(refDecode(stream)) {
		if line == "" {
			// Dispatch the event.
			lastIDString = idBuffer
			if data == "" {
				data, eventType, blockRetry = "", "", NoRetry
				continue
			}
			data = strings.TrimSuffix(data, "\n")
			typ := "message"
			if eventType != "" {
				typ = eventType
			}
			res.Events = append(res.Events, Event{Type: typ, Data: data, ID: lastIDString, Retry: blockRetry})
			data, eventType, blockRetry = "", "", NoRetry
			continue
		}
		if strings.HasPrefix(line, ":") {
			res.Comments = append(res.Comments, line[1:]) // extension: reported
			continue
		}
		field, value := line, ""
		if c := strings.IndexByte(line, ':'); c >= 0 {
			field, value = line[:c], line[c+1:]
			value = strings.TrimPrefix(value, " ")
		}
		switch field {
		case "event":
			eventType = value
		case "data":
			data += value + "\n"
		case "id":
			if !strings.ContainsRune(value, 0) {
				idBuffer = value
			}
		case "retry":
			if value != "" && strings.Trim(value, "0123456789") == "" {
				ms := refMaxRetry
				if n, err := strconv.ParseInt(value, 10, 64); err == nil && n < refMaxRetry {
					ms = int(n)
				}
				blockRetry = ms
				res.Retries = append(res.Retries, ms)
			}
		}
	}
	res.LastID = lastIDString
	return res
}
