// Package warning holds the rules of the early warnings (预警): which new
// case matches a watched person, place or topic, which person is back too
// often, and which category or region counts far more cases than before.
// It only reads; it answers Findings, and package workflow records them
// (the Warning, the timeline events, the outbox row) in the caller's
// transaction. It must not import workflow.
package warning

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/citizen"
	"github.com/minsheng/minsheng/ent/citizencontact"
	"github.com/minsheng/minsheng/ent/cosigner"
	"github.com/minsheng/minsheng/ent/predicate"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/watchitem"
	"github.com/minsheng/minsheng/viewer"
)

// The kinds of warning, as stored.
const (
	RepeatPerson = "REPEAT_PERSON"
	GroupCase    = "GROUP_CASE"
	KeyPerson    = "KEY_PERSON"
	KeyPlace     = "KEY_PLACE"
	KeyTopic     = "KEY_TOPIC"
	Surge        = "SURGE"
)

// Finding is one warning the rules found: workflow records it as an Alert.
type Finding struct {
	Kind      string
	Level     int
	Reason    string // plain words, no personal data
	Key       string // names the warning once in the tenant
	TicketIDs []int
}

// Tenant settings of the rules (Tenant.settings), with their defaults.
const (
	SettingRepeatCases          = "warningRepeatCases"          // default 5
	SettingRepeatDays           = "warningRepeatDays"           // default 30
	SettingSurgeDays            = "warningSurgeDays"            // default 7
	SettingSurgePreviousPercent = "warningSurgePreviousPercent" // default 20
	SettingSurgeLastYearPercent = "warningSurgeLastYearPercent" // default 10
	SettingSurgeMinCount        = "warningSurgeMinCount"        // default 10
)

// Settings are a tenant's thresholds.
type Settings struct {
	RepeatCases, RepeatDays int
	SurgeDays               int
	SurgePreviousPercent    int
	SurgeLastYearPercent    int
	SurgeMinCount           int
}

// SettingsOf reads the thresholds from a tenant's settings; a missing or
// out-of-range value takes its default.
func SettingsOf(settings map[string]any) Settings {
	return Settings{
		RepeatCases:          intSetting(settings, SettingRepeatCases, 5, 2, 100),
		RepeatDays:           intSetting(settings, SettingRepeatDays, 30, 1, 366),
		SurgeDays:            intSetting(settings, SettingSurgeDays, 7, 1, 92),
		SurgePreviousPercent: intSetting(settings, SettingSurgePreviousPercent, 20, 1, 1000),
		SurgeLastYearPercent: intSetting(settings, SettingSurgeLastYearPercent, 10, 1, 1000),
		SurgeMinCount:        intSetting(settings, SettingSurgeMinCount, 10, 1, 100000),
	}
}

func intSetting(settings map[string]any, key string, def, lo, hi int) int {
	var n int
	switch v := settings[key].(type) {
	case float64:
		if v != math.Trunc(v) {
			return def
		}
		n = int(v)
	case int:
		n = v
	default:
		return def
	}
	if n < lo || n > hi {
		return def
	}
	return n
}

// Caps that bound the work of one registration.
const (
	// MaxWatchItems is how many watch items a tenant keeps.
	MaxWatchItems = 1000
	// maxTickets is how many tickets one warning links.
	maxTickets = 50
	// maxDepth bounds the walk up a region or category tree.
	maxDepth = 8
)

// AtRegistration is what the rules find when t is registered: watched
// persons, places and topics it matches, and each of its persons (the
// citizen and every co-signer) being back too often. It runs in tx, the
// registration's transaction, as the server within t's tenant: a grid
// worker's new case is matched against the whole tenant's, though he sees
// only his own.
func AtRegistration(ctx context.Context, tx *ent.Client, t *ent.Ticket, now time.Time) ([]Finding, error) {
	ctx = viewer.TenantSystemContext(ctx, t.TenantID)
	set, err := settings(ctx, tx, t)
	if err != nil {
		return nil, err
	}
	var out []Finding
	signers, err := personHashes(ctx, tx, t, nil)
	if err != nil {
		return nil, err
	}
	f, err := watchedPersons(ctx, tx, t, signers)
	if err != nil {
		return nil, err
	}
	out = append(out, f...)
	f, err = watchedPlacesAndTopics(ctx, tx, t)
	if err != nil {
		return nil, err
	}
	out = append(out, f...)
	f, err = repeatPersons(ctx, tx, t, signers, set, now)
	if err != nil {
		return nil, err
	}
	return append(out, f...), nil
}

