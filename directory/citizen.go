package directory

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/authz"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/citizen"
	"github.com/minsheng/minsheng/ent/citizencontact"
	"github.com/minsheng/minsheng/ent/cosigner"
	"github.com/minsheng/minsheng/ent/intakejob"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/idnumber"
	"github.com/minsheng/minsheng/pii"
	"github.com/minsheng/minsheng/reading"
	"github.com/minsheng/minsheng/viewer"
)

// CitizenInput describes a citizen as given by a clerk or read by intake.
type CitizenInput struct {
	Name      *string
	IDNumber  *string
	Phone     *string
	Sex       *citizen.Sex
	Ethnicity *string
	BirthDate *time.Time
	Address   *string
}

// checked is a CitizenInput after validation, with the ID number and phone
// normalised.
type checked struct {
	CitizenInput
	id    *idnumber.Number
	phone string
}

// check validates everything the caller typed before any citizen is looked
// up, so an input is refused or taken the same whether or not its ID number
// belongs to a known citizen: the answer must not tell.
func check(in CitizenInput) (checked, error) {
	c := checked{CitizenInput: in}
	for _, f := range []struct {
		name string
		v    *string
		max  int
	}{{"name", in.Name, 64}, {"ethnicity", in.Ethnicity, 16}, {"address", in.Address, 200}} {
		if v := trimmed(f.v); v != nil && utf8.RuneCountInString(*v) > f.max {
			return c, minsheng.Errorf(minsheng.EINVALID, "citizen %s has %d characters; at most %d are taken", f.name, utf8.RuneCountInString(*v), f.max)
		}
	}
	if in.IDNumber != nil && strings.TrimSpace(*in.IDNumber) != "" {
		n, err := idnumber.Parse(*in.IDNumber)
		if err != nil {
			return c, minsheng.Errorf(minsheng.EINVALID, "%v", err)
		}
		c.id = &n
		sex := citizen.SexFEMALE
		if n.Sex == idnumber.Male {
			sex = citizen.SexMALE
		}
		if in.Sex != nil && *in.Sex != sex {
			return c, minsheng.Errorf(minsheng.EINVALID, "sex %s does not match the ID number, which says %s", *in.Sex, sex)
		}
		if in.BirthDate != nil && !sameDay(*in.BirthDate, n.Birth) {
			return c, minsheng.Errorf(minsheng.EINVALID, "birth date %s does not match the ID number, which says %s",
				in.BirthDate.Format(time.DateOnly), n.Birth.Format(time.DateOnly))
		}
		c.Sex, c.BirthDate = &sex, &n.Birth
	}
	if in.Phone != nil && strings.TrimSpace(*in.Phone) != "" {
		p, err := pii.NormalizePhone(*in.Phone)
		if err != nil {
			return c, minsheng.Errorf(minsheng.EINVALID, "%v", err)
		}
		c.phone = p
	}
	return c, nil
}

func sameDay(a, b time.Time) bool { return a.Format(time.DateOnly) == b.Format(time.DateOnly) }

// UpsertCitizen returns the tenant's citizen with the given ID number,
// filling in what it lacked, or creates a new citizen. Without an ID number a
// new citizen is always created: names are not unique. It uses tx so that it
// commits together with the ticket that needs it. A phone number is kept
// as a contact of the citizen (see CitizenContact): a number the citizen
// gave before is never replaced by a new one. The caller learns nothing
// from it about whether the citizen was known: what the caller may read of
// the citizen is the API's business (Ticket.citizen).
func (s *Service) UpsertCitizen(ctx context.Context, tx *ent.Client, in CitizenInput) (*ent.Citizen, error) {
	c, err := check(in)
	if err != nil {
		return nil, err
	}
	// The citizen register is read as the server: a caller who may not
	// read citizens (a grid worker, an API key) still has a ticket linked
	// to the right person, and tenancy still holds.
	sys := viewer.TenantSystemContext(ctx, viewer.FromContext(ctx).TenantID)
	var existing *ent.Citizen
	if c.id != nil {
		existing, err = tx.Citizen.Query().
			Where(citizen.IDNumberHash(s.box.Hash(pii.KindIDNumber, c.id.Digits))).
			Only(sys)
		if err != nil && !ent.IsNotFound(err) {
			return nil, err
		}
	}
	var out *ent.Citizen
	if existing == nil {
		out, err = s.createCitizen(sys, tx, c)
	} else {
		out, err = s.fillCitizen(sys, existing, c)
	}
	if err != nil {
		return nil, err
	}
	if err := s.addContact(sys, tx, out.ID, c.phone); err != nil {
		return nil, err
	}
	return out, nil
}

