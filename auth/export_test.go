package auth

import (
	"sync/atomic"
	"time"
)

// CountComparisons makes s count its bcrypt comparisons in n.
func CountComparisons(s *Service, n *atomic.Int64) {
	compare := s.compare
	s.compare = func(hash, password []byte) error {
		n.Add(1)
		return compare(hash, password)
	}
}

// FreezeThrottle stops the clock of s's login throttle at now, so a test
// decides when lock-outs end.
func FreezeThrottle(s *Service, now time.Time) {
	s.throttle.mu.Lock()
	defer s.throttle.mu.Unlock()
	s.throttle.now = func() time.Time { return now }
}
