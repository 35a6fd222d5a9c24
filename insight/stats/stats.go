// Package stats owns the statistics leaders read: the metrics of the tickets
// registered in a period over any one or two dimensions (category levels,
// department, township, grid, channel, type, status, day, week, month), the
// same period before (环比) and a year before (同比), and the ranking index
// of departments and townships (矛调指数).
//
// Figures are SQL aggregates over the ticket table, computed by the
// database on SQLite and PostgreSQL alike; Go only folds the few raw groups
// (a category into its level-1 ancestor, a region into its township, a day
// into its week) and computes the rates. Tenancy and row scope come from the
// ent client's privacy rules, read in the caller's context: a department
// leader's figures cover his department's tickets only.
//
// It writes nothing.
package stats

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/calendar"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// Dimension is what rows are grouped or filtered by.
type Dimension string

// The dimensions.
const (
	Category1  Dimension = "CATEGORY1"
	Category2  Dimension = "CATEGORY2"
	Category3  Dimension = "CATEGORY3"
	Department Dimension = "DEPARTMENT"
	Region     Dimension = "REGION" // township (乡镇/街道)
	Grid       Dimension = "GRID"
	Channel    Dimension = "CHANNEL"
	Type       Dimension = "TYPE"
	Status     Dimension = "STATUS"
	Day        Dimension = "DAY"
	Week       Dimension = "WEEK"
	Month      Dimension = "MONTH"
)

// Dimensions lists every dimension.
var Dimensions = []Dimension{Category1, Category2, Category3, Department, Region, Grid, Channel, Type, Status, Day, Week, Month}

// Limits of one request.
const (
	// MaxDays is the longest period: three years.
	MaxDays = 3*366 + 1
	// MaxGroupBy is the most dimensions at once.
	MaxGroupBy = 2
	// MaxFilterValues is the most values of one filter dimension.
	MaxFilterValues = 100
)

// Filter keeps the tickets whose value of Dimension is one of Values: an ID
// (decimal) for categories, departments, regions and grids; the enum value
// for channel, type and status; YYYY-MM-DD for a day, the Monday YYYY-MM-DD
// for a week, YYYY-MM for a month.
type Filter struct {
	Dimension Dimension
	Values    []string
}

// Input is a statistics request. From and To are the tenant's dates,
// both included.
type Input struct {
	From, To calendar.Day
	GroupBy  []Dimension
	Filter   []Filter
	// SkipPersons leaves 人次 (Metrics.Persons) at 0 everywhere. It is the
	// one metric no rollup can give (distinct, not additive: persons.go),
	// so it costs a read of the period's tickets per period and one for
	// the rows — seconds for a year of a 2,000,000-ticket tenant on
	// PostgreSQL. The API sets it when the query does not select persons.
	SkipPersons bool
}

// Key is one dimension's value of a row.
type Key struct {
	Dimension Dimension
	ID        int    // the node's ID where the dimension has nodes; 0 for none
	Value     string // what a Filter takes back: the ID in decimal, the enum value or the date
	Label     string
}

// Row is one group of the statistics.
type Row struct {
	Keys    []Key
	Metrics Metrics
}

// Statistics is the answer: the rows, their total, the period just before
// of the same length (环比) and the same dates a year before (同比).
type Statistics struct {
	Rows                      []Row
	Total, Previous, LastYear Metrics
	// Filters are the request's filter values with their labels, in the
	// request's order, for a caption such as the exported table's.
	Filters []Key
}

// Service computes statistics through an ent client.
type Service struct {
	client *ent.Client
	now    func() time.Time
	// ticketLevel makes Statistics count each period by itself, the
	// reference onePass is checked against (tests).
	ticketLevel bool
	// noRollup makes Statistics read tickets even where the rollup could
	// answer (tests: the rollup is checked against onePass).
	noRollup bool
}

// New is a Service over client.
func New(client *ent.Client) *Service { return &Service{client: client, now: time.Now} }

// WithClock is s on another clock (tests).
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

// period is a range of the tenant's dates, both included.
type period struct{ from, to calendar.Day }

func (p period) days() int { return dayNumber(p.to) - dayNumber(p.from) + 1 }

