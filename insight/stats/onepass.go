package stats

// One query for the counts of a request. A statistics call needs three
// periods (the one asked for, the one before, the one a year before), and
// for each the counts, the handling time and the persons. Asked one by one
// that was eleven reads of the period's tickets (2025 by department on
// PostgreSQL, 2,000,000 tickets: 24 s). onePass reads each distinct period
// once (a year's year before is the period before) and computes every
// count of every period in one query, the handling time included: each
// day's working-day ordinal is passed in with the query (a constant array
// on PostgreSQL, a fixed-width string on SQLite), so the database sums
// ordinal(last reply) − ordinal(first dispatch) per group instead of
// sending a histogram of days back. Persons (distinct, not additive) take
// one more read per distinct period and one for the rows.
//
// aggregate (query.go) stays the ticket-level reference: onePass falls
// back to it when a dispatch or reply lies outside the days it passed
// (clocks of tests, data from before the period), and the tests check the
// two agree.

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"

	"github.com/minsheng/minsheng/calendar"
)

// spanAfter is how many days after the later of the period and now the
// working-day ordinals reach.
const spanAfter = 62

// ordWidth is the digits of one ordinal in SQLite's string of ordinals.
const ordWidth = 6

// dayOrdinals are the working-day ordinals of the days from first to last:
// ord[i] is the working days in (first, first+i], so that ord[b] − ord[a]
// is WorkdaysBetween(a, b) as aggregate counts it.
func (e *env) dayOrdinals(first, last calendar.Day) []int {
	n := dayNumber(last) - dayNumber(first) + 1
	ord := make([]int, n)
	d := first
	for i := 1; i < n; i++ {
		next := d.AddDays(1)
		ord[i] = ord[i-1]
		if e.cal.IsWorkday(next) {
			ord[i]++
		}
		d = next
	}
	return ord
}

// dayNumberSQL is the SQL expression of the tenant's day of the instant
// col, as days since 1970-01-01.
func (e *env) dayNumberSQL(col string, from, until time.Time) string {
	if e.scope.dialect == dialect.Postgres {
		name := e.loc.String()
		if !zonePattern.MatchString(name) {
			name = "UTC"
		}
		return fmt.Sprintf("(CAST((%s) AT TIME ZONE '%s' AS date) - DATE '1970-01-01')", col, name)
	}
	return "CAST(julianday(" + e.localDay(col, from, until) + ") - 2440587.5 AS INTEGER)"
}

// ordinalSQL is the SQL expression of the working-day ordinal of the
// instant col's day, NULL outside first…first+len(ord)−1.
func (e *env) ordinalSQL(col string, first calendar.Day, ord []int, from, until time.Time) string {
	base := dayNumber(first)
	dn := e.dayNumberSQL(col, from, until)
	if e.scope.dialect == dialect.Postgres {
		parts := make([]string, len(ord))
		for i, o := range ord {
			parts[i] = strconv.Itoa(o)
		}
		// An index out of the array's bounds is NULL. ARRAY[constants] is
		// folded once when planned (a cast from text would parse the
		// array again for every row).
		return fmt.Sprintf("(ARRAY[%s]::integer[])[%s - %d]", strings.Join(parts, ","), dn, base-1)
	}
	var b strings.Builder
	for _, o := range ord {
		fmt.Fprintf(&b, "%0*d", ordWidth, o)
	}
	return fmt.Sprintf("CASE WHEN %[1]s BETWEEN %[2]d AND %[3]d THEN CAST(substr('%[4]s', (%[1]s - %[2]d) * %[5]d + 1, %[5]d) AS INTEGER) END",
		dn, base, base+len(ord)-1, b.String(), ordWidth)
}

// metricConds are the conditions aggregate counts, in the order of the
// Metrics fields it fills, on the columns of inner.
func metricConds(now time.Time) []string {
	var working []string
	for _, st := range workingStatuses {
		working = append(working, "'"+st+"'")
	}
	return []string{
		"1=1",
		"disp IS NOT NULL",
		"accepted_timely",
		"status = 'CLOSED'",
		"status = 'CLOSED' AND (due_at IS NULL OR (last_reply IS NOT NULL AND last_reply <= due_at))",
		"due_at IS NOT NULL AND ((status IN ('REPLIED', 'CLOSED') AND last_reply > due_at) OR (status IN (" + strings.Join(working, ", ") + ") AND due_at < " + sqlTime(now) + "))",
		"reached_yellow", "reached_red", "returned_count > 0", "reopened_count > 0",
		"last_reply IS NOT NULL",
		"last_reply IS NOT NULL AND last_reply_complete",
		"callback_count > 0",
		"callback_count > 0 AND last_callback_satisfied",
		"callback_count > 0 AND last_callback_solved",
		"supervised", "instructed_count > 0", "rep = 1", "grp = 1",
		"status = 'CLOSED' AND local = 1",
	}
}

// fields are m's counts in the order of metricConds.
func (m *Metrics) fields() []*int {
	return []*int{&m.Received, &m.Dispatched, &m.AcceptedTimely, &m.Closed, &m.ClosedOnTime, &m.Overdue,
		&m.Yellow, &m.Red, &m.Returned, &m.Reopened, &m.Replied, &m.CompleteReplies, &m.Callbacks, &m.Satisfied, &m.Solved,
		&m.Supervised, &m.Instructed, &m.Repeats, &m.GroupCases, &m.LocalResolved}
}

