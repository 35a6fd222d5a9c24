package knowledge_test

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/knowledge"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/store/storetest"
)

// A user's quotes and operators are words to search for, never query
// syntax of FTS5 or tsquery: they neither break the search nor widen it.
func TestSearchTextIsNeverQuerySyntax(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		ctx, _ := tenantCtx(t, e, "demo-a")
		if _, err := e.App.Knowledge.CreateArticle(ctx, knowledge.ArticleInput{Title: "古树名木移植审批", Body: "古树名木移植须经园林部门审批。"}); err != nil {
			t.Fatal(err)
		}
		clerk := e.Login(t, "demo-a", "clerk")
		for _, text := range []string{
			`"古树名木" OR 移植*`, `古树名木 NEAR(移植) tenant_id:1`, `'古树名木' & !移植 | \`, `{words}: 古树名木 ^移植 ")`,
		} {
			hits := search(t, e, clerk, text)
			if len(hits) == 0 || hits[0].Article == nil || hits[0].Article.Title != "古树名木移植审批" {
				t.Errorf("%q: %+v, want the article first", text, hits)
			}
		}
		// Nothing but syntax: no words, no hits, no error.
		for _, text := range []string{`" OR * NEAR( : ^`, `'' & | ! \ :*`} {
			if hits := search(t, e, clerk, text); len(hits) != 0 {
				t.Errorf("%q: %+v, want nothing", text, hits)
			}
		}
		// Operators of FTS5 are words like any other: searched, no error.
		search(t, e, clerk, `AND OR NOT NEAR`)
	})
}

// A database written by the version before the full-text index has its
// documents (knowledge_docs.text, no words) and the old term table: at the
// next start the migration builds the index, the words are filled, and the
// old table is gone. On SQLite also from the FTS5 layout of the version
// before (the tenant a column, an article indexed there): the index is made
// anew with the tenant-and-kind token, and holds what it held.
func TestIndexFilledAtStartFromOldDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		for _, fts5 := range []bool{false, true} {
			if fts5 && b.Name != "sqlite" {
				continue
			}
			t.Run(fmt.Sprintf("old_fts5_layout=%v", fts5), func(t *testing.T) { filledAtStart(t, b, fts5) })
		}
	})
}

func filledAtStart(t *testing.T, b storetest.Backend, fts5 bool) {
	e := apptest.New(t, b)
	ctx, _ := tenantCtx(t, e, "demo-a")
	db := e.App.DB
	c := db.Client
	bg := context.Background()
	// The old version's state: no full-text index, its term table,
	// a document with text and length but no words, no document
	// frequencies.
	old := []string{`DROP TRIGGER knowledge_docs_fts_insert`, `DROP TRIGGER knowledge_docs_fts_delete`,
		`DROP TRIGGER knowledge_docs_fts_update`, `DROP TABLE knowledge_fts`}
	if fts5 {
		// The FTS5 layout of the version before tenant-and-kind
		// tokens: external content, the tenant a column.
		old = append(old, `CREATE VIRTUAL TABLE knowledge_fts USING fts5(tenant_id, words, content='knowledge_docs', content_rowid='id')`,
			`CREATE TRIGGER knowledge_docs_fts_insert AFTER INSERT ON knowledge_docs BEGIN
				INSERT INTO knowledge_fts(rowid, tenant_id, words) VALUES (new.id, new.tenant_id, new.words);
			END`)
	}
	if db.Dialect != "sqlite3" {
		old = []string{`DROP INDEX knowledge_docs_tsv`, `ALTER TABLE knowledge_docs DROP COLUMN tsv`}
	}
	old = append(old, `DROP TABLE knowledge_df`, `CREATE TABLE knowledge_terms (id integer PRIMARY KEY, term text)`)
	for _, q := range old {
		if _, err := db.SQL.ExecContext(bg, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	a := c.KnowledgeArticle.Create().SetTitle("古树名木移植审批").SetBody("古树名木移植须经园林部门审批，擅自移植的依法处罚。").SaveX(ctx)
	c.KnowledgeDoc.Create().SetArticleID(a.ID).SetText(a.Title + "\n" + a.Body).SetLength(12).ExecX(ctx)
	if fts5 {
		// Indexed by the old trigger, words and all.
		a2 := c.KnowledgeArticle.Create().SetTitle("犬只登记").SetBody("养犬须登记").SaveX(ctx)
		c.KnowledgeDoc.Create().SetArticleID(a2.ID).SetText("犬只登记").SetWords("犬只 登记 犬只").SetLength(3).ExecX(ctx)
	}

	if err := db.Migrate(bg); err != nil {
		t.Fatal(err)
	}
	if _, err := e.App.Knowledge.IndexClosedCases(bg, 10); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL.ExecContext(bg, `SELECT count(*) FROM knowledge_terms`); err == nil {
		t.Error("the old term table is still there")
	}
	hits, err := e.App.Knowledge.Search(ctx, "古树名木擅自移植怎么处罚", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].Article == nil || hits[0].Article.ID != a.ID {
		t.Errorf("the old article is not found first: %+v", hits)
	}
	var n int
	q := `SELECT count(*) FROM knowledge_fts WHERE knowledge_fts MATCH '"移植"'`
	if db.Dialect != "sqlite3" {
		q = `SELECT count(*) FROM knowledge_docs WHERE tsv @@ to_tsquery('simple', '移植')`
	}
	if err := db.SQL.QueryRowContext(bg, q).Scan(&n); err != nil || n != 1 {
		t.Errorf("old document in the full-text index: %d rows, %v", n, err)
	}
	if fts5 {
		hits, err := e.App.Knowledge.Search(ctx, "犬只怎么登记", 5)
		if err != nil || len(hits) == 0 || hits[0].Article == nil || hits[0].Article.Title != "犬只登记" {
			t.Errorf("the article indexed in the old layout is not found first: %+v, %v", hits, err)
		}
	}
}

// Two processes on one database search the same index: what one writes,
// another finds without being told.
func TestSecondProcessFindsWhatFirstWrote(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		ctx, _ := tenantCtx(t, e, "demo-a")
		url := b.URL
		if url == "" {
			url = store.SQLitePath(e.Config.DataDir)
		}
		other, err := store.Open(url, e.Config.DataDir)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		second := knowledge.New(other.Client, other.Dialect, knowledge.GSE(), nil)
		if _, err := e.App.Knowledge.CreateArticle(ctx, knowledge.ArticleInput{Title: "古树名木移植审批", Body: "古树名木移植须经园林部门审批。"}); err != nil {
			t.Fatal(err)
		}
		hits, err := second.Search(ctx, "古树名木移植", 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].Article == nil || hits[0].Article.Title != "古树名木移植审批" {
			t.Errorf("second process finds %+v", hits)
		}
	})
}

