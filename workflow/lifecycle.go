package workflow

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// Timeline actions of the life cycle, one per transition.
const (
	ActionDispatch = "DISPATCH"
	ActionAccept   = "ACCEPT"
	ActionStart    = "START"
	ActionReturn   = "RETURN"
	ActionReassign = "REASSIGN"
	ActionReply    = "REPLY"
	ActionCallback = "CALLBACK"
	ActionClose    = "CLOSE"
	ActionReopen   = "REOPEN"
)

// DefaultDeadlineDays is the time limit in working days of a ticket that has
// no category to take one from.
const DefaultDeadlineDays = 5

// transition is one move of the life cycle: the states it may start from and
// the state it ends in; an empty to leaves the status as it is (an event
// such as a callback that changes the ticket but not its state). op is the operation's name in the API, so that a
// refusal tells the caller what it tried.
type transition struct {
	op   string
	from []ticket.Status
	to   ticket.Status
}

// transitions is the life cycle, by timeline action. Anything not listed is
// refused with CONFLICT.
var transitions = map[string]transition{
	ActionRegister: {"registerTicket", []ticket.Status{ticket.StatusDRAFT}, ticket.StatusREGISTERED},
	ActionDispatch: {"dispatchTicket",
		[]ticket.Status{ticket.StatusREGISTERED, ticket.StatusRETURNED, ticket.StatusREOPENED}, ticket.StatusDISPATCHED},
	ActionAccept: {"acceptTicket", []ticket.Status{ticket.StatusDISPATCHED}, ticket.StatusACCEPTED},
	ActionStart:  {"startTicket", []ticket.Status{ticket.StatusACCEPTED}, ticket.StatusIN_PROGRESS},
	ActionReturn: {"returnTicket", []ticket.Status{ticket.StatusDISPATCHED, ticket.StatusACCEPTED}, ticket.StatusRETURNED},
	ActionReassign: {"reassignTicket",
		[]ticket.Status{ticket.StatusDISPATCHED, ticket.StatusACCEPTED, ticket.StatusIN_PROGRESS, ticket.StatusRETURNED},
		ticket.StatusDISPATCHED},
	ActionReply:    {"replyTicket", []ticket.Status{ticket.StatusIN_PROGRESS}, ticket.StatusREPLIED},
	ActionCallback: {"recordCallback", []ticket.Status{ticket.StatusREPLIED}, ""},
	ActionClose:    {"closeTicket", []ticket.Status{ticket.StatusREPLIED}, ticket.StatusCLOSED},
	ActionReopen:   {"reopenTicket", []ticket.Status{ticket.StatusREPLIED, ticket.StatusCLOSED}, ticket.StatusREOPENED},

	ActionExtensionRequest: {"requestExtension", working, ""},
	ActionExtensionApprove: {"decideExtension", working, ""},
	ActionExtensionReject:  {"decideExtension", working, ""},
	ActionSupervise:        {"superviseTicket", overseeable, ""},
	ActionInstruct:         {"instructTicket", overseeable, ""},
	// The citizen's rating of a reply: the one they were given stays
	// theirs to rate after the case is closed, and a dissatisfied rating
	// then lets the clerk reopen it.
	ActionRate: {"rateCase", []ticket.Status{ticket.StatusREPLIED, ticket.StatusCLOSED}, ""},
}

// step is what one transition changes besides the status and the version:
// it adds its changes to u and says what they were, for the timeline.
type step func(ctx context.Context, tx *ent.Client, t *ent.Ticket, u *ent.TicketUpdate, now time.Time) (before, after map[string]any, err error)

// RegisterTicket registers a draft (DRAFT → REGISTERED).
func (s *Service) RegisterTicket(ctx context.Context, id int) (*ent.Ticket, error) {
	return s.RegisterDraft(ctx, id, nil)
}

// registerStep is what registering does to draft t (as the clerk left
// it, corrections applied): the time and the registrar, the keyword index
// of its text, and repeat and group detection.
func (s *Service) registerStep(ctx context.Context, tx *ent.Client, t *ent.Ticket, u *ent.TicketUpdate, now time.Time) error {
	u.SetRegisteredAt(now)
	// The draft's text as it stands now (intake may have filled it).
	if err := s.indexKeywords(ctx, tx, t, &now); err != nil {
		return err
	}
	if v := viewer.FromContext(ctx); v.Kind == viewer.User {
		u.SetRegisteredByID(v.UserID)
	}
	// Repeat and group detection sees the ticket as registered.
	reg := *t
	reg.Status, reg.RegisteredAt = ticket.StatusREGISTERED, &now
	return s.detect(ctx, tx, &reg, now)
}

// Dispatch is where a dispatcher sends a ticket.
type Dispatch struct {
	DepartmentID int
	// CoDepartmentIDs handle the ticket jointly with the lead department
	// (协办); they replace the ticket's co-departments, nil or empty
	// leaving it none.
	CoDepartmentIDs []int
	Note            *string // kept on the timeline as the event's reason
	// CategoryID, when set, corrects the ticket's category (the timeline
	// event keeps the category before and after); the deadline then comes
	// from the new category, and the suggester learns from it.
	CategoryID *int
}

