package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/calendar"
	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/ent/callback"
	"github.com/minsheng/minsheng/ent/categorylesson"
	"github.com/minsheng/minsheng/ent/cosigner"
	"github.com/minsheng/minsheng/ent/groupcase"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/insight/report"
	"github.com/minsheng/minsheng/insight/stats"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

// historyTickets is the history the test seeds per tenant: half the
// default, enough for every status and pattern to turn up.
const historyTickets = 1500

// TestHistory seeds the demo with a year of history and checks that a
// newcomer's first dashboard has something to show: every status (open
// ones too, some overdue), every kind of outcome, repeat and group cases
// marked by the detector, a suggester that has learnt, statistics over
// the year whose rows add up, a report with a ranking and hot topics,
// knowledge articles and watch items; and that seeding again changes
// nothing.
func TestHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		began, took := time.Now(), demo.HistoryTook
		e := apptest.NewWithHistory(t, b, historyTickets)
		t.Logf("demo with %d past tickets per tenant: started and seeded in %s, of which the history %s",
			historyTickets, time.Since(began).Round(time.Millisecond), (demo.HistoryTook - took).Round(time.Millisecond))
		c := e.App.DB.Client
		counts := map[string]int{}
		for _, code := range []string{"demo-a", "demo-b"} {
			tn := c.Tenant.Query().Where(tenant.Code(code)).OnlyX(viewer.SystemContext(context.Background()))
			ctx := viewer.TenantSystemContext(context.Background(), tn.ID)
			n := c.Ticket.Query().CountX(ctx)
			counts[code] = n
			if n < historyTickets {
				t.Errorf("%s: %d tickets", code, n)
			}
			months := map[string]bool{}
			for _, tk := range c.Ticket.Query().Select(ticket.FieldRegisteredAt).AllX(ctx) {
				months[tk.RegisteredAt.Format("2006-01")] = true
			}
			if len(months) < 13 {
				t.Errorf("%s: tickets in %d months", code, len(months))
			}
			for _, s := range []ticket.Status{ticket.StatusREGISTERED, ticket.StatusDISPATCHED, ticket.StatusACCEPTED,
				ticket.StatusIN_PROGRESS, ticket.StatusREPLIED, ticket.StatusCLOSED} {
				if n := c.Ticket.Query().Where(ticket.StatusEQ(s)).CountX(ctx); n == 0 {
					t.Errorf("%s: no ticket %s", code, s)
				}
			}
			// Open and past the deadline: yellow or red on the dashboard.
			if n := c.Ticket.Query().Where(ticket.StatusIn(ticket.StatusDISPATCHED, ticket.StatusACCEPTED, ticket.StatusIN_PROGRESS),
				ticket.DueAtLT(time.Now())).CountX(ctx); n == 0 {
				t.Errorf("%s: no open ticket past its deadline", code)
			}
			for _, action := range []string{"DISPATCH", "RETURN", "REPLY", "CALLBACK", "CLOSE", "REOPEN", "ESCALATE_YELLOW", "ESCALATE_RED",
				"SUPERVISE", "INSTRUCT", "EXTENSION_REQUEST", "EXTENSION_APPROVE"} {
				if n := c.TimelineEvent.Query().Where(timelineevent.Action(action)).CountX(ctx); n == 0 {
					t.Errorf("%s: no %s in the history", code, action)
				}
			}
			if n := c.Callback.Query().Where(callback.SatisfactionEQ(callback.SatisfactionDISSATISFIED)).CountX(ctx); n == 0 {
				t.Errorf("%s: no dissatisfied callback", code)
			}
			// The detector marked repeats and group cases; the suggester
			// learnt the dispatched categories.
			repeats := c.Ticket.Query().Where(ticket.RepeatOfIDNotNil()).CountX(ctx)
			groups := c.GroupCase.Query().Where(groupcase.SizeGTE(5)).CountX(ctx)
			lessons := c.CategoryLesson.Query().Where(categorylesson.CategoryIDNEQ(0)).CountX(ctx)
			t.Logf("%s: %d tickets, %d repeats, %d group cases of five or more, %d lessons", code, n, repeats, groups, lessons)
			if repeats == 0 || groups == 0 || lessons < n/2 {
				t.Errorf("%s: %d repeats, %d group cases, %d lessons", code, repeats, groups, lessons)
			}
			// A few letters are co-signed (联名), each co-signer a citizen
			// of the tenant once, one letter by six people: a group case.
			letters := c.Ticket.Query().Where(ticket.SignerCountGT(1)).AllX(ctx)
			six := 0
			for _, l := range letters {
				rows := c.CoSigner.Query().Where(cosigner.TicketID(l.ID)).AllX(ctx)
				if len(rows)+1 != l.SignerCount || l.Channel != ticket.ChannelLETTER {
					t.Errorf("%s: letter %s has %d co-signers, signerCount %d, channel %s", code, l.Code, len(rows), l.SignerCount, l.Channel)
				}
				if l.SignerCount == 6 && l.GroupCaseID != nil {
					six++
				}
			}
			if len(letters) != 4 || six != 1 {
				t.Errorf("%s: %d co-signed letters (want 4), %d of six signers in a group case (want 1)", code, len(letters), six)
			}
			if n := c.KnowledgeArticle.Query().CountX(ctx); n == 0 {
				t.Errorf("%s: no knowledge article", code)
			}
			if n := c.WatchItem.Query().CountX(ctx); n < 3 {
				t.Errorf("%s: %d watch items, want a person, a place and a topic", code, n)
			}

			// The year by month: rows add up to the total, and the
			// leader's figures are all there.
			today := calendar.DayOf(time.Now(), time.UTC)
			st, err := stats.New(c).Statistics(ctx, stats.Input{From: today.AddDays(-364), To: today, GroupBy: []stats.Dimension{stats.Month}})
			if err != nil {
				t.Fatal(err)
			}
			if len(st.Rows) < 12 {
				t.Errorf("%s: %d months in the year's statistics", code, len(st.Rows))
			}
			sum := stats.Metrics{}
			for _, r := range st.Rows {
				sum.Received += r.Metrics.Received
				sum.Closed += r.Metrics.Closed
				sum.Repeats += r.Metrics.Repeats
				sum.Callbacks += r.Metrics.Callbacks
			}
			m := st.Total
			if sum.Received != m.Received || sum.Closed != m.Closed || sum.Repeats != m.Repeats || sum.Callbacks != m.Callbacks {
				t.Errorf("%s: the months add up to %+v, the total is %+v", code, sum, m)
			}
			// Satisfaction counts each ticket's latest callback, and a
			// dissatisfied one is followed by a reopening and a second round
			// that ends satisfied: Satisfied < Callbacks only while a reopened
			// ticket waits for its second callback, which the history of one
			// day has and of another not (it is drawn per day in the
			// tenant's zone). The dissatisfied callbacks show as reopenings.
			if m.Received < historyTickets*8/10 || m.Repeats == 0 || m.GroupCases == 0 || m.Yellow == 0 || m.Red == 0 ||
				m.Supervised == 0 || m.Instructed == 0 || m.Returned == 0 || m.Reopened == 0 || m.Satisfied == 0 || m.Satisfied > m.Callbacks {
				t.Errorf("%s: the year's figures %+v", code, m)
			}

			// Last month's report has figures, a late case and a ranking.
			now := time.Now().UTC()
			first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
			p := report.Period{From: first, To: first.AddDate(0, 1, -1)}
			d, err := report.Collect(ctx, report.NewInsight(c, nil), p)
			if err != nil {
				t.Fatal(err)
			}
			cur := d.Summary.Current
			if cur.Received < 50 || cur.Closed == 0 || cur.Callbacks == 0 || d.Summary.Previous.Received == 0 || d.Summary.LastYear.Received == 0 {
				t.Errorf("%s: last month's figures %+v, previous %+v, a year before %+v", code, cur, d.Summary.Previous, d.Summary.LastYear)
			}
			if len(d.Topics) == 0 {
				t.Errorf("%s: no hot topic last month", code)
			}
			if len(d.Departments) < 2 || len(d.Townships) < 2 || len(d.Categories) < 3 {
				t.Errorf("%s: %d departments, %d townships, %d categories ranked", code, len(d.Departments), len(d.Townships), len(d.Categories))
			}
		}

		// Seeding again leaves the tenants as they are.
		s := e.App.Seeder()
		s.History = historyTickets
		if err := s.Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
		for _, code := range []string{"demo-a", "demo-b"} {
			tn := c.Tenant.Query().Where(tenant.Code(code)).OnlyX(viewer.SystemContext(context.Background()))
			if n := c.Ticket.Query().CountX(viewer.TenantSystemContext(context.Background(), tn.ID)); n != counts[code] {
				t.Errorf("%s: %d tickets after seeding again, %d before", code, n, counts[code])
			}
		}
	})
}

