package workflow

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// ActionIntake is the timeline action of a ticket filled from a file.
const ActionIntake = "INTAKE"

// Read is a value read from a file, with the reader's confidence in [0,1].
type Read struct {
	Value      string
	Confidence float64
}

// Suggested is an entity a classifier proposes, with its confidence.
type Suggested struct {
	ID         int
	Confidence float64
}

// IntakeFill is what intake offers a ticket from one file it read. Each
// field is taken only while the ticket's own is blank: what a clerk typed
// stays. Nil offers nothing.
type IntakeFill struct {
	Job  int    // the intake job, named on the timeline
	Kind string // the job's kind, named on the timeline

	Body, Title, Place *Read
	// Placeholders are the titles a draft carries until its file is read;
	// the title is replaced only while it is one of them.
	Placeholders []string
	Category     *Suggested
	// SuggestedDepartment is kept only while the ticket has neither a
	// department nor a suggestion.
	SuggestedDepartment *Suggested
	Citizen             *FillCitizen
	// Note explains on the timeline what intake did not offer and why.
	Note string
	// Done runs last in the transaction that fills the ticket: intake ends
	// its job there, so the job's outcome and the ticket's change commit
	// together.
	Done func(ctx context.Context, tx *ent.Client, now time.Time) error
}

// FillCitizen links the ticket to the tenant's citizen with these details
// (created when new), unless the ticket is anonymous or has a citizen.
type FillCitizen struct {
	In directory.CitizenInput
	// Confidence names each detail offered ("idNumber", "phone", "name"…)
	// with the confidence it was read at, for the timeline.
	Confidence map[string]float64
	// Lenient turns a detail the directory refuses (a number that is not
	// one) into a note instead of an error of the job.
	Lenient bool
}

// fillAttempts is how often a fill is tried when a change of the ticket
// between its read and its write makes it lose the version check. Each try
// reads the ticket afresh, so what was typed meanwhile stays.
const fillAttempts = 5

// FillFromIntake fills the ticket from what intake read, as the rest of
// the life cycle changes a ticket: only if nobody changed it since it was
// read (its version; a change in between makes it read again and fill
// what is still blank), with an INTAKE event on the timeline naming each
// field filled with its confidence (never a value of personal data: the
// timeline is read more widely than ID numbers), and subscribers woken.
// The version moves only when a field was filled.
func (s *Service) FillFromIntake(ctx context.Context, ticketID int, in IntakeFill) (*ent.Ticket, error) {
	var err error
	for range fillAttempts {
		var t *ent.Ticket
		t, err = s.client.Ticket.Get(ctx, ticketID)
		if err != nil {
			return nil, store.Explain(err)
		}
		if beforeFill != nil {
			beforeFill(t)
		}
		var out *ent.Ticket
		out, err = s.fillOnce(ctx, t, in)
		if errors.Is(err, errChanged) {
			continue
		}
		if err != nil {
			return nil, err
		}
		s.changes.Notify(out.ID)
		return out, nil
	}
	return nil, minsheng.Errorf(minsheng.ECONFLICT, "ticket %d kept changing while intake filled it; the job is tried again", ticketID)
}

// beforeFill, set by tests only, runs between a fill's read of the ticket
// and its write: where a racing change lands.
var beforeFill func(*ent.Ticket)

// errChanged marks the conflict of a ticket changed since it was read.
var errChanged = errors.New("changed since read")

