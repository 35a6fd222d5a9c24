// Package workflow owns the life cycle of a ticket: how it is registered,
// the case code it gets, and the timeline event every change writes in the
// same transaction as the change, the transitions of the life cycle, and
// deadlines and their colours. Resolvers call it; it never trusts them to
// have checked anything but the operation permission.
package workflow

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/notify"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/topics"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/wakeup"
)

// Service runs the ticket life cycle.
type Service struct {
	client *ent.Client
	dir    *directory.Service
	now    func() time.Time
	outbox *notify.Outbox // nil: no notifications
	// changes wakes subscriptions when this process changes a ticket.
	changes *wakeup.Hub
	// keywords extracts each ticket's keywords (keywords.go); nil: none.
	keywords *topics.Extractor
	// wordLists keeps the tenants' word lists for keywords between
	// registrations.
	wordLists topics.WordLists
	cases     CaseIndexer // told of closed and reopened cases; nil: nobody
}

// New returns the workflow service. now is the clock; tests move it.
func New(client *ent.Client, dir *directory.Service, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	hookFacts(client)
	return &Service{client: client, dir: dir, now: now, changes: wakeup.New()}
}

// NewTicket is a ticket as a clerk, grid worker or integrator registers it.
type NewTicket struct {
	Title      string
	Body       string
	Channel    ticket.Channel
	CategoryID *int
	RegionID   *int
	// DepartmentID is the responsible department when the clerk already
	// knows it; dispatch confirms or changes it.
	DepartmentID *int
	Place        *string
	Anonymous    *bool
	Citizen      *directory.CitizenInput
	// CoSigners are the people who signed besides the citizen (联名), in
	// signing order; at most MaxCoSigners, and only with a citizen.
	CoSigners []*directory.CitizenInput
}

// Timeline actions written by this package.
const (
	ActionRegister = "REGISTER"
	// ActionDraft opens a draft: a ticket intake fills in before a clerk
	// registers it.
	ActionDraft = "DRAFT"
)

// CreateTicket registers a ticket (status REGISTERED) with its citizen, its
// case code and its first timeline event, all in one transaction.
func (s *Service) CreateTicket(ctx context.Context, in NewTicket) (*ent.Ticket, error) {
	anonymous := in.Anonymous != nil && *in.Anonymous
	if anonymous && in.Citizen != nil {
		return nil, minsheng.Errorf(minsheng.EINVALID, "an anonymous ticket carries no citizen: leave citizen out")
	}
	if err := ticket.ChannelValidator(in.Channel); err != nil {
		return nil, minsheng.Errorf(minsheng.EINVALID, "unknown channel %q", in.Channel)
	}
	loc, err := s.tenantLocation(ctx)
	if err != nil {
		return nil, err
	}
	var t *ent.Ticket
	var sent []int
	ctx, alerts := withAlertSends(ctx)
	err = store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		t, err = s.register(ctx, tx, in, anonymous, loc, ticket.StatusREGISTERED)
		if err != nil {
			return err
		}
		if err := s.detect(ctx, tx, t, *t.RegisteredAt); err != nil {
			return err
		}
		sent, err = s.notices(ctx, tx, ActionRegister, "", t, *t.RegisteredAt)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.send(ctx, t.TenantID, append(sent, alerts()...))
	// Edges are loaded later (GraphQL); they must not go to the closed transaction.
	return t.Unwrap(), nil
}

// CreateDraft opens a draft ticket (DRAFT) in tx, with its case code and
// its first timeline event. Intake opens one for a file that arrives
// without a ticket; a clerk registers it once checked.
func (s *Service) CreateDraft(ctx context.Context, tx *ent.Client, in NewTicket) (*ent.Ticket, error) {
	loc, err := s.tenantLocation(ctx)
	if err != nil {
		return nil, err
	}
	return s.register(ctx, tx, in, false, loc, ticket.StatusDRAFT)
}

