package workflow

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/citizen"
	"github.com/minsheng/minsheng/ent/citizencontact"
	"github.com/minsheng/minsheng/ent/cosigner"
	"github.com/minsheng/minsheng/ent/groupcase"
	"github.com/minsheng/minsheng/ent/predicate"
	"github.com/minsheng/minsheng/ent/region"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/insight"
	"github.com/minsheng/minsheng/insight/patterns"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// Timeline actions of repeat marks: staff confirm or reject what detection
// marked. Detection itself writes no event; the mark is on the ticket.
const (
	ActionRepeatConfirm = "REPEAT_CONFIRM"
	ActionRepeatReject  = "REPEAT_REJECT"
)

// Bounds on what one registration reads for detection.
const (
	maxRepeatCandidates = 200
	maxGroupCandidates  = 3000
	maxGroupTickets     = 1000
	// maxUncategorisedCandidates bounds the window read for a ticket
	// without a category, which cannot be blocked by category.
	maxUncategorisedCandidates = 1000
)

// matcher is the process's scorer, loaded with the segmenter's dictionary
// on first use (insight.NewClassifier shares one).
var matcher = sync.OnceValues(func() (*patterns.Matcher, error) {
	c, err := insight.NewClassifier()
	if err != nil {
		return nil, err
	}
	return patterns.New(c), nil
})

// markable are the states a repeat mark may be decided in.
var markable = []ticket.Status{
	ticket.StatusREGISTERED, ticket.StatusDISPATCHED, ticket.StatusACCEPTED, ticket.StatusIN_PROGRESS,
	ticket.StatusREPLIED, ticket.StatusCLOSED, ticket.StatusRETURNED, ticket.StatusREOPENED, ticket.StatusSUSPENDED,
}

func init() {
	transitions[ActionRepeatConfirm] = transition{"confirmRepeat", markable, ""}
	transitions[ActionRepeatReject] = transition{"rejectRepeat", markable, ""}
}

// ConfirmRepeat records that staff agree the ticket repeats its first
// ticket (重复件), with a REPEAT_CONFIRM event. Nothing is merged.
func (s *Service) ConfirmRepeat(ctx context.Context, id int) (*ent.Ticket, error) {
	return s.move(ctx, id, ActionRepeatConfirm, "", decideRepeat(ticket.RepeatStateCONFIRMED))
}

// RejectRepeat records that the ticket is not a repeat after all, with the
// reason, on a REPEAT_REJECT event. The mark stays, REJECTED, so the
// decision can be read back.
func (s *Service) RejectRepeat(ctx context.Context, id int, reason string) (*ent.Ticket, error) {
	reason, err := required(reason)
	if err != nil {
		return nil, err
	}
	return s.move(ctx, id, ActionRepeatReject, reason, decideRepeat(ticket.RepeatStateREJECTED))
}

func decideRepeat(to ticket.RepeatState) step {
	return func(_ context.Context, _ *ent.Client, t *ent.Ticket, u *ent.TicketUpdate, _ time.Time) (map[string]any, map[string]any, error) {
		if t.RepeatOfID == nil || t.RepeatState == nil {
			return nil, nil, minsheng.Errorf(minsheng.ECONFLICT, "ticket %s carries no repeat mark to decide", t.Code)
		}
		if *t.RepeatState == to {
			return nil, nil, minsheng.Errorf(minsheng.ECONFLICT, "the repeat mark of ticket %s is already %s", t.Code, to)
		}
		u.SetRepeatState(to)
		return map[string]any{"repeatState": string(*t.RepeatState), "repeatOfID": *t.RepeatOfID},
			map[string]any{"repeatState": string(to), "repeatOfID": *t.RepeatOfID}, nil
	}
}

