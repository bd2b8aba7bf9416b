//go:build js && wasm

package client

import (
	"github.com/wasm-sse/wasm-sse/jsbridge"
	"github.com/wasm-sse/wasm-sse/wasm/retry"
	"github.com/wasm-sse/wasm-sse/wasm/sse"
)

// ErrorKind classifies a stream's error. It is the one classification
// there is: the retry policy's Failure.Kind follows it, and so does the
// npm package, whose error objects carry its String as their "kind" (see
// wasm/jsapi/PROTOCOL.md) and whose typed errors follow from that.
type ErrorKind int

// The kinds, in the order Classify tests them: the first that matches
// (through wrapped errors) wins.
const (
	// KindNetwork is a fetch or read error, a refused response (*OpenError
	// aside), or anything not classified below.
	KindNetwork ErrorKind = iota
	// KindRetriesExhausted is a *RetriesExhaustedError.
	KindRetriesExhausted
	// KindIncomplete is an *IncompleteStreamError.
	KindIncomplete
	// KindHTTP is an *HTTPError.
	KindHTTP
	// KindContentType is a *ContentTypeError.
	KindContentType
	// KindIdleTimeout is an *IdleTimeoutError.
	KindIdleTimeout
	// KindTooLarge is an *sse.EventTooLargeError.
	KindTooLarge
	// KindOpen is an *OpenError: a hook (OnOpen, OnClose, GetBody, a
	// headers function) failed.
	KindOpen
	// KindRequest is a *RequestError: the request cannot be built.
	KindRequest
	// KindEnd is ErrEndOfStream.
	KindEnd
)

// kindNames are the kinds' names in PROTOCOL.md's error objects.
var kindNames = [...]string{"network", "retries-exhausted", "incomplete", "http", "content-type", "idle-timeout",
	"too-large", "open", "request", "end"}

// String returns the kind's name as the npm package's error objects carry
// it: "network", "http", "idle-timeout", ...
func (k ErrorKind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "network"
	}
	return kindNames[k]
}

// policyKinds is how the retry policy sees each kind.
var policyKinds = [...]retry.Kind{
	KindNetwork:          retry.KindNetwork,
	KindRetriesExhausted: retry.KindUnknown, // final already
	KindIncomplete:       retry.KindNetwork, // a dropped connection, resumed as one
	KindHTTP:             retry.KindHTTPStatus,
	KindContentType:      retry.KindContentType,
	KindIdleTimeout:      retry.KindIdleTimeout,
	KindTooLarge:         retry.KindTooLarge,
	KindOpen:             retry.KindNetwork,
	KindRequest:          retry.KindUnknown, // never retried: the next attempt would fail the same way
	KindEnd:              retry.KindEndOfStream,
}

// Policy returns the retry policy's kind of failure for k.
func (k ErrorKind) Policy() retry.Kind {
	if k < 0 || int(k) >= len(policyKinds) {
		return retry.KindNetwork
	}
	return policyKinds[k]
}

// Classify returns err's kind and the typed error it found for it (the
// *HTTPError, *IdleTimeoutError, ...; err itself for KindEnd and
// KindNetwork).
func Classify(err error) (ErrorKind, error) {
	var (
		re *RetriesExhaustedError
		ne *IncompleteStreamError
		he *HTTPError
		ce *ContentTypeError
		ie *IdleTimeoutError
		te *sse.EventTooLargeError
		oe *OpenError
		qe *RequestError
	)
	switch {
	case jsbridge.As(err, &re):
		return KindRetriesExhausted, re
	case jsbridge.As(err, &ne):
		return KindIncomplete, ne
	case jsbridge.As(err, &he):
		return KindHTTP, he
	case jsbridge.As(err, &ce):
		return KindContentType, ce
	case jsbridge.As(err, &ie):
		return KindIdleTimeout, ie
	case jsbridge.As(err, &te):
		return KindTooLarge, te
	case jsbridge.As(err, &oe):
		return KindOpen, oe
	case jsbridge.As(err, &qe):
		return KindRequest, qe
	case jsbridge.Is(err, ErrEndOfStream):
		return KindEnd, err
	}
	return KindNetwork, err
}
