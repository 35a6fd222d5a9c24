package stats_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/minsheng/minsheng/calendar"
	"github.com/minsheng/minsheng/ent/callback"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/insight/rollup"
	"github.com/minsheng/minsheng/insight/stats"
	"github.com/minsheng/minsheng/viewer"
)

// rawOf is the ticket column a dimension folds ("" for time): the rollup
// answers when the grouped and filtered dimensions share one.
var rawOf = map[stats.Dimension]string{stats.Category1: "cat", stats.Category2: "cat", stats.Category3: "cat", stats.Type: "cat",
	stats.Department: "dept", stats.Region: "region", stats.Grid: "region", stats.Channel: "channel", stats.Status: "status"}

// rollupAgrees: after a random life of the tickets (department and
// category changes, closing with replies, callbacks, returns, reopens,
// merges, repeat marks set and rejected, drafts registered, bulk updates),
// each kept in the rollup by the hook in its own write, the rollup path
// gives exactly the ticket-level figures for every metric, on every
// grouping and filter it answers; the rows the hook kept are the rows a
// rebuild from the tickets gives; after a holiday is added the rollup is
// not read (its handling time would be wrong) until the backfill rebuilds
// it.
func rollupAgrees(t *testing.T, w *world) {
	c := w.e.App.DB.Client
	ctx := viewer.TenantSystemContext(context.Background(), w.tenant)
	rnd := rand.New(rand.NewPCG(29, 2026))
	ids := c.Ticket.Query().Where(ticket.CodeHasPrefix("ST-")).Order(ticket.ByID()).IDsX(ctx)
	if len(ids) < 150 {
		t.Fatalf("%d tickets to change", len(ids))
	}
	hours := func(h int) time.Duration { return time.Duration(h) * time.Hour }
	both := func(id int, at time.Time) {
		// An open ticket past its deadline gets both colours, so that the
		// running scheduler has nothing left to change between two counts.
		for _, a := range []string{"ESCALATE_YELLOW", "ESCALATE_RED"} {
			c.TimelineEvent.Create().SetTicketID(id).SetAction(a).SetAt(at).ExecX(ctx)
		}
	}
	changed := map[string]int{}
	for _, id := range ids {
		tk := c.Ticket.GetX(ctx, id)
		if tk.RegisteredAt == nil {
			continue
		}
		at := tk.RegisteredAt.Add(hours(24 * (1 + rnd.IntN(20))))
		switch k := rnd.IntN(10); k {
		case 0:
			u := c.Ticket.UpdateOne(tk)
			if d := []int{0, w.housing, w.township}[rnd.IntN(3)]; d == 0 {
				u.ClearDepartmentID()
			} else {
				u.SetDepartmentID(d)
			}
			u.ExecX(ctx)
			changed["department"]++
		case 1:
			c.Ticket.UpdateOne(tk).SetCategoryID([]int{w.catLeaf, w.catTop}[rnd.IntN(2)]).ExecX(ctx)
			changed["category"]++
		case 2:
			if tk.Status == ticket.StatusDRAFT {
				continue
			}
			c.TimelineEvent.Create().SetTicketID(id).SetAction("DISPATCH").SetAt(at.Add(-hours(20))).ExecX(ctx)
			c.Reply.Create().SetTicketID(id).SetAt(at).SetFacts("查明").SetMissing([]string{}).ExecX(ctx)
			c.Ticket.UpdateOne(tk).SetStatus(ticket.StatusCLOSED).ExecX(ctx)
			changed["close"]++
		case 3:
			if tk.Status != ticket.StatusCLOSED && tk.Status != ticket.StatusREPLIED {
				continue
			}
			c.TimelineEvent.Create().SetTicketID(id).SetAction("REOPEN").SetAt(at).ExecX(ctx)
			both(id, at)
			c.Ticket.UpdateOne(tk).SetStatus(ticket.StatusREOPENED).SetDueAt(at.Add(hours(48))).ExecX(ctx)
			changed["reopen"]++
		case 4:
			if tk.Status == ticket.StatusDRAFT {
				continue
			}
			c.Ticket.UpdateOne(tk).SetStatus(ticket.StatusMERGED).ExecX(ctx)
			changed["merge"]++
		case 5:
			c.Callback.Create().SetTicketID(id).SetSatisfaction([]callback.Satisfaction{callback.SatisfactionSATISFIED,
				callback.SatisfactionDISSATISFIED}[rnd.IntN(2)]).SetSolved(rnd.IntN(2) == 0).SetAt(at).ExecX(ctx)
			changed["callback"]++
		case 6:
			if tk.Status == ticket.StatusDRAFT {
				continue
			}
			c.TimelineEvent.Create().SetTicketID(id).SetAction("RETURN").SetAt(at).ExecX(ctx)
			both(id, at)
			c.Ticket.UpdateOne(tk).SetStatus(ticket.StatusRETURNED).SetDueAt(at.Add(hours(24))).ExecX(ctx)
			changed["return"]++
		case 7:
			state := []ticket.RepeatState{ticket.RepeatStatePENDING, ticket.RepeatStateREJECTED}[rnd.IntN(2)]
			c.Ticket.UpdateOne(tk).SetRepeatOfID(ids[0]).SetRepeatScore(0.7).SetRepeatReason("同一人，同一事项").SetRepeatState(state).ExecX(ctx)
			changed["repeat"]++
		case 8:
			if tk.Status != ticket.StatusDRAFT {
				continue
			}
			c.Ticket.UpdateOne(tk).SetStatus(ticket.StatusREGISTERED).ExecX(ctx)
			changed["register draft"]++
		case 9:
			// A bulk update: the hook reads the tickets its predicate names.
			c.Ticket.Update().Where(ticket.IDIn(id, ids[rnd.IntN(len(ids))])).SetSupervised(true).ExecX(ctx)
			changed["bulk supervise"]++
		}
	}
	t.Logf("changes: %v", changed)
	fast, ref := service(w.e), stats.TicketLevel(service(w.e))
	day := func(y int, m time.Month, d int) calendar.Day { return calendar.Day{Year: y, Month: m, Day: d} }
	periods := [][2]calendar.Day{
		{day(2025, time.March, 1), day(2025, time.March, 31)},
		{day(2025, time.January, 1), day(2025, time.December, 31)},
		{day(2024, time.February, 29), day(2024, time.June, 30)},
	}
	groupings := [][]stats.Dimension{nil, {stats.Department}, {stats.Category1}, {stats.Category2}, {stats.Category3}, {stats.Type},
		{stats.Status}, {stats.Channel}, {stats.Region}, {stats.Grid}, {stats.Week}, {stats.Month}, {stats.Day},
		{stats.Department, stats.Day}, {stats.Month, stats.Category1}, {stats.Department, stats.Channel}}
	filters := [][]stats.Filter{nil,
		{{Dimension: stats.Department, Values: []string{fmt.Sprint(w.housing)}}},
		{{Dimension: stats.Category1, Values: []string{fmt.Sprint(w.catTop)}}},
		{{Dimension: stats.Month, Values: []string{"2025-03", "2024-04"}}},
	}
	compare := func(label string, wantRollup func(in stats.Input) bool) int {
		used := 0
		for _, p := range periods {
			for _, g := range groupings {
				for _, fl := range filters {
					in := stats.Input{From: p[0], To: p[1], GroupBy: g, Filter: fl}
					uses, err := stats.UsesRollup(w.analyst, fast, in)
					if err != nil {
						t.Fatal(err)
					}
					if wantRollup != nil && uses != wantRollup(in) {
						t.Errorf("%s: %v by %v (filter %v): rollup used %v", label, p, g, fl, uses)
					}
					if uses {
						used++
					}
					a, err := fast.Statistics(w.analyst, in)
					if err != nil {
						t.Fatal(err)
					}
					b, err := ref.Statistics(w.analyst, in)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(a, b) {
						t.Errorf("%s: %v by %v (filter %v): served\n%s\nticket level\n%s", label, p, g, fl, dump(a), dump(b))
					}
				}
			}
		}
		return used
	}
	answerable := func(in stats.Input) bool {
		col := ""
		var dims []stats.Dimension
		dims = append(dims, in.GroupBy...)
		for _, f := range in.Filter {
			dims = append(dims, f.Dimension)
		}
		times := 0
		for _, d := range in.GroupBy {
			if rawOf[d] == "" {
				times++
			}
		}
		for _, d := range dims {
			r := rawOf[d]
			if r == "" {
				continue
			}
			if col != "" && col != r {
				return false
			}
			col = r
		}
		return times < 2
	}
	if n := compare("kept by the hook", answerable); n < 100 {
		t.Errorf("the rollup answered only %d requests", n)
	}
	// A department leader's scope is not a key of the rollup.
	if uses, err := stats.UsesRollup(w.deptLeader, fast, stats.Input{From: periods[1][0], To: periods[1][1], GroupBy: []stats.Dimension{stats.Department}}); err != nil || uses {
		t.Errorf("a department leader's figures from the rollup: %v %v", uses, err)
	}

	// The hook's rows are the rebuild's.
	rows := func() string { return rollupRows(t, w) }
	kept := rows()
	if err := rollup.Rebuild(context.Background(), c, w.tenant); err != nil {
		t.Fatal(err)
	}
	if rebuilt := rows(); rebuilt != kept || len(rebuilt) == 0 {
		t.Errorf("rows kept by the hook differ from a rebuild:\n%s\n---\n%s", kept, rebuilt)
	}

	// A holiday added: not read until rebuilt (by the queue within a
	// minute, or here), then read again, and right.
	c.CalendarDay.Create().SetDate("2025-03-04").SetWorkday(false).SetNote("区庆").ExecX(ctx)
	year := stats.Input{From: periods[1][0], To: periods[1][1], GroupBy: []stats.Dimension{stats.Department}}
	if uses, err := stats.UsesRollup(w.analyst, fast, year); err != nil || uses {
		t.Errorf("a stale rollup answered: %v %v", uses, err)
	}
	compare("after a holiday", nil) // the queue may rebuild meanwhile: right either way
	if n, err := rollup.Backfill(context.Background(), c); err != nil || n > 1 {
		t.Fatalf("backfill rebuilt %d tenants: %v", n, err)
	}
	if n, err := rollup.Backfill(context.Background(), c); err != nil || n != 0 {
		t.Errorf("a second backfill rebuilt %d tenants: %v", n, err)
	}
	compare("rebuilt", answerable)
}

// rollupRows is the tenant's rollup rows (those counting a ticket), as text.
func rollupRows(t *testing.T, w *world) string {
	t.Helper()
	r, err := w.e.App.DB.SQL.Query(fmt.Sprintf("SELECT dim, day, key, %s FROM stats_rollups WHERE tenant_id = %d AND received <> 0 ORDER BY dim, day, key",
		strings.Join(rollup.Columns, ", "), w.tenant))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out []string
	for r.Next() {
		v := make([]any, 3+len(rollup.Columns))
		p := make([]any, len(v))
		for i := range v {
			p[i] = &v[i]
		}
		if err := r.Scan(p...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(v...))
	}
	return strings.Join(out, "\n")
}
