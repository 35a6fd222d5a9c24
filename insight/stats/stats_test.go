package stats_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/calendar"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/callback"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/insight/rollup"
	"github.com/minsheng/minsheng/insight/stats"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

var shanghai = func() *time.Location {
	l, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return l
}()

// at is a Beijing time in 2025: at(4, 1, 9, 0) is 1 April 09:00.
func at(month, day, hour, minute int) time.Time {
	return time.Date(2025, time.Month(month), day, hour, minute, 0, 0, shanghai)
}

// fixture writes tickets of known history into a tenant, straight through
// the ent client (as the server would have written them over weeks).
type fixture struct {
	t   *testing.T
	c   *ent.Client
	ctx context.Context
	n   int
}

type tk struct {
	reg       time.Time
	status    ticket.Status
	dept      int
	cat       int
	channel   ticket.Channel
	due       time.Time
	events    map[string]time.Time // action → when
	replies   []time.Time
	missing   []string // of the last reply
	callbacks []callback.Satisfaction
	solved    []bool
	citizen   int    // 0: none
	phoneHash string // the contact phone's hash; "": none
	anonymous bool
	signers   int // citizen and co-signers; 0: 1
}

func (f *fixture) add(x tk) *ent.Ticket {
	f.t.Helper()
	f.n++
	if x.channel == "" {
		x.channel = ticket.ChannelPHONE
	}
	cr := f.c.Ticket.Create().SetCode(fmt.Sprintf("ST-%d-%04d", x.reg.Year(), f.n)).SetTitle("统计用例").
		SetChannel(x.channel).SetStatus(x.status).SetRegisteredAt(x.reg)
	if x.dept != 0 {
		cr.SetDepartmentID(x.dept)
	}
	if x.cat != 0 {
		cr.SetCategoryID(x.cat)
	}
	if !x.due.IsZero() {
		cr.SetDueAt(x.due)
	}
	if x.citizen != 0 {
		cr.SetCitizenID(x.citizen)
	}
	if x.phoneHash != "" {
		cr.SetContactPhoneHash(x.phoneHash)
	}
	cr.SetAnonymous(x.anonymous)
	if x.signers != 0 {
		cr.SetSignerCount(x.signers)
	}
	tt, err := cr.Save(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	for action, when := range x.events {
		if err := f.c.TimelineEvent.Create().SetTicketID(tt.ID).SetAction(action).SetAt(when).Exec(f.ctx); err != nil {
			f.t.Fatal(err)
		}
	}
	var last *ent.Reply
	for i, when := range x.replies {
		missing := []string{}
		if i == len(x.replies)-1 && x.missing != nil {
			missing = x.missing
		}
		if last, err = f.c.Reply.Create().SetTicketID(tt.ID).SetAt(when).SetFacts("查明").SetMissing(missing).Save(f.ctx); err != nil {
			f.t.Fatal(err)
		}
	}
	for i, s := range x.callbacks {
		cb := f.c.Callback.Create().SetTicketID(tt.ID).SetSatisfaction(s).SetSolved(x.solved[i]).
			SetAt(x.replies[len(x.replies)-1].Add(time.Duration(i+1) * time.Hour))
		if last != nil {
			cb.SetReplyID(last.ID)
		}
		if err := cb.Exec(f.ctx); err != nil {
			f.t.Fatal(err)
		}
	}
	return tt
}

type world struct {
	e                           *apptest.Env
	tenant                      int
	housing, township           int
	catLeaf, catTop             int
	analyst, deptLeader, handle context.Context
}

// seed writes the April 2025 fixture into demo-a (whose own demo tickets
// are registered today, outside these periods) and one ticket into demo-b.
//
// April 2025 in Beijing: 4–6 April are the Qingming holiday (Friday to
// Sunday), no make-up day.
func seed(t *testing.T, b storetest.Backend) *world {
	e := apptest.New(t, b)
	w := &world{e: e}
	c := e.App.DB.Client
	sys := viewer.SystemContext(context.Background())
	tn := c.Tenant.Query().Where(tenant.Code("demo-a")).OnlyX(sys)
	w.tenant = tn.ID
	ctx := viewer.TenantSystemContext(context.Background(), tn.ID)
	w.housing = c.Department.Query().Where(department.Name("住建局")).OnlyIDX(ctx)
	w.township = c.Department.Query().Where(department.Name("新街口街道")).OnlyIDX(ctx)
	w.catLeaf = c.Category.Query().Where(category.Code("01.01.02")).OnlyIDX(ctx)
	w.catTop = c.Category.Query().Where(category.Code("01")).OnlyIDX(ctx)
	f := &fixture{t: t, c: c, ctx: ctx}
	// Two citizens for 人次: A known by an ID number (and a phone), B by a
	// phone only, the number T3 was registered with too.
	personA := c.Citizen.Create().SetName("甲").SetIDNumberHash("stats-id-a").SetPhoneHash("stats-phone-a").SaveX(ctx).ID
	personB := c.Citizen.Create().SetName("乙").SetPhoneHash("stats-phone-b").SaveX(ctx).ID
	ev := func(kv ...any) map[string]time.Time {
		m := map[string]time.Time{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1].(time.Time)
		}
		return m
	}
	// T1: on time, accepted within 24 h, satisfied and solved, 2 working days.
	t1 := f.add(tk{reg: at(4, 1, 9, 0), status: ticket.StatusCLOSED, dept: w.housing, cat: w.catLeaf, due: at(4, 9, 0, 0), citizen: personA, signers: 3,
		events:  ev("DISPATCH", at(4, 1, 10, 0), "ACCEPT", at(4, 1, 15, 0), "CLOSE", at(4, 3, 18, 0)),
		replies: []time.Time{at(4, 3, 10, 0)}, callbacks: []callback.Satisfaction{callback.SatisfactionSATISFIED}, solved: []bool{true}})
	// T2: accepted after 25 h, returned once, yellow, replied after its
	// deadline across the Qingming holiday (5 working days: 3, 7, 8, 9,
	// 10 April), dissatisfied; marked as a repeat of T1 (pending: counts).
	t2 := f.add(tk{reg: at(4, 2, 9, 0), status: ticket.StatusCLOSED, dept: w.housing, cat: w.catTop, due: at(4, 9, 0, 0), citizen: personA,
		events: ev("DISPATCH", at(4, 2, 10, 0), "ACCEPT", at(4, 3, 11, 0), "RETURN", at(4, 2, 12, 0),
			"ESCALATE_YELLOW", at(4, 9, 0, 5), "CLOSE", at(4, 11, 9, 0)),
		replies: []time.Time{at(4, 10, 10, 0)}, missing: []string{"basis"},
		callbacks: []callback.Satisfaction{callback.SatisfactionDISSATISFIED}, solved: []bool{false}})
	// T3: registered at 07:00 Beijing on 3 April (still 2 April in UTC),
	// by web, in progress past its deadline, yellow then red, supervised; no
	// citizen record, but the phone number of B. (Yellow before red, as the
	// scheduler escalates: it runs during the test and would add the yellow
	// to an open ticket that lacked it, at a moment of its choosing.)
	t3 := f.add(tk{reg: at(4, 3, 7, 0), status: ticket.StatusIN_PROGRESS, dept: w.housing, channel: ticket.ChannelWEB, due: at(4, 10, 0, 0), phoneHash: "stats-phone-b",
		events: ev("DISPATCH", at(4, 3, 8, 0), "ACCEPT", at(4, 3, 9, 0), "ESCALATE_YELLOW", at(4, 10, 0, 5), "ESCALATE_RED", at(4, 12, 0, 0), "INSTRUCT", at(4, 12, 1, 0))})
	// T4: a grid report solved by the township the same day; the citizen
	// was first dissatisfied, then basically satisfied (the latest counts);
	// marked as a repeat of T3, a mark staff rejected (does not count).
	t4 := f.add(tk{reg: at(4, 28, 9, 0), status: ticket.StatusCLOSED, dept: w.township, channel: ticket.ChannelGRID, due: at(5, 7, 0, 0), citizen: personB, signers: 2,
		events:    ev("DISPATCH", at(4, 28, 9, 30), "ACCEPT", at(4, 28, 10, 0), "REOPEN", at(4, 28, 17, 0), "CLOSE", at(4, 29, 9, 0)),
		replies:   []time.Time{at(4, 28, 16, 0)},
		callbacks: []callback.Satisfaction{callback.SatisfactionDISSATISFIED, callback.SatisfactionBASICALLY_SATISFIED}, solved: []bool{false, true}})
	// T1 is a letter co-signed (联名) by C (an ID number) and D (only the
	// phone he gave on the letter); T4 is co-signed by A. C and D are two
	// more persons; A signing again is not.
	personC := c.Citizen.Create().SetName("丙").SetIDNumberHash("stats-id-c").SaveX(ctx).ID
	personD := c.Citizen.Create().SetName("丁").SaveX(ctx).ID
	c.CoSigner.Create().SetTicketID(t1.ID).SetCitizenID(personC).SetPosition(1).ExecX(ctx)
	c.CoSigner.Create().SetTicketID(t1.ID).SetCitizenID(personD).SetPosition(2).SetPhoneHash("stats-phone-d").ExecX(ctx)
	c.CoSigner.Create().SetTicketID(t4.ID).SetCitizenID(personA).SetPosition(1).ExecX(ctx)
	c.Ticket.UpdateOne(t2).SetRepeatOf(t1).SetRepeatScore(0.9).SetRepeatReason("同一人，同一事项").
		SetRepeatState(ticket.RepeatStatePENDING).ExecX(ctx)
	c.Ticket.UpdateOne(t4).SetRepeatOf(t3).SetRepeatScore(0.6).SetRepeatReason("同一人，同一事项").
		SetRepeatState(ticket.RepeatStateREJECTED).ExecX(ctx)
	// T5: a draft, never counted (though A's). T6: merged into another,
	// counted; anonymous, so no person.
	f.add(tk{reg: at(4, 15, 9, 0), status: ticket.StatusDRAFT, citizen: personA})
	f.add(tk{reg: at(4, 15, 9, 0), status: ticket.StatusMERGED, anonymous: true, phoneHash: "stats-phone-c"})
	// T7: 31 March 23:30 Beijing: the period before. T8: a year before.
	f.add(tk{reg: at(3, 31, 23, 30), status: ticket.StatusREGISTERED})
	f.add(tk{reg: at(4, 10, 9, 0).AddDate(-1, 0, 0), status: ticket.StatusREGISTERED})
	// Another tenant's ticket in April: never seen.
	other := c.Tenant.Query().Where(tenant.Code("demo-b")).OnlyX(sys)
	fb := &fixture{t: t, c: c, ctx: viewer.TenantSystemContext(context.Background(), other.ID), n: 100}
	fb.add(tk{reg: at(4, 2, 9, 0), status: ticket.StatusREGISTERED})

	as := func(name string) context.Context {
		u := c.User.Query().Where(user.Username(name)).OnlyX(ctx)
		return viewer.NewContext(context.Background(), e.App.Auth.UserViewer(u))
	}
	w.analyst, w.deptLeader, w.handle = as("analyst"), as("dept_leader"), as("handler")
	// The seeding edited the calendar and departments since start: the
	// rollup is rebuilt now rather than by the queue within a minute, so
	// that the figures below are the rollup's wherever it answers.
	if _, err := rollup.Backfill(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return w
}

func service(e *apptest.Env) *stats.Service {
	return stats.New(e.App.DB.Client).WithClock(func() time.Time { return at(5, 1, 12, 0) })
}

var april = stats.Input{From: calendar.Day{Year: 2025, Month: time.April, Day: 1}, To: calendar.Day{Year: 2025, Month: time.April, Day: 30}}

func rate(t *testing.T, name string, got *float64, want float64) {
	t.Helper()
	if got == nil || math.Abs(*got-want) > 1e-9 {
		t.Errorf("%s = %v, want %v", name, show(got), want)
	}
}

func show(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestStatistics seeds the fixture once per database and runs the checks
// on it.
func TestStatistics(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		w := seed(t, b)
		t.Run("known", func(t *testing.T) { knownFixture(t, w) })
		t.Run("rows", func(t *testing.T) { rowsAddUp(t, w) })
		t.Run("scope", func(t *testing.T) { scopeEmptyAndLimits(t, w) })
		t.Run("ranking", func(t *testing.T) { ranking(t, w) })
		t.Run("persons", func(t *testing.T) { persons(t, w) })
		t.Run("backfill", func(t *testing.T) { backfill(t, w) })
		t.Run("one pass", func(t *testing.T) { onePassAgrees(t, w) }) // it adds tickets
		t.Run("rollup", func(t *testing.T) { rollupAgrees(t, w) })    // it changes them
		t.Run("concurrent", func(t *testing.T) { concurrentChanges(t, w) })
	})
}

