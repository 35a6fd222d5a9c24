package report

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/callback"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/region"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/pii"
	"github.com/minsheng/minsheng/viewer"
)

// Basic is a minimal Source over plain queries: it loads the period's
// tickets, their events and callbacks and counts in Go. It is correct but
// not fast on large tenants.
//
// The server uses Insight, which takes the summary, the ranking and the hot
// topics from insight/stats and topics and the rest from Basic; Basic's own
// hot topics (the busiest level-3 categories) and ranking (a plain stand-in
// with the same six dimensions) serve only when it is the whole source.
type Basic struct {
	Client *ent.Client
	Now    func() time.Time // nil: time.Now
}

// ShrinkSample is how many cases of the tenant's mean a unit's score is
// blended with (score' = (n·score + k·mean)/(n+k)), so a unit with a handful
// of cases never tops the list.
const ShrinkSample = 10

func (b *Basic) now() time.Time {
	if b.Now != nil {
		return b.Now()
	}
	return time.Now()
}

// facts are what one ticket contributes to a period.
type facts struct {
	t                                   *ent.Ticket
	received, closed, onTime, late      bool
	returned, reopened, red             int
	callbacks, satisfied, solved        int
	dispatched, acceptedQuickly, repeat bool
}

func (f *facts) add(m *Metrics) {
	if f.received {
		m.Received++
		if f.late {
			m.Overdue++
		}
	}
	if f.closed {
		m.Closed++
		if f.onTime {
			m.ClosedOnTime++
		}
	}
	m.Red += f.red
	m.Returned += f.returned
	m.Reopened += f.reopened
	m.Callbacks += f.callbacks
	m.Satisfied += f.satisfied
	m.Solved += f.solved
}

type loaded struct {
	loc   *time.Location
	facts []*facts
}

func (b *Basic) location(ctx context.Context) (*time.Location, error) {
	tn, err := b.Client.Tenant.Get(ctx, viewer.FromContext(ctx).TenantID)
	if err != nil {
		return nil, err
	}
	return time.LoadLocation(tn.TimeZone)
}

// bounds are the instants the period's days start and end at.
func bounds(p Period, loc *time.Location) (time.Time, time.Time) {
	from := time.Date(p.From.Year(), p.From.Month(), p.From.Day(), 0, 0, 0, 0, loc)
	to := time.Date(p.To.Year(), p.To.Month(), p.To.Day(), 0, 0, 0, 0, loc).AddDate(0, 0, 1)
	return from, to
}

var counted = []string{"DISPATCH", "ACCEPT", "CLOSE", "RETURN", "REOPEN", "ESCALATE_RED"}

