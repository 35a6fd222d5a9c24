package bench

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/calendar"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/callback"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/insight/stats"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// statsTickets is the volume of BenchmarkStatistics: 20,000 tickets over a
// year unless MINSHENG_BENCH_STATS_TICKETS says otherwise.
func statsTickets(b *testing.B) int {
	if v := os.Getenv("MINSHENG_BENCH_STATS_TICKETS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1000 {
			b.Fatalf("MINSHENG_BENCH_STATS_TICKETS=%q: want a number of at least 1000", v)
		}
		return n
	}
	return 20_000
}

// fillHistory gives every closed ticket of the tenant a dispatch, an
// acceptance, a reply and a callback, as a year of handling would.
func fillHistory(b *testing.B, e *apptest.Env, tenantID int) {
	b.Helper()
	ctx := viewer.TenantSystemContext(context.Background(), tenantID)
	c := e.App.DB.Client
	closed, err := c.Ticket.Query().Where(ticket.StatusEQ(ticket.StatusCLOSED), ticket.RegisteredAtNotNil()).
		Select(ticket.FieldID, ticket.FieldRegisteredAt).All(ctx)
	if err != nil {
		b.Fatal(err)
	}
	const batch = 500
	for i := 0; i < len(closed); i += batch {
		part := closed[i:min(i+batch, len(closed))]
		var events []*ent.TimelineEventCreate
		var replies []*ent.ReplyCreate
		for _, t := range part {
			reg := *t.RegisteredAt
			events = append(events,
				c.TimelineEvent.Create().SetTicketID(t.ID).SetAction("DISPATCH").SetAt(reg.Add(time.Hour)),
				c.TimelineEvent.Create().SetTicketID(t.ID).SetAction("ACCEPT").SetAt(reg.Add(time.Duration(t.ID%40)*time.Hour)))
			replies = append(replies, c.Reply.Create().SetTicketID(t.ID).SetFacts("经核实").SetMissing([]string{}).
				SetAt(reg.Add(time.Duration(24+t.ID%200)*time.Hour)))
		}
		if err := c.TimelineEvent.CreateBulk(events...).Exec(ctx); err != nil {
			b.Fatal(err)
		}
		saved, err := c.Reply.CreateBulk(replies...).Save(ctx)
		if err != nil {
			b.Fatal(err)
		}
		var cbs []*ent.CallbackCreate
		sats := []callback.Satisfaction{callback.SatisfactionSATISFIED, callback.SatisfactionSATISFIED,
			callback.SatisfactionBASICALLY_SATISFIED, callback.SatisfactionDISSATISFIED}
		for j, r := range saved {
			cbs = append(cbs, c.Callback.Create().SetTicketID(part[j].ID).SetReplyID(r.ID).
				SetSatisfaction(sats[part[j].ID%len(sats)]).SetSolved(part[j].ID%5 != 0).SetAt(r.At.Add(time.Hour)))
		}
		if err := c.Callback.CreateBulk(cbs...).Exec(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStatistics measures the two slices leaders open most, a month by
// level-1 category and a year by department, over a tenant of
// statsTickets tickets (40% closed with a dispatch, an acceptance, a reply
// and a callback each), beside a plain SQL count of the same period. Each
// statistics call runs three aggregates (the period, the one before, the
// year before) and the handling-time histogram.
func BenchmarkStatistics(b *testing.B) {
	eachBackend(b, func(b *testing.B, be storetest.Backend) {
		e := apptest.New(b, be)
		d := loadDemoA(b, e)
		fillTickets(b, e, d, statsTickets(b))
		fillHistory(b, e, d.tenantID)
		if be.Name == "postgres" {
			if _, err := e.App.DB.SQL.Exec("VACUUM ANALYZE tickets, timeline_events, replies, callbacks, departments"); err != nil {
				b.Fatal(err)
			}
		}
		ctx := asUser(b, e, "analyst")
		s := stats.New(e.App.DB.Client)
		now := time.Now().In(time.FixedZone("CST", 8*3600))
		today := calendar.DayOf(now, now.Location())
		month := stats.Input{From: today.AddDays(-30), To: today.AddDays(-1), GroupBy: []stats.Dimension{stats.Category1}}
		year := stats.Input{From: today.AddDays(-365), To: today.AddDays(-1), GroupBy: []stats.Dimension{stats.Department}}
		for _, c := range []struct {
			name string
			in   stats.Input
		}{{"month-by-category1", month}, {"year-by-department", year}} {
			b.Run(c.name, func(b *testing.B) {
				var st *stats.Statistics
				var err error
				for b.Loop() {
					if st, err = s.Statistics(ctx, c.in); err != nil {
						b.Fatal(err)
					}
				}
				if st.Total.Received == 0 {
					b.Fatal("nothing received: the fill missed the period")
				}
				b.ReportMetric(float64(st.Total.Received), "tickets")
			})
			b.Run(c.name+"-plain-count", func(b *testing.B) {
				sys := viewer.TenantSystemContext(context.Background(), d.tenantID)
				from := time.Date(c.in.From.Year, c.in.From.Month, c.in.From.Day, 0, 0, 0, 0, now.Location())
				to := time.Date(c.in.To.Year, c.in.To.Month, c.in.To.Day+1, 0, 0, 0, 0, now.Location())
				var n int
				for b.Loop() {
					var err error
					if n, err = e.App.DB.Client.Ticket.Query().Where(ticket.RegisteredAtGTE(from), ticket.RegisteredAtLT(to)).Count(sys); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(n), "tickets")
			})
		}
	})
}
