package workflow

import (
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/wakeup"
)

// SetBeforeFill makes f run between a fill's read of the ticket and its
// write, until the returned function is called.
func SetBeforeFill(f func(*ent.Ticket)) (reset func()) {
	beforeFill = f
	return func() { beforeFill = nil }
}

// Changes is the hub s wakes subscriptions with.
func Changes(s *Service) *wakeup.Hub { return s.changes }
