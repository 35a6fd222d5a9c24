// Package ratelimit keeps one token bucket per client key (a credential or
// an address) and forgets clients that have been idle, so a stream of new
// addresses cannot grow memory without end. It knows nothing of HTTP or of
// who the clients are.
package ratelimit

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limiter allows each key perSecond requests on average, burst at once.
type Limiter struct {
	mu      sync.Mutex
	rate    rate.Limit
	burst   int
	now     func() time.Time
	clients map[string]*client
	swept   time.Time
}

type client struct {
	bucket *rate.Limiter
	seen   time.Time
}

// New returns a limiter reading the clock now (nil: time.Now); tests move
// their clock instead of waiting. perSecond 0 allows everything.
func New(perSecond float64, burst int, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{rate: rate.Limit(perSecond), burst: max(burst, 1), now: now, clients: map[string]*client{}}
}

// Allow reports whether key may make one more request now.
func (l *Limiter) Allow(key string) bool {
	if l.rate <= 0 {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	c := l.clients[key]
	if c == nil {
		c = &client{bucket: rate.NewLimiter(l.rate, l.burst)}
		l.clients[key] = c
	}
	c.seen = now
	// A client idle this long has its whole burst back anyway, so
	// forgetting it changes nothing but the memory it holds.
	if now.Sub(l.swept) > time.Minute {
		for k, c := range l.clients {
			if now.Sub(c.seen) > 10*time.Minute {
				delete(l.clients, k)
			}
		}
		l.swept = now
	}
	return c.bucket.AllowN(now, 1)
}
