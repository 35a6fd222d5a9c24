package workflow

import (
	"context"
	"fmt"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/cosigner"
	"github.com/minsheng/minsheng/store"
)

// MaxCoSigners bounds the co-signers (联名人) of one ticket: the API's cap
// on a list argument (graph's Limits.ListLength) is the same, so a longer
// list is refused before it reaches here; this holds for other callers.
const MaxCoSigners = 100

// coSigner is one co-signer recorded: his citizen record and the phone
// number he gave on the ticket.
type coSigner struct {
	citizenID int
	sealed    []byte
	hash      *string
}

// coSigners checks the co-signers of a new ticket and records each as a
// citizen of the tenant, through the same code as the ticket's citizen:
// one record per ID number (so a co-signer is found again, as citizen or
// co-signer, by repeat detection and watch lists), a new one for a person
// without an ID number. A person signs once: a co-signer with the
// citizen's ID number, or another co-signer's, is refused. It runs in the
// ticket's transaction, so a refusal stores nothing. first is the
// citizen's record (0: none).
func (s *Service) coSigners(ctx context.Context, tx *ent.Client, in NewTicket, anonymous bool, first int) ([]coSigner, error) {
	if len(in.CoSigners) == 0 {
		return nil, nil
	}
	switch {
	case anonymous:
		return nil, minsheng.Errorf(minsheng.EINVALID, "an anonymous ticket carries no co-signers: leave coSigners out")
	case in.Citizen == nil:
		return nil, minsheng.Errorf(minsheng.EINVALID, "co-signers need a citizen, the first signer: give citizen too")
	case len(in.CoSigners) > MaxCoSigners:
		return nil, minsheng.Errorf(minsheng.EINVALID, "%d co-signers given; at most %d are taken", len(in.CoSigners), MaxCoSigners)
	}
	seen := map[int]int{}
	out := make([]coSigner, 0, len(in.CoSigners))
	for i, p := range in.CoSigners {
		if p == nil {
			return nil, minsheng.Errorf(minsheng.EINVALID, "co-signer %d is empty", i+1)
		}
		if p.Name == nil && p.IDNumber == nil && p.Phone == nil {
			return nil, minsheng.Errorf(minsheng.EINVALID, "co-signer %d needs a name, an ID number or a phone number", i+1)
		}
		c, err := s.dir.UpsertCitizen(ctx, tx, *p)
		if err != nil {
			return nil, coSignerError(i, err)
		}
		if c.ID == first && c.IDNumberHash != nil {
			return nil, minsheng.Errorf(minsheng.EINVALID, "co-signer %d has the citizen's ID number: the citizen signs once", i+1)
		}
		if j, ok := seen[c.ID]; ok {
			return nil, minsheng.Errorf(minsheng.EINVALID, "co-signers %d and %d have the same ID number: a person signs once", j+1, i+1)
		}
		seen[c.ID] = i
		sealed, hash, err := s.dir.SealPhone(*p)
		if err != nil {
			return nil, coSignerError(i, err)
		}
		out = append(out, coSigner{citizenID: c.ID, sealed: sealed, hash: hash})
	}
	return out, nil
}

// coSignerError names the co-signer an input error is about.
func coSignerError(i int, err error) error {
	if minsheng.ErrorCode(err) == minsheng.EINVALID {
		return minsheng.Errorf(minsheng.EINVALID, "co-signer %d: %s", i+1, minsheng.ErrorMessage(err))
	}
	return err
}

// coSign links the co-signers to the new ticket t, in signing order.
func (s *Service) coSign(ctx context.Context, tx *ent.Client, t *ent.Ticket, co []coSigner) error {
	if len(co) == 0 {
		return nil
	}
	rows := make([]*ent.CoSignerCreate, len(co))
	for i, c := range co {
		rows[i] = tx.CoSigner.Create().SetTicketID(t.ID).SetCitizenID(c.citizenID).SetPosition(i + 1).
			SetPhoneSealed(c.sealed).SetNillablePhoneHash(c.hash)
	}
	if err := tx.CoSigner.CreateBulk(rows...).Exec(ctx); err != nil {
		return fmt.Errorf("workflow: co-signers: %w", store.Explain(err))
	}
	return nil
}

// mergedSigners is what a merge did to the kept ticket's signers.
type mergedSigners struct {
	added []int // citizen records that became co-signers, in order
	left  int   // persons not added: the kept ticket is anonymous, or full
	count int   // the kept ticket's signerCount after
}

// mergeSigners makes every person who signed a duplicate (its citizen, with
// the number given on it, and its co-signers, with theirs) a co-signer of
// the kept ticket into, after its own, unless he already signed it: the
// kept case still knows everyone who complained, for repeats, watch lists,
// group cases and 人次. A person is added once however many duplicates he
// signed. An anonymous kept ticket takes nobody (an anonymous case carries
// no names, as createTicket refuses co-signers on one), and at most
// MaxCoSigners are kept; those left out stay on their duplicates, which
// point at the kept ticket. It runs in the merge's transaction.
func mergeSigners(ctx context.Context, tx *ent.Client, into *ent.Ticket, from []*ent.Ticket) (mergedSigners, error) {
	out := mergedSigners{count: into.SignerCount}
	signed := map[int]bool{}
	if into.CitizenID != nil {
		signed[*into.CitizenID] = true
	}
	own, err := tx.CoSigner.Query().Where(cosigner.TicketID(into.ID)).All(ctx)
	if err != nil {
		return out, fmt.Errorf("workflow: co-signers: %w", store.Explain(err))
	}
	last := 0
	for _, r := range own {
		signed[r.CitizenID] = true
		last = max(last, r.Position)
	}
	var rows []*ent.CoSignerCreate
	add := func(citizen int, sealed []byte, hash *string) {
		if signed[citizen] {
			return
		}
		signed[citizen] = true
		if into.Anonymous || len(own)+len(rows) >= MaxCoSigners {
			out.left++
			return
		}
		last++
		rows = append(rows, tx.CoSigner.Create().SetTicketID(into.ID).SetCitizenID(citizen).SetPosition(last).
			SetPhoneSealed(sealed).SetNillablePhoneHash(hash))
		out.added = append(out.added, citizen)
	}
	for _, f := range from {
		if f.CitizenID != nil {
			add(*f.CitizenID, f.ContactPhoneSealed, f.ContactPhoneHash)
		}
		co, err := tx.CoSigner.Query().Where(cosigner.TicketID(f.ID)).Order(ent.Asc(cosigner.FieldPosition)).All(ctx)
		if err != nil {
			return out, fmt.Errorf("workflow: co-signers: %w", store.Explain(err))
		}
		for _, r := range co {
			add(r.CitizenID, r.PhoneSealed, r.PhoneHash)
		}
	}
	if len(rows) == 0 {
		return out, nil
	}
	if err := tx.CoSigner.CreateBulk(rows...).Exec(ctx); err != nil {
		return out, fmt.Errorf("workflow: co-signers: %w", store.Explain(err))
	}
	out.count += len(rows)
	return out, nil
}