// addContact records phone among the citizen's contacts, once per number.
func (s *Service) addContact(ctx context.Context, tx *ent.Client, citizenID int, phone string) error {
	if phone == "" {
		return nil
	}
	h := s.box.Hash(pii.KindPhone, phone)
	known, err := tx.CitizenContact.Query().
		Where(citizencontact.CitizenID(citizenID), citizencontact.PhoneHash(h)).Exist(ctx)
	if err != nil || known {
		return err
	}
	sealed, err := s.box.Seal(phone)
	if err != nil {
		return err
	}
	return tx.CitizenContact.Create().SetCitizenID(citizenID).SetPhoneSealed(sealed).SetPhoneHash(h).Exec(ctx)
}

// SealPhone is the sealed form and keyed hash of the phone number a
// citizen input carries, for a ticket's own contact; nil when it has none.
// Call it after UpsertCitizen accepted the input.
func (s *Service) SealPhone(in CitizenInput) (sealed []byte, hash *string, err error) {
	c, err := check(in)
	if err != nil || c.phone == "" {
		return nil, nil, err
	}
	sealed, err = s.box.Seal(c.phone)
	if err != nil {
		return nil, nil, err
	}
	h := s.box.Hash(pii.KindPhone, c.phone)
	return sealed, &h, nil
}

func (s *Service) createCitizen(ctx context.Context, tx *ent.Client, c checked) (*ent.Citizen, error) {
	create := tx.Citizen.Create().
		SetNillableName(trimmed(c.Name)).SetNillableEthnicity(trimmed(c.Ethnicity)).
		SetNillableAddress(trimmed(c.Address)).SetNillableSex(c.Sex).SetNillableBirthDate(c.BirthDate)
	if c.id != nil {
		sealed, err := s.box.Seal(c.id.Digits)
		if err != nil {
			return nil, err
		}
		create.SetIDNumberSealed(sealed).SetIDNumberHash(s.box.Hash(pii.KindIDNumber, c.id.Digits))
	}
	if c.phone != "" {
		sealed, err := s.box.Seal(c.phone)
		if err != nil {
			return nil, err
		}
		create.SetPhoneSealed(sealed).SetPhoneHash(s.box.Hash(pii.KindPhone, c.phone))
	}
	return create.Save(ctx)
}

// fillCitizen completes a known citizen: blank fields take the new values.
// Nothing the citizen's record holds is overwritten — not the phone number
// either: a different number is kept as a contact (addContact) and on the
// ticket it came with, so a stranger who knows an ID number cannot redirect
// the citizen's messages, and the office still has every number.
func (s *Service) fillCitizen(ctx context.Context, existing *ent.Citizen, c checked) (*ent.Citizen, error) {
	up := existing.Update()
	if existing.Name == "" {
		up.SetNillableName(trimmed(c.Name))
	}
	if existing.Ethnicity == "" {
		up.SetNillableEthnicity(trimmed(c.Ethnicity))
	}
	if existing.Address == "" {
		up.SetNillableAddress(trimmed(c.Address))
	}
	if existing.Sex == "" {
		up.SetNillableSex(c.Sex)
	}
	if existing.BirthDate == nil {
		up.SetNillableBirthDate(c.BirthDate)
	}
	if c.phone != "" && len(existing.PhoneSealed) == 0 {
		sealed, err := s.box.Seal(c.phone)
		if err != nil {
			return nil, err
		}
		up.SetPhoneSealed(sealed).SetPhoneHash(s.box.Hash(pii.KindPhone, c.phone))
	}
	return up.Save(ctx)
}

