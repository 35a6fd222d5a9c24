package workflow

import (
	"context"
	"strings"
	"time"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/callback"
	"github.com/minsheng/minsheng/ent/predicate"
	"github.com/minsheng/minsheng/ent/reply"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// SettingReplyElementsRequired is the tenant setting that says whether a
// reply missing one of the five elements is refused (true, the default) or
// saved with the missing elements named as hints (false).
const SettingReplyElementsRequired = "replyElementsRequired"

// ReplyTicket records the department's reply to a ticket in progress
// (IN_PROGRESS → REPLIED). Elements that are blank or a token answer are
// named: the reply is refused with BAD_USER_INPUT listing them, or, where
// the tenant has turned replyElementsRequired off, saved with them as hints.
func (s *Service) ReplyTicket(ctx context.Context, id int, in ReplyText) (*ent.Ticket, error) {
	return s.move(ctx, id, ActionReply, "", func(ctx context.Context, tx *ent.Client, t *ent.Ticket, _ *ent.TicketUpdate, now time.Time) (map[string]any, map[string]any, error) {
		missing := MissingElements(in)
		if len(missing) > 0 {
			required, err := s.replyElementsRequired(ctx)
			if err != nil {
				return nil, nil, err
			}
			if required {
				return nil, nil, minsheng.Errorf(minsheng.EINVALID,
					"the reply lacks %s: each of the five elements must say something; blank and token answers such as 无, 同上 or 已处理 do not count",
					describeElements(missing))
			}
		}
		create := tx.Reply.Create().SetTicketID(t.ID).
			SetFacts(strings.TrimSpace(in.Facts)).SetBasis(strings.TrimSpace(in.Basis)).
			SetHandling(strings.TrimSpace(in.Handling)).SetResult(strings.TrimSpace(in.Result)).
			SetAppealChannel(strings.TrimSpace(in.AppealChannel)).
			SetNillableAuthorID(actorID(viewer.FromContext(ctx))).SetAt(now)
		// Always set, so a complete reply answers an empty list, not null.
		names := elementNames(missing)
		create.SetMissing(names)
		after := map[string]any{}
		if len(names) > 0 {
			after["missing"] = names
		}
		r, err := create.Save(ctx)
		if err != nil {
			return nil, nil, store.Explain(err)
		}
		after["replyID"] = r.ID
		return nil, after, nil
	})
}

// replyElementsRequired reads the caller's tenant's setting; anything but an
// explicit false keeps the strict default.
func (s *Service) replyElementsRequired(ctx context.Context) (bool, error) {
	tn, err := s.dir.Tenant(ctx, viewer.FromContext(ctx).TenantID)
	if err != nil {
		return false, err
	}
	if v, ok := tn.Settings[SettingReplyElementsRequired].(bool); ok {
		return v, nil
	}
	return true, nil
}

// CallbackRecord is what the citizen said when called back.
type CallbackRecord struct {
	Satisfaction callback.Satisfaction
	Solved       bool
	Note         *string // kept on the callback and as the timeline event's reason
}

// RecordCallback records a callback to the citizen about the latest reply of
// a replied ticket. The status stays REPLIED: what follows (closing, or
// reopening after a dissatisfied callback) is a step of its own.
func (s *Service) RecordCallback(ctx context.Context, id int, in CallbackRecord) (*ent.Ticket, error) {
	if err := callback.SatisfactionValidator(in.Satisfaction); err != nil {
		return nil, minsheng.Errorf(minsheng.EINVALID, "unknown satisfaction %q", in.Satisfaction)
	}
	note := ""
	if in.Note != nil {
		note = strings.TrimSpace(*in.Note)
	}
	return s.move(ctx, id, ActionCallback, note, func(ctx context.Context, tx *ent.Client, t *ent.Ticket, _ *ent.TicketUpdate, now time.Time) (map[string]any, map[string]any, error) {
		latest, err := latestReply(ctx, tx, t.ID)
		if err != nil {
			return nil, nil, err
		}
		cb, err := tx.Callback.Create().SetTicketID(t.ID).SetNillableReplyID(latest).
			SetSatisfaction(in.Satisfaction).SetSolved(in.Solved).SetNote(note).
			SetNillableRecordedByID(actorID(viewer.FromContext(ctx))).SetAt(now).
			Save(ctx)
		if err != nil {
			return nil, nil, store.Explain(err)
		}
		return nil, map[string]any{"callbackID": cb.ID, "satisfaction": cb.Satisfaction, "solved": cb.Solved}, nil
	})
}

// CloseTicket closes a replied ticket (REPLIED → CLOSED) once the citizen,
// called back about its latest reply, said they were satisfied or basically
// satisfied.
func (s *Service) CloseTicket(ctx context.Context, id int) (*ent.Ticket, error) {
	return s.move(ctx, id, ActionClose, "", func(ctx context.Context, tx *ent.Client, t *ent.Ticket, _ *ent.TicketUpdate, _ time.Time) (map[string]any, map[string]any, error) {
		latest, err := latestReply(ctx, tx, t.ID)
		if err != nil {
			return nil, nil, err
		}
		ok, err := tx.Callback.Query().
			Where(callback.TicketID(t.ID), aboutReply(latest),
				callback.SatisfactionIn(callback.SatisfactionSATISFIED, callback.SatisfactionBASICALLY_SATISFIED)).
			Exist(ctx)
		if err != nil {
			return nil, nil, store.Explain(err)
		}
		if !ok {
			return nil, nil, minsheng.Errorf(minsheng.ECONFLICT,
				"ticket %s needs a satisfied callback before it is closed: record one (SATISFIED or BASICALLY_SATISFIED) about its latest reply with recordCallback, or reopen it",
				t.Code)
		}
		return nil, nil, nil
	})
}

// ReopenTicket reopens a ticket (→ REOPENED) so that it can be dispatched
// again: a replied one when the citizen's last callback about its latest
// reply was DISSATISFIED, a closed one whenever the citizen comes back.
func (s *Service) ReopenTicket(ctx context.Context, id int, reason string) (*ent.Ticket, error) {
	reason, err := required(reason)
	if err != nil {
		return nil, err
	}
	return s.move(ctx, id, ActionReopen, reason, func(ctx context.Context, tx *ent.Client, t *ent.Ticket, _ *ent.TicketUpdate, _ time.Time) (map[string]any, map[string]any, error) {
		if t.Status != ticket.StatusREPLIED {
			return nil, nil, nil
		}
		latest, err := latestReply(ctx, tx, t.ID)
		if err != nil {
			return nil, nil, err
		}
		last, err := tx.Callback.Query().Where(callback.TicketID(t.ID), aboutReply(latest)).
			Order(ent.Desc(callback.FieldAt), ent.Desc(callback.FieldID)).First(ctx)
		switch {
		case ent.IsNotFound(err):
			return nil, nil, minsheng.Errorf(minsheng.ECONFLICT,
				"ticket %s has no callback about its latest reply: a replied ticket is reopened after a DISSATISFIED callback", t.Code)
		case err != nil:
			return nil, nil, store.Explain(err)
		case last.Satisfaction != callback.SatisfactionDISSATISFIED:
			return nil, nil, minsheng.Errorf(minsheng.ECONFLICT,
				"ticket %s: the citizen's last callback was %s; a replied ticket is reopened after a DISSATISFIED callback", t.Code, last.Satisfaction)
		}
		return nil, map[string]any{"callbackID": last.ID}, nil
	})
}

// latestReply is the ID of the ticket's most recent reply; nil when it has
// none (a ticket put into REPLIED by an import, say).
func latestReply(ctx context.Context, tx *ent.Client, ticketID int) (*int, error) {
	id, err := tx.Reply.Query().Where(reply.TicketID(ticketID)).
		Order(ent.Desc(reply.FieldAt), ent.Desc(reply.FieldID)).FirstID(ctx)
	switch {
	case ent.IsNotFound(err):
		return nil, nil
	case err != nil:
		return nil, store.Explain(err)
	}
	return &id, nil
}

// aboutReply selects the callbacks about reply id (those about no reply when nil).
func aboutReply(id *int) predicate.Callback {
	if id == nil {
		return callback.ReplyIDIsNil()
	}
	return callback.ReplyID(*id)
}

// Replies are the ticket's replies, oldest first.
func (s *Service) Replies(ctx context.Context, t *ent.Ticket) ([]*ent.Reply, error) {
	return s.client.Reply.Query().Where(reply.TicketID(t.ID)).
		Order(ent.Asc(reply.FieldAt), ent.Asc(reply.FieldID)).All(ctx)
}

// Callbacks are the ticket's callbacks, oldest first.
func (s *Service) Callbacks(ctx context.Context, t *ent.Ticket) ([]*ent.Callback, error) {
	return s.client.Callback.Query().Where(callback.TicketID(t.ID)).
		Order(ent.Asc(callback.FieldAt), ent.Asc(callback.FieldID)).All(ctx)
}
