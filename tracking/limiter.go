package tracking

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter keeps one token bucket per client address on the service's
// clock (tests move it instead of waiting), forgetting idle addresses.
type limiter struct {
	mu      sync.Mutex
	rate    rate.Limit
	burst   int
	now     func() time.Time
	clients map[string]*bucket
	swept   time.Time
}

type bucket struct {
	limiter *rate.Limiter
	seen    time.Time
}

func newLimiter(perMinute float64, burst int, now func() time.Time) *limiter {
	return &limiter{rate: rate.Limit(perMinute / 60), burst: max(burst, 1), now: now, clients: map[string]*bucket{}}
}

func (l *limiter) allow(key string) bool {
	if l.rate <= 0 {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.clients[key]
	if b == nil {
		b = &bucket{limiter: rate.NewLimiter(l.rate, l.burst)}
		l.clients[key] = b
	}
	b.seen = now
	// An address idle this long has its whole burst back anyway, so
	// forgetting it changes nothing but the memory it holds.
	if now.Sub(l.swept) > time.Minute {
		for k, c := range l.clients {
			if now.Sub(c.seen) > 10*time.Minute {
				delete(l.clients, k)
			}
		}
		l.swept = now
	}
	return b.limiter.AllowN(now, 1)
}