func trimmed(p *string) *string {
	if p == nil {
		return nil
	}
	t := strings.TrimSpace(*p)
	if t == "" {
		return nil
	}
	return &t
}

// PIIField names a protected field of a citizen.
type PIIField string

// The protected fields.
const (
	FieldIDNumber PIIField = "idNumber"
	FieldPhone    PIIField = "phone"
)

// Reveal returns a protected field of a citizen: in clear when the caller
// may read personal data — everywhere with pii:read, or for citizens whose
// tickets the caller's department holds with pii:read_held — and masked
// otherwise. Every read in clear is written to the audit log first; if the
// audit record cannot be written, the value is not revealed.
func (s *Service) Reveal(ctx context.Context, c *ent.Citizen, field PIIField) (*string, error) {
	sealed, mask := c.IDNumberSealed, pii.MaskIDNumber
	if field == FieldPhone {
		sealed, mask = c.PhoneSealed, pii.MaskPhone
	}
	if len(sealed) == 0 {
		return nil, nil
	}
	plain, err := s.box.Open(sealed)
	if err != nil {
		return nil, fmt.Errorf("directory: open %s of citizen %d: %w", field, c.ID, err)
	}
	ok, err := s.mayReveal(ctx, c)
	if err != nil {
		return nil, err
	}
	if !ok {
		masked := mask(plain)
		return &masked, nil
	}
	v := viewer.FromContext(ctx)
	err = s.client.AuditLog.Create().
		SetActorName(v.Name).SetActorID(v.UserID).SetAction("pii.read").
		SetSubjectType("Citizen").SetSubjectID(c.ID).SetField(string(field)).
		Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("directory: audit: %w", err)
	}
	return &plain, nil
}

// BirthDate returns a citizen's birth date to callers who may read personal
// data in clear, and nil to others.
func (s *Service) BirthDate(ctx context.Context, c *ent.Citizen) (*time.Time, error) {
	if c.BirthDate == nil {
		return nil, nil
	}
	ok, err := s.mayReveal(ctx, c)
	if err != nil || !ok {
		return nil, err
	}
	return c.BirthDate, nil
}

func (s *Service) mayReveal(ctx context.Context, c *ent.Citizen) (bool, error) {
	if s.authz.Can(ctx, authz.ObjPII, "read") {
		return true, nil
	}
	if !s.authz.Can(ctx, authz.ObjPII, "read_held") {
		return false, nil
	}
	// The ticket scope rule limits the query to the caller's department;
	// a co-signer's tickets are those he co-signed as well.
	held, err := c.QueryTickets().Exist(ctx)
	if err != nil || held {
		return held, err
	}
	return s.client.Ticket.Query().Where(ticket.HasCoSignersWith(cosigner.CitizenID(c.ID))).Exist(ctx)
}

// RevealReading returns what an intake job read with its personal data
// (ID numbers, phone numbers, birth date) treated like a citizen's: the
// stored result, whose numbers are masked at rest, with the birth date
// withheld, for callers who may not read personal data; the clear result
// from the sealed copy, after an audit record, for those who may (see
// RevealText). The job is only visible to callers who see its ticket, so
// pii:read_held suffices for it.
func (s *Service) RevealReading(ctx context.Context, job *ent.IntakeJob) (*reading.Result, error) {
	if job.Result == nil {
		return nil, nil
	}
	if s.mayRevealText(ctx) {
		var clear reading.Result
		ok, err := s.RevealJSON(ctx, Subject{Type: "IntakeJob", ID: job.ID, Sealed: job.TextSealed}, intakejob.FieldResult, job.Result, &clear)
		if err != nil || ok {
			return &clear, err
		}
		return job.Result, nil
	}
	out := *job.Result
	// Masking again costs nothing on a masked result and covers one stored
	// before results were masked at rest.
	out.Text, _ = pii.MaskText(out.Text)
	out.Fields = slices.Clone(job.Result.Fields)
	for i, f := range out.Fields {
		out.Fields[i].Value, _ = pii.MaskText(f.Value)
		if f.Name == reading.BirthDate {
			out.Fields[i].Value = ""
		}
	}
	return &out, nil
}

