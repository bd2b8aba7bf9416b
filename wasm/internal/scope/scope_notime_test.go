//go:build wasmsse_notime && !go1.27

package scope

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func hooks(c Context) int {
	n := c.(*node)
	n.mu.Lock()
	defer n.mu.Unlock()
	return len(n.hooks)
}

// A long-lived stream context outlives thousands of attempt contexts:
// each must leave nothing behind on it.
func TestChildrenAndHooksDetach(t *testing.T) {
	parent, cancel := WithCancel(Background())
	defer cancel()
	for range 1000 {
		child, cancelChild := WithCancelCause(parent)
		stop := AfterFunc(child, func() {})
		timeout, cancelTimeout := WithTimeout(child, 1e9)
		cancelTimeout()
		stop()
		cancelChild(nil)
		assert.Error(t, timeout.Err())
	}
	assert.Zero(t, hooks(parent))
	stop := AfterFunc(parent, func() {})
	assert.Equal(t, 1, hooks(parent))
	stop()
	assert.Zero(t, hooks(parent))
}
