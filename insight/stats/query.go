package stats

import (
	"context"
	stdsql "database/sql"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"

	"github.com/minsheng/minsheng/calendar"
)

// repeatPredicate is the SQL condition, on the table tickets, of a ticket
// marked as a repeat of an earlier one (重复件) by insight/patterns: a mark
// staff have not rejected counts, a pending one included, so the figure is
// there the day the case arrives.
func repeatPredicate() string {
	return "tickets.repeat_of_id IS NOT NULL AND COALESCE(tickets.repeat_state, 'PENDING') <> 'REJECTED'"
}

// groupCasePredicate is the SQL condition, on the table tickets, of a
// ticket that is part of a group case (群体件).
func groupCasePredicate() string {
	return "tickets.group_case_id IS NOT NULL"
}

// The ticket statuses in which a department still holds the ticket, so that
// its deadline runs.
var workingStatuses = []string{"DISPATCHED", "ACCEPTED", "IN_PROGRESS", "RETURNED", "REOPENED", "SUSPENDED"}

var zonePattern = regexp.MustCompile(`^[A-Za-z0-9_/+-]{1,64}$`)

// instant is the start of local day d as an SQL literal both databases read
// (and, on SQLite, the text form its instants are stored in, so text order
// is time order).
func (e *env) instant(d calendar.Day) string {
	return sqlTime(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, e.loc))
}

func sqlTime(t time.Time) string {
	return "'" + t.UTC().Format("2006-01-02 15:04:05.999999999-07:00") + "'"
}

// localDay is the SQL expression of the tenant's date (YYYY-MM-DD) of the
// instant expression col. PostgreSQL converts with the zone's name; SQLite
// has no zone database, so the offsets in force from `from` to `until` are
// written out (one in most of China's tenants: no daylight saving).
func (e *env) localDay(col string, from, until time.Time) string {
	if e.scope.dialect == dialect.Postgres {
		name := e.loc.String()
		if !zonePattern.MatchString(name) {
			name = "UTC"
		}
		return fmt.Sprintf("to_char((%s) AT TIME ZONE '%s', 'YYYY-MM-DD')", col, name)
	}
	type seg struct {
		end time.Time // zero: open
		off int
	}
	var segs []seg
	for t, n := from, 0; n < 64; n++ {
		_, off := t.In(e.loc).Zone()
		_, end := t.In(e.loc).ZoneBounds()
		if end.IsZero() || !end.Before(until) {
			segs = append(segs, seg{off: off})
			break
		}
		segs = append(segs, seg{end: end, off: off})
		t = end
	}
	day := func(off int) string { return fmt.Sprintf("date(%s, '%+d minutes')", col, off/60) }
	if len(segs) == 1 {
		return day(segs[0].off)
	}
	var b strings.Builder
	b.WriteString("CASE")
	for _, s := range segs {
		if s.end.IsZero() {
			fmt.Fprintf(&b, " ELSE %s END", day(s.off))
			return b.String()
		}
		fmt.Fprintf(&b, " WHEN %s < %s THEN %s", col, sqlTime(s.end), day(s.off))
	}
	fmt.Fprintf(&b, " ELSE %s END", day(segs[len(segs)-1].off))
	return b.String()
}

// inner is the per-ticket selection of the cohort of p: the raw keys k0…,
// and the facts each metric counts. slim keeps only what the handling time
// needs.
func (e *env) inner(p period, dims []Dimension, f *filterSet, now time.Time, slim bool) (string, []any) {
	start := time.Date(p.from.Year, p.from.Month, p.from.Day, 0, 0, 0, 0, e.loc).AddDate(0, 0, -1)
	until := now.AddDate(0, 0, 2)
	if end := time.Date(p.to.Year, p.to.Month, p.to.Day, 0, 0, 0, 0, e.loc).AddDate(0, 0, 2); end.After(until) {
		until = end
	}
	regDay := e.localDay("tickets.registered_at", start, until)
	var cols []string
	for i, d := range dims {
		c := e.rawColumn(d)
		if c == "" {
			c = regDay
		} else {
			c = strings.Replace(c, "t.", "tickets.", 1)
		}
		cols = append(cols, fmt.Sprintf("%s AS k%d", c, i))
	}
	// The facts each metric counts are columns of the ticket, kept by
	// workflow (workflow/facts.go): no probe of events, replies or
	// callbacks per ticket.
	var local []string
	for id, d := range e.depts {
		if slices.Contains(localKinds, d.Kind) {
			local = append(local, strconv.Itoa(id))
		}
	}
	slices.Sort(local)
	localCond := "1=0"
	if len(local) > 0 {
		localCond = "tickets.department_id IN (" + strings.Join(local, ", ") + ")"
	}
	cols = append(cols,
		"tickets.status AS status",
		"tickets.first_dispatched_at AS disp",
		"tickets.last_replied_at AS last_reply",
	)
	if !slim {
		cols = append(cols,
			"tickets.due_at AS due_at",
			"tickets.accepted_timely AS accepted_timely",
			"tickets.reached_yellow AS reached_yellow",
			"tickets.reached_red AS reached_red",
			"tickets.returned_count AS returned_count",
			"tickets.reopened_count AS reopened_count",
			"tickets.last_reply_complete AS last_reply_complete",
			"tickets.callback_count AS callback_count",
			"tickets.last_callback_satisfied AS last_callback_satisfied",
			"tickets.last_callback_solved AS last_callback_solved",
			"tickets.supervised AS supervised",
			"tickets.instructed_count AS instructed_count",
			"CASE WHEN "+repeatPredicate()+" THEN 1 ELSE 0 END AS rep",
			"CASE WHEN "+groupCasePredicate()+" THEN 1 ELSE 0 END AS grp",
			"CASE WHEN "+localCond+" THEN 1 ELSE 0 END AS local",
		)
	}
	where := e.cohort(p, f, regDay)
	if slim {
		where = append(where, "tickets.status = 'CLOSED'") // the handling time is of closed tickets
	}
	q := "SELECT " + strings.Join(cols, ", ") + " FROM tickets WHERE " + strings.Join(where, " AND ")
	return q, slices.Clone(e.scope.args)
}

