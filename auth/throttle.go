package auth

import (
	"sync"
	"time"
)

// throttle slows down guessing: after a few failures for the same key
// (tenant and username, or client address) further attempts are refused for
// a lock-out that doubles with each failure, up to a ceiling. It is kept per
// process; behind a load balancer each process counts on its own.
type throttle struct {
	mu      sync.Mutex
	free    int           // failures allowed before locking
	base    time.Duration // first lock-out
	ceiling time.Duration
	now     func() time.Time
	entries map[string]*failures
}

type failures struct {
	count int
	until time.Time
	last  time.Time
}

func newThrottle(free int) *throttle {
	return &throttle{free: free, base: time.Second, ceiling: 5 * time.Minute, now: time.Now, entries: map[string]*failures{}}
}

// wait returns how long key must still wait before another attempt.
func (t *throttle) wait(key string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	f := t.entries[key]
	if f == nil {
		return 0
	}
	if d := f.until.Sub(t.now()); d > 0 {
		return d
	}
	return 0
}

// fail records a failure for key.
func (t *throttle) fail(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	f := t.entries[key]
	if f == nil || now.Sub(f.last) > time.Hour {
		f = &failures{}
		t.entries[key] = f
	}
	f.count++
	f.last = now
	if over := f.count - t.free; over > 0 {
		d := t.base << min(over-1, 20)
		f.until = now.Add(min(d, t.ceiling))
	}
	if len(t.entries) > 100_000 {
		t.prune(now)
	}
}

// succeed forgets key's failures.
func (t *throttle) succeed(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.entries, key)
}

func (t *throttle) prune(now time.Time) {
	for k, f := range t.entries {
		if now.Sub(f.last) > time.Hour {
			delete(t.entries, k)
		}
	}
}