// AtMerge is what the rules find when a merge has made the persons of the
// citizen records added co-signers of t, the kept ticket: watched persons
// among them (on t), and each of them back too often with t counted as his
// case (t is not counted again beside his own letter merged into it: see
// repeatRun). Only the persons are asked about (t's place and topic were
// at its registration). It runs in tx, the merge's transaction, like
// AtRegistration, and its keys are those of AtRegistration: what was found
// before is found again under the same key, which the caller records once.
func AtMerge(ctx context.Context, tx *ent.Client, t *ent.Ticket, added []int, now time.Time) ([]Finding, error) {
	if len(added) == 0 || t.RegisteredAt == nil {
		return nil, nil
	}
	ctx = viewer.TenantSystemContext(ctx, t.TenantID)
	set, err := settings(ctx, tx, t)
	if err != nil {
		return nil, err
	}
	signers, err := personHashes(ctx, tx, t, added)
	if err != nil || len(signers) == 0 {
		return nil, err
	}
	out, err := watchedPersons(ctx, tx, t, signers)
	if err != nil {
		return nil, err
	}
	f, err := repeatPersons(ctx, tx, t, signers, set, now)
	if err != nil {
		return nil, err
	}
	return append(out, f...), nil
}

func settings(ctx context.Context, tx *ent.Client, t *ent.Ticket) (Settings, error) {
	tn, err := tx.Tenant.Get(ctx, t.TenantID)
	if err != nil {
		return Settings{}, fmt.Errorf("warning: tenant: %w", err)
	}
	return SettingsOf(tn.Settings), nil
}

// signer is one person who signed a ticket, its citizen or a co-signer
// (联名人): his citizen record (0: none) and keyed hashes.
type signer struct {
	coSigner   bool
	citizen    int
	ids, phone []string
}

// personHashes are the keyed hashes of t's persons: first its citizen (ID
// and phone numbers, every number he gave, and the ticket's contact), then
// each co-signer (his record's numbers and the phone he gave on t), so a
// watched person is found whether he signed first or tenth. With only, it
// answers just the co-signers whose records only names.
func personHashes(ctx context.Context, tx *ent.Client, t *ent.Ticket, only []int) ([]signer, error) {
	var out []signer
	if only == nil {
		first := signer{}
		if t.ContactPhoneHash != nil {
			first.phone = append(first.phone, *t.ContactPhoneHash)
		}
		if t.CitizenID != nil {
			c, err := tx.Citizen.Get(ctx, *t.CitizenID)
			if err != nil {
				return nil, fmt.Errorf("warning: citizen: %w", err)
			}
			ids, phones, err := citizenHashes(ctx, tx, c)
			if err != nil {
				return nil, err
			}
			first.citizen, first.ids, first.phone = c.ID, ids, append(first.phone, phones...)
		}
		out = append(out, first)
	}
	q := tx.CoSigner.Query().Where(cosigner.TicketID(t.ID))
	if only != nil {
		q.Where(cosigner.CitizenIDIn(only...))
	}
	rows, err := q.Order(ent.Asc(cosigner.FieldPosition)).WithCitizen().All(ctx)
	if err != nil {
		return nil, fmt.Errorf("warning: co-signers: %w", err)
	}
	for _, r := range rows {
		co := signer{coSigner: true, citizen: r.CitizenID}
		if r.PhoneHash != nil {
			co.phone = append(co.phone, *r.PhoneHash)
		}
		if c := r.Edges.Citizen; c != nil {
			ids, phones, err := citizenHashes(ctx, tx, c)
			if err != nil {
				return nil, err
			}
			co.ids, co.phone = ids, append(co.phone, phones...)
		}
		out = append(out, co)
	}
	return out, nil
}

// citizenHashes are a citizen record's ID-number hash and every phone hash
// he gave (at most 20 kept contacts).
func citizenHashes(ctx context.Context, tx *ent.Client, c *ent.Citizen) (ids, phones []string, err error) {
	if c.IDNumberHash != nil {
		ids = append(ids, *c.IDNumberHash)
	}
	if c.PhoneHash != nil {
		phones = append(phones, *c.PhoneHash)
	}
	more, err := tx.CitizenContact.Query().Where(citizencontact.CitizenID(c.ID)).
		Limit(20).Select(citizencontact.FieldPhoneHash).Strings(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("warning: contacts: %w", err)
	}
	return ids, append(phones, more...), nil
}

