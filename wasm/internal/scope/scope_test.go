package scope

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wasm-sse/wasm-sse/wasm/internal/clock"
)

// These tests run against both builds: go test ./wasm/internal/scope/ and
// go test -tags wasmsse_notime ./wasm/internal/scope/.

func closed(c Context) bool {
	select {
	case <-c.Done():
		return true
	default:
		return false
	}
}

func TestCancelReachesChildrenNotParents(t *testing.T) {
	parent, cancelParent := WithCancel(Background())
	child, cancelChild := WithCancelCause(parent)
	grandchild, cancelGrandchild := WithCancel(child)
	defer cancelGrandchild()
	sibling, cancelSibling := WithCancel(parent)
	defer cancelSibling()

	cancelChild(errors.New("why"))
	assert.True(t, closed(child))
	assert.True(t, closed(grandchild))
	assert.False(t, closed(parent))
	assert.False(t, closed(sibling))
	assert.Equal(t, Canceled, child.Err())
	assert.EqualError(t, Cause(child), "why")
	assert.EqualError(t, Cause(grandchild), "why", "a child inherits the cause")
	assert.NoError(t, Cause(parent))

	cancelParent()
	assert.True(t, closed(sibling))
	assert.Equal(t, Canceled, Cause(sibling), "without a cause, Cause is Err")
}

func TestFirstCancelWins(t *testing.T) {
	c, cancel := WithCancelCause(Background())
	cancel(errors.New("first"))
	cancel(errors.New("second"))
	assert.EqualError(t, Cause(c), "first")
}

func TestAfterFuncRunsOnceOnCancel(t *testing.T) {
	c, cancel := WithCancel(Background())
	ran := make(chan struct{}, 2)
	AfterFunc(c, func() { ran <- struct{}{} })
	stopped := AfterFunc(c, func() { ran <- struct{}{} })
	require.True(t, stopped(), "stopped before cancel")
	require.False(t, stopped(), "already stopped")
	cancel()
	cancel()
	<-ran
	select {
	case <-ran:
		t.Fatal("ran twice, or the stopped function ran")
	case <-time.After(20 * time.Millisecond):
	}
}

func TestAfterFuncOnCancelledRunsAtOnce(t *testing.T) {
	c, cancel := WithCancel(Background())
	cancel()
	ran := make(chan struct{})
	stop := AfterFunc(c, func() { close(ran) })
	<-ran
	assert.False(t, stop())
}

func TestAfterFuncOnBackgroundNeverRuns(t *testing.T) {
	var ran atomic.Bool
	stop := AfterFunc(Background(), func() { ran.Store(true) })
	assert.True(t, stop())
	assert.False(t, stop())
	assert.False(t, ran.Load())
}

func TestWithTimeoutExpires(t *testing.T) {
	c, cancel := WithTimeout(Background(), 10*clock.Millisecond)
	defer cancel()
	<-c.Done()
	assert.NotEqual(t, Canceled, c.Err())
	assert.EqualError(t, c.Err(), "context deadline exceeded")
	var te interface{ Timeout() bool }
	require.ErrorAs(t, c.Err(), &te)
	assert.True(t, te.Timeout())
}

func TestWithTimeoutCancelledEarly(t *testing.T) {
	c, cancel := WithTimeout(Background(), clock.Hour)
	cancel()
	assert.Equal(t, Canceled, c.Err())
}

func TestForeignParent(t *testing.T) {
	// A context.Context from elsewhere still cancels the children.
	parent, cancelParent := context.WithCancel(context.Background())
	child, cancelChild := WithCancel(parent)
	defer cancelChild()
	ran := make(chan struct{})
	AfterFunc(parent, func() { close(ran) })
	cancelParent()
	<-child.Done()
	<-ran
	assert.Equal(t, context.Canceled.Error(), child.Err().Error())
}