// detect runs repeat and group detection for t, registered (or filled
// while registered) at now, in tx: it stores t's words, marks t as a
// repeat of the first ticket of the same person on the same matter, and
// forms or grows a group case, raising its alert. It reads every ticket
// of the tenant (the caller's row scope does not decide what is a
// repeat); it never merges anything.
func (s *Service) detect(ctx context.Context, tx *ent.Client, t *ent.Ticket, now time.Time) error {
	if t.Status == ticket.StatusDRAFT || t.Status == ticket.StatusMERGED {
		return nil
	}
	m, err := matcher()
	if err != nil {
		return err
	}
	sys := viewer.TenantSystemContext(ctx, t.TenantID)
	snap := snapshotFrom(ctx, t.TenantID)
	set, err := s.detectSettings(sys, t.TenantID, snap)
	if err != nil {
		return err
	}
	if set.Off {
		return nil
	}
	d := detection{s: s, tx: tx, ctx: sys, m: m, now: now, closed: map[int]bool{}}
	if snap != nil {
		d.parents, d.children, d.regions, d.idHash = snap.parents, snap.children, snap.regions, snap.idHash
		defer func() {
			snap.parents, snap.children, snap.regions, snap.idHash = d.parents, d.children, d.regions, d.idHash
		}()
	}

	terms := m.Terms(t.Title, t.Body, t.Place)
	u := tx.Ticket.UpdateOneID(t.ID).SetMatchTerms(terms)
	t.MatchTerms = terms
	if err := d.loadPersons([]*ent.Ticket{t}); err != nil {
		return err
	}
	if err := d.loadCoSigners([]*ent.Ticket{t}); err != nil {
		return err
	}
	me, err := d.ticket(t)
	if err != nil {
		return err
	}
	if t.RepeatOfID == nil {
		rep, ok, err := d.repeat(me, t, set)
		if err != nil {
			return err
		}
		if ok {
			score, state := round2(rep.Score), ticket.RepeatStatePENDING
			u.SetRepeatOfID(rep.FirstID).SetRepeatScore(score).
				SetRepeatReason(rep.Reason).SetRepeatState(state)
			t.RepeatOfID, t.RepeatScore, t.RepeatReason, t.RepeatState = &rep.FirstID, &score, &rep.Reason, &state
		}
	}
	if err := u.Exec(sys); err != nil {
		return fmt.Errorf("workflow: repeat mark: %w", store.Explain(err))
	}
	if t.GroupCaseID == nil {
		return d.group(me, t, set)
	}
	return nil
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }

// detection is one run of detect.
type detection struct {
	s   *Service
	tx  *ent.Client
	ctx context.Context // the system inside the ticket's tenant
	m   *patterns.Matcher
	now time.Time

	parents  map[int]int    // category → parent (0: root), loaded once
	children map[int][]int  // the inverse of parents
	idHash   map[int]string // citizen → ID-number hash ("" without one)
	// coSigners are the co-signer rows of the tickets read, by ticket
	// (loaded only for tickets signed by more than one person).
	coSigners map[int][]*ent.CoSigner
	closed    map[int]bool // candidates that are CLOSED
	regions   map[int]*ent.Region
}

// loadPersons reads the ID-number hashes of the tickets' citizens that
// detection has not read yet.
func (d *detection) loadPersons(ts []*ent.Ticket) error {
	var ids []int
	for _, t := range ts {
		if t.CitizenID != nil {
			ids = append(ids, *t.CitizenID)
		}
	}
	return d.loadCitizens(ids)
}

// loadCoSigners reads the co-signers of the tickets signed by more than one
// person (signer_count, stored, spares the others a query), and their
// citizens' ID-number hashes.
func (d *detection) loadCoSigners(ts []*ent.Ticket) error {
	if d.coSigners == nil {
		d.coSigners = map[int][]*ent.CoSigner{}
	}
	var want []int
	for _, t := range ts {
		if _, ok := d.coSigners[t.ID]; !ok && t.SignerCount > 1 {
			want = append(want, t.ID)
			d.coSigners[t.ID] = nil
		}
	}
	if len(want) == 0 {
		return nil
	}
	rows, err := d.tx.CoSigner.Query().Where(cosigner.TicketIDIn(want...)).
		Order(ent.Asc(cosigner.FieldTicketID), ent.Asc(cosigner.FieldPosition)).
		Select(cosigner.FieldTicketID, cosigner.FieldCitizenID, cosigner.FieldPhoneHash).All(d.ctx)
	if err != nil {
		return fmt.Errorf("workflow: co-signers: %w", err)
	}
	ids := make([]int, 0, len(rows))
	for _, r := range rows {
		d.coSigners[r.TicketID] = append(d.coSigners[r.TicketID], r)
		ids = append(ids, r.CitizenID)
	}
	return d.loadCitizens(ids)
}