// span is the instants whose local days the expressions of ps must read
// right: from the day before the earliest period to spanAfter days after
// the latest period or now, whichever is later (a reply can follow its
// registration by weeks; one after now is a clock's doing, or a test's).
func (e *env) span(ps []period, now time.Time) (first, last calendar.Day, from, until time.Time) {
	first, last = ps[0].from, ps[0].to
	for _, p := range ps[1:] {
		if dayNumber(p.from) < dayNumber(first) {
			first = p.from
		}
		if dayNumber(p.to) > dayNumber(last) {
			last = p.to
		}
	}
	if today := calendar.DayOf(now, e.loc); dayNumber(today) > dayNumber(last) {
		last = today
	}
	first, last = first.AddDays(-1), last.AddDays(spanAfter)
	from = time.Date(first.Year, first.Month, first.Day, 0, 0, 0, 0, e.loc)
	until = time.Date(last.Year, last.Month, last.Day, 0, 0, 0, 0, e.loc)
	return first, last, from, until
}

// onePass computes the raw groups of ps[0] by dims and the totals of the
// other periods, all with f, in one query reading each distinct period
// once. ok is
// false when a closed ticket's dispatch or last reply lies outside the
// days whose ordinals were passed: the caller then asks aggregate.
func (s *Service) onePass(ctx context.Context, db querier, e *env, ps []period, dims []Dimension, f *filterSet) (cur []group, others []Metrics, ok bool, err error) {
	now := s.now()
	first, last, from, until := e.span(ps, now)
	ord := e.dayOrdinals(first, last)
	// One branch per distinct period (a year's year before is the period
	// before), tagged with the periods it stands for as a bit mask: a row
	// is then summed once per branch it falls in, by 22 plain sums (per
	// period conditions on every row, 66 sums, cost more than they saved).
	type branch struct {
		p    period
		mask int
	}
	var branches []branch
	for i, p := range ps {
		j := slices.IndexFunc(branches, func(b branch) bool { return b.p == p })
		if j < 0 {
			branches = append(branches, branch{p: p})
			j = len(branches) - 1
		}
		branches[j].mask |= 1 << i
	}
	var keys []string
	for i := range dims {
		keys = append(keys, "k"+strconv.Itoa(i))
	}
	var selects []string
	var args []any
	for _, b := range branches {
		inner, a := e.inner(b.p, dims, f, now, false)
		// inner's own local days are of its period; the ordinals need the
		// span's (the same expression on PostgreSQL and in zones without
		// daylight saving).
		sel := strings.Replace(inner, " FROM tickets WHERE ", ", "+
			e.ordinalSQL("tickets.first_dispatched_at", first, ord, from, until)+" AS od, "+
			e.ordinalSQL("tickets.last_replied_at", first, ord, from, until)+" AS orr"+
			" FROM tickets WHERE ", 1)
		sel = "SELECT " + strconv.Itoa(b.mask) + " AS pm, " + strings.TrimPrefix(sel, "SELECT ")
		selects = append(selects, sel)
		args = append(args, a...)
	}
	if e.scope.dialect == dialect.Postgres {
		// $n placeholders: every branch reads the same ones.
		args = slices.Clone(e.scope.args)
	}
	conds := metricConds(now)
	cols := []string{"pm"}
	for _, c := range conds {
		cols = append(cols, "COALESCE(SUM(CASE WHEN "+c+" THEN 1 ELSE 0 END), 0)")
	}
	handled := "status = 'CLOSED' AND disp IS NOT NULL AND last_reply IS NOT NULL"
	cols = append(cols,
		"COALESCE(SUM(CASE WHEN "+handled+" THEN orr - od ELSE 0 END), 0)",
		"COALESCE(SUM(CASE WHEN "+handled+" AND (orr IS NULL OR od IS NULL) THEN 1 ELSE 0 END), 0)")
	q := "SELECT " + strings.Join(append(slices.Clone(keys), cols...), ", ") + " FROM (" + strings.Join(selects, " UNION ALL ") + ") x" +
		" GROUP BY " + strings.Join(append(slices.Clone(keys), "pm"), ", ")
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, nil, false, errf(err, "one pass")
	}
	defer rows.Close()
	per := len(conds) + 2
	others = make([]Metrics, len(ps)-1)
	ok = true
	for rows.Next() {
		raw := make([]any, len(keys))
		var mask int64
		v := make([]int64, per)
		dest := make([]any, 0, len(keys)+1+len(v))
		for i := range raw {
			dest = append(dest, &raw[i])
		}
		dest = append(dest, &mask)
		for i := range v {
			dest = append(dest, &v[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, nil, false, errf(err, "one pass scan")
		}
		if v[per-1] != 0 {
			ok = false
		}
		if v[0] == 0 {
			continue
		}
		var m Metrics
		for j, dst := range m.fields() {
			*dst = int(v[j])
		}
		m.HandlingWorkdays = int(v[per-2])
		for i := range ps {
			if mask&(1<<i) == 0 {
				continue
			}
			if i > 0 {
				others[i-1].add(&m)
				continue
			}
			g := group{raw: make([]string, len(keys)), m: m}
			for k, r := range raw {
				g.raw[k] = rawString(r)
			}
			cur = append(cur, g)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, false, errf(err, "one pass rows")
	}
	return cur, others, ok, nil
}
