package workflow

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/callback"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// Timeline actions of the citizen's own steps, taken with the case code and
// tracking token (package tracking finds the ticket and calls these).
const (
	ActionSupplement = "SUPPLEMENT"
	ActionRate       = "RATE"
)

// CitizenName is the actor name of the citizen's steps on the timeline.
const CitizenName = "citizen"

// MaxCitizenText is the longest supplement or rating comment, in characters:
// it is kept as the timeline event's reason.
const MaxCitizenText = 2000

// CitizenContext acts as the citizen of a ticket of tenant tenantID: the
// server inside the tenant (the citizen has no account, and tracking has
// already checked the token), named as the citizen on the timeline.
func CitizenContext(ctx context.Context, tenantID int) context.Context {
	return viewer.NewContext(ctx, viewer.Viewer{
		Kind: viewer.System, TenantID: tenantID, Name: CitizenName, TicketScope: viewer.ScopeTenant,
	})
}

// supplementable are the states in which the citizen may add material: any
// from registration until the case is over (closed or merged into another).
var supplementable = []ticket.Status{
	ticket.StatusREGISTERED, ticket.StatusDISPATCHED, ticket.StatusACCEPTED, ticket.StatusIN_PROGRESS,
	ticket.StatusREPLIED, ticket.StatusRETURNED, ticket.StatusREOPENED, ticket.StatusSUSPENDED,
}

// Attacher records files that come with a citizen's supplement (intake's
// Photos): Attach writes them as attachments of the ticket inside the
// supplement's transaction and answers their IDs.
type Attacher interface {
	Attach(ctx context.Context, tx *ent.Client, ticketID int) ([]int, error)
}

// AfterAttachmentIDs is the key of a SUPPLEMENT event's after that lists
// the IDs of the files that came with it.
const AfterAttachmentIDs = "attachmentIDs"

// CanSupplement says whether t takes the citizen's material now: a closed
// or merged case is refused with CONFLICT. SupplementTicket checks it again
// in its transaction; callers ask first to refuse before costly work.
func CanSupplement(t *ent.Ticket) error {
	if !slices.Contains(supplementable, t.Status) {
		return minsheng.Errorf(minsheng.ECONFLICT,
			"case %s is %s and takes no more material; call the office if the problem is back", t.Code, t.Status)
	}
	return nil
}

// SupplementTicket adds the citizen's further material to a ticket as a
// SUPPLEMENT timeline event, the text as its reason and the files (nil for
// none) as attachments of the ticket, their IDs in the event's after
// (attachmentIDs). Text may be blank only when files come with it. Nothing
// else changes, not even the version: the material decides nothing, so a
// member of staff acting on the ticket at the same moment must not be
// refused for it.
func (s *Service) SupplementTicket(ctx context.Context, id int, text string, files Attacher) error {
	text, err := citizenText("text", text, files == nil)
	if err != nil {
		return err
	}
	now := s.now()
	v := viewer.FromContext(ctx)
	return store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		t, err := tx.Ticket.Get(ctx, id)
		if err != nil {
			return store.Explain(err)
		}
		if err := CanSupplement(t); err != nil {
			return err
		}
		create := tx.TimelineEvent.Create().
			SetTicketID(t.ID).SetAction(ActionSupplement).SetActorName(v.Name).SetNillableActorID(actorID(v)).
			SetReason(text).SetAt(now)
		if files != nil {
			ids, err := files.Attach(ctx, tx, t.ID)
			if err != nil {
				return fmt.Errorf("workflow: attachments: %w", store.Explain(err))
			}
			create.SetAfter(map[string]any{AfterAttachmentIDs: ids})
		}
		if err := create.Exec(ctx); err != nil {
			return fmt.Errorf("workflow: timeline: %w", store.Explain(err))
		}
		return nil
	})
}

// CitizenRating is the citizen's own rating of the latest reply.
type CitizenRating struct {
	Satisfaction callback.Satisfaction
	// Solved is what the citizen says; nil counts as solved unless they are
	// dissatisfied.
	Solved  *bool
	Comment *string
}

// RateTicket records the citizen's rating of the latest reply as a callback
// marked by_citizen, once per reply: a second rating of the same reply, or
// one before any reply, is refused with CONFLICT. Like a staff callback it
// leaves the status as it is; a DISSATISFIED rating lets the clerk reopen.
func (s *Service) RateTicket(ctx context.Context, id int, in CitizenRating) (*ent.Ticket, error) {
	if err := callback.SatisfactionValidator(in.Satisfaction); err != nil {
		return nil, minsheng.Errorf(minsheng.EINVALID, "unknown satisfaction %q", in.Satisfaction)
	}
	comment := ""
	if in.Comment != nil {
		c, err := citizenText("comment", *in.Comment, false)
		if err != nil {
			return nil, err
		}
		comment = c
	}
	solved := in.Satisfaction != callback.SatisfactionDISSATISFIED
	if in.Solved != nil {
		solved = *in.Solved
	}
	return s.move(ctx, id, ActionRate, comment, func(ctx context.Context, tx *ent.Client, t *ent.Ticket, _ *ent.TicketUpdate, now time.Time) (map[string]any, map[string]any, error) {
		latest, err := latestReply(ctx, tx, t.ID)
		if err != nil {
			return nil, nil, err
		}
		if latest == nil {
			return nil, nil, minsheng.Errorf(minsheng.ECONFLICT, "case %s has no reply to rate yet", t.Code)
		}
		// The version check of move makes two ratings racing for the same
		// reply conflict; this check refuses the one that comes later.
		rated, err := tx.Callback.Query().
			Where(callback.TicketID(t.ID), callback.ReplyID(*latest), callback.ByCitizen(true)).Exist(ctx)
		if err != nil {
			return nil, nil, store.Explain(err)
		}
		if rated {
			return nil, nil, minsheng.Errorf(minsheng.ECONFLICT, "the latest reply of case %s has been rated already; each reply is rated once", t.Code)
		}
		cb, err := tx.Callback.Create().SetTicketID(t.ID).SetReplyID(*latest).
			SetSatisfaction(in.Satisfaction).SetSolved(solved).SetNote(comment).SetByCitizen(true).SetAt(now).
			Save(ctx)
		if err != nil {
			return nil, nil, store.Explain(err)
		}
		return nil, map[string]any{"callbackID": cb.ID, "satisfaction": cb.Satisfaction, "solved": cb.Solved}, nil
	})
}

// CitizenRated reports whether the citizen has rated the ticket's latest
// reply; false when it has none.
func (s *Service) CitizenRated(ctx context.Context, t *ent.Ticket) (rated, hasReply bool, err error) {
	latest, err := latestReply(ctx, s.client, t.ID)
	if err != nil || latest == nil {
		return false, false, err
	}
	rated, err = s.client.Callback.Query().
		Where(callback.TicketID(t.ID), callback.ReplyID(*latest), callback.ByCitizen(true)).Exist(ctx)
	return rated, true, store.Explain(err)
}

// citizenText trims s and checks its length; blank is refused when required.
func citizenText(name, s string, required bool) (string, error) {
	s = strings.TrimSpace(s)
	if required && s == "" {
		return "", minsheng.Errorf(minsheng.EINVALID, "%s must not be blank", name)
	}
	if n := utf8.RuneCountInString(s); n > MaxCitizenText {
		return "", minsheng.Errorf(minsheng.EINVALID, "%s has %d characters; at most %d are taken", name, n, MaxCitizenText)
	}
	return s, nil
}