// DispatchTicket sends a registered, returned or reopened ticket to its
// responsible department and sets its deadline.
func (s *Service) DispatchTicket(ctx context.Context, id int, in Dispatch) (*ent.Ticket, error) {
	note := ""
	if in.Note != nil {
		note = strings.TrimSpace(*in.Note)
	}
	co := in.CoDepartmentIDs
	if co == nil {
		co = []int{}
	}
	return s.move(ctx, id, ActionDispatch, note, recategorise(in.CategoryID, s.sendTo(in.DepartmentID, co)))
}

// ReassignTicket moves a ticket to another department, with a new deadline
// counted from now. coDepartmentIDs replace the co-departments; nil keeps
// them, less the new lead department.
func (s *Service) ReassignTicket(ctx context.Context, id, departmentID int, reason string, coDepartmentIDs []int) (*ent.Ticket, error) {
	reason, err := required(reason)
	if err != nil {
		return nil, err
	}
	send := s.sendTo(departmentID, coDepartmentIDs)
	return s.move(ctx, id, ActionReassign, reason, func(ctx context.Context, tx *ent.Client, t *ent.Ticket, u *ent.TicketUpdate, now time.Time) (map[string]any, map[string]any, error) {
		if t.DepartmentID != nil && *t.DepartmentID == departmentID {
			return nil, nil, minsheng.Errorf(minsheng.EINVALID, "ticket %s is already with department %d: reassign it to another one", t.Code, departmentID)
		}
		return send(ctx, tx, t, u, now)
	})
}

// sendTo is the step of dispatch and reassignment: the department becomes
// responsible and the deadline is counted from now, in working days of the
// ticket's category on the tenant's calendar in its time zone. co, unless
// nil, replaces the co-departments (see jointly).
func (s *Service) sendTo(departmentID int, co []int) step {
	return func(ctx context.Context, tx *ent.Client, t *ent.Ticket, u *ent.TicketUpdate, now time.Time) (map[string]any, map[string]any, error) {
		// Read as the caller: another tenant's department is not found, like
		// one that never existed.
		if _, err := tx.Department.Get(ctx, departmentID); err != nil {
			return nil, nil, store.Explain(err)
		}
		coBefore, coAfter, err := jointly(ctx, tx, t, u, departmentID, co)
		if err != nil {
			return nil, nil, err
		}
		days := DefaultDeadlineDays
		if t.CategoryID != nil {
			c, err := tx.Category.Get(ctx, *t.CategoryID)
			if err != nil {
				return nil, nil, store.Explain(err)
			}
			days = c.DeadlineDays
		}
		loc, err := s.tenantLocation(ctx)
		if err != nil {
			return nil, nil, err
		}
		cal, err := s.Calendar(ctx, t.TenantID)
		if err != nil {
			return nil, nil, err
		}
		due := cal.Due(now, days, loc)
		// A pending extension was asked against the old deadline, which
		// this one replaces.
		u.SetDepartmentID(departmentID).SetDueAt(due).ClearExtensionDays().ClearExtensionReason()
		before := map[string]any{}
		if t.DepartmentID != nil {
			before["departmentID"] = *t.DepartmentID
		}
		if t.DueAt != nil {
			before["dueAt"] = *t.DueAt
		}
		after := map[string]any{"departmentID": departmentID, "dueAt": due, "deadlineDays": days}
		if len(coBefore) > 0 {
			before["coDepartmentIDs"] = coBefore
		}
		if len(coAfter) > 0 {
			after["coDepartmentIDs"] = coAfter
		}
		return before, after, nil
	}
}

// AcceptTicket is the department taking a dispatched ticket on. The first
// user ever to accept it is its first handler (首办) for good.
func (s *Service) AcceptTicket(ctx context.Context, id int) (*ent.Ticket, error) {
	return s.move(ctx, id, ActionAccept, "", func(ctx context.Context, _ *ent.Client, t *ent.Ticket, u *ent.TicketUpdate, _ time.Time) (map[string]any, map[string]any, error) {
		v := viewer.FromContext(ctx)
		if t.FirstHandlerID != nil || v.Kind != viewer.User {
			return nil, nil, nil
		}
		u.SetFirstHandlerID(v.UserID)
		return nil, map[string]any{"firstHandlerID": v.UserID}, nil
	})
}

// StartTicket marks work on an accepted ticket as begun.
func (s *Service) StartTicket(ctx context.Context, id int) (*ent.Ticket, error) {
	return s.move(ctx, id, ActionStart, "", nil)
}

