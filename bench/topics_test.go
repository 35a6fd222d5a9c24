package bench

import (
	"context"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/insight"
	"github.com/minsheng/minsheng/pii"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/topics"
	"github.com/minsheng/minsheng/viewer"
)

// BenchmarkKeywordExtraction is the keyword extraction each registration
// runs: generated complaints (insight.TestSet), masked as stored.
func BenchmarkKeywordExtraction(b *testing.B) {
	ex := topics.NewExtractor(insight.NewClassifier)
	set := insight.TestSet(1, 5)
	texts := make([]string, len(set))
	for i, l := range set {
		texts[i], _ = pii.MaskText(l.Text)
	}
	if _, err := ex.Extract("", texts[0], topics.WordList{}); err != nil { // loads the dictionary
		b.Fatal(err)
	}
	list := topics.WordList{Added: []string{"锦江绿道", "广场舞"}, Stop: []string{"情况说明"}, Synonyms: map[string]string{"升降梯": "电梯"}}
	b.ResetTimer()
	for i := range b.N {
		if _, err := ex.Extract("", texts[i%len(texts)], list); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tickets/s")
}

// BenchmarkHotTopics answers hotTopics over a tenant of 20,000 tickets of
// the past year with their keywords (extracted from generated complaints):
// a month and a year, for the whole tenant (a leader) and for one
// department (a department leader, whose ticket scope is a join).
func BenchmarkHotTopics(b *testing.B) {
	const n = 20_000
	eachBackend(b, func(b *testing.B, be storetest.Backend) {
		e := apptest.New(b, be)
		d := loadDemoA(b, e)
		fillTickets(b, e, d, n)
		fillKeywords(b, e, d)
		today := time.Now()
		for _, p := range []struct {
			name     string
			from, to time.Time
		}{
			{"month", today.AddDate(0, -1, 0), today},
			{"year", today.AddDate(-1, 0, 0), today},
		} {
			for _, who := range []string{"leader", "dept_leader"} {
				b.Run(p.name+"/"+who, func(b *testing.B) {
					ctx := asUser(b, e, who)
					r := topics.NewReader(e.App.DB.Client)
					b.ResetTimer()
					for range b.N {
						hot, err := r.HotTopics(ctx, p.from, p.to, topics.Filter{}, 20)
						if err != nil {
							b.Fatal(err)
						}
						if len(hot) == 0 {
							b.Fatal("no hot topics")
						}
					}
				})
			}
		}
	})
}

// fillKeywords gives every ticket of demo-a the keywords of a generated
// complaint, stamped with its registration time, in bulk.
func fillKeywords(b *testing.B, e *apptest.Env, d demoA) {
	b.Helper()
	ctx := viewer.TenantSystemContext(context.Background(), d.tenantID)
	c := e.App.DB.Client
	ex := topics.NewExtractor(insight.NewClassifier)
	set := insight.TestSet(7, 20)
	kws := make([][]topics.Keyword, len(set))
	for i, l := range set {
		text, _ := pii.MaskText(l.Text)
		k, err := ex.Extract("", text, topics.WordList{})
		if err != nil {
			b.Fatal(err)
		}
		kws[i] = k
	}
	// The demo's own tickets got theirs at registration: start afresh.
	if _, err := c.TicketKeyword.Delete().Exec(ctx); err != nil {
		b.Fatal(err)
	}
	tickets, err := c.Ticket.Query().Where(ticket.RegisteredAtNotNil()).Select(ticket.FieldID, ticket.FieldRegisteredAt).All(ctx)
	if err != nil {
		b.Fatal(err)
	}
	const batch = 2000
	bulk := make([]*ent.TicketKeywordCreate, 0, batch)
	flush := func() {
		if err := c.TicketKeyword.CreateBulk(bulk...).Exec(ctx); err != nil {
			b.Fatalf("fill keywords: %v", err)
		}
		bulk = bulk[:0]
	}
	for i, t := range tickets {
		for _, k := range kws[i%len(kws)] {
			bulk = append(bulk, c.TicketKeyword.Create().SetTicketID(t.ID).SetWord(k.Word).SetWeight(k.Weight).SetNillableAt(t.RegisteredAt))
			if len(bulk) == batch {
				flush()
			}
		}
	}
	if len(bulk) > 0 {
		flush()
	}
}