// Tickets written before their facts existed (as after an upgrade: the
// new columns at their defaults) get them from their history at start,
// and the figures are the same.
func backfill(t *testing.T, w *world) {
	db := w.e.App.DB.SQL
	if _, err := db.Exec(`UPDATE tickets SET facts_version = 0, first_dispatched_at = NULL, first_accepted_at = NULL,
		accepted_timely = false, last_replied_at = NULL, last_reply_complete = false, returned_count = 0, reopened_count = 0,
		instructed_count = 0, supervised_count = 0, reached_yellow = false, reached_red = false, callback_count = 0,
		last_callback_satisfied = false, last_callback_solved = false`); err != nil {
		t.Fatal(err)
	}
	// The SQL above passed the rollup by: it follows the tickets as they
	// now are (as one built at start from them would).
	if err := rollup.Rebuild(context.Background(), w.e.App.DB.Client, w.tenant); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*stats.Service{service(w.e), stats.NoRollup(service(w.e))} {
		st, err := s.Statistics(w.analyst, april)
		if err != nil {
			t.Fatal(err)
		}
		if st.Total.Closed != 3 || st.Total.Callbacks != 0 {
			t.Fatalf("facts wiped: %d closed, %d callbacks; want 3 and 0", st.Total.Closed, st.Total.Callbacks)
		}
	}
	n, err := workflow.BackfillFacts(context.Background(), w.e.App.DB.Client)
	if err != nil {
		t.Fatal(err)
	}
	if n < 8 {
		t.Errorf("backfilled %d tickets, want every one (at least the fixture's 8)", n)
	}
	if n, err := workflow.BackfillFacts(context.Background(), w.e.App.DB.Client); err != nil || n != 0 {
		t.Errorf("second backfill did %d (%v), want nothing left", n, err)
	}
	knownFixture(t, w) // the rollup followed the backfill (rollup.Track)
}

