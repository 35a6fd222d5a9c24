package auth

import (
	"sync"
	"time"
)

// throttle slows down password guessing. Each login attempt is counted
// before its password is checked (a reservation), under several keys at
// once: one attempt refused under any key is counted under none. A key
// that has used its free attempts is locked for a wait that doubles with
// each further attempt, up to a ceiling; a success forgets the keys. It is
// kept per process; behind a load balancer each process counts on its own.
type throttle struct {
	mu      sync.Mutex
	now     func() time.Time
	entries map[string]*attempts
}

// limit is how many attempts a kind of key gets before it is locked, and
// how long the lock-outs are.
type limit struct {
	free    int
	base    time.Duration // the first lock-out
	ceiling time.Duration // the longest
}

// key is one counter an attempt is taken from.
type key struct {
	name  string
	limit limit
}

type attempts struct {
	count int
	until time.Time
	last  time.Time
}

func newThrottle() *throttle {
	return &throttle{now: time.Now, entries: map[string]*attempts{}}
}

// take reserves one attempt under every key, or returns how long the
// caller must still wait when any of them is locked (counting nothing).
// The attempt counts as a failure until succeed or refund says otherwise,
// so parallel guesses cannot all pass before the first is counted.
func (t *throttle) take(keys ...key) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	var wait time.Duration
	for _, k := range keys {
		if a := t.entries[k.name]; a != nil {
			wait = max(wait, a.until.Sub(now))
		}
	}
	if wait > 0 {
		return wait
	}
	for _, k := range keys {
		a := t.entries[k.name]
		if a == nil || now.Sub(a.last) > time.Hour {
			a = &attempts{}
			t.entries[k.name] = a
		}
		a.count++
		a.last = now
		if over := a.count - k.limit.free; over >= 0 {
			d := k.limit.base << min(over, 20)
			a.until = now.Add(min(d, k.limit.ceiling))
		}
	}
	if len(t.entries) > 100_000 {
		t.prune(now)
	}
	return 0
}

// succeed forgets the keys' attempts: the password was right.
func (t *throttle) succeed(keys ...key) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		delete(t.entries, k.name)
	}
}

// refund gives back an attempt that was not decided (the database failed).
func (t *throttle) refund(keys ...key) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		if a := t.entries[k.name]; a != nil && a.count > 0 {
			a.count--
			if a.count < k.limit.free {
				a.until = time.Time{}
			}
		}
	}
}

func (t *throttle) prune(now time.Time) {
	for k, a := range t.entries {
		if now.Sub(a.last) > time.Hour && now.After(a.until) {
			delete(t.entries, k)
		}
	}
}