// cohort is the conditions, on the table tickets, of the tickets of p in
// the caller's scope that pass f; regDay is the local day of registration.
func (e *env) cohort(p period, f *filterSet, regDay string) []string {
	where := []string{"(" + e.scope.where + ")",
		"tickets.status <> 'DRAFT'",
		"tickets.registered_at >= " + e.instant(p.from),
		"tickets.registered_at < " + e.instant(p.to.AddDays(1)),
	}
	for _, w := range f.where {
		where = append(where, strings.ReplaceAll(w, "t.", "tickets."))
	}
	if f.days != nil {
		var in []string
		for d := range f.days {
			in = append(in, "'"+d+"'")
		}
		slices.Sort(in)
		if len(in) == 0 {
			where = append(where, "1=0")
		} else {
			where = append(where, regDay+" IN ("+strings.Join(in, ",")+")")
		}
	}
	return where
}

// querier runs SQL: the client, or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*stdsql.Rows, error)
}

// reader is where a request's aggregates run. On PostgreSQL, a read-only
// transaction: one snapshot for all of them, and no JIT compilation (the
// planner's estimate of the correlated subqueries crosses jit_above_cost,
// and compiling took longer than running). done ends it.
func (s *Service) reader(ctx context.Context, e *env) (db querier, done func(), err error) {
	if e.scope.dialect != dialect.Postgres {
		return s.client, func() {}, nil
	}
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return nil, nil, errf(err, "begin")
	}
	if _, err := tx.ExecContext(ctx, "SET TRANSACTION READ ONLY"); err != nil {
		tx.Rollback()
		return nil, nil, errf(err, "read only")
	}
	if _, err := tx.ExecContext(ctx, "SET LOCAL jit = off"); err != nil {
		tx.Rollback()
		return nil, nil, errf(err, "jit off")
	}
	return tx, func() { tx.Rollback() }, nil
}

