package topics

import (
	"context"
	"math"
	"sort"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/predicate"
	"github.com/minsheng/minsheng/ent/region"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/ticketkeyword"
	"github.com/minsheng/minsheng/insight"
	"github.com/minsheng/minsheng/viewer"
)

// Limits of a hot-topic query.
const (
	// MinSupport is the fewest tickets a word needs to be a hot topic: two
	// tickets sharing a word are a coincidence, not a trend. (A share of
	// the period's tickets as well was tried: counting them took a second
	// scan of the period for nothing the top 100 by count did not already
	// ensure.)
	MinSupport = 3
	// Prior is the pseudo-count added to a word's tickets and to its
	// background before their ratio is taken (see Rank): tuned on the
	// first generator of topics' accuracy test (2, 5 and 10 tried).
	Prior = 5.0
	// DefaultFirst and MaxFirst bound how many topics one query returns.
	DefaultFirst = 20
	MaxFirst     = 100
	// MaxDays is the longest period, in days (three years).
	MaxDays = 3*366 + 1
)

// Filter narrows the tickets counted; zero fields do not filter. A
// category or a region counts its descendants too.
type Filter struct {
	CategoryID   *int
	DepartmentID *int
	RegionID     *int
	Channel      *ticket.Channel
}

// HotTopic is a word shared by many tickets of a period.
type HotTopic struct {
	Word string
	// Tickets registered in the period with the word among their keywords.
	Tickets int
	// Previous is the same count over the period of equal length just
	// before.
	Previous int
	// Rise is (Tickets - Previous) / Previous; nil when Previous is 0.
	Rise *float64
}

// Reader answers hot-topic queries as the caller: tenancy and ticket scope
// (a department leader counts his department's tickets only) come from
// the ent policies.
type Reader struct {
	client *ent.Client
}

// NewReader returns a reader over client.
func NewReader(client *ent.Client) *Reader { return &Reader{client: client} }

// Period is [Start, End) in instants, from dates in the tenant's zone.
type Period struct{ Start, End time.Time }

// period turns the inclusive dates from and to into instants in the
// tenant's time zone, and returns the period of equal length before.
func (r *Reader) period(ctx context.Context, from, to time.Time) (cur, prev Period, err error) {
	if to.Before(from) {
		return cur, prev, minsheng.Errorf(minsheng.EINVALID, "the period ends (%s) before it starts (%s)", to.Format(time.DateOnly), from.Format(time.DateOnly))
	}
	days := int(to.Sub(from).Hours()/24+0.5) + 1
	if days > MaxDays {
		return cur, prev, minsheng.Errorf(minsheng.EINVALID, "the period has %d days; at most %d (three years)", days, MaxDays)
	}
	t, err := r.client.Tenant.Get(ctx, viewer.FromContext(ctx).TenantID)
	if err != nil {
		return cur, prev, minsheng.Errorf(minsheng.EFORBIDDEN, "hot topics are read inside a tenant")
	}
	loc, err := time.LoadLocation(t.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	at := func(d time.Time) time.Time { return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc) }
	cur = Period{Start: at(from), End: at(to.AddDate(0, 0, 1))}
	prev = Period{Start: at(from.AddDate(0, 0, -days)), End: cur.Start}
	return cur, prev, nil
}

