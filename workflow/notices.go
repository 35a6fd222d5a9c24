package workflow

import (
	"context"
	"fmt"
	"time"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/notification"
	"github.com/minsheng/minsheng/notify"
)

// SetOutbox makes the life cycle record notifications in its transactions;
// without one nothing is recorded.
func (s *Service) SetOutbox(o *notify.Outbox) { s.outbox = o }

// noticesOf are the notifications a timeline action causes: the citizen
// hears of registration, dispatch, reply and closure; the department of
// assignment, instructions and supervision.
var noticesOf = map[string][]notification.Event{
	ActionRegister:  {notify.Registered},
	ActionDispatch:  {notify.Assigned, notify.Dispatched},
	ActionReassign:  {notify.Assigned, notify.Dispatched},
	ActionReply:     {notify.Replied},
	ActionClose:     {notify.Closed},
	ActionInstruct:  {notify.Instructed},
	ActionSupervise: {notify.Supervised},
}

// notices records, in tx, the notifications of action on t as it is after
// the change. Each is keyed by the ticket's new version, which names the
// change once: the version check lets only one change per version commit.
func (s *Service) notices(ctx context.Context, tx *ent.Client, action, note string, t *ent.Ticket, now time.Time) ([]int, error) {
	if s.outbox == nil {
		return nil, nil
	}
	var ids []int
	for _, ev := range noticesOf[action] {
		id, err := s.outbox.Record(ctx, tx, notify.Message{
			Event: ev, Ticket: t, Key: fmt.Sprintf("%s:%d:v%d", ev, t.ID, t.Version), Note: note, At: now,
		})
		if err != nil {
			return nil, err
		}
		if id != 0 {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// send queues the deliveries of notifications whose transaction committed.
func (s *Service) send(ctx context.Context, tenantID int, ids []int) {
	if s.outbox != nil && len(ids) > 0 {
		s.outbox.Send(ctx, tenantID, ids...)
	}
}

// RedAt is the instant a ticket of tn due at due turns red, by the
// tenant's redAfterWorkdays counted on the tenant's calendar: the
// scheduler's threshold, the same rule as Colour.
func (s *Service) RedAt(ctx context.Context, tn *ent.Tenant, due time.Time) (time.Time, error) {
	loc, err := location(tn)
	if err != nil {
		return time.Time{}, err
	}
	cal, err := s.Calendar(ctx, tn.ID)
	if err != nil {
		return time.Time{}, err
	}
	return cal.Due(due.Add(-time.Nanosecond), redAfterWorkdays(tn.Settings), loc), nil
}