// 人次: A's two tickets are one person; T3 (B's phone, no citizen record)
// and T4 (B) are one; the co-signers of T1 (C by ID number, D by the phone
// he gave) are two more, and A co-signing T4 is A again; the anonymous T6
// and the draft are nobody. So five tickets (件次) are four persons, and
// rows, which count their own tickets' signers, do not add up.
func persons(t *testing.T, w *world) {
	s := service(w.e)
	for _, c := range []struct {
		dim  stats.Dimension
		want map[string]int // row label → persons
	}{
		{stats.Department, map[string]int{"住建局": 4, "新街口街道": 2, "未派发": 0}},
		{stats.Category1, map[string]int{"城乡建设": 3, "未分类": 2}},
		{stats.Week, map[string]int{"2025-03-31 周": 4, "2025-04-14 周": 0, "2025-04-28 周": 2}},
		{stats.Month, map[string]int{"2025-04": 4}},
	} {
		in := april
		in.GroupBy = []stats.Dimension{c.dim}
		st, err := s.Statistics(w.analyst, in)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, r := range st.Rows {
			got[r.Keys[0].Label] = r.Metrics.Persons
		}
		if st.Total.Persons != 4 || st.Total.Received != 5 || fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("by %s: persons %v (total %d of %d received), want %v (total 4 of 5)", c.dim, got, st.Total.Persons, st.Total.Received, c.want)
		}
		if st.Previous.Persons != 0 || st.LastYear.Persons != 0 {
			t.Errorf("by %s: previous %d, last year %d persons; want 0 (no citizens)", c.dim, st.Previous.Persons, st.LastYear.Persons)
		}
	}
	st, err := s.Statistics(w.deptLeader, april)
	if err != nil {
		t.Fatal(err)
	}
	if st.Total.Persons != 4 {
		t.Errorf("dept leader: %d persons, want 4 (A, B, C and D in 住建局)", st.Total.Persons)
	}
	// A filter narrows the co-signers with their tickets: the township's
	// one case is B's, co-signed by A.
	in := april
	in.Filter = []stats.Filter{{Dimension: stats.Department, Values: []string{strconv.Itoa(w.township)}}}
	st, err = s.Statistics(w.analyst, in)
	if err != nil {
		t.Fatal(err)
	}
	if st.Total.Persons != 2 || st.Total.Received != 1 {
		t.Errorf("township only: %d persons of %d received, want 2 of 1 (B and A)", st.Total.Persons, st.Total.Received)
	}
}

