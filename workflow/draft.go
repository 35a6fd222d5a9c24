package workflow

import (
	"context"
	"strings"
	"time"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/store"
)

// DraftCorrection is what the clerk confirmed or corrected on a draft
// before registering it (the draft intake opened for an upload). Each
// field given replaces the draft's; nil keeps what the draft holds.
type DraftCorrection struct {
	Title, Body  *string
	Channel      *ticket.Channel
	CategoryID   *int
	RegionID     *int
	DepartmentID *int
	Place        *string
	// Anonymous true removes the citizen; false lets Citizen link one.
	Anonymous *bool
	// Citizen links the ticket to this citizen (found or created by ID
	// number), and its phone becomes where the ticket's messages go.
	Citizen *directory.CitizenInput
}

// correct applies fix to draft t within the registration: each field that
// changes goes into u and its value before and after onto the REGISTER
// event (the timeline masks numbers in them at rest, like all its text;
// the citizen appears by record ID only). reg gets the new values, for the
// keyword index and the repeat detection that follow.
func (s *Service) correct(ctx context.Context, tx *ent.Client, t, reg *ent.Ticket, u *ent.TicketUpdate, fix *DraftCorrection) (before, after map[string]any, err error) {
	before, after = map[string]any{}, map[string]any{}
	change := func(name string, was, now any) {
		before[name], after[name] = was, now
	}
	text := func(name string, in *string, was string, max int, required bool, set func(string) *ent.TicketUpdate, keep *string) error {
		if in == nil {
			return nil
		}
		v := strings.TrimSpace(*in)
		if required && v == "" {
			return minsheng.Errorf(minsheng.EINVALID, "%s must not be empty", name)
		}
		if n := len([]rune(v)); n > max {
			return minsheng.Errorf(minsheng.EINVALID, "%s is %d characters; at most %d", name, n, max)
		}
		if v != was {
			set(v)
			*keep = v
			change(name, was, v)
		}
		return nil
	}
	if err := text("title", fix.Title, t.Title, 200, true, u.SetTitle, &reg.Title); err != nil {
		return nil, nil, err
	}
	if err := text("body", fix.Body, t.Body, 20000, true, u.SetBody, &reg.Body); err != nil {
		return nil, nil, err
	}
	if err := text("place", fix.Place, t.Place, 200, false, u.SetPlace, &reg.Place); err != nil {
		return nil, nil, err
	}
	if c := fix.Channel; c != nil && *c != t.Channel {
		if ticket.ChannelValidator(*c) != nil {
			return nil, nil, minsheng.Errorf(minsheng.EINVALID, "unknown channel %q", *c)
		}
		u.SetChannel(*c)
		reg.Channel = *c
		change("channel", string(t.Channel), string(*c))
	}
	// Read as the caller: another tenant's category, region or department
	// is not found, like one that never existed.
	ref := func(name string, in, was *int, exists func(int) error, set func(int) *ent.TicketUpdate, keep **int) error {
		if in == nil || (was != nil && *was == *in) {
			return nil
		}
		if err := exists(*in); err != nil {
			return store.Explain(err)
		}
		set(*in)
		*keep = in
		change(name, was, *in)
		return nil
	}
	if err := ref("category", fix.CategoryID, t.CategoryID, func(id int) error { _, err := tx.Category.Get(ctx, id); return err },
		u.SetCategoryID, &reg.CategoryID); err != nil {
		return nil, nil, err
	}
	if err := ref("region", fix.RegionID, t.RegionID, func(id int) error { _, err := tx.Region.Get(ctx, id); return err },
		u.SetRegionID, &reg.RegionID); err != nil {
		return nil, nil, err
	}
	if err := ref("department", fix.DepartmentID, t.DepartmentID, func(id int) error { _, err := tx.Department.Get(ctx, id); return err },
		u.SetDepartmentID, &reg.DepartmentID); err != nil {
		return nil, nil, err
	}
	anonymous := fix.Anonymous != nil && *fix.Anonymous
	switch {
	case anonymous && fix.Citizen != nil:
		return nil, nil, minsheng.Errorf(minsheng.EINVALID, "an anonymous ticket carries no citizen: leave citizen out")
	case anonymous:
		if !t.Anonymous {
			change("anonymous", false, true)
		}
		if t.CitizenID != nil {
			change("citizen", *t.CitizenID, nil)
		}
		u.SetAnonymous(true).ClearCitizenID().ClearContactPhoneSealed().ClearContactPhoneHash()
		reg.Anonymous, reg.CitizenID = true, nil
	case fix.Anonymous != nil && t.Anonymous:
		u.SetAnonymous(false)
		reg.Anonymous = false
		change("anonymous", true, false)
	}
	if fix.Citizen != nil {
		c, err := s.draftCitizen(ctx, tx, t, fix.Citizen, change)
		if err != nil {
			return nil, nil, err
		}
		sealed, hash, err := s.dir.SealPhone(*fix.Citizen)
		if err != nil {
			return nil, nil, err
		}
		u.SetCitizenID(c.ID).SetContactPhoneSealed(sealed).SetNillableContactPhoneHash(hash)
		if t.CitizenID == nil || *t.CitizenID != c.ID {
			change("citizen", t.CitizenID, c.ID)
		}
		reg.CitizenID = &c.ID
		if t.Anonymous && fix.Anonymous == nil {
			u.SetAnonymous(false)
			reg.Anonymous = false
			change("anonymous", true, false)
		}
	}
	return before, after, nil
}

