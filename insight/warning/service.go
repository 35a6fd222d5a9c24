package warning

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"entgo.io/contrib/entgql"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/privacy"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/warning"
	"github.com/minsheng/minsheng/ent/warningticket"
	"github.com/minsheng/minsheng/ent/watchitem"
	"github.com/minsheng/minsheng/pii"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// Service keeps the watch list and lets staff read and acknowledge
// warnings. Tenancy and row scope come from ent; the operation permission
// from the caller (the @can directive).
type Service struct {
	client *ent.Client
	dir    *directory.Service
	now    func() time.Time
}

// New returns the service. now is the clock; nil is time.Now.
func New(client *ent.Client, dir *directory.Service, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{client: client, dir: dir, now: now}
}

// WatchInput is a new watch item.
type WatchInput struct {
	Kind       watchitem.Kind
	IDNumber   *string
	Phone      *string
	RegionID   *int
	CategoryID *int
	Words      []string
	Reason     string
	Level      int
}

// Limits of a watch item.
const (
	maxWords     = 20
	maxWordRunes = 20
	maxReason    = 500
)

// AddWatchItem keeps a new watch item: a person only as keyed hashes of his
// numbers, a place by region and/or words, a topic by words and/or
// category. The tenant keeps at most MaxWatchItems.
func (s *Service) AddWatchItem(ctx context.Context, in WatchInput) (*ent.WatchItem, error) {
	if err := watchitem.KindValidator(in.Kind); err != nil {
		return nil, minsheng.Errorf(minsheng.EINVALID, "unknown watch item kind %q", in.Kind)
	}
	if in.Level < 1 || in.Level > 3 {
		return nil, minsheng.Errorf(minsheng.EINVALID, "level is 1 (notice), 2 (attention) or 3 (urgent), not %d", in.Level)
	}
	reason, _ := pii.MaskText(strings.TrimSpace(in.Reason))
	if reason == "" || utf8.RuneCountInString(reason) > maxReason {
		return nil, minsheng.Errorf(minsheng.EINVALID, "a reason of 1 to %d characters is needed", maxReason)
	}
	words, err := cleanWords(in.Words)
	if err != nil {
		return nil, err
	}
	var idHash, phoneHash *string
	given := func(p *string) bool { return p != nil && strings.TrimSpace(*p) != "" }
	switch in.Kind {
	case watchitem.KindPERSON:
		if in.RegionID != nil || in.CategoryID != nil || len(words) > 0 {
			return nil, minsheng.Errorf(minsheng.EINVALID, "a person is watched by idNumber and/or phone only")
		}
		if !given(in.IDNumber) && !given(in.Phone) {
			return nil, minsheng.Errorf(minsheng.EINVALID, "a person needs an idNumber or a phone")
		}
		if idHash, phoneHash, err = s.dir.PersonHashes(in.IDNumber, in.Phone); err != nil {
			return nil, err
		}
	case watchitem.KindPLACE:
		if given(in.IDNumber) || given(in.Phone) || in.CategoryID != nil {
			return nil, minsheng.Errorf(minsheng.EINVALID, "a place is watched by regionID and/or words only")
		}
		if in.RegionID == nil && len(words) == 0 {
			return nil, minsheng.Errorf(minsheng.EINVALID, "a place needs a regionID or words")
		}
	case watchitem.KindTOPIC:
		if given(in.IDNumber) || given(in.Phone) || in.RegionID != nil {
			return nil, minsheng.Errorf(minsheng.EINVALID, "a topic is watched by words and/or categoryID only")
		}
		if in.CategoryID == nil && len(words) == 0 {
			return nil, minsheng.Errorf(minsheng.EINVALID, "a topic needs words or a categoryID")
		}
	}
	var out *ent.WatchItem
	err = store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		n, err := tx.WatchItem.Query().Count(ctx)
		if err != nil {
			return err
		}
		if n >= MaxWatchItems {
			return minsheng.Errorf(minsheng.EINVALID, "the watch list holds at most %d items; remove some first", MaxWatchItems)
		}
		create := tx.WatchItem.Create().SetKind(in.Kind).SetReason(reason).SetLevel(in.Level).
			SetNillableIDNumberHash(idHash).SetNillablePhoneHash(phoneHash).
			SetNillableRegionID(in.RegionID).SetNillableCategoryID(in.CategoryID).SetWords(words)
		if v := viewer.FromContext(ctx); v.Kind == viewer.User {
			create.SetCreatedByID(v.UserID)
		}
		out, err = create.Save(ctx)
		return store.Explain(err)
	})
	if err != nil {
		return nil, err
	}
	return out.Unwrap(), nil
}

func cleanWords(in []string) ([]string, error) {
	if len(in) > maxWords {
		return nil, minsheng.Errorf(minsheng.EINVALID, "at most %d words", maxWords)
	}
	out := []string{}
	for _, w := range in {
		w = strings.TrimSpace(w)
		if w == "" {
			continue
		}
		if utf8.RuneCountInString(w) > maxWordRunes {
			return nil, minsheng.Errorf(minsheng.EINVALID, "a word has at most %d characters", maxWordRunes)
		}
		if masked, found := pii.MaskText(w); found || masked != w {
			return nil, minsheng.Errorf(minsheng.EINVALID, "words must not hold ID or phone numbers: watch a person instead")
		}
		out = append(out, w)
	}
	return out, nil
}