// load reads the tickets that count in p: registered in it, or with an
// event or a callback in it.
func (b *Basic) load(ctx context.Context, p Period) (*loaded, error) {
	loc, err := b.location(ctx)
	if err != nil {
		return nil, err
	}
	from, to := bounds(p, loc)
	tickets, err := b.Client.Ticket.Query().Where(
		ticket.StatusNEQ(ticket.StatusDRAFT),
		ticket.Or(
			ticket.And(ticket.RegisteredAtGTE(from), ticket.RegisteredAtLT(to)),
			ticket.HasEventsWith(timelineevent.AtGTE(from), timelineevent.AtLT(to), timelineevent.ActionIn(counted...)),
			ticket.HasCallbacksWith(callback.AtGTE(from), callback.AtLT(to)),
		)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("report: tickets: %w", err)
	}
	byID := make(map[int]*facts, len(tickets))
	ids := make([]int, 0, len(tickets))
	out := &loaded{loc: loc}
	citizens := map[int]int{}
	now := b.now()
	for _, t := range tickets {
		f := &facts{t: t}
		f.received = t.RegisteredAt != nil && !t.RegisteredAt.Before(from) && t.RegisteredAt.Before(to)
		if f.received && t.CitizenID != nil {
			citizens[*t.CitizenID]++
		}
		byID[t.ID] = f
		ids = append(ids, t.ID)
		out.facts = append(out.facts, f)
	}
	for _, f := range out.facts {
		if f.received && f.t.CitizenID != nil && citizens[*f.t.CitizenID] > 1 {
			f.repeat = true
		}
	}
	closedAt := map[int]time.Time{}
	dispatchAt := map[int]time.Time{}
	for chunk := range slices.Chunk(ids, 2000) {
		events, err := b.Client.TimelineEvent.Query().
			Where(timelineevent.TicketIDIn(chunk...), timelineevent.ActionIn(counted...)).
			Order(ent.Asc(timelineevent.FieldAt)).
			Select(timelineevent.FieldTicketID, timelineevent.FieldAction, timelineevent.FieldAt).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("report: events: %w", err)
		}
		for _, e := range events {
			f := byID[e.TicketID]
			in := !e.At.Before(from) && e.At.Before(to)
			switch e.Action {
			case "CLOSE":
				closedAt[e.TicketID] = e.At
				if in {
					f.closed = true
				}
			case "DISPATCH":
				if _, ok := dispatchAt[e.TicketID]; !ok {
					dispatchAt[e.TicketID] = e.At
					if f.received {
						f.dispatched = true
					}
				}
			case "ACCEPT":
				if d, ok := dispatchAt[e.TicketID]; ok && f.dispatched && e.At.Sub(d) <= 24*time.Hour {
					f.acceptedQuickly = true
				}
			case "RETURN":
				if in {
					f.returned++
				}
			case "REOPEN":
				if in {
					f.reopened++
				}
			case "ESCALATE_RED":
				if in {
					f.red++
				}
			}
		}
		cbs, err := b.Client.Callback.Query().
			Where(callback.TicketIDIn(chunk...), callback.AtGTE(from), callback.AtLT(to)).
			Select(callback.FieldTicketID, callback.FieldSatisfaction, callback.FieldSolved).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("report: callbacks: %w", err)
		}
		for _, c := range cbs {
			f := byID[c.TicketID]
			f.callbacks++
			if c.Satisfaction != callback.SatisfactionDISSATISFIED {
				f.satisfied++
			}
			if c.Solved {
				f.solved++
			}
		}
	}
	for _, f := range out.facts {
		due := f.t.DueAt
		c, wasClosed := closedAt[f.t.ID]
		if f.closed {
			f.onTime = due == nil || !c.After(*due)
		}
		if f.received && due != nil {
			open := f.t.Status != ticket.StatusCLOSED && f.t.Status != ticket.StatusMERGED
			f.late = (wasClosed && !open && c.After(*due)) || (open && now.After(*due))
		}
	}
	return out, nil
}

func (l *loaded) total() Metrics {
	var m Metrics
	for _, f := range l.facts {
		f.add(&m)
	}
	return m
}

// Summary implements Source.
func (b *Basic) Summary(ctx context.Context, p Period) (Summary, error) {
	var s Summary
	for _, x := range []struct {
		p Period
		m *Metrics
	}{{p, &s.Current}, {p.Previous(), &s.Previous}, {p.LastYear(), &s.LastYear}} {
		l, err := b.load(ctx, x.p)
		if err != nil {
			return s, err
		}
		*x.m = l.total()
	}
	return s, nil
}

// Categories implements Source.
func (b *Basic) Categories(ctx context.Context, p Period) ([]CategoryRow, error) {
	l, err := b.load(ctx, p)
	if err != nil {
		return nil, err
	}
	cats, err := b.Client.Category.Query().Select(category.FieldID, category.FieldName, category.FieldCode, category.FieldLevel, category.FieldParentID).All(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int]*ent.Category{}
	for _, c := range cats {
		byID[c.ID] = c
	}
	sums := map[int]*Metrics{}
	for _, f := range l.facts {
		for id := f.t.CategoryID; id != nil; {
			c, ok := byID[*id]
			if !ok {
				break
			}
			if sums[c.ID] == nil {
				sums[c.ID] = &Metrics{}
			}
			f.add(sums[c.ID])
			id = c.ParentID
		}
	}
	var rows []CategoryRow
	for id, m := range sums {
		c := byID[id]
		rows = append(rows, CategoryRow{Level: c.Level, Code: c.Code, Name: c.Name, Metrics: *m})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Level != rows[j].Level {
			return rows[i].Level < rows[j].Level
		}
		return rows[i].Code < rows[j].Code
	})
	return rows, nil
}

