package client

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIdleWatchFiresAfterSilence(t *testing.T) {
	fired := make(chan time.Time, 1)
	start := time.Now()
	w := newIdleWatch(30*time.Millisecond, func() { fired <- time.Now() })
	defer w.stop()
	select {
	case at := <-fired:
		assert.GreaterOrEqual(t, at.Sub(start), 30*time.Millisecond)
	case <-time.After(5 * time.Second):
		t.Fatal("onIdle not called")
	}
}

func TestIdleWatchTouchPostpones(t *testing.T) {
	var fired atomic.Bool
	w := newIdleWatch(60*time.Millisecond, func() { fired.Store(true) })
	defer w.stop()
	// Touch every 10 ms for 200 ms: more than three timeouts pass without
	// a silence as long as one.
	for range 20 {
		w.touch()
		time.Sleep(10 * time.Millisecond)
	}
	assert.False(t, fired.Load(), "a touched watch does not fire")
	require.Eventually(t, fired.Load, 5*time.Second, 5*time.Millisecond, "fires once the touches stop")
}

func TestIdleWatchStopAndNil(t *testing.T) {
	var fired atomic.Bool
	w := newIdleWatch(10*time.Millisecond, func() { fired.Store(true) })
	w.stop()
	time.Sleep(50 * time.Millisecond)
	assert.False(t, fired.Load(), "a stopped watch never fires")

	var none *idleWatch = newIdleWatch(0, func() { t.Error("a zero timeout never fires") })
	assert.Nil(t, none)
	none.touch()
	none.stop()
}