func knownFixture(t *testing.T, w *world) {
	// The analyst's figures come from the rollup (rollupAgrees checks it
	// against the tickets at length).
	if uses, err := stats.UsesRollup(w.analyst, service(w.e), april); err != nil || !uses {
		t.Errorf("April's figures not from the rollup: %v %v", uses, err)
	}
	{
		st, err := service(w.e).Statistics(w.analyst, april)
		if err != nil {
			t.Fatal(err)
		}
		m := st.Total
		counts := map[string][2]int{
			"received": {m.Received, 5}, "dispatched": {m.Dispatched, 4}, "acceptedTimely": {m.AcceptedTimely, 3},
			"closed": {m.Closed, 3}, "closedOnTime": {m.ClosedOnTime, 2}, "overdue": {m.Overdue, 2},
			"yellow": {m.Yellow, 2}, "red": {m.Red, 1}, "returned": {m.Returned, 1}, "reopened": {m.Reopened, 1},
			"replied": {m.Replied, 3}, "completeReplies": {m.CompleteReplies, 2},
			"callbacks": {m.Callbacks, 3}, "satisfied": {m.Satisfied, 2}, "solved": {m.Solved, 2},
			"supervised": {m.Supervised, 0}, "instructed": {m.Instructed, 1}, "repeats": {m.Repeats, 1},
			"localResolved": {m.LocalResolved, 1}, "handlingWorkdays": {m.HandlingWorkdays, 7},
		}
		for name, c := range counts {
			if c[0] != c[1] {
				t.Errorf("%s = %d, want %d", name, c[0], c[1])
			}
		}
		rate(t, "onTimeRate", m.OnTimeRate, 2.0/3)
		rate(t, "timelyAcceptanceRate", m.TimelyAcceptanceRate, 3.0/4)
		rate(t, "satisfactionRate", m.SatisfactionRate, 2.0/3)
		rate(t, "solvedRate", m.SolvedRate, 2.0/3)
		rate(t, "repeatRate", m.RepeatRate, 1.0/5)
		rate(t, "localResolutionRate", m.LocalResolutionRate, 1.0/3)
		rate(t, "avgHandlingWorkdays", m.AvgHandlingWorkdays, 7.0/3)
		if st.Previous.Received != 1 || st.LastYear.Received != 1 {
			t.Errorf("previous %d, last year %d received; want 1 and 1", st.Previous.Received, st.LastYear.Received)
		}
		if st.Previous.OnTimeRate != nil {
			t.Errorf("previous onTimeRate = %v with nothing closed, want null", *st.Previous.OnTimeRate)
		}
	}
}