// RegisterDraft registers a draft (DRAFT → REGISTERED) with the clerk's
// corrections, in one step through the life cycle: the REGISTER event
// keeps each corrected field before and after. A ticket that is no longer
// a draft is CONFLICT; another tenant's, or one out of the caller's scope,
// NOT_FOUND.
//
// A citizen record intake made for this draft alone, which the clerk's
// correction replaces by another person (another ID number, or anonymous),
// is removed once the ticket no longer names it (directory.RemoveOrphan,
// audited); the REGISTER event says so under "citizenRemoved".
func (s *Service) RegisterDraft(ctx context.Context, id int, fix *DraftCorrection) (*ent.Ticket, error) {
	orphan := 0
	return s.moveThen(ctx, id, ActionRegister, "", func(ctx context.Context, tx *ent.Client, t *ent.Ticket, u *ent.TicketUpdate, now time.Time) (map[string]any, map[string]any, error) {
		reg := *t
		orphan = 0 // from scratch if the transaction is retried
		var before, after map[string]any
		if fix != nil {
			var err error
			if before, after, err = s.correct(ctx, tx, t, &reg, u, fix); err != nil {
				return nil, nil, err
			}
			if was := t.CitizenID; was != nil && (reg.CitizenID == nil || *reg.CitizenID != *was) {
				named, err := s.dir.Referenced(ctx, tx, *was, t.ID)
				if err != nil {
					return nil, nil, err
				}
				if !named {
					orphan = *was
					before["citizenRemoved"], after["citizenRemoved"] = nil, *was
				}
			}
		}
		return before, after, s.registerStep(ctx, tx, &reg, u, now)
	}, func(ctx context.Context, tx *ent.Client) error {
		if orphan == 0 {
			return nil
		}
		_, err := s.dir.RemoveOrphan(ctx, tx, orphan)
		return err
	})
}

// draftCitizen is the citizen the registered draft links: the clerk's
// correction of the one intake linked (overwriting a record this draft's
// intake created, keeping a person known from other tickets and saying so
// on the REGISTER event under "citizenCorrectionNotApplied"), or else the
// citizen found or created by the input's ID number.
func (s *Service) draftCitizen(ctx context.Context, tx *ent.Client, t *ent.Ticket, in *directory.CitizenInput, change func(string, any, any)) (*ent.Citizen, error) {
	if t.CitizenID != nil {
		fixed, ok, err := s.dir.CorrectDraftCitizen(ctx, tx, t.ID, *t.CitizenID, *in)
		if err != nil {
			return nil, err
		}
		if ok {
			for k, v := range fixed.After {
				change(k, fixed.Before[k], v)
			}
			if len(fixed.Kept) > 0 {
				change("citizenCorrectionNotApplied", nil, fixed.Kept)
			}
			return fixed.Citizen, nil
		}
	}
	return s.dir.UpsertCitizen(ctx, tx, *in)
}
