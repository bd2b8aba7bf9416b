//go:build js && wasm

package jsbridge

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type wrapOne struct{ err error }

func (w wrapOne) Error() string { return "one: " + w.err.Error() }
func (w wrapOne) Unwrap() error { return w.err }

// As and Is must agree with the standard library on the chains we build.
func TestAsIsMatchErrorsPackage(t *testing.T) {
	sentinel := errors.New("sentinel")
	target := &Error{Name: "AbortError", Message: "x"}
	chains := []error{
		target,
		wrapOne{target},
		fmt.Errorf("wrapped: %w", wrapOne{target}),
		errors.Join(errors.New("a"), wrapOne{sentinel}),
		errors.Join(errors.New("a"), target),
		sentinel,
		errors.New("other"),
		nil,
	}
	for i, err := range chains {
		var a, b *Error
		require.Equal(t, errors.As(err, &a), As(err, &b), "As #%d", i)
		assert.Same(t, a, b, "As #%d", i)
		assert.Equal(t, errors.Is(err, sentinel), Is(err, sentinel), "Is #%d", i)
	}
}