// loadCitizens reads the ID-number hashes of the citizens detection has
// not read yet.
func (d *detection) loadCitizens(ids []int) error {
	if d.idHash == nil {
		d.idHash = map[int]string{}
	}
	var want []int
	for _, id := range ids {
		if _, ok := d.idHash[id]; !ok {
			want = append(want, id)
			d.idHash[id] = ""
		}
	}
	if len(want) == 0 {
		return nil
	}
	cs, err := d.tx.Citizen.Query().Where(citizen.IDIn(want...)).
		Select(citizen.FieldID, citizen.FieldIDNumberHash).All(d.ctx)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if c.IDNumberHash != nil {
			d.idHash[c.ID] = *c.IDNumberHash
		}
	}
	return nil
}

// loadRegions reads the regions of the tickets that detection has not
// read yet (a tenant may hold thousands of grids; a call reads the few
// its tickets name).
func (d *detection) loadRegions(ts []*ent.Ticket) error {
	if d.regions == nil {
		d.regions = map[int]*ent.Region{}
	}
	var want []int
	for _, t := range ts {
		if t.RegionID != nil {
			if _, ok := d.regions[*t.RegionID]; !ok {
				want = append(want, *t.RegionID)
				d.regions[*t.RegionID] = nil
			}
		}
	}
	if len(want) == 0 {
		return nil
	}
	rs, err := d.tx.Region.Query().Where(region.IDIn(want...)).
		Select(region.FieldID, region.FieldName, region.FieldLevel).All(d.ctx)
	if err != nil {
		return err
	}
	for _, r := range rs {
		d.regions[r.ID] = r
	}
	return nil
}

// person is the ticket's person key (see patterns.Ticket.Person): the
// citizen's ID-number hash, else the contact phone's hash, else the
// citizen record, else "" (nobody known). loadPersons must have run.
func (d *detection) person(t *ent.Ticket) string {
	switch {
	case t.CitizenID != nil && d.idHash[*t.CitizenID] != "":
		return "i" + d.idHash[*t.CitizenID]
	case t.ContactPhoneHash != nil:
		return "p" + *t.ContactPhoneHash
	case t.CitizenID != nil:
		return "c" + strconv.Itoa(*t.CitizenID)
	}
	return ""
}

// coSigner is a co-signer's person key, as person's: his ID-number hash,
// else the phone he gave on the ticket, else his citizen record.
func (d *detection) coSigner(c *ent.CoSigner) patterns.Signer {
	var s patterns.Signer
	if c.PhoneHash != nil {
		s.Phones = []string{*c.PhoneHash}
	}
	switch {
	case d.idHash[c.CitizenID] != "":
		s.Person = "i" + d.idHash[c.CitizenID]
	case c.PhoneHash != nil:
		s.Person = "p" + *c.PhoneHash
	default:
		s.Person = "c" + strconv.Itoa(c.CitizenID)
	}
	return s
}

// ticket is what detection needs of a stored ticket.
func (d *detection) ticket(t *ent.Ticket) (patterns.Ticket, error) {
	p := patterns.Ticket{ID: t.ID, Code: t.Code, Doc: d.m.Doc(t.MatchTerms)}
	if t.RegisteredAt != nil {
		p.RegisteredAt = *t.RegisteredAt
	} else {
		p.RegisteredAt = t.CreatedAt
	}
	p.Person = d.person(t)
	if t.ContactPhoneHash != nil {
		p.Phones = []string{*t.ContactPhoneHash}
	}
	for _, c := range d.coSigners[t.ID] {
		p.CoSigners = append(p.CoSigners, d.coSigner(c))
	}
	if t.RepeatOfID != nil && (t.RepeatState == nil || *t.RepeatState != ticket.RepeatStateREJECTED) {
		p.RepeatOf = *t.RepeatOfID
	}
	if t.GroupCaseID != nil {
		p.GroupCase = *t.GroupCaseID
	}
	var err error
	if p.Category, err = d.categoryPath(t.CategoryID); err != nil {
		return p, err
	}
	p.Place, p.PlaceName, err = d.place(t)
	return p, err
}