// Every grouping's rows add up to the total, and each lands where a reader
// expects it (T3 on 3 April, Beijing's date).
func rowsAddUp(t *testing.T, w *world) {
	{
		s := service(w.e)
		for _, dims := range [][]stats.Dimension{
			{stats.Department}, {stats.Category1}, {stats.Category3}, {stats.Type}, {stats.Region}, {stats.Grid},
			{stats.Channel}, {stats.Status}, {stats.Day}, {stats.Week}, {stats.Month},
			{stats.Department, stats.Day}, {stats.Category2, stats.Channel},
		} {
			in := april
			in.GroupBy = dims
			st, err := s.Statistics(w.analyst, in)
			if err != nil {
				t.Fatalf("%v: %v", dims, err)
			}
			var sum stats.Metrics
			sum.Received, sum.Closed = 0, 0
			for _, r := range st.Rows {
				sum.Received += r.Metrics.Received
				sum.Closed += r.Metrics.Closed
				sum.Callbacks += r.Metrics.Callbacks
				sum.HandlingWorkdays += r.Metrics.HandlingWorkdays
				if len(r.Keys) != len(dims) {
					t.Fatalf("%v: row keys %v", dims, r.Keys)
				}
			}
			if sum.Received != 5 || sum.Closed != 3 || sum.Callbacks != 3 || sum.HandlingWorkdays != 7 || st.Total.Received != 5 {
				t.Errorf("%v: rows sum to %+v, total %d", dims, sum, st.Total.Received)
			}
		}
		in := april
		in.GroupBy = []stats.Dimension{stats.Day}
		st, err := s.Statistics(w.analyst, in)
		if err != nil {
			t.Fatal(err)
		}
		days := map[string]int{}
		for _, r := range st.Rows {
			days[r.Keys[0].Value] = r.Metrics.Received
		}
		want := map[string]int{"2025-04-01": 1, "2025-04-02": 1, "2025-04-03": 1, "2025-04-15": 1, "2025-04-28": 1}
		if fmt.Sprint(days) != fmt.Sprint(want) {
			t.Errorf("by day %v, want %v", days, want)
		}
		in.GroupBy = []stats.Dimension{stats.Category1}
		in.Filter = []stats.Filter{{Dimension: stats.Channel, Values: []string{"PHONE"}}}
		st, err = s.Statistics(w.analyst, in)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, r := range st.Rows {
			got[r.Keys[0].Label] = r.Metrics.Received
		}
		if got["城乡建设"] != 2 || got["未分类"] != 1 || st.Total.Received != 3 {
			t.Errorf("phone tickets by level-1 category: %v (total %d)", got, st.Total.Received)
		}
	}
}

