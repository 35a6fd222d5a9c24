package workflow

import (
	"context"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
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

// Recheck checks ticket id again as a merge that added the records added
// does, in a transaction of its own.
func Recheck(ctx context.Context, s *Service, id int, added []int) error {
	ctx, sent := withAlertSends(ctx)
	err := store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		t, err := tx.Ticket.Get(ctx, id)
		if err != nil {
			return err
		}
		return s.recheck(ctx, tx, t, added)
	})
	if err == nil {
		s.send(ctx, viewer.FromContext(ctx).TenantID, sent())
	}
	return err
}
