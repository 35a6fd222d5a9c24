package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/ent/callback"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/insight/report"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// TestHistory seeds the demo with its default history and checks that a
// leader's figures have something to show: 13 months, every kind of
// outcome, and a report period with a ranking.
func TestHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		began, took := time.Now(), demo.HistoryTook
		e := apptest.NewWithHistory(t, b, 300)
		t.Logf("demo with 300 past tickets per tenant: started and seeded in %s, of which the history %s",
			time.Since(began).Round(time.Millisecond), (demo.HistoryTook - took).Round(time.Millisecond))
		c := e.App.DB.Client
		for _, code := range []string{"demo-a", "demo-b"} {
			tn := c.Tenant.Query().Where(tenant.Code(code)).OnlyX(viewer.SystemContext(context.Background()))
			ctx := viewer.TenantSystemContext(context.Background(), tn.ID)
			if n := c.Ticket.Query().CountX(ctx); n < 300 {
				t.Errorf("%s: %d tickets", code, n)
			}
			months := map[string]bool{}
			for _, tk := range c.Ticket.Query().Select(ticket.FieldRegisteredAt).AllX(ctx) {
				months[tk.RegisteredAt.Format("2006-01")] = true
			}
			if len(months) < 13 {
				t.Errorf("%s: tickets in %d months", code, len(months))
			}
			for _, action := range []string{"DISPATCH", "RETURN", "REPLY", "CALLBACK", "CLOSE", "REOPEN", "ESCALATE_RED", "SUPERVISE"} {
				if n := c.TimelineEvent.Query().Where(timelineevent.Action(action)).CountX(ctx); n == 0 {
					t.Errorf("%s: no %s in the history", code, action)
				}
			}
			if n := c.Callback.Query().Where(callback.SatisfactionEQ(callback.SatisfactionDISSATISFIED)).CountX(ctx); n == 0 {
				t.Errorf("%s: no dissatisfied callback", code)
			}
			// No past ticket has a running deadline: the scheduler would
			// warn about it at the next start.
			if n := c.Ticket.Query().Where(ticket.StatusIn(ticket.StatusDISPATCHED, ticket.StatusACCEPTED, ticket.StatusIN_PROGRESS)).CountX(ctx); n != 0 {
				t.Errorf("%s: %d past tickets still being handled", code, n)
			}
			// Last month's report has figures, a late case and a ranking.
			now := time.Now().UTC()
			first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
			p := report.Period{From: first, To: first.AddDate(0, 1, -1)}
			src := report.NewInsight(c, nil)
			d, err := report.Collect(ctx, src, p)
			if err != nil {
				t.Fatal(err)
			}
			m := d.Summary.Current
			if m.Received < 5 || m.Closed == 0 || m.Callbacks == 0 || d.Summary.Previous.Received == 0 || d.Summary.LastYear.Received == 0 {
				t.Errorf("%s: last month's figures %+v, previous %+v, a year before %+v", code, m, d.Summary.Previous, d.Summary.LastYear)
			}
			// The hot topics come from the history's stored keywords.
			if len(d.Topics) == 0 {
				t.Errorf("%s: no hot topic last month", code)
			}
			if len(d.Departments) < 2 || len(d.Townships) < 2 || len(d.Categories) < 3 {
				t.Errorf("%s: %d departments, %d townships, %d categories ranked", code, len(d.Departments), len(d.Townships), len(d.Categories))
			}
		}
	})
}