// A department leader counts his department's tickets only; an empty period
// gives counts of 0 and null rates; bad input is refused.
func scopeEmptyAndLimits(t *testing.T, w *world) {
	{
		s := service(w.e)
		st, err := s.Statistics(w.deptLeader, april)
		if err != nil {
			t.Fatal(err)
		}
		if st.Total.Received != 3 || st.Total.Closed != 2 {
			t.Errorf("dept leader sees %d received, %d closed; want 3 and 2 (住建局 only)", st.Total.Received, st.Total.Closed)
		}
		empty := stats.Input{From: calendar.Day{Year: 2025, Month: time.June, Day: 1}, To: calendar.Day{Year: 2025, Month: time.June, Day: 30},
			GroupBy: []stats.Dimension{stats.Department}}
		st, err = s.Statistics(w.analyst, empty)
		if err != nil {
			t.Fatal(err)
		}
		m := st.Total
		if len(st.Rows) != 0 || m.Received != 0 || m.OnTimeRate != nil || m.SatisfactionRate != nil || m.RepeatRate != nil ||
			m.TimelyAcceptanceRate != nil || m.AvgHandlingWorkdays != nil || m.LocalResolutionRate != nil || m.SolvedRate != nil {
			t.Errorf("empty period: %d rows, %+v", len(st.Rows), m)
		}
		for name, in := range map[string]stats.Input{
			"reversed":   {From: april.To, To: april.From},
			"four years": {From: calendar.Day{Year: 2021, Month: 1, Day: 1}, To: calendar.Day{Year: 2025, Month: 1, Day: 1}},
			"three dims": {From: april.From, To: april.To, GroupBy: []stats.Dimension{stats.Day, stats.Channel, stats.Status}},
			"bad dim":    {From: april.From, To: april.To, GroupBy: []stats.Dimension{"COLOUR"}},
			"bad filter": {From: april.From, To: april.To, Filter: []stats.Filter{{Dimension: stats.Channel, Values: []string{"FAX"}}}},
			"bad id":     {From: april.From, To: april.To, Filter: []stats.Filter{{Dimension: stats.Department, Values: []string{"x"}}}},
		} {
			if _, err := s.Statistics(w.analyst, in); minsheng.ErrorCode(err) != minsheng.EINVALID {
				t.Errorf("%s: err %v, want BAD_USER_INPUT", name, err)
			}
		}
	}
}

func ranking(t *testing.T, w *world) {
	s := service(w.e)
	r, err := s.Ranking(w.analyst, stats.RankingInput{From: april.From, To: april.To, Unit: stats.Department})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Units) != 2 {
		t.Fatalf("units %+v, want 住建局 and 新街口街道", r.Units)
	}
	for i, u := range r.Units {
		if u.Rank != i+1 || u.Score < 0 || u.Score > 100 || len(u.Dimensions) != 6 || u.Change != nil {
			t.Errorf("unit %+v", u)
		}
	}
	if r.Units[0].ID != w.township || r.Units[1].Sample != 3 {
		t.Errorf("ranking %s (%v) then %s (%v)", r.Units[0].Name, r.Units[0].Score, r.Units[1].Name, r.Units[1].Score)
	}
	r, err = s.Ranking(w.deptLeader, stats.RankingInput{From: april.From, To: april.To, Unit: stats.Department})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Units) != 1 || r.Units[0].ID != w.housing {
		t.Errorf("dept leader's ranking %+v, want his department only", r.Units)
	}
	if _, err := s.Ranking(w.analyst, stats.RankingInput{From: april.From, To: april.To, Unit: stats.Channel}); minsheng.ErrorCode(err) != minsheng.EINVALID {
		t.Errorf("unit CHANNEL: %v", err)
	}
}

