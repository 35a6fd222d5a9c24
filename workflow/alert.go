package workflow

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/warning"
	rules "github.com/minsheng/minsheng/insight/warning"
	"github.com/minsheng/minsheng/notify"
	"github.com/minsheng/minsheng/pii"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// Alert is a pattern found while a ticket is written that someone must look
// at (预警): a group case forming, a person back too often, a watched person,
// place or topic turning up, a surge. The rule that finds it lives in its own
// package; workflow records it, because a warning also goes onto the
// timeline of its tickets and workflow is the only writer of a timeline.
type Alert struct {
	// Kind is one of REPEAT_PERSON, GROUP_CASE, KEY_PERSON, KEY_PLACE,
	// KEY_TOPIC, SURGE.
	Kind string
	// Level is 1 (notice), 2 (attention) or 3 (urgent).
	Level int
	// Reason says in plain Chinese why, with no personal data in it.
	Reason string
	// Key makes the alert once-only: a second alert of the same kind and
	// key in the tenant is not recorded again (e.g. "group:<id>").
	Key string
	// TicketIDs are the tickets the alert is about.
	TicketIDs []int
}

// ActionWarning is the timeline event a warning writes on each of its
// tickets.
const ActionWarning = "WARNING"

// maxAlertTickets is how many tickets one warning links and marks.
const maxAlertTickets = 50

// raiseAlert records an alert in the caller's transaction tx. It is the one
// seam between the rules that find patterns and the warnings that people
// read: the warnings feature stores the alert as a Warning, writes it onto
// its tickets' timelines and queues it once in the outbox.
//
// It works as the server within the caller's tenant (a grid worker's new
// case may link cases he cannot see). An alert whose key the tenant has
// recorded already does nothing. The outbox row is queued after the commit
// by CreateTicket and RegisterTicket; raised elsewhere, the outbox's sweep
// queues it.
func (s *Service) raiseAlert(ctx context.Context, tx *ent.Client, a Alert) error {
	if err := warning.KindValidator(warning.Kind(a.Kind)); err != nil {
		return fmt.Errorf("workflow: alert kind %q", a.Kind)
	}
	if a.Key == "" || len(a.TicketIDs) == 0 {
		return fmt.Errorf("workflow: an alert needs a key and tickets")
	}
	level := min(max(a.Level, 1), 3)
	reason, _ := pii.MaskText(a.Reason)
	reason = clipRunes(reason, 500)
	if reason == "" {
		reason = a.Kind
	}
	key := clipRunes(a.Key, 200)
	ids := slices.Compact(slices.Sorted(slices.Values(a.TicketIDs)))
	if len(ids) > maxAlertTickets {
		ids = ids[:maxAlertTickets]
	}
	sys := viewer.TenantSystemContext(ctx, viewer.FromContext(ctx).TenantID)
	tickets, err := tx.Ticket.Query().Where(ticket.IDIn(ids...)).Order(ent.Asc(ticket.FieldID)).All(sys)
	if err != nil {
		return fmt.Errorf("workflow: alert tickets: %w", err)
	}
	if len(tickets) == 0 {
		return fmt.Errorf("workflow: alert %s: no such tickets", key)
	}
	now := s.now()
	id, err := tx.Warning.Create().
		SetKind(warning.Kind(a.Kind)).SetLevel(level).SetReason(reason).SetKey(key).SetCreatedAt(now).
		OnConflictColumns(warning.FieldTenantID, warning.FieldKey).DoNothing().
		ID(sys)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // raised before
	}
	if err != nil {
		return fmt.Errorf("workflow: warning %s: %w", key, store.Explain(err))
	}
	links := make([]*ent.WarningTicketCreate, len(tickets))
	events := make([]*ent.TimelineEventCreate, len(tickets))
	for i, t := range tickets {
		links[i] = tx.WarningTicket.Create().SetWarningID(id).SetTicketID(t.ID)
		events[i] = tx.TimelineEvent.Create().
			SetTicketID(t.ID).SetAction(ActionWarning).SetActorName("system").SetAt(now).
			SetReason(reason).
			SetAfter(map[string]any{"warningID": id, "kind": a.Kind, "level": level})
	}
	if err := tx.WarningTicket.CreateBulk(links...).Exec(sys); err != nil {
		return fmt.Errorf("workflow: warning tickets: %w", store.Explain(err))
	}
	if err := tx.TimelineEvent.CreateBulk(events...).Exec(sys); err != nil {
		return fmt.Errorf("workflow: warning timeline: %w", store.Explain(err))
	}
	if s.outbox == nil {
		return nil
	}
	n, err := s.outbox.Record(sys, tx, notify.Message{
		Event: notify.Warning, Ticket: tickets[0], Key: fmt.Sprintf("WARNING:%d", id), Note: reason, At: now,
	})
	if err != nil {
		return err
	}
	if p, _ := ctx.Value(alertSendsKey{}).(*alertSends); p != nil && n != 0 {
		p.mu.Lock()
		p.ids = append(p.ids, n)
		p.mu.Unlock()
	}
	return nil
}

// alertSends collects the outbox rows of the alerts raised in one
// transaction, to queue once it commits.
type alertSends struct {
	mu  sync.Mutex
	ids []int
}

type alertSendsKey struct{}

// withAlertSends returns a context that collects the outbox rows of the
// alerts raised under it, and a function that answers them.
func withAlertSends(ctx context.Context) (context.Context, func() []int) {
	p := &alertSends{}
	return context.WithValue(ctx, alertSendsKey{}, p), func() []int {
		p.mu.Lock()
		defer p.mu.Unlock()
		return slices.Clone(p.ids)
	}
}

// atRegistration asks the warning rules about t, just registered in tx,
// and raises what they find.
func (s *Service) atRegistration(ctx context.Context, tx *ent.Client, t *ent.Ticket) error {
	found, err := rules.AtRegistration(ctx, tx, t, s.now())
	if err != nil {
		return err
	}
	return s.raiseAll(ctx, tx, found)
}

// atMerge asks the warning rules about the persons whose citizen records
// a merge has just made co-signers of t, the kept ticket, in tx, and
// raises what they find (once-only keys: what was raised before is not
// raised again).
func (s *Service) atMerge(ctx context.Context, tx *ent.Client, t *ent.Ticket, added []int) error {
	found, err := rules.AtMerge(ctx, tx, t, added, s.now())
	if err != nil {
		return err
	}
	return s.raiseAll(ctx, tx, found)
}

// raiseAll records each of what the warning rules found, in tx.
func (s *Service) raiseAll(ctx context.Context, tx *ent.Client, found []rules.Finding) error {
	for _, f := range found {
		if err := s.raiseAlert(ctx, tx, Alert(f)); err != nil {
			return err
		}
	}
	return nil
}

// RaiseFindings records what the warning rules found outside a
// registration (the periodic surge check, package insight/warning) in one
// transaction, as the server within tenantID, and queues their outbox
// rows. It answers how many outbox rows it queued: one per new warning
// when there is an outbox.
func (s *Service) RaiseFindings(ctx context.Context, tenantID int, found []rules.Finding) (int, error) {
	ctx = viewer.TenantSystemContext(ctx, tenantID)
	ctx, sent := withAlertSends(ctx)
	err := store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		return s.raiseAll(ctx, tx, found)
	})
	if err != nil {
		return 0, err
	}
	ids := sent()
	s.send(ctx, tenantID, ids)
	return len(ids), nil
}