// watchedPersons are the KEY_PERSON findings of t: one per watched person
// among its signers. The reason says whether he came as the citizen or as
// a co-signer (the citizen first when both hold), never a number.
func watchedPersons(ctx context.Context, tx *ent.Client, t *ent.Ticket, signers []signer) ([]Finding, error) {
	var ids, phones []string
	for _, p := range signers {
		ids, phones = append(ids, p.ids...), append(phones, p.phone...)
	}
	if len(ids)+len(phones) == 0 {
		return nil, nil
	}
	q := tx.WatchItem.Query().Where(watchitem.KindEQ(watchitem.KindPERSON))
	switch {
	case len(ids) > 0 && len(phones) > 0:
		q.Where(watchitem.Or(watchitem.IDNumberHashIn(ids...), watchitem.PhoneHashIn(phones...)))
	case len(ids) > 0:
		q.Where(watchitem.IDNumberHashIn(ids...))
	default:
		q.Where(watchitem.PhoneHashIn(phones...))
	}
	items, err := q.Order(ent.Asc(watchitem.FieldID)).Limit(MaxWatchItems).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("warning: watched persons: %w", err)
	}
	out := make([]Finding, 0, len(items))
	for _, w := range items {
		label := "重点人员来访："
		for _, p := range signers {
			if (w.IDNumberHash != nil && slices.Contains(p.ids, *w.IDNumberHash)) ||
				(w.PhoneHash != nil && slices.Contains(p.phone, *w.PhoneHash)) {
				if p.coSigner {
					label = "重点人员（联名人）来访："
				}
				break
			}
		}
		out = append(out, Finding{
			Kind: KeyPerson, Level: w.Level, TicketIDs: []int{t.ID},
			Reason: label + w.Reason,
			Key:    fmt.Sprintf("watch:%d:ticket:%d", w.ID, t.ID),
		})
	}
	return out, nil
}

func watchedPlacesAndTopics(ctx context.Context, tx *ent.Client, t *ent.Ticket) ([]Finding, error) {
	items, err := tx.WatchItem.Query().
		Where(watchitem.KindIn(watchitem.KindPLACE, watchitem.KindTOPIC)).
		Order(ent.Asc(watchitem.FieldID)).Limit(MaxWatchItems).All(ctx)
	if err != nil || len(items) == 0 {
		return nil, err
	}
	regions, err := ancestors(ctx, t.RegionID, func(id int) (*int, error) {
		r, err := tx.Region.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		return r.ParentID, nil
	})
	if err != nil {
		return nil, fmt.Errorf("warning: regions: %w", err)
	}
	categories, err := ancestors(ctx, t.CategoryID, func(id int) (*int, error) {
		c, err := tx.Category.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		return c.ParentID, nil
	})
	if err != nil {
		return nil, fmt.Errorf("warning: categories: %w", err)
	}
	var out []Finding
	for _, w := range items {
		var kind, label string
		var ok bool
		switch w.Kind {
		case watchitem.KindPLACE:
			kind, label = KeyPlace, "重点区域"
			ok = matches(w.RegionID, regions, w.Words, t.Place+"\n"+t.Title+"\n"+t.Body)
		case watchitem.KindTOPIC:
			kind, label = KeyTopic, "重点事项"
			ok = matches(w.CategoryID, categories, w.Words, t.Title+"\n"+t.Body)
		}
		if !ok {
			continue
		}
		out = append(out, Finding{
			Kind: kind, Level: w.Level, TicketIDs: []int{t.ID},
			Reason: label + "出现新诉求：" + w.Reason,
			Key:    fmt.Sprintf("watch:%d:ticket:%d", w.ID, t.ID),
		})
	}
	return out, nil
}