func (d *detection) categoryPath(id *int) ([]int, error) {
	if id == nil {
		return nil, nil
	}
	if d.parents == nil {
		cats, err := d.tx.Category.Query().Select(category.FieldID, category.FieldParentID).All(d.ctx)
		if err != nil {
			return nil, err
		}
		d.parents = make(map[int]int, len(cats))
		for _, c := range cats {
			if c.ParentID != nil {
				d.parents[c.ID] = *c.ParentID
			} else {
				d.parents[c.ID] = 0
			}
		}
	}
	var path []int
	for c := *id; c != 0 && len(path) < 10; c = d.parents[c] {
		path = append(path, c)
	}
	slices.Reverse(path)
	return path, nil
}

// agreeing are the categories whose tickets may be about the same matter
// as a ticket in path (patterns' category rule): the subtree of its
// second level (of its own category at the first) and the first level.
// categoryPath must have run.
func (d *detection) agreeing(path []int) []int {
	if d.children == nil {
		d.children = make(map[int][]int, len(d.parents))
		for c, p := range d.parents {
			d.children[p] = append(d.children[p], c)
		}
	}
	root := path[min(1, len(path)-1)]
	out := []int{path[0]}
	if root != path[0] {
		out = append(out, root)
	}
	for next := []int{root}; len(next) > 0 && len(out) < 10_000; {
		var deeper []int
		for _, c := range next {
			deeper = append(deeper, d.children[c]...)
		}
		out = append(out, deeper...)
		next = deeper
	}
	return out
}

