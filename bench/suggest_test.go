package bench

import (
	"context"
	"math/rand"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/insight"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// learnedRows is the size of the learned table the suggestion benchmark
// fills: distinct (term, category) pairs, about what tens of thousands of
// tickets leave behind.
const learnedRows = 200_000

// BenchmarkSuggestCategory asks for one suggestion, as suggestCategory does,
// in a tenant whose learned table holds learnedRows rows: a generated
// history of real complaint wording, padded with random character pairs.
func BenchmarkSuggestCategory(b *testing.B) {
	c, err := insight.NewClassifier()
	if err != nil {
		b.Fatal(err)
	}
	eachBackend(b, func(b *testing.B, be storetest.Backend) {
		e := apptest.New(b, be)
		d := loadDemoA(b, e)
		fillLearned(b, e, d, learnedRows)
		s := insight.NewSuggester(e.App.DB.Client, c)
		ctx := asUser(b, e, "dispatcher")
		text := "您好，我是锁金新村小区的居民，楼里的升降梯三天两头出毛病，轿厢里还有异响，老人孩子都不敢坐，请尽快安排人来看看。"
		b.ResetTimer()
		for range b.N {
			if _, err := s.Suggest(ctx, text); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// fillLearned writes n rows of demo-a's learned table.
func fillLearned(b *testing.B, e *apptest.Env, d demoA, n int) {
	b.Helper()
	ctx := viewer.TenantSystemContext(context.Background(), d.tenantID)
	l := insight.NewLearned()
	r := rand.New(rand.NewSource(1))
	for _, h := range insight.History(1, 20) {
		l.Teach(h.Text, d.categories[r.Intn(len(d.categories))])
	}
	type row struct {
		term     string
		cat, cnt int
	}
	var rows []row
	for cat, v := range l.Docs {
		rows = append(rows, row{insight.DocTerm, cat, v * 50}, row{insight.SumTerm, cat, l.Sums[cat] * 50})
	}
	seen := map[[2]any]bool{}
	for term, m := range l.Terms {
		for cat, v := range m {
			rows = append(rows, row{term, cat, v * 50})
			seen[[2]any{term, cat}] = true
		}
	}
	for len(rows) < n {
		term := string([]rune{rune(0x4e00 + r.Intn(3500)), rune(0x4e00 + r.Intn(3500))})
		cat := d.categories[r.Intn(len(d.categories))]
		if seen[[2]any{term, cat}] {
			continue
		}
		seen[[2]any{term, cat}] = true
		rows = append(rows, row{term, cat, 1 + r.Intn(20)})
	}
	client := e.App.DB.Client
	const batch = 1000
	for i := 0; i < len(rows); i += batch {
		creates := make([]*ent.CategoryTermCreate, 0, batch)
		for _, x := range rows[i:min(i+batch, len(rows))] {
			creates = append(creates, client.CategoryTerm.Create().SetTenantID(d.tenantID).SetTerm(x.term).SetCategoryID(x.cat).SetCount(x.cnt))
		}
		if err := client.CategoryTerm.CreateBulk(creates...).Exec(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