// TestHistorySnapshotChangesNothing seeds the same history twice, with
// detection reading the tenant's settings, categories, regions and
// citizens once per batch (workflow.SnapshotBatches, the default) and
// afresh for every ticket, and finds the same tickets with the same
// repeat marks and group cases; and each history ticket created when it
// was registered, not at the seeding time.
func TestHistorySnapshotChangesNothing(t *testing.T) {
	const n = 300
	type row struct {
		code, status, repeatOf string
		score                  float64
		group                  int
	}
	// One clock for both: the history is deterministic for a given clock.
	clock := time.Now()
	seeded := func(snapshot bool) map[string][]row {
		workflow.SnapshotBatches = snapshot
		defer func() { workflow.SnapshotBatches = true }()
		e := apptest.Start(t, apptest.Config(t, storetest.Backend{Name: "sqlite"}))
		s := e.App.Seeder()
		s.History, s.Now = n, func() time.Time { return clock }
		if err := s.Seed(context.Background()); err != nil {
			t.Fatalf("seed demo: %v", err)
		}
		c := e.App.DB.Client
		out := map[string][]row{}
		for _, code := range []string{"demo-a", "demo-b"} {
			tn := c.Tenant.Query().Where(tenant.Code(code)).OnlyX(viewer.SystemContext(context.Background()))
			ctx := viewer.TenantSystemContext(context.Background(), tn.ID)
			codes := map[int]string{}
			ts := c.Ticket.Query().Order(ticket.ByCode()).AllX(ctx)
			for _, tk := range ts {
				codes[tk.ID] = tk.Code
			}
			sizes := map[int]int{}
			for _, g := range c.GroupCase.Query().AllX(ctx) {
				sizes[g.ID] = g.Size
			}
			for _, tk := range ts {
				r := row{code: tk.Code, status: string(tk.Status)}
				if tk.RepeatOfID != nil {
					r.repeatOf = codes[*tk.RepeatOfID]
					r.score = *tk.RepeatScore
				}
				if tk.GroupCaseID != nil {
					r.group = sizes[*tk.GroupCaseID]
				}
				out[code] = append(out[code], r)
				if tk.RegisteredAt != nil && tk.RegisteredAt.Before(time.Now().AddDate(0, 0, -2)) && !tk.CreatedAt.Equal(*tk.RegisteredAt) {
					t.Errorf("%s: ticket %s registered %s, created %s", code, tk.Code, tk.RegisteredAt, tk.CreatedAt)
				}
			}
		}
		return out
	}
	with, without := seeded(true), seeded(false)
	for code, rows := range without {
		marks := 0
		for _, r := range rows {
			if r.repeatOf != "" || r.group > 0 {
				marks++
			}
		}
		if marks == 0 {
			t.Errorf("%s: no repeat or group mark in %d tickets: nothing to compare", code, len(rows))
		}
		if len(with[code]) != len(rows) {
			t.Fatalf("%s: %d tickets with the snapshot, %d without", code, len(with[code]), len(rows))
		}
		for i, r := range rows {
			if with[code][i] != r {
				t.Errorf("%s: with the snapshot %+v, without %+v", code, with[code][i], r)
			}
		}
	}
}
