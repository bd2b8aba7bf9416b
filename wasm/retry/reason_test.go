package retry

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestReasonString(t *testing.T) {
	assert.Equal(t, "", ReasonNone.String())
	assert.Equal(t, "failure is not retryable", ReasonNotRetryable.String())
	assert.Equal(t, "non-idempotent request not re-sent", ReasonNonIdempotent.String())
	assert.Equal(t, "retries exhausted", ReasonMaxRetries.String())
	assert.Equal(t, "maximum elapsed time exceeded", ReasonMaxElapsed.String())
	assert.Equal(t, "Retry-After exceeds the maximum", ReasonRetryAfterTooLong.String())
	assert.Equal(t, "unknown reason", Reason(-1).String())
	assert.Equal(t, "unknown reason", Reason(6).String())
}
