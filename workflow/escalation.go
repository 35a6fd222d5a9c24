package workflow

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/notification"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/notify"
	"github.com/minsheng/minsheng/store"
)

// Timeline actions of the deadline's colours, written when the scheduler
// escalates a ticket.
const (
	ActionEscalateYellow = "ESCALATE_YELLOW"
	ActionEscalateRed    = "ESCALATE_RED"
)

// escalating are the states in which the department holds the ticket and
// its deadline runs: the only ones a colour is escalated in.
var escalating = []ticket.Status{ticket.StatusDISPATCHED, ticket.StatusACCEPTED, ticket.StatusIN_PROGRESS}

// Escalate records the escalation ev (YELLOW or RED) of ticket t, as the
// scheduler read it, under key: the notification and the ESCALATE_ timeline
// event in one transaction, with the version check of every change (read
// again in the transaction, still running with the deadline the key names,
// written only at the version read; version + 1), then queues the delivery
// and wakes the ticket's subscriptions. It answers the notification's ID; 0
// when the key was recorded already or the ticket no longer has that
// deadline (the next tick judges it afresh). The scheduler (package notify) calls it as the server
// within the ticket's tenant: workflow is the only writer of tickets and
// timelines.
func (s *Service) Escalate(ctx context.Context, t *ent.Ticket, ev notification.Event, key string, now time.Time) (int, error) {
	action := ActionEscalateYellow
	if ev == notify.Red {
		action = ActionEscalateRed
	}
	if s.outbox == nil || t.DueAt == nil || (ev != notify.Yellow && ev != notify.Red) {
		return 0, fmt.Errorf("workflow: cannot escalate %s of ticket %d", ev, t.ID)
	}
	due := *t.DueAt
	var id int
	err := store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		cur, err := tx.Ticket.Get(ctx, t.ID)
		if err != nil {
			return store.Explain(err)
		}
		if !slices.Contains(escalating, cur.Status) || cur.DueAt == nil || !cur.DueAt.Equal(due) {
			return errRecorded // no longer the deadline the key names
		}
		n, err := tx.Ticket.Update().Where(ticket.ID(cur.ID), ticket.Version(cur.Version)).AddVersion(1).Save(ctx)
		if err != nil {
			return store.Explain(err)
		}
		if n == 0 {
			return errRecorded // changed meanwhile: the next tick judges it afresh
		}
		cur.Version++
		id, err = s.outbox.Record(ctx, tx, notify.Message{Event: ev, Ticket: cur, Key: key, At: now})
		if err != nil || id == 0 {
			// Recorded already: roll the version back with the rest.
			return errAlready(err)
		}
		return tx.TimelineEvent.Create().
			SetTicketID(t.ID).SetAction(action).SetActorName("system").SetAt(now).
			SetAfter(map[string]any{"colour": string(ev), "dueAt": due, "notificationID": id}).
			Exec(ctx)
	})
	if err == errRecorded {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	if id != 0 {
		s.send(ctx, t.TenantID, []int{id})
		s.changes.Notify(t.ID)
	}
	return id, nil
}

// errRecorded rolls back an escalation with nothing to record: its key was
// recorded by another tick, or the ticket moved on.
var errRecorded = fmt.Errorf("workflow: escalation recorded already")

func errAlready(err error) error {
	if err != nil {
		return err
	}
	return errRecorded
}
