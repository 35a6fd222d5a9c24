package knowledge_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/knowledge"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

type hit struct {
	Score   float64
	Snippet string
	Article *struct{ ID, Title string }
	Ticket  *struct{ ID, Code string }
}

const searchDoc = `query($t:String!) { knowledgeSearch(text:$t, first:5) { score snippet article { id title } ticket { id code } } }`

func search(t *testing.T, e *apptest.Env, token, text string) []hit {
	t.Helper()
	var out struct{ KnowledgeSearch []hit }
	e.Do(t, token, searchDoc, map[string]any{"t": text}).Decode(t, &out)
	return out.KnowledgeSearch
}

func tenantCtx(t testing.TB, e *apptest.Env, code string) (context.Context, int) {
	t.Helper()
	tn := e.App.DB.Client.Tenant.Query().Where(tenant.Code(code)).OnlyX(viewer.SystemContext(context.Background()))
	return viewer.TenantSystemContext(context.Background(), tn.ID), tn.ID
}

// closedCase writes a closed ticket of department dept with a reply, as the
// life cycle leaves one, and indexes it as closing does.
func closedCase(t *testing.T, e *apptest.Env, ctx context.Context, n, dept int, title, body, basis string) *ent.Ticket {
	t.Helper()
	c := e.App.DB.Client
	tk := c.Ticket.Create().SetCode(fmt.Sprintf("MS-19700103-%04d", n)).SetChannel(ticket.ChannelPHONE).
		SetTitle(title).SetBody(body).SetStatus(ticket.StatusCLOSED).SetDepartmentID(dept).SaveX(ctx)
	c.Reply.Create().SetTicketID(tk.ID).SetFacts("经核实，情况属实。").SetBasis(basis).
		SetHandling("已协调处理。").SetResult("问题已解决。").SetAppealChannel("可申请复议。").ExecX(ctx)
	if err := e.App.Knowledge.IndexCase(ctx, tk.ID); err != nil {
		t.Fatal(err)
	}
	return tk
}