// HotTopics returns at most n words (DefaultFirst when n ≤ 0, at most
// MaxFirst) that the most tickets registered between the dates from and to
// (inclusive, in the tenant's time zone) share among their keywords,
// ranked against the period of equal length before (see Rank), with their
// counts in that period.
// A word needs MinSupport tickets; generic words (BuiltinStop) and the tenant's stop words never
// appear, even if keywords were stored before they were stopped.
func (r *Reader) HotTopics(ctx context.Context, from, to time.Time, f Filter, n int) ([]HotTopic, error) {
	if n <= 0 {
		n = DefaultFirst
	}
	if n > MaxFirst {
		return nil, minsheng.Errorf(minsheng.EINVALID, "first is %d; at most %d hot topics are returned", n, MaxFirst)
	}
	cur, prev, err := r.period(ctx, from, to)
	if err != nil {
		return nil, err
	}
	scope, err := r.filter(ctx, f)
	if err != nil {
		return nil, err
	}
	list, err := LoadWordList(ctx, r.client)
	if err != nil {
		return nil, err
	}
	stop := map[string]bool{}
	for _, w := range list.Stop {
		stop[w] = true
	}

	base := func(p Period) *ent.TicketKeywordQuery {
		q := r.client.TicketKeyword.Query().Where(ticketkeyword.AtGTE(p.Start), ticketkeyword.AtLT(p.End))
		if scope != nil {
			q.Where(ticketkeyword.HasTicketWith(scope))
		}
		return q
	}
	type count struct {
		Word  string `json:"word"`
		Count int    `json:"count"`
	}
	var rows []count
	if err := base(cur).GroupBy(ticketkeyword.FieldWord).Aggregate(ent.As(ent.Count(), "count")).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	counts := make(map[string]int, len(rows))
	for _, c := range rows {
		counts[c.Word] = c.Count
	}
	// The period before is the background every word is measured against
	// (Rank), so all its words are counted, not only the top ones: one
	// more GROUP BY of the same cost over the tenant's (tenant_id, at)
	// index.
	rows = rows[:0]
	if err := base(prev).GroupBy(ticketkeyword.FieldWord).Aggregate(ent.As(ent.Count(), "count")).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	before := make(map[string]int, len(rows))
	for _, c := range rows {
		before[c.Word] = c.Count
	}
	out := Rank(counts, before, stop, n)
	Compare(out, before)
	return out, nil
}

// Rank turns the number of tickets each word is in, in the period (now)
// and in the period before (before), into the hot topics: words with at
// least MinSupport tickets, neither generic (BuiltinStop) nor in stop,
// ranked by how far they stand above their background, at most n.
//
// A word's background is its count before, scaled by how many more or
// fewer keywords the period has: expected = before × Σnow / Σbefore. Its
// score is now × ln((now + Prior) / (expected + Prior)), the word's share
// of a log-likelihood ratio: a word every complaint carries (谢谢, a
// street of the district) stands level with its background and scores
// near nothing however many tickets hold it; a subject that rises scores
// by both its tickets and its rise; Prior keeps a word of three tickets
// from nothing from outranking one of sixty that tripled. Without a
// period before (a new tenant) every expected is 0 and the order is by
// tickets, as before. Ties go to the word with more tickets, then the
// word. Words that fell come last, so a long list still holds the busiest
// words.
func Rank(now, before map[string]int, stop map[string]bool, n int) []HotTopic {
	var sumNow, sumBefore int
	for _, c := range now {
		sumNow += c
	}
	for _, c := range before {
		sumBefore += c
	}
	scale := 0.0
	if sumBefore > 0 {
		scale = float64(sumNow) / float64(sumBefore)
	}
	type scored struct {
		HotTopic
		score float64
	}
	var all []scored
	for w, c := range now {
		if c < MinSupport || builtinStop[w] || stop[w] {
			continue
		}
		expected := float64(before[w]) * scale
		score := float64(c) * math.Log((float64(c)+Prior)/(expected+Prior))
		all = append(all, scored{HotTopic{Word: w, Tickets: c}, score})
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.score != b.score {
			return a.score > b.score
		}
		if a.Tickets != b.Tickets {
			return a.Tickets > b.Tickets
		}
		return a.Word < b.Word
	})
	out := make([]HotTopic, 0, min(n, len(all)))
	for _, s := range all[:min(n, len(all))] {
		out = append(out, s.HotTopic)
	}
	return out
}

// Compare sets each topic's Previous from before (tickets per word in the
// period before) and its Rise.
func Compare(topics []HotTopic, before map[string]int) {
	for i := range topics {
		topics[i].Previous = before[topics[i].Word]
		if p := topics[i].Previous; p > 0 {
			rise := math.Round(float64(topics[i].Tickets-p)/float64(p)*1000) / 1000
			topics[i].Rise = &rise
		} else {
			topics[i].Rise = nil
		}
	}
}

