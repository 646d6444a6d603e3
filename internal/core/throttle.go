package core

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// throttle limits attempts per key (an email, a client address) without
// ever locking an account out: a key earns a new attempt every few seconds.
type throttle struct {
	mu      sync.Mutex
	now     func() time.Time
	buckets map[string]*bucket
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

const (
	throttleEvery = 6 * time.Second // one new attempt per interval
	throttleBurst = 10
	throttleKeys  = 50000 // forget idle keys beyond this many
)

func newThrottle(now func() time.Time) *throttle {
	return &throttle{now: now, buckets: map[string]*bucket{}}
}

// allow takes one attempt for every key; it fails if any key is exhausted.
func (t *throttle) allow(keys ...string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if len(t.buckets) > throttleKeys {
		for k, b := range t.buckets {
			if now.Sub(b.seen) > throttleEvery*throttleBurst {
				delete(t.buckets, k)
			}
		}
	}
	ok := true
	for _, k := range keys {
		b := t.buckets[k]
		if b == nil {
			b = &bucket{lim: rate.NewLimiter(rate.Every(throttleEvery), throttleBurst)}
			t.buckets[k] = b
		}
		b.seen = now
		if !b.lim.AllowN(now, 1) {
			ok = false
		}
	}
	return ok
}