// aggregate computes the raw groups of p by dims (raw columns), with f.
func (s *Service) aggregate(ctx context.Context, db querier, e *env, p period, dims []Dimension, f *filterSet) ([]group, error) {
	now := s.now()
	inner, args := e.inner(p, dims, f, now, false)
	var keys []string
	for i := range dims {
		keys = append(keys, "k"+strconv.Itoa(i))
	}
	sum := func(cond string) string { return "COALESCE(SUM(CASE WHEN " + cond + " THEN 1 ELSE 0 END), 0)" }
	total := func(col string) string { return "COALESCE(SUM(" + col + "), 0)" }
	var working []string
	for _, st := range workingStatuses {
		working = append(working, "'"+st+"'")
	}
	metrics := []string{
		"COUNT(*)",
		sum("disp IS NOT NULL"),
		sum("accepted_timely"),
		sum("status = 'CLOSED'"),
		sum("status = 'CLOSED' AND (due_at IS NULL OR (last_reply IS NOT NULL AND last_reply <= due_at))"),
		sum("due_at IS NOT NULL AND ((status IN ('REPLIED', 'CLOSED') AND last_reply > due_at) OR (status IN (" + strings.Join(working, ", ") + ") AND due_at < " + sqlTime(now) + "))"),
		sum("reached_yellow"), sum("reached_red"), sum("returned_count > 0"), sum("reopened_count > 0"),
		sum("last_reply IS NOT NULL"),
		sum("last_reply IS NOT NULL AND last_reply_complete"),
		sum("callback_count > 0"),
		sum("callback_count > 0 AND last_callback_satisfied"),
		sum("callback_count > 0 AND last_callback_solved"),
		sum("supervised"), sum("instructed_count > 0"), total("rep"), total("grp"),
		sum("status = 'CLOSED' AND local = 1"),
	}
	q := "SELECT " + strings.Join(append(slices.Clone(keys), metrics...), ", ") + " FROM (" + inner + ") x"
	if len(keys) > 0 {
		q += " GROUP BY " + strings.Join(keys, ", ")
	}
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, errf(err, "aggregate")
	}
	defer rows.Close()
	var out []group
	index := map[string]int{}
	for rows.Next() {
		raw := make([]any, len(keys))
		var c [20]int64
		dest := make([]any, 0, len(keys)+len(c))
		for i := range raw {
			dest = append(dest, &raw[i])
		}
		for i := range c {
			dest = append(dest, &c[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, errf(err, "aggregate scan")
		}
		if c[0] == 0 {
			continue
		}
		g := group{raw: make([]string, len(keys))}
		for i, v := range raw {
			g.raw[i] = rawString(v)
		}
		m := &g.m
		for i, dst := range []*int{&m.Received, &m.Dispatched, &m.AcceptedTimely, &m.Closed, &m.ClosedOnTime, &m.Overdue,
			&m.Yellow, &m.Red, &m.Returned, &m.Reopened, &m.Replied, &m.CompleteReplies, &m.Callbacks, &m.Satisfied, &m.Solved,
			&m.Supervised, &m.Instructed, &m.Repeats, &m.GroupCases, &m.LocalResolved} {
			*dst = int(c[i])
		}
		index[strings.Join(g.raw, "\x00")] = len(out)
		out = append(out, g)
	}
	if err := rows.Err(); err != nil {
		return nil, errf(err, "aggregate rows")
	}
	rows.Close()
	if len(out) == 0 {
		return out, nil
	}
	// Handling time: working days from the first dispatch to the last
	// reply of each closed ticket, summed per group as Σ ordinal(end) −
	// Σ ordinal(start), from a histogram of the two days.
	slim, sargs := e.inner(p, dims, f, now, true)
	start := time.Date(p.from.Year, p.from.Month, p.from.Day, 0, 0, 0, 0, e.loc).AddDate(0, 0, -1)
	until := now.AddDate(0, 0, 2)
	if end := time.Date(p.to.Year, p.to.Month, p.to.Day, 0, 0, 0, 0, e.loc).AddDate(0, 0, 2); end.After(until) {
		until = end
	}
	cond := " FROM (" + slim + ") x WHERE status = 'CLOSED' AND disp IS NOT NULL AND last_reply IS NOT NULL"
	kcols := ""
	for _, k := range keys {
		kcols += k + ", "
	}
	hq := "SELECT " + kcols + "d, SUM(s) FROM (SELECT " + kcols + e.localDay("last_reply", start, until) + " AS d, 1 AS s" + cond +
		" UNION ALL SELECT " + kcols + e.localDay("disp", start, until) + " AS d, -1 AS s" + cond + ") h GROUP BY " + kcols + "d"
	hargs := sargs
	if e.scope.dialect != dialect.Postgres {
		hargs = append(slices.Clone(sargs), sargs...) // ? placeholders, once per copy
	}
	hrows, err := db.QueryContext(ctx, hq, hargs...)
	if err != nil {
		return nil, errf(err, "handling time")
	}
	defer hrows.Close()
	type cell struct {
		g   int
		day calendar.Day
		n   int
	}
	var cells []cell
	for hrows.Next() {
		raw := make([]any, len(keys))
		var d any
		var n int64
		dest := make([]any, 0, len(keys)+2)
		for i := range raw {
			dest = append(dest, &raw[i])
		}
		dest = append(dest, &d, &n)
		if err := hrows.Scan(dest...); err != nil {
			return nil, errf(err, "handling scan")
		}
		var ks []string
		for _, v := range raw {
			ks = append(ks, rawString(v))
		}
		gi, ok := index[strings.Join(ks, "\x00")]
		day, err := calendar.ParseDay(rawString(d))
		if !ok || err != nil || n == 0 {
			continue
		}
		cells = append(cells, cell{gi, day, int(n)})
	}
	if err := hrows.Err(); err != nil {
		return nil, errf(err, "handling rows")
	}
	if len(cells) > 0 {
		// Ordinals: working days since the earliest day seen.
		slices.SortFunc(cells, func(a, b cell) int { return dayNumber(a.day) - dayNumber(b.day) })
		origin, ord := cells[0].day, 0
		for i := range cells {
			if i > 0 && cells[i].day != cells[i-1].day {
				ord += e.cal.WorkdaysBetween(cells[i-1].day, cells[i].day)
			}
			_ = origin
			out[cells[i].g].m.HandlingWorkdays += ord * cells[i].n
		}
	}
	return out, nil
}

// rawString is a scanned key value as text; "" for NULL.
func rawString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []byte:
		return string(x)
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case time.Time:
		return x.Format(time.DateOnly)
	default:
		return fmt.Sprint(x)
	}
}
