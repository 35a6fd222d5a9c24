package stats

// The rollup path. A statistics call whose rows and filters all fold from
// one raw column of the ticket (a category level or the type, the
// department, the township or grid, the channel, the status), with or
// without a day, week or month, is answered from the daily rollup
// (insight/rollup: per day of registration and raw key, each summable
// metric's sum) instead of the tickets: a year by department reads ~365 ×
// departments rows instead of the year's tickets. What the rollup cannot
// hold is read from the tickets still:
//   - overdue of the tickets a department still holds: their deadline
//     passes without any write. The rollup keeps the replied and closed
//     ones that missed it as a sum, and counts the open ones in a row set
//     of their own by deadline day: those due before today are overdue
//     now, those due after are not, and those due today are read from
//     the tickets (an index range of today's deadlines);
//   - persons (人次), distinct, which no sum of days gives (persons.go):
//     still a read of the period's tickets, the slow part at scale.
// It is used only for a caller who sees the whole tenant (a department
// leader's scope covers the tickets his department co-handles, which no
// key of the rollup says), and only when the rollup was computed with the
// tenant's calendar, zone and local departments as they are now (the
// fingerprint; after an edit, the ticket-level path until the next start
// rebuilds it).

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/minsheng/minsheng/calendar"
	"github.com/minsheng/minsheng/insight/rollup"
	"github.com/minsheng/minsheng/viewer"
)

// rollupDims maps a ticket column to its raw dimension in the rollup.
var rollupDims = map[string]string{
	"t.category_id": rollup.DimCategory, "t.department_id": rollup.DimDepartment, "t.region_id": rollup.DimRegion,
	"t.channel": rollup.DimChannel, "t.status": rollup.DimStatus,
}

// rollupPlan is how a request reads the rollup: the raw dimension (and
// its ticket column), and where each grouped dimension's raw value is (-1:
// the day).
type rollupPlan struct {
	dim, col string
	from     []int
}

// planRollup says whether the request can be answered from the rollup.
func (s *Service) planRollup(ctx context.Context, e *env, dims []Dimension, f *filterSet) *rollupPlan {
	if s.ticketLevel || s.noRollup || viewer.FromContext(ctx).TicketScope != viewer.ScopeTenant {
		return nil
	}
	p := &rollupPlan{}
	use := func(col string) bool {
		if p.col != "" && p.col != col {
			return false
		}
		p.col, p.dim = col, rollupDims[col]
		return p.dim != ""
	}
	for _, d := range dims {
		col := e.rawColumn(d)
		if col == "" {
			p.from = append(p.from, -1)
			continue
		}
		if !use(col) {
			return nil
		}
		p.from = append(p.from, 0)
	}
	if len(p.from) == 2 && p.from[0] == p.from[1] {
		return nil // two time dimensions, or two folds of one column: the ticket path
	}
	for _, r := range f.raw {
		if !use(r.col) {
			return nil
		}
	}
	if p.col == "" {
		p.col, p.dim = "t.status", rollup.DimStatus // any raw dimension sums to the total
	}
	return p
}