func TestArticlesAndCasesAreSearchedTogether(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		admin, handler, clerk := e.Login(t, "demo-a", "admin"), e.Login(t, "demo-a", "handler"), e.Login(t, "demo-a", "clerk")
		ctx, _ := tenantCtx(t, e, "demo-a")
		c := e.App.DB.Client

		var created struct {
			CreateKnowledgeArticle struct {
				ID      string
				Version int
			}
		}
		e.Do(t, admin, `mutation($in:KnowledgeArticleInput!) { createKnowledgeArticle(input:$in) { id version } }`,
			map[string]any{"in": map[string]any{
				"title": "住房公积金提取条件",
				"body":  "职工购买、建造、翻建自住住房，或者偿还购房贷款本息的，可以提取住房公积金账户内的存储余额。咨询电话13912345678。",
				"basis": "《住房公积金管理条例》第二十四条",
			}}).Decode(t, &created)
		a := created.CreateKnowledgeArticle
		if a.Version != 1 {
			t.Fatalf("created article: %+v", a)
		}
		e.Do(t, admin, `mutation { createKnowledgeArticle(input:{title:"犬只养犬登记办理", body:"养犬人应当到居住地派出所办理养犬登记，领取犬牌。"}) { id } }`, nil).Decode(t, &struct{}{})

		hits := search(t, e, clerk, "公积金怎么取出来买房")
		if len(hits) == 0 || hits[0].Article == nil || hits[0].Article.ID != a.ID {
			t.Fatalf("search for 公积金: %+v", hits)
		}
		if strings.Contains(hits[0].Snippet, "13912345678") {
			t.Errorf("snippet shows a clear phone number: %q", hits[0].Snippet)
		}

		// A closed case of 住建局 (the handler's department) and one of another department.
		housing := c.Department.Query().Where(department.Name("住建局")).OnlyIDX(ctx)
		other := c.Department.Query().Where(department.IDNEQ(housing)).FirstIDX(ctx)
		own := closedCase(t, e, ctx, 1, housing, "小区电梯长期故障无人维修", "我们小区3号楼电梯坏了一个月，物业不修。", "《特种设备安全法》")
		foreign := closedCase(t, e, ctx, 2, other, "电梯困人物业不管", "电梯经常困人，物业推诿。", "《特种设备安全法》")
		codes := func(hs []hit) map[string]bool {
			m := map[string]bool{}
			for _, h := range hs {
				if h.Ticket != nil {
					m[h.Ticket.Code] = true
				}
			}
			return m
		}
		if got := codes(search(t, e, clerk, "电梯故障物业不修")); !got[own.Code] || !got[foreign.Code] {
			t.Errorf("clerk (whole tenant) finds cases %v, want %s and %s", got, own.Code, foreign.Code)
		}
		if got := codes(search(t, e, handler, "电梯故障物业不修")); !got[own.Code] || got[foreign.Code] {
			t.Errorf("handler of 住建局 finds cases %v, want %s only", got, own.Code)
		}

		// Update keeps versions; retire hides the article from search.
		var upd struct{ UpdateKnowledgeArticle struct{ Version int } }
		e.Do(t, admin, `mutation($id:ID!) { updateKnowledgeArticle(id:$id, version:1, input:{title:"住房公积金提取条件", body:"购买自住住房可以提取公积金。", basis:"《住房公积金管理条例》"}) { version } }`,
			map[string]any{"id": a.ID}).Decode(t, &upd)
		if upd.UpdateKnowledgeArticle.Version != 2 {
			t.Fatalf("update: %+v", upd)
		}
		if code := e.Do(t, admin, `mutation($id:ID!) { updateKnowledgeArticle(id:$id, version:1, input:{title:"x", body:"y"}) { version } }`,
			map[string]any{"id": a.ID}).Code(); code != "CONFLICT" {
			t.Errorf("stale update: code %q, want CONFLICT", code)
		}
		e.Do(t, admin, `mutation($id:ID!) { retireKnowledgeArticle(id:$id, reason:"政策调整") { retiredAt } }`,
			map[string]any{"id": a.ID}).Decode(t, &struct{}{})
		for _, h := range search(t, e, clerk, "公积金提取") {
			if h.Article != nil && h.Article.ID == a.ID {
				t.Errorf("a retired article is still found")
			}
		}
		var vs struct {
			Node struct {
				Versions []struct {
					Version    int
					Action     string
					Body       string
					EditorName string
				}
			}
		}
		e.Do(t, clerk, `query($id:ID!) { node(id:$id) { ... on KnowledgeArticle { versions { version action body editorName } } } }`,
			map[string]any{"id": a.ID}).Decode(t, &vs)
		if len(vs.Node.Versions) != 3 || vs.Node.Versions[0].Action != "CREATE" || vs.Node.Versions[2].Action != "RETIRE" ||
			strings.Contains(vs.Node.Versions[0].Body, "13912345678") {
			t.Errorf("versions: %+v", vs.Node.Versions)
		}

		// Drafting from a case, and using an article in a reply.
		var draft struct {
			DraftKnowledgeArticle struct{ Title, Body, Basis, SourceTicketID string }
		}
		e.Do(t, admin, `query($id:ID!) { draftKnowledgeArticle(ticketID:$id) { title body basis sourceTicketID } }`,
			map[string]any{"id": fmt.Sprint(own.ID)}).Decode(t, &draft)
		if draft.DraftKnowledgeArticle.Title != own.Title || draft.DraftKnowledgeArticle.Basis != "《特种设备安全法》" {
			t.Errorf("draft: %+v", draft)
		}
		var dog struct{ KnowledgeSearch []hit }
		e.Do(t, handler, searchDoc, map[string]any{"t": "养狗要登记吗"}).Decode(t, &dog)
		if len(dog.KnowledgeSearch) == 0 || dog.KnowledgeSearch[0].Article == nil {
			t.Fatalf("search for 养狗: %+v", dog)
		}
		var used struct{ UseKnowledgeArticle struct{ Version int } }
		e.Do(t, handler, `mutation($a:ID!, $t:ID!) { useKnowledgeArticle(articleID:$a, ticketID:$t) { version basis ticket { id } } }`,
			map[string]any{"a": dog.KnowledgeSearch[0].Article.ID, "t": fmt.Sprint(own.ID)}).Decode(t, &used)
		if code := e.Do(t, handler, `mutation($a:ID!, $t:ID!) { useKnowledgeArticle(articleID:$a, ticketID:$t) { version } }`,
			map[string]any{"a": dog.KnowledgeSearch[0].Article.ID, "t": fmt.Sprint(foreign.ID)}).Code(); code != "NOT_FOUND" {
			t.Errorf("use on a ticket outside the handler's scope: code %q, want NOT_FOUND", code)
		}

		// Beside a ticket: hits for its text, not the ticket itself.
		var beside struct {
			Node struct{ KnowledgeHits []hit }
		}
		e.Do(t, handler, `query($id:ID!) { node(id:$id) { ... on Ticket { knowledgeHits(first:3) { score ticket { code } article { id } } } } }`,
			map[string]any{"id": fmt.Sprint(own.ID)}).Decode(t, &beside)
		for _, h := range beside.Node.KnowledgeHits {
			if h.Ticket != nil && (h.Ticket.Code == own.Code || h.Ticket.Code == foreign.Code) {
				t.Errorf("knowledgeHits of %s lists %s", own.Code, h.Ticket.Code)
			}
		}

		// Bounds.
		if code := e.Do(t, clerk, searchDoc, map[string]any{"t": strings.Repeat("电梯", 300)}).Code(); code != "BAD_USER_INPUT" {
			t.Errorf("a 600-character search: code %q", code)
		}
		if code := e.Do(t, clerk, `{ knowledgeSearch(text:"电梯", first:51) { score } }`, nil).Code(); code != "BAD_USER_INPUT" {
			t.Errorf("first:51: code %q", code)
		}
		_ = user.FieldID
	})
}