func (s *Service) register(ctx context.Context, tx *ent.Client, in NewTicket, anonymous bool, loc *time.Location, status ticket.Status) (*ent.Ticket, error) {
	now := s.now()
	code, err := nextCode(ctx, tx, now.In(loc))
	if err != nil {
		return nil, err
	}
	v := viewer.FromContext(ctx)
	create := tx.Ticket.Create().
		SetCode(code).SetTitle(in.Title).SetBody(in.Body).SetChannel(in.Channel).
		SetAnonymous(anonymous).SetNillablePlace(in.Place).
		SetNillableCategoryID(in.CategoryID).SetNillableRegionID(in.RegionID).SetNillableDepartmentID(in.DepartmentID).
		SetStatus(status)
	action := ActionDraft
	if status == ticket.StatusREGISTERED {
		create.SetRegisteredAt(now)
		action = ActionRegister
	}
	// A draft records its author as registrar too: a grid worker who sees
	// only the tickets he registered must see the drafts of his uploads.
	if v.Kind == viewer.User {
		create.SetRegisteredByID(v.UserID)
	}
	if in.Citizen != nil {
		c, err := s.dir.UpsertCitizen(ctx, tx, *in.Citizen)
		if err != nil {
			return nil, err
		}
		create.SetCitizenID(c.ID)
		// The number given with this ticket is where its messages go,
		// whatever number the citizen gave before.
		sealed, hash, err := s.dir.SealPhone(*in.Citizen)
		if err != nil {
			return nil, err
		}
		create.SetContactPhoneSealed(sealed).SetNillableContactPhoneHash(hash)
	}
	first, _ := create.Mutation().CitizenID()
	co, err := s.coSigners(ctx, tx, in, anonymous, first)
	if err != nil {
		return nil, err
	}
	create.SetSignerCount(1 + len(co))
	t, err := create.Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.coSign(ctx, tx, t, co); err != nil {
		return nil, err
	}
	after := registered(t)
	if len(co) > 0 {
		ids := make([]int, len(co))
		for i, c := range co {
			ids[i] = c.citizenID
		}
		after["coSignerCitizenIDs"], after["signerCount"] = ids, t.SignerCount
	}
	err = tx.TimelineEvent.Create().
		SetTicket(t).SetAction(action).SetActorName(v.Name).SetNillableActorID(actorID(v)).
		SetToStatus(string(t.Status)).SetAt(now).
		SetAfter(after).
		Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("workflow: timeline: %w", err)
	}
	if status == ticket.StatusREGISTERED {
		if err := s.atRegistration(ctx, tx, t); err != nil {
			return nil, err
		}
	}
	if err := s.indexKeywords(ctx, tx, t, t.RegisteredAt); err != nil {
		return nil, err
	}
	return t, nil
}

func actorID(v viewer.Viewer) *int {
	if v.Kind != viewer.User {
		return nil
	}
	return &v.UserID
}

// tenantLocation is the time zone case codes and deadlines are counted in.
func (s *Service) tenantLocation(ctx context.Context) (*time.Location, error) {
	t, err := s.dir.Tenant(ctx, viewer.FromContext(ctx).TenantID)
	if err != nil {
		return nil, err
	}
	return location(t)
}

// location is the tenant's time zone.
func location(t *ent.Tenant) (*time.Location, error) {
	loc, err := time.LoadLocation(t.TimeZone)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("workflow: tenant time zone %q", t.TimeZone), err)
	}
	return loc, nil
}

// registered is what the REGISTER event records of the new ticket.
func registered(t *ent.Ticket) map[string]any {
	after := map[string]any{"code": t.Code, "channel": t.Channel, "title": t.Title, "anonymous": t.Anonymous}
	for k, id := range map[string]*int{"categoryID": t.CategoryID, "regionID": t.RegionID, "departmentID": t.DepartmentID, "citizenID": t.CitizenID} {
		if id != nil {
			after[k] = *id
		}
	}
	return after
}