// Ranking implements Source.
func (b *Basic) Ranking(ctx context.Context, p Period, unit Unit) ([]RankedUnit, error) {
	l, err := b.load(ctx, p)
	if err != nil {
		return nil, err
	}
	names := map[int]string{}
	unitOf := func(f *facts) (int, bool) { return 0, false }
	switch unit {
	case UnitDepartment:
		deps, err := b.Client.Department.Query().All(ctx)
		if err != nil {
			return nil, err
		}
		for _, d := range deps {
			names[d.ID] = d.Name
		}
		unitOf = func(f *facts) (int, bool) {
			if f.t.DepartmentID == nil {
				return 0, false
			}
			return *f.t.DepartmentID, true
		}
	case UnitTownship:
		regs, err := b.Client.Region.Query().All(ctx)
		if err != nil {
			return nil, err
		}
		byID := map[int]*ent.Region{}
		for _, r := range regs {
			byID[r.ID] = r
			if r.Level == region.LevelSTREET {
				names[r.ID] = r.Name
			}
		}
		unitOf = func(f *facts) (int, bool) {
			for id := f.t.RegionID; id != nil; {
				r, ok := byID[*id]
				if !ok {
					return 0, false
				}
				if r.Level == region.LevelSTREET {
					return r.ID, true
				}
				id = r.ParentID
			}
			return 0, false
		}
	default:
		return nil, fmt.Errorf("report: unknown unit %q", unit)
	}
	type acc struct {
		facts []*facts
	}
	groups := map[int]*acc{}
	for _, f := range l.facts {
		id, ok := unitOf(f)
		if !ok {
			continue
		}
		if groups[id] == nil {
			groups[id] = &acc{}
		}
		groups[id].facts = append(groups[id].facts, f)
	}
	tenantDims, _, _ := dimensions(l.facts, [6]float64{100, 100, 100, 100, 100, 100})
	tenantScore := mean(tenantDims)
	var out []RankedUnit
	for id, g := range groups {
		dims, m, sample := dimensions(g.facts, tenantDims)
		if sample == 0 {
			continue
		}
		raw := mean(dims)
		score := (float64(sample)*raw + ShrinkSample*tenantScore) / float64(sample+ShrinkSample)
		out = append(out, RankedUnit{Name: names[id], Score: round1(score), Sample: sample, Dimensions: dims, Metrics: m})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Name < out[j].Name
	})
	for i := range out {
		out[i].Rank = i + 1
	}
	return out, nil
}

// dimensions are the six dimensions of a group of tickets, each 0–100; one
// without data takes the value of fallback (the tenant's).
func dimensions(fs []*facts, fallback [6]float64) ([6]float64, Metrics, int) {
	var m Metrics
	var dispatched, quick, supervised, repeats int
	for _, f := range fs {
		f.add(&m)
		if f.dispatched {
			dispatched++
			if f.acceptedQuickly {
				quick++
			}
		}
		if f.received && f.t.Supervised {
			supervised++
		}
		if f.repeat {
			repeats++
		}
	}
	share := func(num, den int) *float64 {
		if den == 0 {
			return nil
		}
		v := 100 * float64(num) / float64(den)
		return &v
	}
	inverse := func(num, den int) *float64 {
		if den == 0 {
			return nil
		}
		v := 100 * (1 - min(1, float64(num)/float64(den)))
		return &v
	}
	var eval *float64
	if s, v := m.SatisfactionRate(), m.SolvedRate(); s != nil && v != nil {
		x := 50 * (*s + *v)
		eval = &x
	}
	vals := [6]*float64{
		share(quick, dispatched),
		share(m.ClosedOnTime, m.Closed),
		inverse(m.Returned+m.Reopened, m.Received),
		eval,
		inverse(m.Red+supervised, m.Received),
		inverse(repeats, m.Received),
	}
	var dims [6]float64
	for i, v := range vals {
		if v == nil {
			dims[i] = fallback[i]
		} else {
			dims[i] = round1(*v)
		}
	}
	return dims, m, m.Received + m.Closed
}

