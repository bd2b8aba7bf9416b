package retry

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRetryable(t *testing.T) {
	tests := []struct {
		f    Failure
		want bool
	}{
		{Failure{Kind: KindNetwork}, true},
		{Failure{Kind: KindEndOfStream}, true},
		{Failure{Kind: KindIdleTimeout}, true},
		{Failure{Kind: KindContentType}, false},
		{Failure{Kind: KindTooLarge}, false},
		{Failure{Kind: KindUnknown}, false},
		{Failure{Kind: Kind(99)}, false},
		{Failure{Kind: KindHTTPStatus, Status: 408}, true},
		{Failure{Kind: KindHTTPStatus, Status: 429}, true},
		{Failure{Kind: KindHTTPStatus, Status: 500}, true},
		{Failure{Kind: KindHTTPStatus, Status: 502}, true},
		{Failure{Kind: KindHTTPStatus, Status: 503}, true},
		{Failure{Kind: KindHTTPStatus, Status: 504}, true},
		{Failure{Kind: KindHTTPStatus, Status: 599}, true},
		{Failure{Kind: KindHTTPStatus, Status: 600}, false},
		{Failure{Kind: KindHTTPStatus, Status: 200}, false},
		{Failure{Kind: KindHTTPStatus, Status: 201}, false},
		{Failure{Kind: KindHTTPStatus, Status: 204}, false},
		{Failure{Kind: KindHTTPStatus, Status: 301}, false},
		{Failure{Kind: KindHTTPStatus, Status: 304}, false},
		{Failure{Kind: KindHTTPStatus, Status: 400}, false},
		{Failure{Kind: KindHTTPStatus, Status: 401}, false},
		{Failure{Kind: KindHTTPStatus, Status: 403}, false},
		{Failure{Kind: KindHTTPStatus, Status: 404}, false},
		{Failure{Kind: KindHTTPStatus, Status: 409}, false},
		{Failure{Kind: KindHTTPStatus, Status: 0}, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Retryable(tt.f), "%s %d", tt.f.Kind, tt.f.Status)
	}
}

func TestKindString(t *testing.T) {
	assert.Equal(t, "network", KindNetwork.String())
	assert.Equal(t, "end of stream", KindEndOfStream.String())
	assert.Equal(t, "http status", KindHTTPStatus.String())
	assert.Equal(t, "content type", KindContentType.String())
	assert.Equal(t, "idle timeout", KindIdleTimeout.String())
	assert.Equal(t, "too large", KindTooLarge.String())
	assert.Equal(t, "unknown", KindUnknown.String())
	assert.Equal(t, "unknown", Kind(-1).String())
	assert.Equal(t, "unknown", Kind(7).String())
}

func TestIdempotent(t *testing.T) {
	for _, m := range []string{"", "GET", "get", "Get", "HEAD", "head", "hEaD"} {
		assert.True(t, Idempotent(m), m)
	}
	for _, m := range []string{"POST", "post", "PUT", "DELETE", "PATCH", "OPTIONS", "GE", "GETS", "HEAF", "GET "} {
		assert.False(t, Idempotent(m), m)
	}
}
