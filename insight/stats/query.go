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

// within24h is the condition that instant b is at most 24 hours after a.
func (e *env) within24h(a, b string) string {
	if e.scope.dialect == dialect.Postgres {
		return fmt.Sprintf("%s <= %s + interval '24 hours'", b, a)
	}
	return fmt.Sprintf("julianday(%s) <= julianday(%s) + 1.0", b, a)
}

// complete is the condition that reply r has all five elements.
func (e *env) complete() string {
	if e.scope.dialect == dialect.Postgres {
		return "(r.missing IS NULL OR r.missing::text IN ('[]', 'null'))"
	}
	return "(r.missing IS NULL OR CAST(r.missing AS TEXT) IN ('[]', 'null'))"
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
	event := func(agg, action string) string {
		return fmt.Sprintf("(SELECT %s(e.at) FROM timeline_events e WHERE e.tenant_id = tickets.tenant_id AND e.ticket_id = tickets.id AND e.action = '%s')", agg, action)
	}
	cols = append(cols,
		"tickets.status AS status",
		event("MIN", "DISPATCH")+" AS disp",
		"(SELECT MAX(r.at) FROM replies r WHERE r.tenant_id = tickets.tenant_id AND r.ticket_id = tickets.id) AS last_reply",
	)
	if !slim {
		latest := "FROM callbacks c WHERE c.tenant_id = tickets.tenant_id AND c.ticket_id = tickets.id ORDER BY c.at DESC, c.id DESC LIMIT 1"
		var kinds []string
		for _, k := range localKinds {
			kinds = append(kinds, "'"+string(k)+"'")
		}
		// One probe of the ticket's events gives every flag, one of its
		// callbacks the latest callback's answer: a bit each.
		flags := "(SELECT SUM(DISTINCT CASE e.action WHEN 'RETURN' THEN 1 WHEN 'REOPEN' THEN 2 WHEN 'ESCALATE_YELLOW' THEN 4 " +
			"WHEN 'ESCALATE_RED' THEN 8 WHEN 'INSTRUCT' THEN 16 ELSE 0 END) FROM timeline_events e " +
			"WHERE e.tenant_id = tickets.tenant_id AND e.ticket_id = tickets.id AND e.action IN ('RETURN', 'REOPEN', 'ESCALATE_YELLOW', 'ESCALATE_RED', 'INSTRUCT'))"
		answer := "(SELECT 4 + CASE WHEN c.satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED') THEN 2 ELSE 0 END + CASE WHEN c.solved THEN 1 ELSE 0 END " + latest + ")"
		cols = append(cols,
			"tickets.due_at AS due_at",
			event("MIN", "ACCEPT")+" AS acc",
			"COALESCE("+flags+", 0) AS flags",
			"COALESCE("+answer+", 0) AS answer",
			"(SELECT CASE WHEN "+e.complete()+" THEN 1 ELSE 0 END FROM replies r WHERE r.tenant_id = tickets.tenant_id AND r.ticket_id = tickets.id ORDER BY r.at DESC, r.id DESC LIMIT 1) AS complete",
			"CASE WHEN tickets.supervised THEN 1 ELSE 0 END AS supervised",
			"CASE WHEN "+repeatPredicate()+" THEN 1 ELSE 0 END AS rep",
			"CASE WHEN "+groupCasePredicate()+" THEN 1 ELSE 0 END AS grp",
			"CASE WHEN EXISTS (SELECT 1 FROM departments d WHERE d.id = tickets.department_id AND d.kind IN ("+strings.Join(kinds, ", ")+")) THEN 1 ELSE 0 END AS local",
		)
	}
	where := []string{"(" + e.scope.where + ")",
		"tickets.status <> 'DRAFT'",
		"tickets.registered_at >= " + e.instant(p.from),
		"tickets.registered_at < " + e.instant(p.to.AddDays(1)),
	}
	if slim {
		where = append(where, "tickets.status = 'CLOSED'") // the handling time is of closed tickets
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
	q := "SELECT " + strings.Join(cols, ", ") + " FROM tickets WHERE " + strings.Join(where, " AND ")
	// Keep the per-ticket row a row: neither database may merge it into
	// the aggregate above, which would copy each correlated subquery into
	// every expression that reads its column and run it that many times.
	if e.scope.dialect == dialect.Postgres {
		q += " OFFSET 0"
	} else {
		q += " LIMIT -1 OFFSET 0"
	}
	return q, slices.Clone(e.scope.args)
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
	bit := func(col string, b int) string { return fmt.Sprintf("(%s & %d) <> 0", col, b) }
	sum := func(cond string) string { return "COALESCE(SUM(CASE WHEN " + cond + " THEN 1 ELSE 0 END), 0)" }
	total := func(col string) string { return "COALESCE(SUM(" + col + "), 0)" }
	var working []string
	for _, st := range workingStatuses {
		working = append(working, "'"+st+"'")
	}
	metrics := []string{
		"COUNT(*)",
		sum("disp IS NOT NULL"),
		sum("disp IS NOT NULL AND acc IS NOT NULL AND " + e.within24h("disp", "acc")),
		sum("status = 'CLOSED'"),
		sum("status = 'CLOSED' AND (due_at IS NULL OR (last_reply IS NOT NULL AND last_reply <= due_at))"),
		sum("due_at IS NOT NULL AND ((status IN ('REPLIED', 'CLOSED') AND last_reply > due_at) OR (status IN (" + strings.Join(working, ", ") + ") AND due_at < " + sqlTime(now) + "))"),
		sum(bit("flags", 4)), sum(bit("flags", 8)), sum(bit("flags", 1)), sum(bit("flags", 2)),
		sum("last_reply IS NOT NULL"),
		sum("last_reply IS NOT NULL AND complete = 1"),
		sum(bit("answer", 4)),
		sum(bit("answer", 2)),
		sum(bit("answer", 1)),
		total("supervised"), sum(bit("flags", 16)), total("rep"), total("grp"),
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