// matches says whether a place or topic item holds for a case: its node (if
// any) is the case's or above it, and one of its words (if any) is in text.
// An item with neither matches nothing.
func matches(node *int, path map[int]bool, words []string, text string) bool {
	if node == nil && len(words) == 0 {
		return false
	}
	if node != nil && !path[*node] {
		return false
	}
	if len(words) == 0 {
		return true
	}
	for _, w := range words {
		if w != "" && strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// ancestors is id and the nodes above it, at most maxDepth of them.
func ancestors(_ context.Context, id *int, parent func(int) (*int, error)) (map[int]bool, error) {
	out := map[int]bool{}
	for d := 0; id != nil && d < maxDepth && !out[*id]; d++ {
		out[*id] = true
		p, err := parent(*id)
		if err != nil {
			return nil, err
		}
		id = p
	}
	return out, nil
}

// maxPersonRows bounds each read of repeatPersons: the cases of a
// ticket's persons found by one key (their records, their phone numbers),
// as citizen or as co-signer.
const maxPersonRows = 1000

// signature is one person's name on a case, as repeatPersons reads it: the
// case, the record and the phone number he signed with, and whether he
// co-signed it.
type signature struct {
	ticket, citizen int
	phone           string
	coSigned        bool
}

// repeatPersons are the REPEAT_PERSON findings of persons, who signed t:
// one for each with at least RepeatCases registered cases in the last
// RepeatDays days, t among them. A person's cases are those he signed as
// the citizen (his record, or a phone number of his given as the contact)
// and those he co-signed (his record, or a phone number of his given on the
// co-signature): co-signers count. A phone number shared with a person of
// another ID number does not make that person's cases his (as in repeat
// detection). The key names the person and the first case of the run, so
// one run of cases warns once, whether he signed t first or tenth.
//
// The work is bounded: two reads of tickets and two of co-signatures, each
// of at most maxPersonRows rows, for all persons at once; then the window's
// tickets among those co-signed, and the ID-number hashes of the records
// found by a phone number.
func repeatPersons(ctx context.Context, tx *ent.Client, t *ent.Ticket, persons []signer, set Settings, now time.Time) ([]Finding, error) {
	var records []int
	var phones []string
	identified := false
	for _, p := range persons {
		if p.citizen != 0 && !slices.Contains(records, p.citizen) {
			records = append(records, p.citizen)
		}
		for _, h := range p.phone {
			if !slices.Contains(phones, h) {
				phones = append(phones, h)
			}
		}
		identified = identified || len(p.ids) > 0
	}
	if len(records)+len(phones) == 0 {
		return nil, nil
	}
	since := now.AddDate(0, 0, -set.RepeatDays)
	at := map[int]time.Time{}   // the cases of the window, by ID
	mergedInto := map[int]int{} // those merged, and where
	var sigs []signature
	// Signed as the citizen: one read per key, each on its own index.
	var keys []predicate.Ticket
	if len(records) > 0 {
		keys = append(keys, ticket.CitizenIDIn(records...))
	}
	if len(phones) > 0 {
		keys = append(keys, ticket.ContactPhoneHashIn(phones...))
	}
	for _, key := range keys {
		ts, err := tx.Ticket.Query().Where(key, ticket.RegisteredAtGTE(since)).Limit(maxPersonRows).
			Select(ticket.FieldID, ticket.FieldCitizenID, ticket.FieldContactPhoneHash, ticket.FieldRegisteredAt,
				ticket.FieldMergedIntoID).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("warning: repeat person: %w", err)
		}
		for _, x := range ts {
			at[x.ID], mergedInto[x.ID] = *x.RegisteredAt, deref(x.MergedIntoID)
			sigs = append(sigs, signature{ticket: x.ID, citizen: deref(x.CitizenID), phone: deref(x.ContactPhoneHash)})
		}
	}
	// Co-signed: the newest co-signatures by each key, then which of their
	// tickets are in the window.
	var coKeys []predicate.CoSigner
	if len(records) > 0 {
		coKeys = append(coKeys, cosigner.CitizenIDIn(records...))
	}
	if len(phones) > 0 {
		coKeys = append(coKeys, cosigner.PhoneHashIn(phones...))
	}
	var coTickets []int
	for _, key := range coKeys {
		rows, err := tx.CoSigner.Query().Where(key).Order(ent.Desc(cosigner.FieldTicketID)).Limit(maxPersonRows).
			Select(cosigner.FieldTicketID, cosigner.FieldCitizenID, cosigner.FieldPhoneHash).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("warning: repeat person: co-signatures: %w", err)
		}
		for _, r := range rows {
			sigs = append(sigs, signature{ticket: r.TicketID, citizen: r.CitizenID, phone: deref(r.PhoneHash), coSigned: true})
			if _, ok := at[r.TicketID]; !ok {
				coTickets = append(coTickets, r.TicketID)
			}
		}
	}
	if len(coTickets) > 0 {
		ts, err := tx.Ticket.Query().
			Where(ticket.IDIn(slices.Compact(slices.Sorted(slices.Values(coTickets)))...), ticket.RegisteredAtGTE(since)).
			Select(ticket.FieldID, ticket.FieldRegisteredAt, ticket.FieldMergedIntoID).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("warning: repeat person: co-signed cases: %w", err)
		}
		for _, x := range ts {
			at[x.ID], mergedInto[x.ID] = *x.RegisteredAt, deref(x.MergedIntoID)
		}
	}
	// A record found by a phone number: its ID-number hash says whether it
	// is another person (the persons' own are known).
	idOf := map[int]string{}
	for _, p := range persons {
		if p.citizen != 0 && len(p.ids) > 0 {
			idOf[p.citizen] = p.ids[0]
		}
	}
	if identified {
		var others []int
		for _, s := range sigs {
			if _, ok := at[s.ticket]; ok && s.citizen != 0 && !slices.Contains(records, s.citizen) {
				others = append(others, s.citizen)
			}
		}
		if len(others) > 0 {
			cs, err := tx.Citizen.Query().Where(citizen.IDIn(slices.Compact(slices.Sorted(slices.Values(others)))...)).
				Select(citizen.FieldID, citizen.FieldIDNumberHash).All(ctx)
			if err != nil {
				return nil, fmt.Errorf("warning: repeat person: citizens: %w", err)
			}
			for _, c := range cs {
				idOf[c.ID] = deref(c.IDNumberHash)
			}
		}
	}
	var out []Finding
	for _, p := range persons {
		f, ok := repeatRun(t, p, sigs, at, mergedInto, idOf, set)
		if ok && !slices.ContainsFunc(out, func(o Finding) bool { return o.Key == f.Key }) {
			out = append(out, f)
		}
	}
	return out, nil
}

