package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/notification"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// RedAt is the instant a ticket of tenant tn due at due turns red. Workflow
// owns the colour rule; the application passes it in, because this package
// must not import workflow.
type RedAt func(ctx context.Context, tn *ent.Tenant, due time.Time) (time.Time, error)

// Escalate records a colour's escalation (YELLOW or RED) of ticket t as the
// scheduler read it, under key: its notification and its timeline event,
// with the version check and wake-up of every ticket change, and queues the
// delivery. It answers the notification's ID, 0 when nothing was recorded
// (the key was, or the ticket changed since it was read). Workflow, the only
// writer of tickets and timelines, implements it; the application passes it
// in, as it does RedAt.
type Escalate func(ctx context.Context, t *ent.Ticket, ev notification.Event, key string, now time.Time) (int, error)

// Scheduler pushes the deadline's escalations and reminders. Each is
// recorded once under a key naming the ticket, the event and the deadline,
// so ticks at the same moment on several processes, and ticks repeated
// every minute, push each once; a new deadline (redispatch, extension) is
// a new key.
type Scheduler struct {
	o        *Outbox
	redAt    RedAt
	escalate Escalate
	now      func() time.Time
}

// NewScheduler returns the scheduler on o's clock.
func NewScheduler(o *Outbox, redAt RedAt, escalate Escalate) *Scheduler {
	return &Scheduler{o: o, redAt: redAt, escalate: escalate, now: o.now}
}

// running are the states in which the department holds the ticket and its
// deadline runs.
var running = []ticket.Status{ticket.StatusDISPATCHED, ticket.StatusACCEPTED, ticket.StatusIN_PROGRESS}

// Pushed counts what one tick recorded.
type Pushed struct{ Yellow, Red, Reminders int }

// batch is how many tickets are read at once.
const batch = 500

// Tick records, as of now, every escalation and reminder due and not yet
// recorded: YELLOW to the department's heads once a ticket is past its
// deadline, RED to the district's leaders once it is past the tenant's
// red threshold (a ticket found already red gets both, in that order), and
// REMINDER to the department within the tenant's reminderBeforeHours of the
// deadline. Colours go through Escalate, which writes their timeline event
// in the same transaction as their notification; reminders are only
// notifications.
func (s *Scheduler) Tick(ctx context.Context, now time.Time) (Pushed, error) {
	var p Pushed
	tenants, err := s.o.client.Tenant.Query().Where(tenant.Active(true)).All(viewer.SystemContext(ctx))
	if err != nil {
		return p, err
	}
	for _, tn := range tenants {
		if err := s.tickTenant(viewer.TenantSystemContext(ctx, tn.ID), tn, now, &p); err != nil {
			return p, fmt.Errorf("notify: tick tenant %s: %w", tn.Code, err)
		}
	}
	return p, nil
}

type due struct {
	t   *ent.Ticket
	ev  notification.Event
	key string
}

func (s *Scheduler) tickTenant(ctx context.Context, tn *ent.Tenant, now time.Time, p *Pushed) error {
	lead := reminderBefore(tn.Settings)
	after := 0
	for {
		ts, err := s.o.client.Ticket.Query().
			Where(ticket.StatusIn(running...), ticket.DueAtNotNil(), ticket.DueAtLTE(now.Add(lead)), ticket.IDGT(after)).
			Order(ent.Asc(ticket.FieldID)).Limit(batch).All(ctx)
		if err != nil {
			return err
		}
		if len(ts) == 0 {
			return nil
		}
		after = ts[len(ts)-1].ID
		var want []due
		for _, t := range ts {
			d := *t.DueAt
			key := func(ev notification.Event) string { return fmt.Sprintf("%s:%d:%d", ev, t.ID, d.Unix()) }
			switch {
			case !now.Before(d):
				want = append(want, due{t, Yellow, key(Yellow)})
				red, err := s.redAt(ctx, tn, d)
				if err != nil {
					return err
				}
				if !now.Before(red) {
					want = append(want, due{t, Red, key(Red)})
				}
			case lead > 0:
				want = append(want, due{t, Reminder, key(Reminder)})
			}
		}
		keys := make([]string, len(want))
		for i, w := range want {
			keys[i] = w.key
		}
		// Most keys were recorded on earlier ticks: one read skips them
		// instead of one conflicting insert each.
		done, err := s.o.client.Notification.Query().
			Where(notification.KeyIn(keys...)).Select(notification.FieldKey).Strings(ctx)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, k := range done {
			seen[k] = true
		}
		for _, w := range want {
			if seen[w.key] {
				continue
			}
			ok, err := s.push(ctx, w, now)
			if err != nil {
				return err
			}
			if ok {
				switch w.ev {
				case Yellow:
					p.Yellow++
				case Red:
					p.Red++
				default:
					p.Reminders++
				}
			}
		}
		if len(ts) < batch {
			return nil
		}
	}
}

// push records one escalation (through Escalate) or reminder; false when
// nothing was recorded (another tick got there first).
func (s *Scheduler) push(ctx context.Context, w due, now time.Time) (bool, error) {
	if w.ev != Reminder {
		id, err := s.escalate(ctx, w.t, w.ev, w.key, now)
		return id != 0, err
	}
	var id int
	err := store.WithTx(ctx, s.o.client, func(tx *ent.Client) error {
		var err error
		id, err = s.o.Record(ctx, tx, Message{Event: w.ev, Ticket: w.t, Key: w.key, At: now})
		return err
	})
	if err != nil {
		return false, err
	}
	s.o.Send(ctx, w.t.TenantID, id)
	return id != 0, nil
}

// tickArgs is the scheduler's periodic job.
type tickArgs struct{}

func (tickArgs) Kind() string { return "notify_tick" }

type ticker struct {
	river.WorkerDefaults[tickArgs]
	s *Scheduler
}

func (w *ticker) Work(ctx context.Context, _ *river.Job[tickArgs]) error {
	_, err := w.s.Tick(ctx, w.s.now())
	return err
}
