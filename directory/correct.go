package directory

import (
	"context"
	"fmt"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/citizencontact"
	"github.com/minsheng/minsheng/ent/cosigner"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/pii"
	"github.com/minsheng/minsheng/rule"
	"github.com/minsheng/minsheng/viewer"
)

// CitizenCorrection is what became of a clerk's correction of the citizen
// a draft's intake linked (see CorrectDraftCitizen).
type CitizenCorrection struct {
	// Citizen is the record the ticket links.
	Citizen *ent.Citizen
	// Before and After hold each overwritten field ("citizen.name", ...).
	Before, After map[string]any
	// Kept names the corrected fields that differ from a citizen known from
	// other tickets or co-signatures, whose record was therefore left as it
	// was: a clerk working on one letter must not rename a known person.
	Kept []string
}

// CorrectDraftCitizen applies the clerk's citizen input to the citizen
// linkedID that intake linked to draft ticketID, when the input is about
// that citizen (no ID number, or the same one) — ok false otherwise, and
// the caller upserts as usual. OCR misreads names, so when no other ticket
// or co-signature references the record (intake created it for this
// draft), the clerk's name, ethnicity and address overwrite it, each write
// audited as pii.write; when the citizen is known from elsewhere, blanks
// are filled as UpsertCitizen does and the differing fields are reported
// in Kept, never silently dropped.
func (s *Service) CorrectDraftCitizen(ctx context.Context, tx *ent.Client, ticketID, linkedID int, in CitizenInput) (out *CitizenCorrection, ok bool, err error) {
	c, err := check(in)
	if err != nil {
		return nil, false, err
	}
	sys := viewer.TenantSystemContext(ctx, viewer.FromContext(ctx).TenantID)
	linked, err := tx.Citizen.Get(sys, linkedID)
	if err != nil {
		return nil, false, err
	}
	if c.id != nil && linked.IDNumberHash != nil && *linked.IDNumberHash != s.box.Hash(pii.KindIDNumber, c.id.Digits) {
		return nil, false, nil
	}
	if c.id != nil && linked.IDNumberHash == nil {
		return nil, false, nil
	}
	others, err := tx.Ticket.Query().Where(ticket.CitizenID(linkedID), ticket.IDNEQ(ticketID)).Exist(sys)
	if err != nil {
		return nil, false, err
	}
	if !others {
		if others, err = tx.CoSigner.Query().Where(cosigner.CitizenID(linkedID)).Exist(sys); err != nil {
			return nil, false, err
		}
	}
	out = &CitizenCorrection{Before: map[string]any{}, After: map[string]any{}}
	up := linked.Update()
	var written []string
	for _, f := range []struct {
		name string
		was  string
		now  *string
		set  func(string) *ent.CitizenUpdateOne
	}{
		{"name", linked.Name, trimmed(c.Name), up.SetName},
		{"ethnicity", linked.Ethnicity, trimmed(c.Ethnicity), up.SetEthnicity},
		{"address", linked.Address, trimmed(c.Address), up.SetAddress},
	} {
		switch {
		case f.now == nil || *f.now == f.was:
		case f.was == "" || !others:
			f.set(*f.now)
			out.Before["citizen."+f.name], out.After["citizen."+f.name] = f.was, *f.now
			written = append(written, f.name)
		default:
			out.Kept = append(out.Kept, f.name)
		}
	}
	if linked.Sex == "" {
		up.SetNillableSex(c.Sex)
	}
	if linked.BirthDate == nil {
		up.SetNillableBirthDate(c.BirthDate)
	}
	if c.phone != "" && len(linked.PhoneSealed) == 0 {
		sealed, err := s.box.Seal(c.phone)
		if err != nil {
			return nil, false, err
		}
		up.SetPhoneSealed(sealed).SetPhoneHash(s.box.Hash(pii.KindPhone, c.phone))
	}
	if out.Citizen, err = up.Save(sys); err != nil {
		return nil, false, err
	}
	if err := s.addContact(sys, tx, linked.ID, c.phone); err != nil {
		return nil, false, err
	}
	v := viewer.FromContext(ctx)
	for _, f := range written {
		err := tx.AuditLog.Create().
			SetActorName(v.Name).SetActorID(v.UserID).SetAction("pii.write").
			SetSubjectType("Citizen").SetSubjectID(linked.ID).SetField(f).
			Exec(sys)
		if err != nil {
			return nil, false, fmt.Errorf("directory: audit: %w", err)
		}
	}
	return out, true, nil
}

// Referenced says whether a ticket other than ticketID, or a co-signature,
// names citizen id: a record that nothing else names was made for that
// ticket alone (by intake, for its draft).
func (s *Service) Referenced(ctx context.Context, tx *ent.Client, id, ticketID int) (bool, error) {
	sys := viewer.TenantSystemContext(ctx, viewer.FromContext(ctx).TenantID)
	found, err := tx.Ticket.Query().Where(ticket.CitizenID(id), ticket.IDNEQ(ticketID)).Exist(sys)
	if err != nil || found {
		return found, err
	}
	return tx.CoSigner.Query().Where(cosigner.CitizenID(id)).Exist(sys)
}

// RemoveOrphan deletes citizen id, with the phone numbers kept for him, when
// no ticket and no co-signature names him any more: the record intake made
// for a draft whose clerk then gave another person's ID number. The removal
// is audited (citizen.remove). false: he is named somewhere, and kept.
func (s *Service) RemoveOrphan(ctx context.Context, tx *ent.Client, id int) (bool, error) {
	if named, err := s.Referenced(ctx, tx, id, 0); err != nil || named {
		return false, err
	}
	sys := viewer.TenantSystemContext(ctx, viewer.FromContext(ctx).TenantID)
	if _, err := tx.CitizenContact.Delete().Where(citizencontact.CitizenID(id)).Exec(rule.WithOrphanRemoval(sys)); err != nil {
		return false, fmt.Errorf("directory: contacts: %w", err)
	}
	if err := tx.Citizen.DeleteOneID(id).Exec(sys); err != nil {
		return false, fmt.Errorf("directory: citizen: %w", err)
	}
	v := viewer.FromContext(ctx)
	err := tx.AuditLog.Create().
		SetActorName(v.Name).SetActorID(v.UserID).SetAction("citizen.remove").
		SetSubjectType("Citizen").SetSubjectID(id).SetField("record").
		Exec(sys)
	if err != nil {
		return false, fmt.Errorf("directory: audit: %w", err)
	}
	return true, nil
}