// repeatRun is the REPEAT_PERSON finding of one person p from the
// signatures read, if his cases of the window, t among them, reach the
// threshold. A case he only co-signed, into which a case of his was
// merged, is not counted again: the merge made him its co-signer (see
// workflow's mergeSigners), so his letter would count twice.
func repeatRun(t *ent.Ticket, p signer, sigs []signature, at map[int]time.Time, mergedInto map[int]int, idOf map[int]string, set Settings) (Finding, bool) {
	person := personKey(p)
	if person == "" {
		return Finding{}, false
	}
	mine := map[int]bool{} // case → signed as the citizen
	for _, s := range sigs {
		if _, ok := at[s.ticket]; !ok {
			continue
		}
		same := p.citizen != 0 && s.citizen == p.citizen ||
			s.phone != "" && slices.Contains(p.phone, s.phone) && (len(p.ids) == 0 || idOf[s.citizen] == "")
		if same {
			mine[s.ticket] = mine[s.ticket] || !s.coSigned
		}
	}
	var again []int
	for id := range mine {
		if into := mergedInto[id]; into != 0 && !mine[into] {
			again = append(again, into) // only co-signed (false), or not his (absent)
		}
	}
	for _, id := range again {
		delete(mine, id)
	}
	if _, ok := mine[t.ID]; !ok || len(mine) < set.RepeatCases {
		return Finding{}, false
	}
	ids := make([]int, 0, len(mine))
	coSigned := 0
	for id, asCitizen := range mine {
		ids = append(ids, id)
		if !asCitizen {
			coSigned++
		}
	}
	slices.SortFunc(ids, func(a, b int) int {
		if c := at[a].Compare(at[b]); c != 0 {
			return c
		}
		return a - b
	})
	level := 2
	if len(ids) >= 2*set.RepeatCases {
		level = 3
	}
	who := "同一来访人 "
	if p.coSigner {
		who = "同一来访人（联名人）"
	}
	reason := fmt.Sprintf("%s%d 天内反映 %d 件（阈值 %d 件）", who, set.RepeatDays, len(ids), set.RepeatCases)
	if coSigned > 0 {
		reason = fmt.Sprintf("%s%d 天内反映 %d 件（含联名 %d 件，阈值 %d 件）", who, set.RepeatDays, len(ids), coSigned, set.RepeatCases)
	}
	return Finding{
		Kind: RepeatPerson, Level: level, TicketIDs: ids[:min(len(ids), maxTickets)],
		Key: fmt.Sprintf("repeat:%s:%d", person, ids[0]), Reason: reason,
	}, true
}

// personKey names a person in a REPEAT_PERSON key, the same whether he
// signed as citizen or co-signer: his record when it holds an ID number
// (one record per ID number), else the phone number he gave (a person
// without an ID number gets a new record each time), else his record.
func personKey(p signer) string {
	switch {
	case p.citizen != 0 && len(p.ids) > 0:
		return fmt.Sprintf("c%d", p.citizen)
	case len(p.phone) > 0:
		return "p" + shortHash(p.phone[0])
	case p.citizen != 0:
		return fmt.Sprintf("c%d", p.citizen)
	}
	return ""
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func shortHash(h string) string {
	if len(h) > 16 {
		return h[:16]
	}
	return h
}