// ReturnTicket sends a ticket back to the dispatcher (退件) with the
// department's reason.
func (s *Service) ReturnTicket(ctx context.Context, id int, reason string) (*ent.Ticket, error) {
	reason, err := required(reason)
	if err != nil {
		return nil, err
	}
	return s.move(ctx, id, ActionReturn, reason, nil)
}

// required is a reason that must say something.
func required(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return "", minsheng.Errorf(minsheng.EINVALID, "reason must not be blank: say why")
	}
	return reason, nil
}

// move runs one transition in one transaction: it reads the ticket as the
// caller (row scope applies, so a ticket outside it is not found), checks
// the ticket is in a state the action starts from, writes the new state with
// change's changes only if nobody changed the ticket since it was read
// (WHERE version = the version read; version + 1), and appends the timeline
// event. Two callers racing for the same ticket cannot both win: the loser's
// update matches no row, or it reads the winner's state, and gets CONFLICT.
func (s *Service) move(ctx context.Context, id int, action, reason string, change step) (*ent.Ticket, error) {
	return s.moveThen(ctx, id, action, reason, change, nil)
}

// moveThen is move with then run in its transaction once the ticket is
// written (nil: nothing), for what must follow the ticket's new state.
func (s *Service) moveThen(ctx context.Context, id int, action, reason string, change step, then func(ctx context.Context, tx *ent.Client) error) (*ent.Ticket, error) {
	tr, ok := transitions[action]
	if !ok {
		return nil, fmt.Errorf("workflow: no transition %s", action)
	}
	now := s.now()
	v := viewer.FromContext(ctx)
	var out *ent.Ticket
	var sent []int // notifications recorded, queued once committed
	ctx, alerts := withAlertSends(ctx)
	err := store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		t, err := tx.Ticket.Get(ctx, id)
		if err != nil {
			return store.Explain(err)
		}
		if err := leadOnly(v, action, t); err != nil {
			return err
		}
		if !slices.Contains(tr.from, t.Status) {
			return minsheng.Errorf(minsheng.ECONFLICT, "ticket is %s; %s needs %s", t.Status, tr.op, either(tr.from))
		}
		// The version moves even when the status stays: a callback decides
		// whether the ticket may be closed, so a close racing with it must
		// lose.
		u := tx.Ticket.Update().
			Where(ticket.ID(t.ID), ticket.Version(t.Version)).
			AddVersion(1)
		from, to := string(t.Status), string(tr.to)
		if tr.to != "" {
			u.SetStatus(tr.to)
		} else {
			from = "" // the timeline leaves both empty when the status is unchanged
		}
		var before, after map[string]any
		if change != nil {
			if before, after, err = change(ctx, tx, t, u, now); err != nil {
				return err
			}
		}
		n, err := u.Save(ctx)
		if err != nil {
			return store.Explain(err)
		}
		if n == 0 {
			return minsheng.Errorf(minsheng.ECONFLICT, "ticket %s was changed by someone else; reload it and try again", t.Code)
		}
		ev := tx.TimelineEvent.Create().
			SetTicketID(t.ID).SetAction(action).SetActorName(v.Name).SetNillableActorID(actorID(v)).
			SetFromStatus(from).SetToStatus(to).SetReason(reason).SetAt(now)
		if len(before) > 0 {
			ev.SetBefore(before)
		}
		if len(after) > 0 {
			ev.SetAfter(after)
		}
		if err := ev.Exec(ctx); err != nil {
			return fmt.Errorf("workflow: timeline: %w", store.Explain(err))
		}
		// Read back as the server within the tenant: a ticket the caller has
		// just sent to another department is still the answer to its request.
		out, err = tx.Ticket.Get(viewer.TenantSystemContext(ctx, v.TenantID), t.ID)
		if err != nil {
			return err
		}
		if then != nil {
			if err := then(ctx, tx); err != nil {
				return err
			}
		}
		if err := s.learn(ctx, tx, action, out); err != nil {
			return err
		}
		if err := s.caseChanged(ctx, tx, action, out); err != nil {
			return err
		}
		sent, err = s.notices(ctx, tx, action, reason, out, now)
		if err == nil && action == ActionRegister {
			err = s.atRegistration(ctx, tx, out)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	s.send(ctx, out.TenantID, append(sent, alerts()...))
	s.changes.Notify(out.ID)
	// Edges are loaded later (GraphQL); they must not go to the closed transaction.
	return out.Unwrap(), nil
}

// either writes states as "A", "A or B", "A, B or C".
func either(states []ticket.Status) string {
	names := make([]string, len(states))
	for i, s := range states {
		names[i] = string(s)
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// Timeline is everything that happened to t, oldest first. Events written in
// the same instant keep the order they were written in.
func (s *Service) Timeline(ctx context.Context, t *ent.Ticket) ([]*ent.TimelineEvent, error) {
	return s.client.TimelineEvent.Query().
		Where(timelineevent.TicketID(t.ID)).
		Order(ent.Asc(timelineevent.FieldAt), ent.Asc(timelineevent.FieldID)).
		All(ctx)
}
