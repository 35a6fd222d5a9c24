package stats

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"
)

// 人次 (persons) counts distinct persons, the citizens and co-signers
// (联名人) of the tickets, which does not add up: one
// person with a case in two categories is one person in the total and one
// in each row. So unlike the other metrics it is not folded from raw
// groups in Go; the rows' final keys are computed in SQL (a category into
// its ancestor, a region into its township or grid, a day into its week or
// month) and the database counts the distinct persons of each.

// personKey is the SQL expression of a ticket's person: the citizen's
// ID-number hash, else the phone's hash (the number given with the ticket,
// else the citizen's), else the citizen record; NULL for an anonymous
// ticket or one without a citizen or a phone. The prefixes keep an ID hash
// from ever equalling a phone hash.
func personKey() string {
	citizen := func(col string) string {
		return "(SELECT ci." + col + " FROM citizens ci WHERE ci.id = tickets.citizen_id)"
	}
	return "CASE WHEN tickets.anonymous THEN NULL" +
		" WHEN tickets.citizen_id IS NOT NULL AND " + citizen("id_number_hash") + " IS NOT NULL THEN 'i' || " + citizen("id_number_hash") +
		" WHEN tickets.contact_phone_hash IS NOT NULL THEN 'p' || tickets.contact_phone_hash" +
		" WHEN tickets.citizen_id IS NOT NULL AND " + citizen("phone_hash") + " IS NOT NULL THEN 'p' || " + citizen("phone_hash") +
		" WHEN tickets.citizen_id IS NOT NULL THEN 'c' || CAST(tickets.citizen_id AS TEXT) END"
}

// coSignerKey is the SQL expression of a co-signer's person, over
// co_signers cs and his citizen record cc, keyed as personKey keys a
// citizen (his ID-number hash, else the phone he gave on the letter, else
// his record's phone, else his record), so a person counts once whether he
// signed first on one letter and tenth on another.
func coSignerKey() string {
	return "CASE WHEN cc.id_number_hash IS NOT NULL THEN 'i' || cc.id_number_hash" +
		" WHEN cs.phone_hash IS NOT NULL THEN 'p' || cs.phone_hash" +
		" WHEN cc.phone_hash IS NOT NULL THEN 'p' || cc.phone_hash" +
		" ELSE 'c' || CAST(cs.citizen_id AS TEXT) END"
}

// finalKey is the SQL expression of dimension d's row value (Key.Value),
// regDay the local day of registration.
func (e *env) finalKey(d Dimension, regDay string) string {
	switch d {
	case Department:
		return "CAST(tickets.department_id AS TEXT)"
	case Channel:
		return "tickets.channel"
	case Status:
		return "tickets.status"
	case Day:
		return regDay
	case Month:
		return "substr(" + regDay + ", 1, 7)"
	case Week:
		if e.scope.dialect == dialect.Postgres {
			return "to_char(date_trunc('week', CAST(" + regDay + " AS date)), 'YYYY-MM-DD')"
		}
		return "date(" + regDay + ", '-6 days', 'weekday 1')" // the Monday on or before
	}
	// Node dimensions and the type fold a raw ID: spell the fold out.
	col := strings.Replace(e.rawColumn(d), "t.", "tickets.", 1)
	var b strings.Builder
	b.WriteString("CASE " + col)
	n := 0
	for _, raw := range e.rawIDs(rawDimension(d)) {
		k := e.key(d, strconv.Itoa(raw))
		if k.Value == "" {
			continue
		}
		fmt.Fprintf(&b, " WHEN %d THEN '%s'", raw, strings.ReplaceAll(k.Value, "'", "''"))
		n++
	}
	if n == 0 {
		return "''"
	}
	b.WriteString(" ELSE '' END")
	return b.String()
}

// rawDimension is the dimension whose raw IDs d folds: the type folds
// categories.
func rawDimension(d Dimension) Dimension {
	if d == Type {
		return Category1
	}
	return d
}

// persons counts the distinct persons of p by dims (final keys joined by
// NUL → count), or, without dims, in all.
func (s *Service) persons(ctx context.Context, db querier, e *env, p period, dims []Dimension, f *filterSet) (map[string]int, int, error) {
	now := s.now()
	start := time.Date(p.from.Year, p.from.Month, p.from.Day, 0, 0, 0, 0, e.loc).AddDate(0, 0, -1)
	until := now.AddDate(0, 0, 2)
	if end := time.Date(p.to.Year, p.to.Month, p.to.Day, 0, 0, 0, 0, e.loc).AddDate(0, 0, 2); end.After(until) {
		until = end
	}
	regDay := e.localDay("tickets.registered_at", start, until)
	where := strings.Join(e.cohort(p, f, regDay), " AND ")
	var keys []string
	for _, d := range dims {
		keys = append(keys, "COALESCE("+e.finalKey(d, regDay)+", '')")
	}
	byRow := map[string]int{}
	run := func(keys []string, each func(vals []string, n int)) error {
		// Each ticket's citizen, and each of its co-signers: the union of
		// the two is every person who signed, keyed alike, then counted
		// distinct. The co-signers join a subquery of the slice's tickets,
		// so the caller's scope predicate reads the tickets table alone.
		var ks []string
		for i, k := range keys {
			ks = append(ks, k+" AS k"+strconv.Itoa(i))
		}
		cols := strings.Join(append(ks, ""), ", ")
		signers := "SELECT " + cols + personKey() + " AS person FROM tickets WHERE " + where +
			" UNION ALL SELECT " + strings.Join(append(slices.Clone(kcols(len(keys))), ""), ", ") + coSignerKey() + " AS person" +
			" FROM (SELECT " + cols + "tickets.id AS tid FROM tickets WHERE " + where + ") st" +
			" JOIN co_signers cs ON cs.ticket_id = st.tid JOIN citizens cc ON cc.id = cs.citizen_id"
		q := "SELECT " + strings.Join(append(kcols(len(keys)), "COUNT(DISTINCT person)"), ", ") + " FROM (" + signers + ") sg"
		if len(keys) > 0 {
			q += " GROUP BY " + strings.Join(kcols(len(keys)), ", ")
		}
		args := e.scope.args
		if e.scope.dialect != dialect.Postgres {
			args = append(slices.Clone(args), args...) // ? placeholders, once per copy
		}
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			return errf(err, "persons")
		}
		defer rows.Close()
		for rows.Next() {
			raw := make([]any, len(keys))
			var n int64
			dest := make([]any, 0, len(keys)+1)
			for i := range raw {
				dest = append(dest, &raw[i])
			}
			if err := rows.Scan(append(dest, &n)...); err != nil {
				return errf(err, "persons scan")
			}
			vals := make([]string, len(raw))
			for i, v := range raw {
				vals[i] = rawString(v)
			}
			each(vals, int(n))
		}
		return errf(rows.Err(), "persons rows")
	}
	total := 0
	if len(dims) == 0 {
		if err := run(nil, func(_ []string, n int) { total = n }); err != nil {
			return nil, 0, err
		}
	} else {
		if err := run(keys, func(vals []string, n int) { byRow[strings.Join(vals, "\x00")] = n }); err != nil {
			return nil, 0, err
		}
	}
	return byRow, total, nil
}

// kcols names n row keys of the persons query: k0, k1, …
func kcols(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "k" + strconv.Itoa(i)
	}
	return out
}