func TestOtherTenantsArticlesNeverAppear(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		bCtx, _ := tenantCtx(t, e, "demo-b")
		if _, err := e.App.Knowledge.CreateArticle(bCtx, knowledge.ArticleInput{Title: "武侯区独有政策", Body: "武侯区独有的拆迁补偿标准说明。"}); err != nil {
			t.Fatal(err)
		}
		// The demo seeds articles of its own in both tenants, so only the
		// one written here tells whether the wall holds.
		own := func(hits []hit) bool {
			for _, h := range hits {
				if h.Article != nil && h.Article.Title == "武侯区独有政策" {
					return true
				}
			}
			return false
		}
		for _, who := range []string{"admin", "clerk", "handler"} {
			if hits := search(t, e, e.Login(t, "demo-a", who), "武侯区拆迁补偿标准"); own(hits) {
				t.Errorf("%s of demo-a finds demo-b's article: %+v", who, hits)
			}
		}
		if hits := search(t, e, e.Login(t, "demo-b", "clerk"), "拆迁补偿标准"); !own(hits) {
			t.Errorf("demo-b's clerk does not find its article: %+v", hits)
		}
	})
}

// TestOtherTenantsDocumentsNeverAppear: the raw SQL of the search writes
// the tenant filter by hand (the FTS5 scope token, tenant_id in the
// PostgreSQL index query and in the read of the documents), so two tenants
// share every word here, and the other tenant's article and case hold more
// of the question's words than the caller's own: were a filter missing,
// they would lead the hits. Clerk (whole tenant), handler (row scope) and
// admin, in a search and beside a ticket.
func TestOtherTenantsDocumentsNeverAppear(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		c := e.App.DB.Client
		aCtx, _ := tenantCtx(t, e, "demo-a")
		bCtx, _ := tenantCtx(t, e, "demo-b")
		const question = "电梯困人救援维保单位三十分钟到场"
		if _, err := e.App.Knowledge.CreateArticle(bCtx, knowledge.ArticleInput{Title: "乙区电梯困人救援时限",
			Body: "电梯困人的，维保单位应当在三十分钟内到场救援。"}); err != nil {
			t.Fatal(err)
		}
		bDept := c.Department.Query().Where(department.Name("住建局")).OnlyIDX(bCtx)
		bCase := closedCase(t, e, bCtx, 901, bDept, "电梯困人救援维保单位三十分钟未到场", "电梯困人，维保单位三十分钟没有到场救援。", "《特种设备安全法》")

		if _, err := e.App.Knowledge.CreateArticle(aCtx, knowledge.ArticleInput{Title: "甲区电梯维保规定",
			Body: "电梯应当定期维保。"}); err != nil {
			t.Fatal(err)
		}
		aDept := c.Department.Query().Where(department.Name("住建局")).OnlyIDX(aCtx)
		aCase := closedCase(t, e, aCtx, 902, aDept, "电梯维保不到位", "小区电梯维保不及时。", "《特种设备安全法》")
		open := c.Ticket.Create().SetCode("MS-19700103-0903").SetChannel(ticket.ChannelPHONE).
			SetTitle(question).SetBody("电梯困人，维保单位迟迟不来救援。").SetDepartmentID(aDept).SaveX(aCtx)

		foreign := func(hs []hit) []string {
			var out []string
			for _, h := range hs {
				if h.Article != nil && h.Article.Title == "乙区电梯困人救援时限" || h.Ticket != nil && h.Ticket.Code == bCase.Code {
					out = append(out, fmt.Sprintf("%+v%+v", h.Article, h.Ticket))
				}
			}
			return out
		}
		const wide = `query($t:String!) { knowledgeSearch(text:$t, first:50) { score snippet article { id title } ticket { id code } } }`
		for _, who := range []string{"clerk", "handler", "admin"} {
			token := e.Login(t, "demo-a", who)
			var out struct{ KnowledgeSearch []hit }
			e.Do(t, token, wide, map[string]any{"t": question}).Decode(t, &out)
			if f := foreign(out.KnowledgeSearch); len(f) > 0 {
				t.Errorf("%s of demo-a finds demo-b's documents: %v", who, f)
			}
			ownArticle, ownCase := false, false
			for _, h := range out.KnowledgeSearch {
				ownArticle = ownArticle || h.Article != nil && h.Article.Title == "甲区电梯维保规定"
				ownCase = ownCase || h.Ticket != nil && h.Ticket.Code == aCase.Code
			}
			// The search does run: the caller's own article, and his
			// tenant's case (a handler of 住建局 sees it too).
			if !ownArticle || !ownCase {
				t.Errorf("%s of demo-a: own article found %v, own case %v: %+v", who, ownArticle, ownCase, out.KnowledgeSearch)
			}
			if who == "admin" {
				continue
			}
			var beside struct {
				Node struct{ KnowledgeHits []hit }
			}
			e.Do(t, token, `query($id:ID!) { node(id:$id) { ... on Ticket { knowledgeHits(first:50) { score article { id title } ticket { id code } } } } }`,
				map[string]any{"id": fmt.Sprint(open.ID)}).Decode(t, &beside)
			if len(beside.Node.KnowledgeHits) == 0 {
				t.Errorf("%s of demo-a: no hits beside %s", who, open.Code)
			}
			if f := foreign(beside.Node.KnowledgeHits); len(f) > 0 {
				t.Errorf("%s of demo-a finds demo-b's documents beside a ticket: %v", who, f)
			}
		}
		// demo-b's own clerk finds both: the words match, the wall is
		// what kept them from demo-a.
		if f := foreign(search(t, e, e.Login(t, "demo-b", "clerk"), question)); len(f) != 2 {
			t.Errorf("demo-b's clerk finds %d of its article and case, want 2: %v", len(f), f)
		}
	})
}

