package workflow

import (
	"context"
	"strings"
	"time"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
)

// Timeline actions of extensions and of the leaders' oversight; none of
// them changes the status.
const (
	ActionExtensionRequest = "EXTENSION_REQUEST"
	ActionExtensionApprove = "EXTENSION_APPROVE"
	ActionExtensionReject  = "EXTENSION_REJECT"
	ActionSupervise        = "SUPERVISE"
	ActionInstruct         = "INSTRUCT"
)

// MaxExtensionDays is the most working days one extension request may ask for.
const MaxExtensionDays = 30

// working are the states in which the department holds the ticket and its
// deadline runs: an extension is asked for and decided only then.
var working = []ticket.Status{ticket.StatusACCEPTED, ticket.StatusIN_PROGRESS}

// overseeable are the states a leader may supervise or instruct in: any but
// a draft nobody has registered and a case that is over (closed or merged).
var overseeable = []ticket.Status{
	ticket.StatusREGISTERED, ticket.StatusDISPATCHED, ticket.StatusACCEPTED, ticket.StatusIN_PROGRESS,
	ticket.StatusREPLIED, ticket.StatusRETURNED, ticket.StatusREOPENED, ticket.StatusSUSPENDED,
}

// RequestExtension records the department's request for days more working
// days (1 to MaxExtensionDays). The deadline moves only when the dispatcher
// approves; until then no second request is taken.
func (s *Service) RequestExtension(ctx context.Context, id, days int, reason string) (*ent.Ticket, error) {
	if days < 1 || days > MaxExtensionDays {
		return nil, minsheng.Errorf(minsheng.EINVALID, "days must be between 1 and %d working days, not %d", MaxExtensionDays, days)
	}
	reason, err := required(reason)
	if err != nil {
		return nil, err
	}
	return s.move(ctx, id, ActionExtensionRequest, reason, func(_ context.Context, _ *ent.Client, t *ent.Ticket, u *ent.TicketUpdate, _ time.Time) (map[string]any, map[string]any, error) {
		if t.ExtensionDays != nil {
			return nil, nil, minsheng.Errorf(minsheng.ECONFLICT,
				"ticket %s already has an extension request of %d working days waiting for a decision", t.Code, *t.ExtensionDays)
		}
		if t.DueAt == nil {
			return nil, nil, minsheng.Errorf(minsheng.ECONFLICT, "ticket %s has no deadline to extend", t.Code)
		}
		u.SetExtensionDays(days).SetExtensionReason(reason)
		return nil, map[string]any{"extensionDays": days}, nil
	})
}

// DecideExtension approves or rejects the pending extension request. An
// approval moves the deadline by the requested working days after the last
// day of the current limit, still ending at 24:00; either way the request is
// cleared.
func (s *Service) DecideExtension(ctx context.Context, id int, approve bool, note *string) (*ent.Ticket, error) {
	reason := ""
	if note != nil {
		reason = strings.TrimSpace(*note)
	}
	action := ActionExtensionReject
	if approve {
		action = ActionExtensionApprove
	}
	return s.move(ctx, id, action, reason, func(ctx context.Context, _ *ent.Client, t *ent.Ticket, u *ent.TicketUpdate, _ time.Time) (map[string]any, map[string]any, error) {
		if t.ExtensionDays == nil {
			return nil, nil, minsheng.Errorf(minsheng.ECONFLICT, "ticket %s has no extension request waiting for a decision", t.Code)
		}
		days := *t.ExtensionDays
		u.ClearExtensionDays().ClearExtensionReason()
		before := map[string]any{"extensionDays": days}
		if t.DueAt != nil {
			before["dueAt"] = *t.DueAt
		}
		if !approve || t.DueAt == nil {
			return before, nil, nil
		}
		loc, err := s.tenantLocation(ctx)
		if err != nil {
			return nil, nil, err
		}
		// The due instant is 00:00 after the limit's last day; an instant
		// before it lies on that last day, from which the days are counted.
		cal, err := s.Calendar(ctx, t.TenantID)
		if err != nil {
			return nil, nil, err
		}
		due := cal.Due(t.DueAt.Add(-time.Nanosecond), days, loc)
		u.SetDueAt(due)
		return before, map[string]any{"dueAt": due}, nil
	})
}

// SuperviseTicket is a leader's supervision (督办): the note goes on the
// timeline and the ticket is marked supervised for good.
func (s *Service) SuperviseTicket(ctx context.Context, id int, note string) (*ent.Ticket, error) {
	note, err := requiredText("note", note)
	if err != nil {
		return nil, err
	}
	return s.move(ctx, id, ActionSupervise, note, func(_ context.Context, _ *ent.Client, _ *ent.Ticket, u *ent.TicketUpdate, _ time.Time) (map[string]any, map[string]any, error) {
		u.SetSupervised(true)
		return nil, nil, nil
	})
}

// InstructTicket records the district leader's instruction (批示) on the
// timeline, for the responsible department to act on.
func (s *Service) InstructTicket(ctx context.Context, id int, text string) (*ent.Ticket, error) {
	text, err := requiredText("text", text)
	if err != nil {
		return nil, err
	}
	return s.move(ctx, id, ActionInstruct, text, nil)
}

// requiredText is an argument that must say something.
func requiredText(name, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", minsheng.Errorf(minsheng.EINVALID, "%s must not be blank", name)
	}
	return s, nil
}