func mean(d [6]float64) float64 {
	s := 0.0
	for _, v := range d {
		s += v
	}
	return s / float64(len(d))
}

func round1(v float64) float64 { return float64(int(v*10+0.5)) / 10 }

// Trend implements Source: received and closed tickets per month.
func (b *Basic) Trend(ctx context.Context, p Period, months int) ([]TrendPoint, error) {
	loc, err := b.location(ctx)
	if err != nil {
		return nil, err
	}
	first := time.Date(p.To.Year(), p.To.Month(), 1, 0, 0, 0, 0, loc).AddDate(0, -(months - 1), 0)
	_, end := bounds(p, loc)
	points := make([]TrendPoint, months)
	index := map[string]int{}
	for i := range points {
		label := first.AddDate(0, i, 0).Format("2006-01")
		points[i].Label = label
		index[label] = i
	}
	regs, err := b.Client.Ticket.Query().
		Where(ticket.RegisteredAtGTE(first), ticket.RegisteredAtLT(end), ticket.StatusNEQ(ticket.StatusDRAFT)).
		Select(ticket.FieldRegisteredAt).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range regs {
		if i, ok := index[t.RegisteredAt.In(loc).Format("2006-01")]; ok {
			points[i].Received++
		}
	}
	closes, err := b.Client.TimelineEvent.Query().
		Where(timelineevent.Action("CLOSE"), timelineevent.AtGTE(first), timelineevent.AtLT(end)).
		Select(timelineevent.FieldAt).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, e := range closes {
		if i, ok := index[e.At.In(loc).Format("2006-01")]; ok {
			points[i].Closed++
		}
	}
	return points, nil
}

// HotTopics implements Source. STAND-IN until insight/topics lands: the
// busiest level-3 categories, not keywords.
func (b *Basic) HotTopics(ctx context.Context, p Period, n int) ([]Topic, error) {
	count := func(p Period) (map[string]int, error) {
		rows, err := b.Categories(ctx, p)
		if err != nil {
			return nil, err
		}
		out := map[string]int{}
		for _, r := range rows {
			if r.Level == 3 {
				out[r.Name] = r.Metrics.Received
			}
		}
		return out, nil
	}
	now, err := count(p)
	if err != nil {
		return nil, err
	}
	before, err := count(p.Previous())
	if err != nil {
		return nil, err
	}
	var out []Topic
	for w, c := range now {
		if c >= 2 { // two tickets never make a topic
			out = append(out, Topic{Word: w, Tickets: c, Previous: before[w]})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Tickets != out[j].Tickets {
			return out[i].Tickets > out[j].Tickets
		}
		return out[i].Word < out[j].Word
	})
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// Cases implements Source: the period's tickets escalated to red or past
// their deadline, red first, then by deadline.
func (b *Basic) Cases(ctx context.Context, p Period, n int) ([]Case, error) {
	l, err := b.load(ctx, p)
	if err != nil {
		return nil, err
	}
	deps, err := b.Client.Department.Query().All(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int]string{}
	for _, d := range deps {
		names[d.ID] = d.Name
	}
	var out []Case
	for _, f := range l.facts {
		if f.red == 0 && !f.late {
			continue
		}
		c := Case{Code: f.t.Code, Status: string(f.t.Status), Red: f.red > 0, Late: f.late}
		c.Title, _ = pii.MaskText(f.t.Title)
		if f.t.DepartmentID != nil {
			c.Department = names[*f.t.DepartmentID]
		}
		if f.t.DueAt != nil {
			c.Due = f.t.DueAt.In(l.loc)
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Red != out[j].Red {
			return out[i].Red
		}
		if !out[i].Due.Equal(out[j].Due) {
			return out[i].Due.Before(out[j].Due)
		}
		return strings.Compare(out[i].Code, out[j].Code) < 0
	})
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}