// TicketCitizen is the citizen of ticket t as the caller may see it: nil
// for callers who may not read citizens (citizen:read), such as grid
// workers and API keys that register tickets. Registering with a known ID
// number links the ticket to that citizen; if the registrant then read the
// citizen back, the name and address on record — or merely that a record
// existed — would complete an ID number they only half knew.
func (s *Service) TicketCitizen(ctx context.Context, t *ent.Ticket) (*ent.Citizen, error) {
	if t.CitizenID == nil || !s.authz.Can(ctx, authz.ObjCitizen, "read") {
		return nil, nil
	}
	c, err := t.Citizen(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return c, err
}

// TicketCoSigners are the co-signers of ticket t (联名人) in signing order,
// as the caller may see them: none for callers who may not read citizens,
// for the reason given at TicketCitizen. Their ID and phone numbers go
// through Reveal like the citizen's.
func (s *Service) TicketCoSigners(ctx context.Context, t *ent.Ticket) ([]*ent.Citizen, error) {
	if t.SignerCount <= 1 || !s.authz.Can(ctx, authz.ObjCitizen, "read") {
		return []*ent.Citizen{}, nil
	}
	rows, err := s.client.CoSigner.Query().Where(cosigner.TicketID(t.ID)).
		Order(ent.Asc(cosigner.FieldPosition)).WithCitizen().All(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*ent.Citizen, 0, len(rows))
	for _, r := range rows {
		if r.Edges.Citizen != nil {
			out = append(out, r.Edges.Citizen)
		}
	}
	return out, nil
}

// TicketContactPhone is the phone number given with ticket t (where its
// messages go), under the rule of Reveal: in clear, after an audit record,
// for callers with pii:read, or pii:read_held (the caller sees the ticket,
// so its department holds it); masked for the others.
func (s *Service) TicketContactPhone(ctx context.Context, t *ent.Ticket) (*string, error) {
	if len(t.ContactPhoneSealed) == 0 {
		return nil, nil
	}
	plain, err := s.box.Open(t.ContactPhoneSealed)
	if err != nil {
		return nil, fmt.Errorf("directory: open contact phone of ticket %d: %w", t.ID, err)
	}
	if !s.authz.Can(ctx, authz.ObjPII, "read") && !s.authz.Can(ctx, authz.ObjPII, "read_held") {
		masked := pii.MaskPhone(plain)
		return &masked, nil
	}
	v := viewer.FromContext(ctx)
	err = s.client.AuditLog.Create().
		SetActorName(v.Name).SetActorID(v.UserID).SetAction("pii.read").
		SetSubjectType("Ticket").SetSubjectID(t.ID).SetField("contactPhone").
		Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("directory: audit: %w", err)
	}
	return &plain, nil
}

// Signed says which of a person's tickets CitizenTickets lists.
type Signed int

// How a person signed a ticket.
const (
	SignedEither   Signed = iota // as its citizen or as a co-signer
	SignedCitizen                // as its citizen, the first signer
	SignedCoSigner               // as a co-signer (联名人) of a letter
)

// CitizenTickets is the query of the tickets the citizen c signed, as he
// signed them. It is read as the caller: the tickets' row scope applies, so
// a co-signed ticket the caller may not see is not listed either.
func (s *Service) CitizenTickets(c *ent.Citizen, how Signed) *ent.TicketQuery {
	first, co := ticket.CitizenID(c.ID), ticket.HasCoSignersWith(cosigner.CitizenID(c.ID))
	q := s.client.Ticket.Query()
	switch how {
	case SignedCitizen:
		return q.Where(first)
	case SignedCoSigner:
		return q.Where(co)
	}
	return q.Where(ticket.Or(first, co))
}