// TicketsWith is the condition on tickets for the drill-down from a hot
// topic: tickets registered between the dates from and to (inclusive)
// whose keywords hold word (or the word it is a synonym of), narrowed by
// f. The caller queries tickets with it, so the ticket scope applies.
func (r *Reader) TicketsWith(ctx context.Context, word string, from, to time.Time, f Filter) (predicate.Ticket, error) {
	cur, _, err := r.period(ctx, from, to)
	if err != nil {
		return nil, err
	}
	w := insight.Normalise(word)
	if w == "" {
		return nil, minsheng.Errorf(minsheng.EINVALID, "name the word whose tickets to list")
	}
	list, err := LoadWordList(ctx, r.client)
	if err != nil {
		return nil, err
	}
	if c, ok := list.Synonyms[w]; ok {
		w = c
	}
	scope, err := r.filter(ctx, f)
	if err != nil {
		return nil, err
	}
	tenantID := viewer.FromContext(ctx).TenantID
	has := predicate.Ticket(func(s *sql.Selector) {
		t := sql.Table(ticketkeyword.Table)
		s.Where(sql.In(s.C(ticket.FieldID),
			sql.Select(t.C(ticketkeyword.FieldTicketID)).From(t).Where(sql.And(
				sql.EQ(t.C(ticketkeyword.FieldTenantID), tenantID),
				sql.EQ(t.C(ticketkeyword.FieldWord), w),
				sql.GTE(t.C(ticketkeyword.FieldAt), cur.Start),
				sql.LT(t.C(ticketkeyword.FieldAt), cur.End),
			))))
	})
	if scope != nil {
		return ticket.And(has, scope), nil
	}
	return has, nil
}

// filter is f as a condition on tickets, nil for none. Categories and
// regions are read as the caller: another tenant's ID is NOT_FOUND.
func (r *Reader) filter(ctx context.Context, f Filter) (predicate.Ticket, error) {
	var ps []predicate.Ticket
	if f.CategoryID != nil {
		ids, err := r.descendants(ctx, *f.CategoryID, func(ctx context.Context) (map[int][]int, error) {
			rows, err := r.client.Category.Query().Select(category.FieldID, category.FieldParentID).All(ctx)
			if err != nil {
				return nil, err
			}
			kids := map[int][]int{}
			for _, c := range rows {
				if c.ParentID != nil {
					kids[*c.ParentID] = append(kids[*c.ParentID], c.ID)
				}
			}
			return kids, nil
		}, func(ctx context.Context, id int) error { _, err := r.client.Category.Get(ctx, id); return err })
		if err != nil {
			return nil, err
		}
		ps = append(ps, ticket.CategoryIDIn(ids...))
	}
	if f.RegionID != nil {
		ids, err := r.descendants(ctx, *f.RegionID, func(ctx context.Context) (map[int][]int, error) {
			rows, err := r.client.Region.Query().Select(region.FieldID, region.FieldParentID).All(ctx)
			if err != nil {
				return nil, err
			}
			kids := map[int][]int{}
			for _, c := range rows {
				if c.ParentID != nil {
					kids[*c.ParentID] = append(kids[*c.ParentID], c.ID)
				}
			}
			return kids, nil
		}, func(ctx context.Context, id int) error { _, err := r.client.Region.Get(ctx, id); return err })
		if err != nil {
			return nil, err
		}
		ps = append(ps, ticket.RegionIDIn(ids...))
	}
	if f.DepartmentID != nil {
		if _, err := r.client.Department.Get(ctx, *f.DepartmentID); err != nil {
			return nil, notFound(err, "department", *f.DepartmentID)
		}
		ps = append(ps, ticket.DepartmentID(*f.DepartmentID))
	}
	if f.Channel != nil {
		if err := ticket.ChannelValidator(*f.Channel); err != nil {
			return nil, minsheng.Errorf(minsheng.EINVALID, "unknown channel %q", *f.Channel)
		}
		ps = append(ps, ticket.ChannelEQ(*f.Channel))
	}
	switch len(ps) {
	case 0:
		return nil, nil
	case 1:
		return ps[0], nil
	}
	return ticket.And(ps...), nil
}

// descendants returns id and every node below it in a tree read by kids,
// after checking with get that the caller sees id.
func (r *Reader) descendants(ctx context.Context, id int, kids func(context.Context) (map[int][]int, error), get func(context.Context, int) error) ([]int, error) {
	if err := get(ctx, id); err != nil {
		return nil, notFound(err, "filter", id)
	}
	tree, err := kids(ctx)
	if err != nil {
		return nil, err
	}
	out, seen := []int{id}, map[int]bool{id: true}
	for i := 0; i < len(out); i++ {
		for _, k := range tree[out[i]] {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out, nil
}

func notFound(err error, what string, id int) error {
	if ent.IsNotFound(err) {
		return minsheng.Errorf(minsheng.ENOTFOUND, "no %s %d in this tenant", what, id)
	}
	return err
}