// dayNumber counts days from a fixed epoch.
func dayNumber(d calendar.Day) int {
	return int(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// previous is the period of the same length just before p.
func (p period) previous() period {
	n := p.days()
	return period{p.from.AddDays(-n), p.from.AddDays(-1)}
}

// lastYear is p's dates a year before (29 February → 28 February).
func (p period) lastYear() period {
	back := func(d calendar.Day) calendar.Day {
		if d.Month == time.February && d.Day == 29 {
			return calendar.Day{Year: d.Year - 1, Month: time.February, Day: 28}
		}
		return calendar.Day{Year: d.Year - 1, Month: d.Month, Day: d.Day}
	}
	return period{back(p.from), back(p.to)}
}

// checkPeriod refuses an empty, reversed or too long period.
func checkPeriod(from, to calendar.Day) (period, error) {
	p := period{from, to}
	if from.Year < 1900 || to.Year > 9999 {
		return p, minsheng.Errorf(minsheng.EINVALID, "the period %s to %s is out of range", from, to)
	}
	if p.days() < 1 {
		return p, minsheng.Errorf(minsheng.EINVALID, "the period ends (%s) before it begins (%s)", to, from)
	}
	if p.days() > MaxDays {
		return p, minsheng.Errorf(minsheng.EINVALID, "the period %s to %s is %d days: at most three years (%d days) at once", from, to, p.days(), MaxDays)
	}
	return p, nil
}

// Statistics computes in's figures for the caller in ctx.
func (s *Service) Statistics(ctx context.Context, in Input) (*Statistics, error) {
	p, err := checkPeriod(in.From, in.To)
	if err != nil {
		return nil, err
	}
	if len(in.GroupBy) > MaxGroupBy {
		return nil, minsheng.Errorf(minsheng.EINVALID, "group by at most %d dimensions at once, not %d", MaxGroupBy, len(in.GroupBy))
	}
	for i, d := range in.GroupBy {
		if !slices.Contains(Dimensions, d) {
			return nil, minsheng.Errorf(minsheng.EINVALID, "%q is not a dimension", d)
		}
		if slices.Contains(in.GroupBy[:i], d) {
			return nil, minsheng.Errorf(minsheng.EINVALID, "dimension %s is grouped by twice", d)
		}
	}
	env, err := s.load(ctx)
	if err != nil {
		return nil, err
	}
	filter, err := env.filterSQL(in.Filter)
	if err != nil {
		return nil, err
	}
	db, done, err := s.reader(ctx, env)
	if err != nil {
		return nil, err
	}
	defer done()
	out := &Statistics{Filters: env.filterKeys(in.Filter)}
	periods := []period{p, p.previous(), p.lastYear()}
	others := []*Metrics{&out.Previous, &out.LastYear}
	var (
		raw  []group
		rest []Metrics
		ok   bool
	)
	if plan := s.planRollup(ctx, env, in.GroupBy, filter); plan != nil {
		if raw, rest, ok, err = s.fromRollup(ctx, db, env, plan, periods, in.GroupBy, filter); err != nil {
			return nil, err
		}
	}
	if !ok {
		if raw, rest, ok, err = s.onePass(ctx, db, env, periods, in.GroupBy, filter); err != nil {
			return nil, err
		}
	}
	if !ok || s.ticketLevel {
		// The reference path, one period at a time.
		if raw, err = s.aggregate(ctx, db, env, p, in.GroupBy, filter); err != nil {
			return nil, err
		}
		for i, o := range periods[1:] {
			g, err := s.aggregate(ctx, db, env, o, nil, filter)
			if err != nil {
				return nil, err
			}
			rest[i] = Metrics{}
			for _, g := range g {
				rest[i].add(&g.m)
			}
		}
	}
	for i := range rest {
		others[i].add(&rest[i])
	}
	// Fold the raw groups into the rows asked for, in the order of their
	// raw keys: raw values that fold into one row with different labels
	// (no category, a category without that level) then always give it the
	// same one, whatever order the database grouped in.
	slices.SortFunc(raw, func(a, b group) int { return slices.Compare(a.raw, b.raw) })
	index := map[string]int{}
	for _, g := range raw {
		keys := make([]Key, len(in.GroupBy))
		ids := make([]string, len(in.GroupBy))
		for i, d := range in.GroupBy {
			keys[i] = env.key(d, g.raw[i])
			ids[i] = keys[i].Value
		}
		id := strings.Join(ids, "\x00")
		n, ok := index[id]
		if !ok {
			n = len(out.Rows)
			index[id] = n
			out.Rows = append(out.Rows, Row{Keys: keys})
		}
		out.Rows[n].Metrics.add(&g.m)
		out.Total.add(&g.m)
	}
	var byRow map[string]int
	persons := make([]int, len(periods))
	if !in.SkipPersons {
		if byRow, persons, err = s.allPersons(ctx, db, env, periods, in.GroupBy, filter); err != nil {
			return nil, err
		}
	}
	out.Total.Persons, out.Previous.Persons, out.LastYear.Persons = persons[0], persons[1], persons[2]
	for i := range out.Rows {
		var vals []string
		for _, k := range out.Rows[i].Keys {
			vals = append(vals, k.Value)
		}
		out.Rows[i].Metrics.Persons = byRow[strings.Join(vals, "\x00")]
		out.Rows[i].Metrics.finish()
	}
	sortRows(out.Rows)
	out.Total.finish()
	out.Previous.finish()
	out.LastYear.finish()
	return out, nil
}

// sortRows orders rows by their keys: time keys by date, others by received
// (most first), then value.
func sortRows(rows []Row) {
	slices.SortStableFunc(rows, func(a, b Row) int {
		for i := range a.Keys {
			ka, kb := a.Keys[i], b.Keys[i]
			if ka.Value == kb.Value {
				continue
			}
			switch ka.Dimension {
			case Day, Week, Month:
				return strings.Compare(ka.Value, kb.Value)
			}
			if a.Metrics.Received != b.Metrics.Received {
				return b.Metrics.Received - a.Metrics.Received
			}
			return strings.Compare(ka.Value, kb.Value)
		}
		return 0
	})
}

// group is one raw group of the SQL aggregate: its raw key values and counts.
type group struct {
	raw []string
	m   Metrics
}

// scope is the privacy-filtered ticket selection of the caller: the
// predicate ent's interceptors and privacy rules put on a ticket query in
// ctx (tenant, row scope), rendered for the database in use, with its args.
type scope struct {
	dialect string
	where   string
	args    []any
}

// callerScope asks ent for the caller's ticket query and keeps its WHERE
// clause. The query itself runs with LIMIT 0 (it is only built to get the
// predicate), so the figures are computed on exactly the rows the caller
// may see, by the same rules as every other ticket query.
func (s *Service) callerScope(ctx context.Context) (*scope, error) {
	var sc *scope
	var out []int
	err := s.client.Ticket.Query().Limit(0).Aggregate(func(sel *entsql.Selector) string {
		sc = &scope{dialect: sel.Dialect()}
		if p := sel.P(); p != nil {
			b := entsql.Dialect(sel.Dialect()).Select().From(entsql.Table(ticket.Table)).Where(p)
			q, args := b.Query()
			_, w, _ := strings.Cut(q, " WHERE ")
			sc.where, sc.args = w, args
		}
		return "COUNT(*)"
	}).Scan(ctx, &out)
	if err != nil {
		return nil, store.Explain(err)
	}
	if sc == nil || sc.where == "" {
		// Without a tenant predicate something is wrong: refuse rather
		// than count every tenant's tickets.
		return nil, minsheng.Errorf(minsheng.EFORBIDDEN, "statistics need a tenant")
	}
	return sc, nil
}

// viewerTenant is the caller's tenant.
func viewerTenant(ctx context.Context) int { return viewer.FromContext(ctx).TenantID }

// itoa is strconv.Itoa.
func itoa(i int) string { return strconv.Itoa(i) }

// errf wraps a database error.
func errf(err error, what string) error {
	if err == nil {
		return nil
	}
	if minsheng.ErrorCode(err) != minsheng.EINTERNAL {
		return err
	}
	return fmt.Errorf("stats: %s: %w", what, err)
}

// allPersons reads 人次 by row (final keys joined by NUL, none without
// groupBy) and for each of periods, one range read each: a read of the
// three ranges at once (OR, one COUNT(DISTINCT) per period) was slower on
// both databases (SQLite scanned the whole table).
func (s *Service) allPersons(ctx context.Context, db querier, env *env, periods []period, groupBy []Dimension, filter *filterSet) (map[string]int, []int, error) {
	var byRow map[string]int
	if len(groupBy) > 0 {
		var err error
		if byRow, _, err = s.persons(ctx, db, env, periods[0], groupBy, filter); err != nil {
			return nil, nil, err
		}
	}
	persons := make([]int, len(periods))
	for i, o := range periods {
		if j := slices.Index(periods[:i], o); j >= 0 && !s.ticketLevel {
			persons[i] = persons[j]
			continue
		}
		var err error
		if _, persons[i], err = s.persons(ctx, db, env, o, nil, filter); err != nil {
			return nil, nil, err
		}
	}
	return byRow, persons, nil
}
