package knowledge_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/knowledge"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// BenchmarkKnowledgeSearch is one knowledgeSearch (service call, as a clerk
// who sees every case) over a tenant holding 1,000 articles and 100,000
// closed cases (MINSHENG_BENCH_KNOWLEDGE=articles,cases to change), on
// SQLite and PostgreSQL. The fixture is written in batches through the
// index's own write path (the database's full-text index follows); it is
// not timed.
func BenchmarkKnowledgeSearch(b *testing.B) {
	articles, cases := 1000, 100000
	if v := os.Getenv("MINSHENG_BENCH_KNOWLEDGE"); v != "" {
		if _, err := fmt.Sscanf(v, "%d,%d", &articles, &cases); err != nil {
			b.Fatal(err)
		}
	}
	for _, be := range []storetest.Backend{{Name: "sqlite"}, {Name: "postgres"}} {
		b.Run(be.Name, func(b *testing.B) {
			if be.Name == "postgres" {
				be.URL = storetest.PostgresURL(b)
			}
			e := apptest.New(b, be)
			ctx, tenantID := tenantCtx(b, e, "demo-a")
			fillKnowledge(b, e, ctx, tenantID, articles, cases)
			clerk := asClerk(b, e)
			qs := knowledge.Questions(3, 2, true)
			b.Run(fmt.Sprintf("search_%d_articles_%d_cases", articles, cases), func(b *testing.B) {
				i := 0
				for b.Loop() {
					if _, err := e.App.Knowledge.Search(clerk, qs[i%len(qs)].Text, 10); err != nil {
						b.Fatal(err)
					}
					i++
				}
			})
		})
	}
}

func asClerk(b *testing.B, e *apptest.Env) context.Context {
	b.Helper()
	v, err := e.App.Auth.Authenticate(context.Background(), "Bearer "+e.Login(b, "demo-a", "clerk"))
	if err != nil {
		b.Fatal(err)
	}
	return viewer.NewContext(context.Background(), v)
}

// fillKnowledge writes articles and closed cases about the generated topics,
// each a little different, and indexes them.
func fillKnowledge(b *testing.B, e *apptest.Env, ctx context.Context, tenantID, articles, cases int) {
	b.Helper()
	c := e.App.DB.Client
	rng := rand.New(rand.NewPCG(5, 5))
	filler := []string{"社区", "街道", "居民", "反映", "办理", "材料", "窗口", "时限", "部门", "政策", "标准", "补贴", "审核", "公示", "现场", "核实"}
	noise := func() string {
		s := ""
		for range 6 {
			s += filler[rng.IntN(len(filler))]
		}
		return s
	}
	const batch = 250
	for done := 0; done < articles; done += batch {
		n := min(batch, articles-done)
		creates := make([]*ent.KnowledgeArticleCreate, n)
		texts := make([]string, n)
		for i := range n {
			tp := knowledge.Topics[(done+i)%len(knowledge.Topics)]
			title := tp.Title + "（" + strconv.Itoa(done+i) + "）"
			body := tp.Body + noise()
			creates[i] = c.KnowledgeArticle.Create().SetTitle(title).SetBody(body).SetBasis(tp.Basis)
			texts[i] = title + "\n" + body + "\n" + tp.Basis
		}
		rows, err := c.KnowledgeArticle.CreateBulk(creates...).Save(ctx)
		if err != nil {
			b.Fatal(err)
		}
		aids, tids := make([]*int, n), make([]*int, n)
		for i, r := range rows {
			aids[i] = &r.ID
		}
		if err := e.App.Knowledge.IndexBatch(ctx, aids, tids, texts); err != nil {
			b.Fatal(err)
		}
	}
	all := knowledge.Cases(9, cases)
	for done := 0; done < cases; done += batch {
		n := min(batch, cases-done)
		creates := make([]*ent.TicketCreate, n)
		texts := make([]string, n)
		for i := range n {
			cs := all[done+i]
			body := cs.Body + noise()
			creates[i] = c.Ticket.Create().SetCode(fmt.Sprintf("MS-19700105-%06d", done+i)).SetChannel(ticket.ChannelPHONE).
				SetTitle(cs.Title).SetBody(body).SetStatus(ticket.StatusCLOSED)
			texts[i] = cs.Title + "\n" + body + "\n" + cs.Facts + "\n" + cs.Basis
		}
		rows, err := c.Ticket.CreateBulk(creates...).Save(ctx)
		if err != nil {
			b.Fatal(err)
		}
		aids, tids := make([]*int, n), make([]*int, n)
		for i, r := range rows {
			tids[i] = &r.ID
		}
		if err := e.App.Knowledge.IndexBatch(ctx, aids, tids, texts); err != nil {
			b.Fatal(err)
		}
	}
	_ = tenantID
}