// fromRollup computes what onePass does, from the rollup: the raw groups of
// ps[0] by dims and the totals of the other periods. ok is false when the
// rollup is stale (another fingerprint): the caller then reads tickets.
func (s *Service) fromRollup(ctx context.Context, db querier, e *env, plan *rollupPlan, ps []period, dims []Dimension, f *filterSet) (cur []group, others []Metrics, ok bool, err error) {
	tenant := viewerTenant(ctx)
	var stored string
	rows, err := db.QueryContext(ctx, "SELECT fingerprint FROM stats_rollup_states WHERE tenant_id = "+itoa(tenant))
	if err != nil {
		return nil, nil, false, errf(err, "rollup state")
	}
	for rows.Next() {
		if err := rows.Scan(&stored); err != nil {
			rows.Close()
			return nil, nil, false, errf(err, "rollup state")
		}
	}
	rows.Close()
	if stored != e.fingerprint {
		return nil, nil, false, nil
	}
	now := s.now()
	keyConds := ""
	for _, r := range f.raw {
		if len(r.values) == 0 {
			keyConds += " AND 1=0"
			continue
		}
		var q []string
		for _, v := range r.values {
			q = append(q, "'"+strings.ReplaceAll(v, "'", "''")+"'")
		}
		keyConds += " AND key IN (" + strings.Join(q, ",") + ")"
	}
	// A row is unique by (tenant, dimension, day, key), so the rows are
	// read as they are: a GROUP BY here would only re-add single rows (and
	// hash 21 numeric sums, which spilled to disk on PostgreSQL: 60 ms
	// instead of 1.4 ms for a month by category).
	cols := rollup.Columns
	// Without a day, week or month to group or filter by, the days of a
	// key are summed in SQL: a year by department sends ~20 rows back
	// instead of ~7,000.
	byKey := f.days == nil && !slices.Contains(plan.from, -1)
	if byKey {
		cols = nil
		for _, c := range rollup.Columns {
			cols = append(cols, "SUM("+c+")")
		}
	}
	working := "'" + strings.Join(rollup.WorkingStatuses(), "', '") + "'"
	others = make([]Metrics, len(ps)-1)
	done := map[period][]group{}
	for i, p := range ps {
		gs, seen := done[p]
		if !seen {
			// The rollup's rows of the period, one per key and day.
			q := "SELECT key, day, " + strings.Join(cols, ", ") + " FROM stats_rollups WHERE tenant_id = " + itoa(tenant) +
				" AND dim = '" + plan.dim + "' AND day >= '" + p.from.String() + "' AND day <= '" + p.to.String() + "'" + keyConds
			if byKey {
				q = strings.Replace(q, "SELECT key, day,", "SELECT key, '',", 1) + " GROUP BY key"
			}
			rows, err := db.QueryContext(ctx, q)
			if err != nil {
				return nil, nil, false, errf(err, "rollup")
			}
			index := map[string]int{}
			raw := func(key, day string) []string {
				r := make([]string, len(plan.from))
				for j, from := range plan.from {
					if from < 0 {
						r[j] = day
					} else {
						r[j] = key
					}
				}
				return r
			}
			for rows.Next() {
				var key, day string
				v := make([]int64, len(cols))
				dest := []any{&key, &day}
				for j := range v {
					dest = append(dest, &v[j])
				}
				if err := rows.Scan(dest...); err != nil {
					rows.Close()
					return nil, nil, false, errf(err, "rollup scan")
				}
				if v[rollup.Received] == 0 || (f.days != nil && !f.days[day]) {
					continue
				}
				var m Metrics
				for j, dst := range m.fields() {
					*dst = int(v[j])
				}
				m.HandlingWorkdays = int(v[rollup.HandlingWorkdays])
				r := raw(key, day)
				id := strings.Join(r, "\x00")
				if n, ok := index[id]; ok {
					gs[n].m.add(&m)
					continue
				}
				index[id] = len(gs)
				gs = append(gs, group{raw: r, m: m})
			}
			err = rows.Err()
			rows.Close()
			if err != nil {
				return nil, nil, false, errf(err, "rollup rows")
			}
			// The open tickets of the period past their deadline now: those
			// due before today from the rollup's open row set (by raw key
			// and deadline day), those due today before now from the
			// tickets (an index range of today's deadlines).
			today := calendar.DayOf(now, e.loc)
			oq := "SELECT key, day, received FROM stats_rollups WHERE tenant_id = " + itoa(tenant) +
				" AND dim = '" + rollup.OpenDim(plan.dim) + "' AND day >= '" + p.from.String() + "' AND day <= '" + p.to.String() + "'"
			if byKey {
				// The key is "raw|due day": what was due before today, by raw key.
				raw := "substr(key, 1, length(key) - 11)"
				oq = strings.Replace(oq, "SELECT key, day, received", "SELECT "+raw+", '', SUM(received)", 1) +
					" AND substr(key, length(key) - 9) < '" + today.String() + "' GROUP BY " + raw
			}
			orows, err := db.QueryContext(ctx, oq)
			if err != nil {
				return nil, nil, false, errf(err, "open overdue")
			}
			for orows.Next() {
				var k, d string
				var n int64
				if err := orows.Scan(&k, &d, &n); err != nil {
					orows.Close()
					return nil, nil, false, errf(err, "open overdue scan")
				}
				key, due, _ := strings.Cut(k, "|")
				if byKey {
					key, due = k, "" // summed in SQL, due before today
				}
				if n == 0 || due >= today.String() || !f.keeps(key) || (f.days != nil && !f.days[d]) {
					continue
				}
				j, ok := index[strings.Join(raw(key, d), "\x00")]
				if !ok {
					orows.Close()
					return nil, nil, false, nil // the rollup lags: not to be trusted
				}
				gs[j].m.Overdue += int(n)
			}
			err = orows.Err()
			orows.Close()
			if err != nil {
				return nil, nil, false, errf(err, "open overdue rows")
			}
			start, until := e.localSpan(p, now)
			regDay := e.localDay("tickets.registered_at", start, until)
			where := e.cohort(p, f, regDay)
			midnight := time.Date(today.Year, today.Month, today.Day, 0, 0, 0, 0, e.loc)
			where = append(where, "tickets.status IN ("+working+")", "tickets.due_at >= "+sqlTime(midnight), "tickets.due_at < "+sqlTime(now))
			col := strings.Replace(plan.col, "t.", "tickets.", 1)
			tq := "SELECT " + col + ", " + regDay + ", COUNT(*) FROM tickets WHERE " + strings.Join(where, " AND ") + " GROUP BY " + col + ", " + regDay
			trows, err := db.QueryContext(ctx, tq, slices.Clone(e.scope.args)...)
			if err != nil {
				return nil, nil, false, errf(err, "overdue today")
			}
			for trows.Next() {
				var k, d any
				var n int64
				if err := trows.Scan(&k, &d, &n); err != nil {
					trows.Close()
					return nil, nil, false, errf(err, "overdue today scan")
				}
				j, ok := index[strings.Join(raw(rawString(k), rawString(d)), "\x00")]
				if !ok {
					trows.Close()
					return nil, nil, false, nil
				}
				gs[j].m.Overdue += int(n)
			}
			err = trows.Err()
			trows.Close()
			if err != nil {
				return nil, nil, false, errf(err, "overdue today rows")
			}
			done[p] = gs
		}
		if i == 0 {
			cur = slices.Clone(gs)
			continue
		}
		for _, g := range gs {
			others[i-1].add(&g.m)
		}
	}
	return cur, others, true, nil
}

// keeps says whether the raw key v passes every raw filter of f (those on
// other columns do not reach the rollup: planRollup).
func (f *filterSet) keeps(v string) bool {
	for _, r := range f.raw {
		if !slices.Contains(r.values, v) {
			return false
		}
	}
	return true
}

// localSpan is the instants whose local days the registration day of p's
// tickets must read right (as inner's).
func (e *env) localSpan(p period, now time.Time) (start, until time.Time) {
	start = time.Date(p.from.Year, p.from.Month, p.from.Day, 0, 0, 0, 0, e.loc).AddDate(0, 0, -1)
	until = now.AddDate(0, 0, 2)
	if end := time.Date(p.to.Year, p.to.Month, p.to.Day, 0, 0, 0, 0, e.loc).AddDate(0, 0, 2); end.After(until) {
		until = end
	}
	return start, until
}
