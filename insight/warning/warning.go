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
	"github.com/minsheng/minsheng/ent/citizencontact"
	"github.com/minsheng/minsheng/ent/cosigner"
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
// persons, places and topics it matches, and its person being back too
// often. It runs in tx, the registration's transaction, as the server
// within t's tenant: a grid worker's new case is matched against the whole
// tenant's, though he sees only his own.
func AtRegistration(ctx context.Context, tx *ent.Client, t *ent.Ticket, now time.Time) ([]Finding, error) {
	ctx = viewer.TenantSystemContext(ctx, t.TenantID)
	tn, err := tx.Tenant.Get(ctx, t.TenantID)
	if err != nil {
		return nil, fmt.Errorf("warning: tenant: %w", err)
	}
	set := SettingsOf(tn.Settings)
	var out []Finding
	signers, err := personHashes(ctx, tx, t)
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
	r, err := repeatPerson(ctx, tx, t, set, now)
	if err != nil {
		return nil, err
	}
	if r != nil {
		out = append(out, *r)
	}
	return out, nil
}

// signer is the keyed hashes of one person who signed a ticket: its
// citizen or a co-signer (联名人).
type signer struct {
	coSigner   bool
	ids, phone []string
}

// personHashes are the keyed hashes of t's persons: first its citizen (ID
// and phone numbers, every number he gave, and the ticket's contact), then
// each co-signer (his record's numbers and the phone he gave on t), so a
// watched person is found whether he signed first or tenth.
func personHashes(ctx context.Context, tx *ent.Client, t *ent.Ticket) ([]signer, error) {
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
		first.ids, first.phone = ids, append(first.phone, phones...)
	}
	out := []signer{first}
	rows, err := tx.CoSigner.Query().Where(cosigner.TicketID(t.ID)).
		Order(ent.Asc(cosigner.FieldPosition)).WithCitizen().All(ctx)
	if err != nil {
		return nil, fmt.Errorf("warning: co-signers: %w", err)
	}
	for _, r := range rows {
		co := signer{coSigner: true}
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

// repeatPerson finds t's person with at least RepeatCases registered cases
// in the last RepeatDays days, t included. The key names the person and the
// first case of the run, so one run of cases warns once.
func repeatPerson(ctx context.Context, tx *ent.Client, t *ent.Ticket, set Settings, now time.Time) (*Finding, error) {
	var person string
	q := tx.Ticket.Query().Where(ticket.RegisteredAtGTE(now.AddDate(0, 0, -set.RepeatDays)))
	switch {
	case t.CitizenID != nil && t.ContactPhoneHash != nil:
		q.Where(ticket.Or(ticket.CitizenID(*t.CitizenID), ticket.ContactPhoneHash(*t.ContactPhoneHash)))
		person = fmt.Sprintf("c%d", *t.CitizenID)
	case t.CitizenID != nil:
		q.Where(ticket.CitizenID(*t.CitizenID))
		person = fmt.Sprintf("c%d", *t.CitizenID)
	case t.ContactPhoneHash != nil:
		q.Where(ticket.ContactPhoneHash(*t.ContactPhoneHash))
		person = "p" + shortHash(*t.ContactPhoneHash)
	default:
		return nil, nil
	}
	ids, err := q.Order(ent.Asc(ticket.FieldRegisteredAt), ent.Asc(ticket.FieldID)).Limit(maxTickets).IDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("warning: repeat person: %w", err)
	}
	if len(ids) < set.RepeatCases {
		return nil, nil
	}
	level := 2
	if len(ids) >= 2*set.RepeatCases {
		level = 3
	}
	return &Finding{
		Kind: RepeatPerson, Level: level, TicketIDs: ids, Key: fmt.Sprintf("repeat:%s:%d", person, ids[0]),
		Reason: fmt.Sprintf("同一来访人 %d 天内反映 %d 件（阈值 %d 件）", set.RepeatDays, len(ids), set.RepeatCases),
	}, nil
}

func shortHash(h string) string {
	if len(h) > 16 {
		return h[:16]
	}
	return h
}
