package tracking

import (
	"context"
	"slices"
	"time"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/reply"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

// SettingPublicStaffNames is the tenant setting that lets citizens see the
// names of the staff who acted on their case; without it (the default) they
// see the department.
const SettingPublicStaffNames = "publicStaffNames"

// CitizenActor is how the citizen's own steps are shown to them.
const CitizenActor = "市民"

// Case is a ticket as the citizen who raised it sees it: no personal data,
// no internal notes or reasons, staff named only where the tenant allows.
type Case struct {
	Code     string
	Status   ticket.Status
	Colour   *workflow.Colour
	DueAt    *time.Time
	Unit     *Unit
	Timeline []Event
	Reply    *Reply
	CanRate  bool
}

// Unit is who handles the case.
type Unit struct {
	Department    string   // the lead (responsible) department
	CoDepartments []string // joint handling; empty when the lead handles it alone
}

// Event is one public step of the case.
type Event struct {
	Action               string
	FromStatus, ToStatus *ticket.Status
	Actor                string
	At                   time.Time
	Photos               int // photos the citizen added with this step
}

// Reply is the department's reply in its five elements.
type Reply struct {
	Facts, Basis, Handling, Result, AppealChannel string
	At                                            time.Time
}

// publicActions are the steps that do not change the status but still
// concern the citizen; every step that changes it is public too.
// Supervision, instructions, extension requests and rejections and intake
// are the office's own business.
var publicActions = []string{
	workflow.ActionCallback, workflow.ActionExtensionApprove, workflow.ActionSupplement, workflow.ActionRate,
}

// publicCase reads what the citizen is shown of t, inside t's tenant.
func (s *Service) publicCase(ctx context.Context, t *ent.Ticket) (*Case, error) {
	ctx = viewer.TenantSystemContext(ctx, t.TenantID)
	t, err := s.client.Ticket.Get(ctx, t.ID) // as it is now, after a change
	if err != nil {
		return nil, store.Explain(err)
	}
	tn, err := s.client.Tenant.Get(ctx, t.TenantID)
	if err != nil {
		return nil, store.Explain(err)
	}
	c := &Case{Code: t.Code, Status: t.Status, DueAt: t.DueAt}
	if c.Colour, err = s.workflow.Colour(ctx, t); err != nil {
		return nil, err
	}
	if t.DepartmentID != nil {
		d, err := s.client.Department.Get(ctx, *t.DepartmentID)
		if err != nil {
			return nil, store.Explain(err)
		}
		co, err := s.client.Ticket.QueryCoDepartments(t).Order(ent.Asc(department.FieldName)).All(ctx)
		if err != nil {
			return nil, store.Explain(err)
		}
		c.Unit = &Unit{Department: d.Name, CoDepartments: []string{}}
		for _, cd := range co {
			c.Unit.CoDepartments = append(c.Unit.CoDepartments, cd.Name)
		}
	}
	if c.Timeline, err = s.timeline(ctx, t, tn); err != nil {
		return nil, err
	}
	r, err := s.client.Reply.Query().Where(reply.TicketID(t.ID)).
		Order(ent.Desc(reply.FieldAt), ent.Desc(reply.FieldID)).First(ctx)
	switch {
	case ent.IsNotFound(err):
	case err != nil:
		return nil, store.Explain(err)
	default:
		c.Reply = &Reply{Facts: r.Facts, Basis: r.Basis, Handling: r.Handling, Result: r.Result, AppealChannel: r.AppealChannel, At: r.At}
	}
	if t.Status == ticket.StatusREPLIED || t.Status == ticket.StatusCLOSED {
		rated, hasReply, err := s.workflow.CitizenRated(ctx, t)
		if err != nil {
			return nil, err
		}
		c.CanRate = hasReply && !rated
	}
	return c, nil
}

// timeline is t's public steps, oldest first, each with the actor the
// citizen may be shown.
func (s *Service) timeline(ctx context.Context, t *ent.Ticket, tn *ent.Tenant) ([]Event, error) {
	events, err := s.workflow.Timeline(ctx, t)
	if err != nil {
		return nil, err
	}
	var userIDs []int
	for _, e := range events {
		if e.ActorID != nil {
			userIDs = append(userIDs, *e.ActorID)
		}
	}
	users := map[int]*ent.User{}
	if len(userIDs) > 0 {
		us, err := s.client.User.Query().Where(user.IDIn(userIDs...)).WithDepartment().All(ctx)
		if err != nil {
			return nil, store.Explain(err)
		}
		for _, u := range us {
			users[u.ID] = u
		}
	}
	names, _ := tn.Settings[SettingPublicStaffNames].(bool)
	actor := func(e *ent.TimelineEvent) string {
		if e.Action == workflow.ActionSupplement || e.Action == workflow.ActionRate {
			return CitizenActor
		}
		u := users[derefOr(e.ActorID, 0)]
		switch {
		case u == nil:
			return tn.Name // the server or an integrator: the office as a whole
		case names:
			return u.DisplayName
		case u.Edges.Department != nil:
			return u.Edges.Department.Name
		}
		return tn.Name
	}
	out := []Event{}
	for _, e := range events {
		changes := e.ToStatus != "" && e.ToStatus != string(ticket.StatusDRAFT)
		if !changes && !slices.Contains(publicActions, e.Action) {
			continue
		}
		ev := Event{Action: e.Action, FromStatus: status(e.FromStatus), ToStatus: status(e.ToStatus), Actor: actor(e), At: e.At}
		if e.Action == workflow.ActionSupplement {
			// Stored as JSON: the IDs come back as a list of numbers.
			ids, _ := e.After[workflow.AfterAttachmentIDs].([]any)
			ev.Photos = len(ids)
		}
		out = append(out, ev)
	}
	return out, nil
}

func status(s string) *ticket.Status {
	if s == "" {
		return nil
	}
	st := ticket.Status(s)
	return &st
}

func derefOr[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}