// place is the ticket's place key: a community or grid it is located in,
// else its place text normalised (spaces and punctuation dropped).
func (d *detection) place(t *ent.Ticket) (key, name string, err error) {
	if t.RegionID != nil {
		if err := d.loadRegions([]*ent.Ticket{t}); err != nil {
			return "", "", err
		}
		if r := d.regions[*t.RegionID]; r != nil && (r.Level == region.LevelCOMMUNITY || r.Level == region.LevelGRID) {
			return "r" + strconv.Itoa(r.ID), r.Name, nil
		}
	}
	var b strings.Builder
	for _, r := range t.Place {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	if n := b.String(); len([]rune(n)) >= 3 {
		return "t" + n, t.Place, nil
	}
	return "", "", nil
}

// candidateFields are the columns detection reads of earlier tickets.
var candidateFields = []string{
	ticket.FieldID, ticket.FieldCode, ticket.FieldCitizenID, ticket.FieldContactPhoneHash, ticket.FieldCategoryID,
	ticket.FieldRegionID, ticket.FieldPlace, ticket.FieldRegisteredAt, ticket.FieldCreatedAt, ticket.FieldMatchTerms,
	ticket.FieldRepeatOfID, ticket.FieldRepeatState, ticket.FieldGroupCaseID, ticket.FieldStatus, ticket.FieldSignerCount,
}

// candidates reads earlier tickets matching where, at most limit, as
// detection sees them; newest first when newest (the window's index gives
// that order). A person's tickets are read unordered: ordered by time with
// a limit, the database would walk the time index through the whole table
// looking for the person's rows.
func (d *detection) candidates(self int, limit int, newest bool, where ...predicate.Ticket) ([]patterns.Ticket, error) {
	where = append(where, ticket.IDNEQ(self), ticket.StatusNotIn(ticket.StatusDRAFT, ticket.StatusMERGED))
	q := d.tx.Ticket.Query().Where(where...).Limit(limit)
	if newest {
		q.Order(ent.Desc(ticket.FieldRegisteredAt), ent.Desc(ticket.FieldID))
	}
	ts, err := q.Select(candidateFields...).All(d.ctx)
	if err != nil {
		return nil, fmt.Errorf("workflow: detection candidates: %w", err)
	}
	// Tickets from before words were stored get them now (not stored).
	var missing []int
	for _, t := range ts {
		if t.MatchTerms == "" {
			missing = append(missing, t.ID)
		}
	}
	if len(missing) > 0 {
		texts, err := d.tx.Ticket.Query().Where(ticket.IDIn(missing...)).
			Select(ticket.FieldID, ticket.FieldTitle, ticket.FieldBody, ticket.FieldPlace).All(d.ctx)
		if err != nil {
			return nil, err
		}
		byID := map[int]*ent.Ticket{}
		for _, x := range texts {
			byID[x.ID] = x
		}
		for _, t := range ts {
			if x := byID[t.ID]; x != nil && t.MatchTerms == "" {
				t.MatchTerms = d.m.Terms(x.Title, x.Body, x.Place)
			}
		}
	}
	if err := d.loadPersons(ts); err != nil {
		return nil, err
	}
	if err := d.loadRegions(ts); err != nil {
		return nil, err
	}
	if err := d.loadCoSigners(ts); err != nil {
		return nil, err
	}
	out := make([]patterns.Ticket, 0, len(ts))
	for _, t := range ts {
		if t.Status == ticket.StatusCLOSED {
			d.closed[t.ID] = true
		}
		p, err := d.ticket(t)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// repeat finds the first ticket t repeats: the same person (the citizen,
// whose record is one per ID number, or a phone number of the person) within
// the tenant's window, or still open whatever its age. A person counts
// whether he signed as the citizen or as a co-signer (联名), on either
// ticket.
func (d *detection) repeat(me patterns.Ticket, t *ent.Ticket, set patterns.Settings) (patterns.Repeat, bool, error) {
	// Every signer's citizen record; the citizen's first.
	var citizens []int
	signer := map[int]int{} // citizen → 0 for the citizen, i+1 for co-signer i
	if t.CitizenID != nil {
		citizens = append(citizens, *t.CitizenID)
		signer[*t.CitizenID] = 0
	}
	for i, c := range d.coSigners[t.ID] {
		citizens = append(citizens, c.CitizenID)
		signer[c.CitizenID] = i + 1
	}
	if len(citizens) > 0 {
		// The numbers each signer gave before count as his.
		contacts, err := d.tx.CitizenContact.Query().Where(citizencontact.CitizenIDIn(citizens...)).
			Select(citizencontact.FieldCitizenID, citizencontact.FieldPhoneHash).All(d.ctx)
		if err != nil {
			return patterns.Repeat{}, false, err
		}
		for _, c := range contacts {
			phones := &me.Phones
			if i := signer[c.CitizenID]; i > 0 {
				phones = &me.CoSigners[i-1].Phones
			}
			if !slices.Contains(*phones, c.PhoneHash) {
				*phones = append(*phones, c.PhoneHash)
			}
		}
	}
	var phones []string
	for _, s := range append([]patterns.Signer{{Phones: me.Phones}}, me.CoSigners...) {
		for _, p := range s.Phones {
			if !slices.Contains(phones, p) {
				phones = append(phones, p)
			}
		}
	}
	var persons []predicate.Ticket
	if len(citizens) > 0 {
		persons = append(persons, ticket.CitizenIDIn(citizens...))
	}
	if len(phones) > 0 {
		persons = append(persons, ticket.ContactPhoneHashIn(phones...))
	}
	// The tickets any signer co-signed, by record or phone: co-signer rows
	// first (each key on its own index), then their tickets.
	var coKeys []predicate.CoSigner
	if len(citizens) > 0 {
		coKeys = append(coKeys, cosigner.CitizenIDIn(citizens...))
	}
	if len(phones) > 0 {
		coKeys = append(coKeys, cosigner.PhoneHashIn(phones...))
	}
	for _, key := range coKeys {
		ids, err := d.tx.CoSigner.Query().Where(key, cosigner.TicketIDNEQ(t.ID)).
			Limit(maxRepeatCandidates).Select(cosigner.FieldTicketID).Ints(d.ctx)
		if err != nil {
			return patterns.Repeat{}, false, err
		}
		if len(ids) > 0 {
			persons = append(persons, ticket.IDIn(slices.Compact(slices.Sorted(slices.Values(ids)))...))
		}
	}
	if len(persons) == 0 {
		return patterns.Repeat{}, false, nil
	}
	// One query per key, each on its own index (an OR of the two would
	// read the whole table on SQLite); the window is applied here.
	since := d.now.Add(-set.RepeatWindow)
	var earlier []patterns.Ticket
	seen := map[int]bool{}
	for _, key := range persons {
		found, err := d.candidates(t.ID, maxRepeatCandidates, false, key)
		if err != nil {
			return patterns.Repeat{}, false, err
		}
		for _, e := range found {
			open := !d.closed[e.ID]
			if seen[e.ID] || e.RegisteredAt.After(d.now) || e.RegisteredAt.Before(since) && !open {
				continue
			}
			seen[e.ID] = true
			earlier = append(earlier, e)
		}
	}
	// The first tickets of earlier marks, to find the first of a chain.
	firsts := map[int]patterns.Ticket{}
	var want []int
	for _, e := range earlier {
		if e.RepeatOf != 0 {
			want = append(want, e.RepeatOf)
		}
	}
	if len(want) > 0 {
		fs, err := d.tx.Ticket.Query().Where(ticket.IDIn(want...)).
			Select(ticket.FieldID, ticket.FieldCode, ticket.FieldRegisteredAt, ticket.FieldCreatedAt).All(d.ctx)
		if err != nil {
			return patterns.Repeat{}, false, err
		}
		for _, f := range fs {
			p := patterns.Ticket{ID: f.ID, Code: f.Code, RegisteredAt: f.CreatedAt}
			if f.RegisteredAt != nil {
				p.RegisteredAt = *f.RegisteredAt
			}
			firsts[f.ID] = p
		}
	}
	rep, ok := patterns.FindRepeat(me, earlier, firsts)
	return rep, ok, nil
}

// group links t to the tenant's tickets of the group window about the
// same matter or at the same place, and forms or grows a group case when
// they hold enough distinct citizens.
func (d *detection) group(me patterns.Ticket, t *ent.Ticket, set patterns.Settings) error {
	// Blocked by the category rule (patterns: a link needs the categories
	// to agree) on the (tenant_id, category_id, registered_at) index: the
	// tickets of the window in the categories that agree with t's, then
	// those with none. One query each: an OR of the two, or of category,
	// region and place, would make the database read the whole window.
	since := d.now.Add(-set.GroupWindow)
	window := []predicate.Ticket{ticket.RegisteredAtGTE(since), ticket.RegisteredAtLTE(d.now)}
	var earlier []patterns.Ticket
	if len(me.Category) > 0 {
		for _, key := range []predicate.Ticket{ticket.CategoryIDIn(d.agreeing(me.Category)...), ticket.CategoryIDIsNil()} {
			found, err := d.candidates(t.ID, maxGroupCandidates, true, append(slices.Clone(window), key)...)
			if err != nil {
				return err
			}
			earlier = append(earlier, found...)
		}
	} else {
		// A ticket without a category agrees with every category: the
		// newest of the window, fewer of them; and, however busy the
		// window, the tickets at its place (community or grid, place
		// text), whose words patterns then scores.
		keys := []predicate.Ticket{nil}
		if strings.HasPrefix(me.Place, "r") {
			keys = append(keys, ticket.RegionID(*t.RegionID))
		}
		if strings.TrimSpace(t.Place) != "" {
			keys = append(keys, ticket.Place(t.Place))
		}
		seen := map[int]bool{}
		for _, key := range keys {
			where, limit := slices.Clone(window), maxGroupCandidates
			if key == nil {
				limit = maxUncategorisedCandidates
			} else {
				where = append(where, key)
			}
			found, err := d.candidates(t.ID, limit, true, where...)
			if err != nil {
				return err
			}
			for _, e := range found {
				if !seen[e.ID] {
					seen[e.ID] = true
					earlier = append(earlier, e)
				}
			}
		}
	}
	g, ok := patterns.FindGroup(me, earlier, set.GroupMinCitizens)
	if !ok {
		return nil
	}
	gc, created, err := d.groupCase(g, t)
	if err != nil {
		return err
	}
	t.GroupCaseID = &gc.ID
	ids := append(slices.Clone(g.Members), t.ID)
	if err := d.tx.Ticket.Update().Where(ticket.IDIn(ids...), ticket.GroupCaseIDIsNil()).
		SetGroupCaseID(gc.ID).Exec(d.ctx); err != nil {
		return fmt.Errorf("workflow: group case tickets: %w", store.Explain(err))
	}
	members, err := d.tx.Ticket.Query().Where(ticket.GroupCaseID(gc.ID)).
		Order(ent.Asc(ticket.FieldID)).Limit(maxGroupTickets).
		Select(ticket.FieldID, ticket.FieldCitizenID, ticket.FieldContactPhoneHash, ticket.FieldSignerCount).All(d.ctx)
	if err != nil {
		return err
	}
	if err := d.loadPersons(members); err != nil {
		return err
	}
	if err := d.loadCoSigners(members); err != nil {
		return err
	}
	persons := map[string]bool{}
	memberIDs := make([]int, 0, len(members))
	for _, x := range members {
		memberIDs = append(memberIDs, x.ID)
		if p := d.person(x); p != "" {
			persons[p] = true
		}
		for _, c := range d.coSigners[x.ID] {
			persons[d.coSigner(c).Person] = true
		}
	}
	size := len(persons)
	if !created && size <= gc.Size {
		return nil
	}
	reason := patterns.GroupReason(size, set.GroupWindow, g.ByPlace, me.PlaceName)
	if g.CoSigned && len(memberIDs) == 1 {
		reason = patterns.CoSignedReason(size)
	}
	if err := d.tx.GroupCase.UpdateOneID(gc.ID).SetSize(size).SetReason(reason).Exec(d.ctx); err != nil {
		return fmt.Errorf("workflow: group case: %w", store.Explain(err))
	}
	return d.s.raiseAlert(d.ctx, d.tx, Alert{
		Kind: "GROUP_CASE", Level: 2, Reason: "群体件：" + reason,
		Key: "group:" + strconv.Itoa(gc.ID), TicketIDs: memberIDs,
	})
}

// groupCase is the group case to join, or a new one keyed by its earliest
// ticket (which can be in only one group case).
func (d *detection) groupCase(g patterns.Group, t *ent.Ticket) (*ent.GroupCase, bool, error) {
	if g.Join != 0 {
		gc, err := d.tx.GroupCase.Get(d.ctx, g.Join)
		return gc, false, err
	}
	first := slices.Min(append(slices.Clone(g.Members), t.ID))
	gc, err := d.tx.GroupCase.Create().SetKey("ticket:" + strconv.Itoa(first)).SetSize(0).Save(d.ctx)
	if err != nil {
		return nil, false, fmt.Errorf("workflow: group case: %w", store.Explain(err))
	}
	return gc, true, nil
}

// GroupCaseTickets are the tickets of a group case the caller can see,
// oldest first, at most maxGroupTickets.
func (s *Service) GroupCaseTickets(ctx context.Context, gc *ent.GroupCase) ([]*ent.Ticket, error) {
	return s.client.Ticket.Query().Where(ticket.GroupCaseID(gc.ID)).
		Order(ent.Asc(ticket.FieldID)).Limit(maxGroupTickets).All(ctx)
}

// RepeatFirst is the first ticket t repeats, when the caller can see it;
// nil otherwise (a ticket outside the caller's row scope is not revealed).
func (s *Service) RepeatFirst(ctx context.Context, t *ent.Ticket) (*ent.Ticket, error) {
	if t.RepeatOfID == nil {
		return nil, nil
	}
	f, err := s.client.Ticket.Get(ctx, *t.RepeatOfID)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return f, err
}

// GroupCaseOf is the group case t belongs to, or nil.
func (s *Service) GroupCaseOf(ctx context.Context, t *ent.Ticket) (*ent.GroupCase, error) {
	if t.GroupCaseID == nil {
		return nil, nil
	}
	gc, err := s.client.GroupCase.Query().Where(groupcase.ID(*t.GroupCaseID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return gc, err
}