// TestScopedCallersFindTheCasesTheySee: the cases a search lists follow
// the caller's row scope exactly, each branch of it: a handler finds the
// cases his department leads and those it co-handles (协办), a grid worker
// the cases he registered, a clerk every case; none finds a case outside.
func TestScopedCallersFindTheCasesTheySee(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		c := e.App.DB.Client
		ctx, _ := tenantCtx(t, e, "demo-a")
		housing := c.Department.Query().Where(department.Name("住建局")).OnlyIDX(ctx)
		other := c.Department.Query().Where(department.IDNEQ(housing)).FirstIDX(ctx)
		grid := c.User.Query().Where(user.Username("grid_worker")).OnlyIDX(ctx)
		write := func(n int, title string, build func(*ent.TicketCreate)) *ent.Ticket {
			tc := c.Ticket.Create().SetCode(fmt.Sprintf("MS-19700103-%04d", n)).SetChannel(ticket.ChannelPHONE).
				SetTitle(title).SetBody("楼顶水箱漏水，物业不修。").SetStatus(ticket.StatusCLOSED)
			build(tc)
			tk := tc.SaveX(ctx)
			c.Reply.Create().SetTicketID(tk.ID).SetFacts("经核实，水箱漏水属实。").SetBasis("《物业管理条例》").
				SetHandling("已协调维修。").SetResult("已修复。").ExecX(ctx)
			if err := e.App.Knowledge.IndexCase(ctx, tk.ID); err != nil {
				t.Fatal(err)
			}
			return tk
		}
		led := write(801, "水箱漏水一", func(tc *ent.TicketCreate) { tc.SetDepartmentID(housing) })
		coHandled := write(802, "水箱漏水二", func(tc *ent.TicketCreate) { tc.SetDepartmentID(other).AddCoDepartmentIDs(housing) })
		foreign := write(803, "水箱漏水三", func(tc *ent.TicketCreate) { tc.SetDepartmentID(other) })
		registered := write(804, "水箱漏水四", func(tc *ent.TicketCreate) { tc.SetDepartmentID(other).SetRegisteredByID(grid) })

		const wide = `query($t:String!) { knowledgeSearch(text:$t, first:50) { score article { id } ticket { id code } } }`
		for _, tc := range []struct {
			who  string
			want []*ent.Ticket
		}{
			{"handler", []*ent.Ticket{led, coHandled}},
			{"grid_worker", []*ent.Ticket{registered}},
			{"clerk", []*ent.Ticket{led, coHandled, foreign, registered}},
		} {
			var out struct{ KnowledgeSearch []hit }
			e.Do(t, e.Login(t, "demo-a", tc.who), wide, map[string]any{"t": "水箱漏水物业不修"}).Decode(t, &out)
			got := map[string]bool{}
			for _, h := range out.KnowledgeSearch {
				if h.Ticket != nil {
					got[h.Ticket.Code] = true
				}
			}
			want := map[string]bool{}
			for _, tk := range tc.want {
				want[tk.Code] = true
			}
			for _, tk := range []*ent.Ticket{led, coHandled, foreign, registered} {
				if got[tk.Code] != want[tk.Code] {
					t.Errorf("%s: finds %s %v, want %v (%s)", tc.who, tk.Code, got[tk.Code], want[tk.Code], tk.Title)
				}
			}
		}
	})
}