// The one-read path (all three periods, the handling time, the persons at
// once) gives exactly what counting each period by itself ticket by ticket
// gives, for every metric, over many tickets of random history spread over
// two years (so that 环比 and 同比 have tickets too), for several groupings,
// a filter and periods of a month, a quarter and a year.
func onePassAgrees(t *testing.T, w *world) {
	c := w.e.App.DB.Client
	ctx := viewer.TenantSystemContext(context.Background(), w.tenant)
	f := &fixture{t: t, c: c, ctx: ctx, n: 1000}
	rnd := rand.New(rand.NewPCG(13, 2025))
	citizens := []int{0, c.Citizen.Create().SetName("丙").SetIDNumberHash("rand-id-c").SaveX(ctx).ID,
		c.Citizen.Create().SetName("丁").SetPhoneHash("rand-phone-d").SaveX(ctx).ID}
	statuses := []ticket.Status{ticket.StatusREGISTERED, ticket.StatusDISPATCHED, ticket.StatusACCEPTED, ticket.StatusIN_PROGRESS,
		ticket.StatusREPLIED, ticket.StatusCLOSED, ticket.StatusCLOSED, ticket.StatusRETURNED, ticket.StatusREOPENED,
		ticket.StatusMERGED, ticket.StatusSUSPENDED, ticket.StatusDRAFT}
	satisfactions := []callback.Satisfaction{callback.SatisfactionSATISFIED, callback.SatisfactionBASICALLY_SATISFIED, callback.SatisfactionDISSATISFIED}
	hours := func(h int) time.Duration { return time.Duration(h) * time.Hour }
	for i := 0; i < 160; i++ {
		reg := time.Date(2024, 1, 1, 0, 0, 0, 0, shanghai).Add(hours(rnd.IntN(24 * 540)))
		x := tk{reg: reg, status: statuses[rnd.IntN(len(statuses))], dept: []int{0, w.housing, w.township}[rnd.IntN(3)],
			cat: []int{0, w.catLeaf, w.catTop}[rnd.IntN(3)], channel: []ticket.Channel{ticket.ChannelPHONE, ticket.ChannelWEB, ticket.ChannelGRID}[rnd.IntN(3)],
			citizen: citizens[rnd.IntN(3)], anonymous: rnd.IntN(8) == 0, events: map[string]time.Time{}}
		if rnd.IntN(2) == 0 {
			x.phoneHash = fmt.Sprintf("rand-phone-%d", rnd.IntN(20))
		}
		if x.status != ticket.StatusREGISTERED && x.status != ticket.StatusDRAFT {
			disp := reg.Add(hours(rnd.IntN(30)))
			x.events["DISPATCH"] = disp
			x.due = disp.Add(hours(24 * (3 + rnd.IntN(15))))
			if rnd.IntN(4) > 0 {
				x.events["ACCEPT"] = disp.Add(hours(rnd.IntN(40)))
			}
			for _, a := range []string{"RETURN", "REOPEN", "INSTRUCT", "SUPERVISE"} {
				if rnd.IntN(5) == 0 {
					x.events[a] = disp.Add(hours(rnd.IntN(100)))
				}
			}
			switch x.status {
			case ticket.StatusDISPATCHED, ticket.StatusACCEPTED, ticket.StatusIN_PROGRESS:
				// Past their deadline: the running scheduler would escalate
				// them at a moment of its choosing; give them both colours,
				// so that it has nothing left to change between the two
				// counts.
				x.events["ESCALATE_YELLOW"] = x.due.Add(time.Minute)
				x.events["ESCALATE_RED"] = x.due.Add(hours(48))
			default:
				if rnd.IntN(4) == 0 {
					x.events["ESCALATE_YELLOW"] = x.due.Add(time.Minute)
				}
			}
			for n := rnd.IntN(3); n > 0; n-- {
				x.replies = append(x.replies, disp.Add(hours(1+rnd.IntN(24*20))))
			}
			if len(x.replies) > 0 {
				slices.SortFunc(x.replies, func(a, b time.Time) int { return a.Compare(b) })
				if rnd.IntN(3) == 0 {
					x.missing = []string{"basis"}
				}
				for n := rnd.IntN(3); n > 0; n-- {
					x.callbacks = append(x.callbacks, satisfactions[rnd.IntN(3)])
					x.solved = append(x.solved, rnd.IntN(2) == 0)
				}
			}
		}
		f.add(x)
	}
	// The facts the hook kept, fact by fact as each record came, are the
	// ones a full recompute from the records gives.
	facts := func() string {
		rows, err := w.e.App.DB.SQL.Query(`SELECT id, first_dispatched_at, first_accepted_at, accepted_timely, last_replied_at,
			last_reply_complete, returned_count, reopened_count, instructed_count, supervised_count, reached_yellow, reached_red,
			callback_count, last_callback_satisfied, last_callback_solved FROM tickets ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			v := make([]any, 15)
			p := make([]any, 15)
			for i := range v {
				p[i] = &v[i]
			}
			if err := rows.Scan(p...); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(v...))
		}
		if len(out) < 160 {
			t.Fatalf("%d tickets", len(out))
		}
		return strings.Join(out, "\n")
	}
	kept := facts()
	if _, err := w.e.App.DB.SQL.Exec("UPDATE tickets SET facts_version = 0"); err != nil {
		t.Fatal(err)
	}
	if _, err := workflow.BackfillFacts(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if full := facts(); full != kept {
		t.Errorf("facts kept record by record differ from a full recompute:\n%s\n---\n%s", kept, full)
	}
	fast, ref := service(w.e), stats.TicketLevel(service(w.e))
	day := func(y int, m time.Month, d int) calendar.Day { return calendar.Day{Year: y, Month: m, Day: d} }
	periods := [][2]calendar.Day{
		{day(2025, time.March, 1), day(2025, time.March, 31)},
		{day(2025, time.January, 1), day(2025, time.March, 31)},
		{day(2025, time.January, 1), day(2025, time.December, 31)},
		{day(2024, time.February, 29), day(2024, time.June, 30)},
	}
	groupings := [][]stats.Dimension{nil, {stats.Department}, {stats.Category1}, {stats.Type}, {stats.Status}, {stats.Channel},
		{stats.Week}, {stats.Month}, {stats.Department, stats.Day}, {stats.Category2, stats.Channel}}
	filters := [][]stats.Filter{nil, {{Dimension: stats.Channel, Values: []string{"PHONE", "GRID"}}}}
	checked := 0
	for _, p := range periods {
		for _, g := range groupings {
			for _, fl := range filters {
				in := stats.Input{From: p[0], To: p[1], GroupBy: g, Filter: fl}
				a, err := fast.Statistics(w.analyst, in)
				if err != nil {
					t.Fatal(err)
				}
				b, err := ref.Statistics(w.analyst, in)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(a, b) {
					t.Errorf("%v by %v (filter %v): one pass\n%s\nticket level\n%s", p, g, fl, dump(a), dump(b))
				}
				if a.Total.Received > 0 && a.Previous.Received > 0 {
					checked++
				}
			}
		}
	}
	if checked < len(periods)*len(groupings) {
		t.Errorf("only %d of the comparisons had tickets in the period and the one before", checked)
	}
}

// dump is st's figures, a line each, rates as numbers.
func dump(st *stats.Statistics) string {
	m := func(x stats.Metrics) string {
		return fmt.Sprintf("%+v rates %v %v %v %v %v %v %v", stats.Metrics{Received: x.Received, Persons: x.Persons, Dispatched: x.Dispatched,
			AcceptedTimely: x.AcceptedTimely, Closed: x.Closed, ClosedOnTime: x.ClosedOnTime, Overdue: x.Overdue, Yellow: x.Yellow, Red: x.Red,
			Returned: x.Returned, Reopened: x.Reopened, Replied: x.Replied, CompleteReplies: x.CompleteReplies, Callbacks: x.Callbacks,
			Satisfied: x.Satisfied, Solved: x.Solved, Supervised: x.Supervised, Instructed: x.Instructed, Repeats: x.Repeats,
			GroupCases: x.GroupCases, LocalResolved: x.LocalResolved, HandlingWorkdays: x.HandlingWorkdays},
			show(x.OnTimeRate), show(x.TimelyAcceptanceRate), show(x.SatisfactionRate), show(x.SolvedRate), show(x.RepeatRate),
			show(x.LocalResolutionRate), show(x.AvgHandlingWorkdays))
	}
	out := "total " + m(st.Total) + "\nprevious " + m(st.Previous) + "\nlast year " + m(st.LastYear)
	for _, r := range st.Rows {
		out += fmt.Sprintf("\n%v %s", r.Keys, m(r.Metrics))
	}
	return out
}