func (s *Service) fillOnce(ctx context.Context, t *ent.Ticket, in IntakeFill) (*ent.Ticket, error) {
	now := s.now()
	f := filling{t: t, in: in, filled: map[string]any{}, note: in.Note}
	var out *ent.Ticket
	err := store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		u := tx.Ticket.Update()
		f.fields(u)
		if err := f.citizen(ctx, s.dir, tx, u); err != nil {
			return err
		}
		if len(f.filled) > 0 {
			n, err := u.Where(ticket.ID(t.ID), ticket.Version(t.Version)).AddVersion(1).Save(ctx)
			if err != nil {
				return store.Explain(err)
			}
			if n == 0 {
				return errChanged
			}
		}
		err := tx.TimelineEvent.Create().
			SetTicketID(t.ID).SetAction(ActionIntake).SetActorName("intake").SetAt(now).
			SetAfter(map[string]any{"job": in.Job, "kind": in.Kind, "filled": f.filled}).
			SetReason(clipRunes(f.note, 2000)).
			Exec(ctx)
		if err != nil {
			return fmt.Errorf("workflow: timeline: %w", store.Explain(err))
		}
		if in.Done != nil {
			if err := in.Done(ctx, tx, now); err != nil {
				return err
			}
		}
		out, err = tx.Ticket.Get(viewer.TenantSystemContext(ctx, t.TenantID), t.ID)
		if err != nil {
			return err
		}
		if f.filled["body"] != nil || f.filled["title"] != nil {
			if err := s.indexKeywords(ctx, tx, out, out.RegisteredAt); err != nil {
				return err
			}
		}
		if len(f.filled) == 0 || out.Status == ticket.StatusDRAFT {
			return nil
		}
		// A registered ticket filled from a file is compared afresh: its
		// text or citizen may be what makes it a repeat.
		return s.detect(ctx, tx, out, now)
	})
	if err != nil {
		return nil, err
	}
	return out.Unwrap(), nil
}

// filling is one attempt to fill t.
type filling struct {
	t      *ent.Ticket
	in     IntakeFill
	filled map[string]any // field → confidence
	note   string
}

func (f *filling) fields(u *ent.TicketUpdate) {
	t, in := f.t, f.in
	if r := in.Body; r != nil && r.Value != "" && t.Body == "" {
		u.SetBody(clipRunes(r.Value, 20000))
		f.filled["body"] = r.Confidence
	}
	if r := in.Title; r != nil && r.Value != "" && slices.Contains(in.Placeholders, t.Title) {
		u.SetTitle(clipRunes(r.Value, 200))
		f.filled["title"] = r.Confidence
	}
	if r := in.Place; r != nil && r.Value != "" && t.Place == "" {
		u.SetPlace(clipRunes(r.Value, 200))
		f.filled["place"] = r.Confidence
	}
	if c := in.Category; c != nil && t.CategoryID == nil {
		u.SetCategoryID(c.ID)
		f.filled["category"] = c.Confidence
	}
	if d := in.SuggestedDepartment; d != nil && d.ID != 0 && t.DepartmentID == nil && t.SuggestedDepartmentID == nil {
		u.SetSuggestedDepartmentID(d.ID)
		f.filled["suggestedDepartment"] = d.Confidence
	}
}

// citizen links the offered citizen to a ticket that may take one.
func (f *filling) citizen(ctx context.Context, dir *directory.Service, tx *ent.Client, u *ent.TicketUpdate) error {
	c := f.in.Citizen
	switch {
	case c == nil:
		return nil
	case f.t.Anonymous:
		f.addNote("the ticket is anonymous; the citizen was not linked")
		return nil
	case f.t.CitizenID != nil:
		f.addNote("the ticket already has a citizen; what was read stays in the job's result")
		return nil
	}
	linked, err := dir.UpsertCitizen(ctx, tx, c.In)
	if err != nil {
		var me *minsheng.Error
		if c.Lenient && errors.As(err, &me) && me.Code == minsheng.EINVALID {
			f.addNote("the numbers found in the text were not accepted for the citizen: " + err.Error())
			return nil
		}
		return err
	}
	u.SetCitizenID(linked.ID)
	// The number read with this file is where the ticket's messages go,
	// as with a ticket registered by hand (a citizen's earlier number is
	// kept, never replaced).
	if len(f.t.ContactPhoneSealed) == 0 {
		sealed, hash, err := dir.SealPhone(c.In)
		if err == nil && sealed != nil {
			u.SetContactPhoneSealed(sealed).SetNillableContactPhoneHash(hash)
		}
	}
	best := 0.0
	for name, conf := range c.Confidence {
		f.filled["citizen."+name] = conf
		best = max(best, conf)
	}
	f.filled["citizen"] = best
	return nil
}

func (f *filling) addNote(s string) {
	if f.note != "" {
		f.note += "; "
	}
	f.note += s
}

func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}
