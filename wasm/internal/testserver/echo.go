package testserver

import (
	"encoding/base64"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxEchoBody bounds the request body /echo reads.
const maxEchoBody = 16 << 20

// handleEcho serves /echo: an event stream describing the request, in this
// order, then the response ends:
//
//	event: method       data: the method
//	event: url          data: path and query as sent
//	event: header       data: "Name: value", one event per header, sorted by
//	                    canonical name, several values joined with ", ",
//	                    Host included
//	event: cookie       data: "name=value", one event per cookie, sorted
//	event: body-length  data: the body's length in bytes (always sent)
//	event: body         data: the body, when it is non-empty valid UTF-8
//	                    without CR (multi-line bodies are sent as several
//	                    data lines, so the dispatched data equals the body)
//	event: body-base64  data: the body in standard base64, when it is
//	                    non-empty and not valid UTF-8 or contains CR
//	event: end          data: "end"
func (s *Server) handleEcho(w http.ResponseWriter, r *http.Request) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxEchoBody))
	if err != nil {
		http.Error(w, "testserver: reading body: "+err.Error(), http.StatusRequestEntityTooLarge)
		return nil
	}
	var b []byte
	b = appendEvent(b, "method", r.Method)
	b = appendEvent(b, "url", r.URL.RequestURI())
	for _, line := range sortedHeaderLines(r) {
		b = appendEvent(b, "header", line)
	}
	cookies := r.Cookies()
	sort.Slice(cookies, func(i, j int) bool { return cookies[i].Name < cookies[j].Name })
	for _, ck := range cookies {
		b = appendEvent(b, "cookie", ck.Name+"="+ck.Value)
	}
	b = appendEvent(b, "body-length", strconv.Itoa(len(body)))
	switch {
	case len(body) == 0:
	case utf8.Valid(body) && !strings.ContainsRune(string(body), '\r'):
		b = appendEvent(b, "body", string(body))
	default:
		b = appendEvent(b, "body-base64", base64.StdEncoding.EncodeToString(body))
	}
	b = appendEvent(b, "end", "end")
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	if _, err := w.Write(b); err != nil {
		return errClientGone
	}
	if err := http.NewResponseController(w).Flush(); err != nil {
		return errClientGone
	}
	return nil
}

// appendEvent appends one event; data is split on LF into data lines.
func appendEvent(b []byte, name, data string) []byte {
	b = append(append(append(b, "event: "...), name...), '\n')
	for _, line := range strings.Split(data, "\n") {
		b = append(append(append(b, "data: "...), line...), '\n')
	}
	return append(b, '\n')
}