// RemoveWatchItem deletes a watch item of the caller's tenant; warnings it
// raised stay.
func (s *Service) RemoveWatchItem(ctx context.Context, id int) error {
	n, err := s.client.WatchItem.Delete().Where(watchitem.ID(id)).Exec(ctx)
	if err != nil {
		return store.Explain(err)
	}
	if n == 0 {
		return minsheng.Errorf(minsheng.ENOTFOUND, "no watch item %d", id)
	}
	return nil
}

// WatchItems is a page of the watch list, newest first, of one kind when
// kind is not nil. Each watched person on the page is written to the audit
// log (action watch.read) before the page is answered; if the records
// cannot be written, nothing is answered.
func (s *Service) WatchItems(ctx context.Context, after *entgql.Cursor[int], first *int, kind *watchitem.Kind) (*ent.WatchItemConnection, error) {
	q := s.client.WatchItem.Query()
	if kind != nil {
		q.Where(watchitem.KindEQ(*kind))
	}
	page, err := q.Paginate(ctx, after, first, nil, nil,
		ent.WithWatchItemOrder(&ent.WatchItemOrder{Direction: entgql.OrderDirectionDesc, Field: ent.WatchItemOrderFieldCreatedAt}))
	if err != nil {
		return nil, err
	}
	v := viewer.FromContext(ctx)
	var rows []*ent.AuditLogCreate
	for _, e := range page.Edges {
		if e.Node.Kind == watchitem.KindPERSON {
			rows = append(rows, s.client.AuditLog.Create().
				SetActorName(v.Name).SetActorID(v.UserID).SetAction("watch.read").
				SetSubjectType("WatchItem").SetSubjectID(e.Node.ID).SetField("person"))
		}
	}
	if len(rows) > 0 {
		if err := s.client.AuditLog.CreateBulk(rows...).Exec(ctx); err != nil {
			return nil, fmt.Errorf("warning: audit: %w", err)
		}
	}
	return page, nil
}

// Filter narrows the warnings list.
type Filter struct {
	Kind         *warning.Kind
	Acknowledged *bool
}

// Warnings is a page of the warnings the caller may see, newest first: a
// caller who sees only some tickets (a department leader) sees the
// warnings about at least one of them.
func (s *Service) Warnings(ctx context.Context, after *entgql.Cursor[int], first *int, f Filter) (*ent.WarningConnection, error) {
	q := s.client.Warning.Query()
	if f.Kind != nil {
		q.Where(warning.KindEQ(*f.Kind))
	}
	if f.Acknowledged != nil {
		if *f.Acknowledged {
			q.Where(warning.AcknowledgedAtNotNil())
		} else {
			q.Where(warning.AcknowledgedAtIsNil())
		}
	}
	return q.Paginate(ctx, after, first, nil, nil,
		ent.WithWarningOrder(&ent.WarningOrder{Direction: entgql.OrderDirectionDesc, Field: ent.WarningOrderFieldCreatedAt}))
}

// Tickets are a warning's tickets that the caller sees (row scope), in the
// order they were registered.
func (s *Service) Tickets(ctx context.Context, w *ent.Warning) ([]*ent.Ticket, error) {
	// The links are narrowed to the tickets the caller sees, like the
	// tickets themselves.
	ids, err := s.client.WarningTicket.Query().Where(warningticket.WarningID(w.ID)).
		Limit(maxTickets).Select(warningticket.FieldTicketID).Ints(ctx)
	if err != nil || len(ids) == 0 {
		return []*ent.Ticket{}, err
	}
	return s.client.Ticket.Query().Where(ticket.IDIn(ids...)).Order(ent.Asc(ticket.FieldID)).All(ctx)
}

// AcknowledgedBy is the user who acknowledged w, read as the caller (nil
// when nobody has, or the caller may not read that user).
func (s *Service) AcknowledgedBy(ctx context.Context, w *ent.Warning) (*ent.User, error) {
	if w.AcknowledgedByID == nil {
		return nil, nil
	}
	u, err := s.client.User.Get(ctx, *w.AcknowledgedByID)
	if ent.IsNotFound(err) || errors.Is(err, privacy.Deny) {
		return nil, nil
	}
	return u, err
}

// Acknowledge marks a warning the caller sees as read, with a note (its
// numbers masked). Acknowledging again replaces nothing: the first
// acknowledgement stands, and the warning is answered as it is.
func (s *Service) Acknowledge(ctx context.Context, id int, note *string) (*ent.Warning, error) {
	w, err := s.client.Warning.Get(ctx, id)
	if err != nil {
		return nil, store.Explain(err)
	}
	text := ""
	if note != nil {
		text, _ = pii.MaskText(strings.TrimSpace(*note))
	}
	if utf8.RuneCountInString(text) > 1000 {
		return nil, minsheng.Errorf(minsheng.EINVALID, "a note has at most 1000 characters")
	}
	if w.AcknowledgedAt != nil {
		return w, nil
	}
	up := s.client.Warning.Update().Where(warning.ID(w.ID), warning.AcknowledgedAtIsNil()).
		SetAcknowledgedAt(s.now()).SetNote(text)
	if v := viewer.FromContext(ctx); v.Kind == viewer.User {
		up.SetAcknowledgedByID(v.UserID)
	}
	if _, err := up.Save(ctx); err != nil {
		return nil, store.Explain(err)
	}
	return s.client.Warning.Get(ctx, id)
}