// The document frequencies a search ranks by follow every write of the
// index, per tenant: after indexing, rewriting and taking out documents in
// two tenants, knowledge_df says what a recount of knowledge_docs says, and
// holds no row for a word no document holds any more (流动摊贩 rewritten
// away, 杂物 of the reopened case in demo-a).
func TestDocumentFrequenciesFollowWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		c := e.App.DB.Client
		var closed []int
		for i, code := range []string{"demo-a", "demo-b"} {
			ctx, _ := tenantCtx(t, e, code)
			a := c.KnowledgeArticle.Create().SetTitle("占道经营").SetBody("流动摊贩占道经营由城管部门处理。").SaveX(ctx)
			var tids []*int
			for j, body := range []string{"小区门口夜市占道经营噪音扰民", "楼道堆放杂物消防通道堵塞"} {
				tk := c.Ticket.Create().SetCode(fmt.Sprintf("MS-19700105-%06d", 10*i+j)).SetChannel(ticket.ChannelPHONE).
					SetTitle("投诉").SetBody(body).SetStatus(ticket.StatusCLOSED).SaveX(ctx)
				tids = append(tids, &tk.ID)
				closed = append(closed, tk.ID)
			}
			if err := e.App.Knowledge.IndexBatch(ctx, []*int{&a.ID, nil, nil}, []*int{nil, tids[0], tids[1]},
				[]string{"占道经营\n流动摊贩占道经营由城管部门处理。", "小区门口夜市占道经营噪音扰民", "楼道堆放杂物消防通道堵塞"}); err != nil {
				t.Fatal(err)
			}
			// Rewritten with other words, and one case reopened: out of the index.
			if err := e.App.Knowledge.IndexBatch(ctx, []*int{&a.ID}, []*int{nil}, []string{"噪音扰民\n夜间施工噪音由生态环境部门处理。"}); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				c.Ticket.UpdateOneID(*tids[1]).SetStatus(ticket.StatusREOPENED).ExecX(ctx)
				if err := e.App.Knowledge.IndexCase(ctx, *tids[1]); err != nil {
					t.Fatal(err)
				}
			}
		}
		bg := context.Background()
		type key struct {
			tenant int
			term   string
		}
		want, got := map[key][2]int{}, map[key][2]int{}
		rows, err := e.App.DB.SQL.QueryContext(bg, `SELECT tenant_id, words, length FROM knowledge_docs`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var tenant, n int
			var words string
			if err := rows.Scan(&tenant, &words, &n); err != nil {
				t.Fatal(err)
			}
			tot := want[key{tenant, ""}]
			want[key{tenant, ""}] = [2]int{tot[0] + 1, tot[1] + n}
			seen := map[string]bool{}
			for _, w := range strings.Fields(words) {
				if !seen[w] {
					seen[w] = true
					want[key{tenant, w}] = [2]int{want[key{tenant, w}][0] + 1, 0}
				}
			}
		}
		rows.Close()
		rows, err = e.App.DB.SQL.QueryContext(bg, `SELECT tenant_id, term, docs, length FROM knowledge_df`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var tenant, docs, n int
			var term string
			if err := rows.Scan(&tenant, &term, &docs, &n); err != nil {
				t.Fatal(err)
			}
			got[key{tenant, term}] = [2]int{docs, n}
		}
		rows.Close()
		if len(want) < 10 || !maps.Equal(want, got) {
			t.Errorf("document frequencies:\n got %v\nwant %v", got, want)
		}
	})
}
