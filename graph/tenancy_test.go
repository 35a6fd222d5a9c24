package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/authz"
	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/apikey"
	"github.com/minsheng/minsheng/ent/attachment"
	"github.com/minsheng/minsheng/ent/auditlog"
	"github.com/minsheng/minsheng/ent/calendarday"
	"github.com/minsheng/minsheng/ent/callback"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/citizen"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/groupcase"
	"github.com/minsheng/minsheng/ent/intakejob"
	"github.com/minsheng/minsheng/ent/knowledgearticle"
	"github.com/minsheng/minsheng/ent/notification"
	"github.com/minsheng/minsheng/ent/region"
	"github.com/minsheng/minsheng/ent/reply"
	entreport "github.com/minsheng/minsheng/ent/report"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/ent/warning"
	"github.com/minsheng/minsheng/ent/watchitem"
	"github.com/minsheng/minsheng/knowledge"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// TestTenancyNothingCrossesTenants is the proof that no tenant sees another's
// data. Signed in to demo-a, it calls every query and mutation of the schema
// with demo-b's object IDs and checks that each answer is exactly the answer
// for an ID that never existed, with no demo-b value in it; lists and nested
// edges must hold demo-a objects only, even where a row of demo-b has been
// planted pointing at demo-a's; and demo-b is unchanged afterwards.
//
// The walk is driven by introspection: a query or mutation added to the
// schema without an entry in tenancyProbes, an ID argument a probe does not
// fill, or a Node type without a demo-b object fails the test, so a new
// operation cannot slip past it.
func TestTenancyNothingCrossesTenants(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		w := newTenancyWorld(t, e)
		before := w.fingerprint(t, w.other)

		s := introspect(t, e, e.Login(t, "demo-a", "admin"))
		checkTenancyProbesCoverSchema(t, s)
		checkTenancyFixturesCoverNodes(t, s, w)

		for _, username := range []string{"admin", "clerk"} {
			t.Run(username, func(t *testing.T) {
				c := &tenancyCaller{w: w, t: t, username: username, token: e.Login(t, "demo-a", username)}
				for _, name := range sortedKeys(tenancyProbes) {
					t.Run(name, func(t *testing.T) {
						tenancyProbes[name].run(c.with(t))
					})
				}
				t.Run("nested edges", func(t *testing.T) { c.with(t).nestedEdges() })
			})
		}

		t.Run("ent client", func(t *testing.T) { w.entRefusesOtherTenant(t) })

		if after := w.fingerprint(t, w.other); !slices.Equal(before, after) {
			t.Errorf("demo-b changed while demo-a's users called the API:\n%s", lineDiff(before, after))
		}
	})
}

// tenancyTenant is one demo tenant as the ent client sees it from inside.
type tenancyTenant struct {
	code string
	id   int
	ctx  context.Context // viewer.TenantSystemContext of the tenant
}

// tenancyWorld is the data the walk runs against: demo-a (own), demo-b
// (other), one demo-b object of every Node type, and rows planted across the
// boundary.
type tenancyWorld struct {
	e          *apptest.Env
	client     *ent.Client
	sys        context.Context // viewer.SystemContext: sees both tenants
	own, other tenancyTenant

	foreign     map[string]int   // Node type → one demo-b object of it
	foreignIDs  map[string][]int // Node type → every demo-b object of it
	isForeign   map[int]bool     // every demo-b object ID, of any type
	ownFixtures map[string]int   // Node type → one demo-a object, for probes that need one of their own
	secrets     []string         // values only demo-b has: none may reach a demo-a caller

	foreignIDNumber string // the ID number of a demo-b citizen no demo-a citizen has

	// Rows planted across the boundary, written as the server would never
	// write them, to prove that edges are filtered on the way out too.
	plantedTicket int // demo-a ticket whose citizen, category, region, department and registrar are demo-b's
	housing       int // demo-a's 住建局, parent, department and ticket holder of planted demo-b rows
}

func newTenancyWorld(t *testing.T, e *apptest.Env) *tenancyWorld {
	t.Helper()
	ctx := context.Background()
	sys := viewer.SystemContext(ctx)
	c := e.App.DB.Client
	w := &tenancyWorld{e: e, client: c, sys: sys}
	readTenant := func(code string) tenancyTenant {
		row, err := c.Tenant.Query().Where(tenant.Code(code)).Only(sys)
		if err != nil {
			t.Fatalf("tenant %s: %v", code, err)
		}
		return tenancyTenant{code: code, id: row.ID, ctx: viewer.TenantSystemContext(ctx, row.ID)}
	}
	w.own, w.other = readTenant("demo-a"), readTenant("demo-b")
	// What each tenant holds is read in the system context with the tenant
	// named explicitly, so the truth the answers are compared with does not
	// rest on the tenant filter under test.
	a, b := w.own.id, w.other.id

	// demo-b gets an API key and an audit record the way its own staff make
	// them: through the API.
	bAdmin, bClerk := e.Login(t, "demo-b", "admin"), e.Login(t, "demo-b", "clerk")
	e.Do(t, bAdmin, `mutation { createAPIKey(input:{name:"武侯区省网对接", role:"integrator"}) { key } }`, nil).Decode(t, &struct{}{})
	bCitizen := c.Citizen.Query().Where(citizen.TenantID(b)).Order(ent.Asc(citizen.FieldID)).FirstIDX(sys)
	e.Do(t, bClerk, `query($id:ID!) { node(id:$id) { ... on Citizen { idNumber } } }`,
		map[string]any{"id": strconv.Itoa(bCitizen)}).Decode(t, &struct{}{})
	bTicket := c.Ticket.Query().Where(ticket.TenantID(b), ticket.CitizenIDNotNil()).Order(ent.Asc(ticket.FieldID)).FirstX(sys)
	// The upload and its job are written as submitIntake writes them; the
	// job is FAILED so that no worker picks it up during the walk.
	// A report of demo-b, as generateReport records one (never queued:
	// it stays QUEUED through the walk).
	c.Report.Create().SetTenantID(b).SetKind(entreport.KindMONTHLY).SetFromDate("2026-10-01").SetToDate("2026-10-31").ExecX(sys)
	bLetter := c.Attachment.Create().SetTenantID(b).SetFileName("武侯区来信扫描件.jpg").SetContentType("image/jpeg").SetSize(2048).
		SetSha256(strings.Repeat("b1", 32)).SetKind("LETTER").SetTicketID(bTicket.ID).SaveX(sys)
	c.IntakeJob.Create().SetTenantID(b).SetKind(intakejob.KindLETTER).SetStatus(intakejob.StatusFAILED).
		SetError("武侯区来信无法识别").SetAttachment(bLetter).SetTicketID(bTicket.ID).ExecX(sys)

	// A demo-b knowledge article, indexed for search as its editors write one.
	if _, err := e.App.Knowledge.CreateArticle(viewer.TenantSystemContext(ctx, b), knowledge.ArticleInput{
		Title: "武侯区知识库拆迁补偿标准", Body: "武侯区知识库正文：电梯故障与拆迁补偿按武侯区标准办理。"}); err != nil {
		t.Fatal(err)
	}

	// Replies and callbacks have no demo-b staff to write them through the
	// API in this walk: the rows are written as replyTicket and
	// recordCallback write them.
	bReply := c.Reply.Create().SetTenantID(b).SetTicketID(bTicket.ID).
		SetFacts("武侯区答复事实：经核实路灯损坏属实").SetBasis("武侯区答复依据：城市照明管理规定").
		SetHandling("武侯区答复处理：已通知维修班组").SetResult("武侯区答复结果：路灯已修复").
		SetAppealChannel("武侯区答复救济渠道：可向武侯区人民政府申请复议").SaveX(sys)
	c.Callback.Create().SetTenantID(b).SetTicketID(bTicket.ID).SetReplyID(bReply.ID).
		SetSatisfaction(callback.SatisfactionSATISFIED).SetSolved(true).SetNote("武侯区回访记录：居民表示满意").ExecX(sys)

	// A group case of demo-b holding its ticket, as detection forms one.
	c.GroupCase.Create().SetTenantID(b).SetKey("ticket:tenancy").SetSize(5).
		SetReason("武侯区群体件：5 人在 7 天内反映同一事项").AddTicketIDs(bTicket.ID).ExecX(sys)

	// demo-b sends its staff's notifications to a webhook of its own.
	bTenant := c.Tenant.GetX(sys, b)
	bSettings := maps.Clone(bTenant.Settings)
	if bSettings == nil {
		bSettings = map[string]any{}
	}
	bSettings["webhookURL"] = tenancyWebhook
	c.Tenant.UpdateOneID(b).SetSettings(bSettings).ExecX(sys)

	// Planted rows: a demo-a ticket pointing at demo-b's citizen, category,
	// region, department and user; demo-b rows hanging under demo-a's
	// department, category, region, citizen and clerk.
	w.housing = c.Department.Query().Where(department.TenantID(a), department.Name("住建局")).OnlyIDX(sys)
	aClerk := c.User.Query().Where(user.TenantID(a), user.Username("clerk")).OnlyIDX(sys)
	aCitizen := c.Citizen.Query().Where(citizen.TenantID(a)).Order(ent.Asc(citizen.FieldID)).FirstIDX(sys)
	aCategory := c.Category.Query().Where(category.TenantID(a), category.Level(2)).Order(ent.Asc(category.FieldID)).FirstIDX(sys)
	aRegion := c.Region.Query().Where(region.TenantID(a), region.LevelEQ(region.LevelCOMMUNITY)).Order(ent.Asc(region.FieldID)).FirstIDX(sys)
	bCategory := c.Category.Query().Where(category.TenantID(b), category.Level(3)).Order(ent.Asc(category.FieldID)).FirstIDX(sys)
	bRegion := c.Region.Query().Where(region.TenantID(b)).Order(ent.Asc(region.FieldID)).FirstIDX(sys)
	bDept := c.Department.Query().Where(department.TenantID(b)).Order(ent.Asc(department.FieldID)).FirstIDX(sys)
	bUser := c.User.Query().Where(user.TenantID(b), user.Username("clerk")).OnlyIDX(sys)
	w.plantedTicket = c.Ticket.Create().SetTenantID(w.own.id).SetCode("MS-19700101-9001").SetChannel(ticket.ChannelPHONE).
		SetTitle("跨租户关联测试工单").SetCitizenID(bCitizen).SetCategoryID(bCategory).SetRegionID(bRegion).
		SetDepartmentID(bDept).SetRegisteredByID(bUser).
		SetRepeatOfID(bTicket.ID).SetRepeatScore(0.9).SetRepeatReason("跨租户重复件标记").SetRepeatState(ticket.RepeatStatePENDING).
		SetGroupCaseID(c.GroupCase.Query().Where(groupcase.TenantID(b)).FirstIDX(sys)).SaveX(sys).ID
	c.Department.Create().SetTenantID(w.other.id).SetName("武侯区越界科室").SetParentID(w.housing).ExecX(sys)
	c.User.Create().SetTenantID(w.other.id).SetUsername("intruder").SetDisplayName("武侯区越界用户").
		SetPasswordHash("not a hash").SetDepartmentID(w.housing).ExecX(sys)
	c.Ticket.Create().SetTenantID(w.other.id).SetCode("MS-19700101-9002").SetChannel(ticket.ChannelPHONE).
		SetTitle("武侯区越界工单").SetBody("武侯区越界工单正文").SetCitizenID(aCitizen).SetCategoryID(aCategory).
		SetRegionID(aRegion).SetDepartmentID(w.housing).SetRegisteredByID(aClerk).ExecX(sys)
	c.Category.Create().SetTenantID(w.other.id).SetName("武侯区越界分类").SetType(category.TypeCOMPLAINT).
		SetDeadlineDays(5).SetLevel(3).SetParentID(aCategory).ExecX(sys)
	c.Region.Create().SetTenantID(w.other.id).SetName("武侯区越界网格").SetLevel(region.LevelGRID).
		SetDivisionCode("510107").SetGridNumber("510107-099-99").SetParentID(aRegion).ExecX(sys)
	c.Reply.Create().SetTenantID(w.other.id).SetTicketID(w.plantedTicket).
		SetFacts("武侯区越界答复").SetBasis("武侯区越界依据").SetHandling("武侯区越界处理").
		SetResult("武侯区越界结果").SetAppealChannel("武侯区越界救济渠道").ExecX(sys)
	c.Callback.Create().SetTenantID(w.other.id).SetTicketID(w.plantedTicket).
		SetSatisfaction(callback.SatisfactionDISSATISFIED).SetSolved(false).SetNote("武侯区越界回访").ExecX(sys)
	c.Attachment.Create().SetTenantID(w.other.id).SetFileName("武侯区越界附件.jpg").SetContentType("image/jpeg").
		SetSize(1024).SetSha256(strings.Repeat("b2", 32)).SetKind("ID_CARD").SetTicketID(w.plantedTicket).ExecX(sys)

	// demo-b watches a place and has a warning about its ticket, written as
	// addWatchItem and raiseAlert write them.
	c.WatchItem.Create().SetTenantID(b).SetKind(watchitem.KindPLACE).SetWords([]string{"武侯区越界重点区域"}).
		SetReason("武侯区重点区域理由").SetLevel(2).ExecX(sys)
	bWarning := c.Warning.Create().SetTenantID(b).SetKind(warning.KindGROUP_CASE).SetLevel(2).
		SetReason("武侯区群体件预警").SetKey("tenancy:demo-b").SaveX(sys)
	c.WarningTicket.Create().SetTenantID(b).SetWarningID(bWarning.ID).SetTicketID(bTicket.ID).ExecX(sys)

	// Every demo-b object, and the values only demo-b has.
	otherRows, ownRows := w.rows(t, w.other), w.rows(t, w.own)
	w.foreign, w.foreignIDs, w.isForeign = map[string]int{}, map[string][]int{}, map[int]bool{}
	for typ, rows := range otherRows {
		for _, r := range rows {
			w.foreignIDs[typ] = append(w.foreignIDs[typ], r.id)
			w.isForeign[r.id] = true
		}
		if len(rows) > 0 {
			w.foreign[typ] = rows[0].id
		}
	}
	w.ownFixtures = map[string]int{}
	for typ, rows := range ownRows {
		if len(rows) > 0 {
			w.ownFixtures[typ] = rows[0].id
		}
	}
	// The seeded demo-b objects, not the planted ones, stand for their type.
	w.foreign["Ticket"], w.foreign["Citizen"], w.foreign["User"] = bTicket.ID, bCitizen, bUser
	w.foreign["Department"], w.foreign["Category"], w.foreign["Region"] = bDept, bCategory, bRegion
	w.secrets = tenancySecrets(
		append(rowValues(otherRows), personalData(w.other.code)...),
		append(rowValues(ownRows), personalData(w.own.code)...))
	ownPersonal := personalData(w.own.code)
	for _, v := range personalData(w.other.code) {
		if len(v) == 18 && !slices.Contains(ownPersonal, v) {
			w.foreignIDNumber = v
			break
		}
	}
	if w.foreignIDNumber == "" {
		t.Fatal("demo-b has no citizen with an ID number of its own")
	}
	if len(w.secrets) < 50 {
		t.Fatalf("only %d values tell demo-b apart from demo-a: %q", len(w.secrets), w.secrets)
	}
	return w
}

// tenancyRow is one row read with the ent client: its ID, its String()
// (every non-sensitive column, for telling whether it changed) and the
// values a leak would show.
type tenancyRow struct {
	id     int
	text   string
	values []string
}

// rows reads every object of tn, by GraphQL type name.
func (w *tenancyWorld) rows(t *testing.T, tn tenancyTenant) map[string][]tenancyRow {
	t.Helper()
	ctx, c, id := viewer.SystemContext(context.Background()), w.client, tn.id
	out := map[string][]tenancyRow{}
	add := func(typ string, id int, text string, values ...string) {
		out[typ] = append(out[typ], tenancyRow{id: id, text: text, values: values})
	}
	tn2 := c.Tenant.GetX(ctx, id)
	add("Tenant", tn2.ID, tn2.String(), tn2.Code, tn2.Name, tn2.DivisionCode)
	for _, r := range c.User.Query().Where(user.TenantID(id)).Order(ent.Asc(user.FieldID)).AllX(ctx) {
		add("User", r.ID, r.String(), r.Username, r.DisplayName)
	}
	for _, r := range c.Department.Query().Where(department.TenantID(id)).Order(ent.Asc(department.FieldID)).AllX(ctx) {
		add("Department", r.ID, r.String(), r.Name, r.Phone)
	}
	for _, r := range c.Region.Query().Where(region.TenantID(id)).Order(ent.Asc(region.FieldID)).AllX(ctx) {
		add("Region", r.ID, r.String(), r.Name, r.DivisionCode, r.GridNumber)
	}
	for _, r := range c.Category.Query().Where(category.TenantID(id)).Order(ent.Asc(category.FieldID)).AllX(ctx) {
		add("Category", r.ID, r.String(), append([]string{r.Name, r.Code}, r.Keywords...)...)
	}
	for _, r := range c.Citizen.Query().Where(citizen.TenantID(id)).Order(ent.Asc(citizen.FieldID)).AllX(ctx) {
		add("Citizen", r.ID, r.String(), r.Name, r.Address)
	}
	for _, r := range c.Ticket.Query().Where(ticket.TenantID(id)).Order(ent.Asc(ticket.FieldID)).AllX(ctx) {
		add("Ticket", r.ID, r.String(), r.Code, r.Title, r.Body, r.Place)
	}
	for _, r := range c.GroupCase.Query().Where(groupcase.TenantID(id)).Order(ent.Asc(groupcase.FieldID)).AllX(ctx) {
		add("GroupCase", r.ID, r.String(), r.Reason)
	}
	for _, r := range c.APIKey.Query().Where(apikey.TenantID(id)).Order(ent.Asc(apikey.FieldID)).AllX(ctx) {
		add("APIKey", r.ID, r.String(), r.Name, r.Prefix)
	}
	for _, r := range c.AuditLog.Query().Where(auditlog.TenantID(id)).Order(ent.Asc(auditlog.FieldID)).AllX(ctx) {
		add("AuditLog", r.ID, r.String(), r.ActorName)
	}
	for _, r := range c.Attachment.Query().Where(attachment.TenantID(id)).Order(ent.Asc(attachment.FieldID)).AllX(ctx) {
		add("Attachment", r.ID, r.String(), r.FileName, r.Sha256)
	}
	for _, r := range c.IntakeJob.Query().Where(intakejob.TenantID(id)).Order(ent.Asc(intakejob.FieldID)).AllX(ctx) {
		add("IntakeJob", r.ID, r.String(), r.Error)
	}
	for _, r := range c.Report.Query().Where(entreport.TenantID(id)).Order(ent.Asc(entreport.FieldID)).AllX(ctx) {
		add("Report", r.ID, fmt.Sprintf("Report(id=%d, kind=%s, from=%s)", r.ID, r.Kind, r.FromDate), r.FromDate)
	}
	for _, r := range c.Reply.Query().Where(reply.TenantID(id)).Order(ent.Asc(reply.FieldID)).AllX(ctx) {
		add("Reply", r.ID, r.String(), r.Facts, r.Basis, r.Handling, r.Result, r.AppealChannel)
	}
	for _, r := range c.Callback.Query().Where(callback.TenantID(id)).Order(ent.Asc(callback.FieldID)).AllX(ctx) {
		add("Callback", r.ID, r.String(), r.Note)
	}
	for _, r := range c.TimelineEvent.Query().Where(timelineevent.TenantID(id)).Order(ent.Asc(timelineevent.FieldID)).AllX(ctx) {
		add("TimelineEvent", r.ID, r.String(), r.ActorName, r.Reason)
	}
	for _, r := range c.KnowledgeArticle.Query().Where(knowledgearticle.TenantID(id)).Order(ent.Asc(knowledgearticle.FieldID)).AllX(ctx) {
		add("KnowledgeArticle", r.ID, r.String(), r.Title, r.Body)
	}
	for _, r := range c.Notification.Query().Where(notification.TenantID(id)).Order(ent.Asc(notification.FieldID)).AllX(ctx) {
		// Only what is written once: delivery changes the status in the
		// background while the walk runs.
		add("Notification", r.ID, fmt.Sprintf("Notification(id=%d, event=%s, key=%s, payload=%v)", r.ID, r.Event, r.Key, r.Payload), r.Key)
	}
	for _, r := range c.Warning.Query().Where(warning.TenantID(id)).Order(ent.Asc(warning.FieldID)).AllX(ctx) {
		add("Warning", r.ID, r.String(), r.Reason)
	}
	for _, r := range c.WatchItem.Query().Where(watchitem.TenantID(id)).Order(ent.Asc(watchitem.FieldID)).AllX(ctx) {
		add("WatchItem", r.ID, r.String(), append([]string{r.Reason}, r.Words...)...)
	}
	return out
}

func rowValues(rows map[string][]tenancyRow) []string {
	var out []string
	for _, rs := range rows {
		for _, r := range rs {
			out = append(out, r.values...)
		}
	}
	return out
}

// personalData is the ID numbers and phones a demo district's citizens gave,
// in clear: sealed in the database, so they are not among the columns rows
// reads.
func personalData(code string) []string {
	var out []string
	for _, d := range demo.Districts {
		if d.Code != code {
			continue
		}
		for _, st := range d.Tickets {
			if st.Citizen != nil {
				out = append(out, st.Citizen.IDNumber, st.Citizen.Phone)
			}
		}
	}
	return out
}

// fingerprint is every row of tn as text, to tell whether anything in it
// changed.
func (w *tenancyWorld) fingerprint(t *testing.T, tn tenancyTenant) []string {
	t.Helper()
	var out []string
	for typ, rows := range w.rows(t, tn) {
		for _, r := range rows {
			out = append(out, typ+" "+r.text)
		}
	}
	sort.Strings(out)
	return out
}

// tenancySecrets are the values of demo-b that appear nowhere in demo-a:
// finding one in an answer to demo-a is a leak. Values both districts share
// (the category tree, the demo usernames, 住建局) prove nothing and are left
// out, as are short numbers that could turn up inside an ID or a timestamp.
func tenancySecrets(other, own []string) []string {
	shortNumber := regexp.MustCompile(`^[\d-]{0,9}$`)
	seen := map[string]bool{}
	var out []string
	for _, v := range other {
		v = strings.TrimSpace(v)
		if seen[v] || utf8.RuneCountInString(v) < 2 || shortNumber.MatchString(v) ||
			slices.ContainsFunc(own, func(o string) bool { return strings.Contains(o, v) }) {
			continue
		}
		seen[v] = true
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// checkTenancyProbesCoverSchema fails for a query or mutation without a
// probe, a probe for a field that is gone, and a probe that does not fill
// exactly the ID arguments the field takes (directly or inside its input).
func checkTenancyProbesCoverSchema(t *testing.T, s introspectedSchema) {
	t.Helper()
	seen := map[string]bool{}
	for _, root := range []string{s.QueryType.Name, s.MutationType.Name} {
		for _, f := range s.byName(t, root).Fields {
			name := root + "." + f.Name
			seen[name] = true
			p, ok := tenancyProbes[name]
			if !ok {
				t.Errorf("%s is not in tenancyProbes: add how the tenancy walk calls it with demo-b's IDs", name)
				continue
			}
			var paths []string
			for _, a := range f.Args {
				paths = append(paths, idPaths(s, a.Name, a.Type, nil)...)
			}
			sort.Strings(paths)
			want := slices.Clone(p.idArgs)
			sort.Strings(want)
			if !slices.Equal(paths, want) {
				t.Errorf("%s takes IDs at %q but its probe fills %q: every ID argument must be tried with demo-b's IDs", name, paths, want)
			}
		}
	}
	for name := range tenancyProbes {
		if !seen[name] {
			t.Errorf("tenancyProbes has %s, which the schema no longer has", name)
		}
	}
}

// idPaths lists where an argument of type ref carries object IDs: the
// argument itself, or fields of its input object, as dotted paths. Filters
// (…WhereInput) are left out: they narrow a list, and the lists are checked
// by what they return.
func idPaths(s introspectedSchema, path string, ref introspectedTypeRef, inside []string) []string {
	name := ref.named()
	switch {
	case name == "ID":
		return []string{path}
	case strings.HasSuffix(name, "WhereInput") || slices.Contains(inside, name):
		return nil
	}
	for _, ty := range s.Types {
		if ty.Name == name && ty.Kind == "INPUT_OBJECT" {
			inside = append(slices.Clip(inside), name)
			var out []string
			for _, f := range ty.InputFields {
				out = append(out, idPaths(s, path+"."+f.Name, f.Type, inside)...)
			}
			return out
		}
	}
	return nil
}

// checkTenancyFixturesCoverNodes fails when a type implementing Node has no
// demo-b object to try node(id:) with.
func checkTenancyFixturesCoverNodes(t *testing.T, s introspectedSchema, w *tenancyWorld) {
	t.Helper()
	node := s.byName(t, "Node")
	if len(node.PossibleTypes) == 0 {
		t.Fatal("no type implements Node")
	}
	for _, p := range node.PossibleTypes {
		if _, ok := w.foreign[p.Name]; !ok {
			t.Errorf("Node type %s has no demo-b object: give demo-b one in newTenancyWorld and read it in rows", p.Name)
		}
	}
}

// tenancyCaller is a demo-a user walking the API.
type tenancyCaller struct {
	w        *tenancyWorld
	t        *testing.T
	username string
	token    string
}

func (c *tenancyCaller) with(t *testing.T) *tenancyCaller {
	d := *c
	d.t = t
	return &d
}

// tenancyRoles are the roles of the demo users the walk signs in as.
var tenancyRoles = map[string]string{"admin": authz.TenantAdmin, "clerk": authz.Clerk}

// may reports whether the caller's role has perm ("object:action").
func (c *tenancyCaller) may(perm string) bool {
	return perm == "" || slices.Contains(authz.Templates[tenancyRoles[c.username]], perm)
}

func (c *tenancyCaller) do(doc string, vars map[string]any) *apptest.Response {
	c.t.Helper()
	r := c.w.e.Do(c.t, c.token, doc, vars)
	c.noLeak(doc, r)
	return r
}

// noLeak fails when any value only demo-b has appears in the answer.
func (c *tenancyCaller) noLeak(doc string, r *apptest.Response) {
	c.t.Helper()
	body, err := json.Marshal(r)
	if err != nil {
		c.t.Fatal(err)
	}
	for _, s := range c.w.secrets {
		if strings.Contains(string(body), s) {
			c.t.Errorf("demo-b's %q reached demo-a's %s:\n  request %s\n  answer %s", s, c.username, oneLine(doc), body)
		}
	}
}

// tenancyWebhook is demo-b's webhook URL.
const tenancyWebhook = "https://wuhou.example.cn/minsheng-hook"

var digitRuns = regexp.MustCompile(`\d+`)

// answerShape is the answer with numbers blanked, so an answer about one ID
// can be compared with an answer about another.
func answerShape(r *apptest.Response) string {
	body, _ := json.Marshal(struct {
		Data   json.RawMessage `json:"data"`
		Errors []apptest.Error `json:"errors"`
	}{r.Data, r.Errors})
	return digitRuns.ReplaceAllString(string(body), "N")
}

// neverExisted is an ID of the same type as id that no object has.
func neverExisted(id int) int { return id + 1_000_000 }

func idVar(id int) string { return strconv.Itoa(id) }

// refused sends doc with the variables vars gives for a demo-b ID and for an
// ID that never existed, and checks the two answers are the same (numbers
// aside): NOT_FOUND, or FORBIDDEN where the caller's role lacks perm. A
// caller must not be able to tell another tenant's object from no object.
func (c *tenancyCaller) refused(label, perm, doc string, foreign int, vars func(id int) map[string]any) {
	c.t.Helper()
	got := c.do(doc, vars(foreign))
	want := c.do(doc, vars(neverExisted(foreign)))
	code := "NOT_FOUND"
	if !c.may(perm) {
		code = "FORBIDDEN"
	}
	if got.Code() != code {
		c.t.Errorf("%s with demo-b's %d: code %q, want %s\n  request %s\n  answer %s",
			label, foreign, got.Code(), code, oneLine(doc), answerShape(got))
	}
	if answerShape(got) != answerShape(want) {
		c.t.Errorf("%s: the answer for demo-b's %d differs from the one for an ID that never existed\n  demo-b: %s\n  never:  %s",
			label, foreign, answerShape(got), answerShape(want))
	}
}

// tenancyProbe is how the walk calls one query or mutation.
type tenancyProbe struct {
	idArgs []string // the ID arguments the probe fills with demo-b's IDs, as introspection names them
	run    func(c *tenancyCaller)
}

// tenancyProbes has an entry for every query and mutation in the schema;
// checkTenancyProbesCoverSchema fails when one is missing.
var tenancyProbes = map[string]tenancyProbe{
	"Query.warnings": {run: func(c *tenancyCaller) {
		c.listsOwnPage("warnings", "warning:read", "Warning", func(id int) int {
			return c.w.client.Warning.Query().Where(warning.TenantID(id)).CountX(c.w.sys)
		})
	}},
	"Query.watchItems": {run: func(c *tenancyCaller) {
		c.listsOwnPage("watchItems", "watchitem:read", "WatchItem", func(id int) int {
			return c.w.client.WatchItem.Query().Where(watchitem.TenantID(id)).CountX(c.w.sys)
		})
	}},
	"Mutation.addWatchItem": {idArgs: []string{"input.regionID", "input.categoryID"}, run: func(c *tenancyCaller) {
		doc := `mutation($in:WatchItemInput!) { addWatchItem(input:$in) { id region { id name } category { id name } } }`
		c.refused("addWatchItem(regionID)", "watchitem:write", doc, c.w.foreign["Region"], func(id int) map[string]any {
			return map[string]any{"in": map[string]any{"kind": "PLACE", "regionID": idVar(id), "reason": "越界", "level": 1}}
		})
		c.refused("addWatchItem(categoryID)", "watchitem:write", doc, c.w.foreign["Category"], func(id int) map[string]any {
			return map[string]any{"in": map[string]any{"kind": "TOPIC", "categoryID": idVar(id), "reason": "越界", "level": 1}}
		})
	}},
	"Mutation.removeWatchItem": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("removeWatchItem(id)", "watchitem:write", `mutation($id:ID!) { removeWatchItem(id:$id) }`,
			c.w.foreign["WatchItem"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}},
	"Mutation.acknowledgeWarning": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("acknowledgeWarning(id)", "warning:acknowledge", `mutation($id:ID!) { acknowledgeWarning(id:$id, note:"越界") { id reason } }`,
			c.w.foreign["Warning"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}},
	"Query.node": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		for _, typ := range sortedKeys(c.w.foreign) {
			id := c.w.foreign[typ]
			doc := `query($id:ID!) { node(id:$id) { __typename id } }`
			got, want := c.do(doc, map[string]any{"id": idVar(id)}), c.do(doc, map[string]any{"id": idVar(neverExisted(id))})
			if len(got.Errors) > 0 || string(got.Data) != `{"node":null}` || answerShape(got) != answerShape(want) {
				c.t.Errorf("node(id:) for demo-b's %s %d answers %s; for an ID that never existed %s, want null for both",
					typ, id, answerShape(got), answerShape(want))
			}
		}
	}},
	"Query.nodes": {idArgs: []string{"ids"}, run: func(c *tenancyCaller) {
		var foreign, never []string
		for _, typ := range sortedKeys(c.w.foreign) {
			foreign = append(foreign, idVar(c.w.foreign[typ]))
			never = append(never, idVar(neverExisted(c.w.foreign[typ])))
		}
		doc := `query($ids:[ID!]!) { nodes(ids:$ids) { __typename id } }`
		got, want := c.do(doc, map[string]any{"ids": foreign}), c.do(doc, map[string]any{"ids": never})
		nulls := `{"nodes":[null` + strings.Repeat(",null", len(foreign)-1) + `]}`
		if len(got.Errors) > 0 || string(got.Data) != nulls || answerShape(got) != answerShape(want) {
			c.t.Errorf("nodes(ids:) for demo-b's objects answers %s; for IDs that never existed %s, want all null", answerShape(got), answerShape(want))
		}
		// Mixed with one of demo-a's, only demo-a's comes back, in its place.
		own := c.w.ownFixtures["Ticket"]
		var out struct{ Nodes []*struct{ ID string } }
		c.do(doc, map[string]any{"ids": []string{foreign[0], idVar(own), foreign[1]}}).Decode(c.t, &out)
		if len(out.Nodes) != 3 || out.Nodes[0] != nil || out.Nodes[1] == nil || out.Nodes[1].ID != idVar(own) || out.Nodes[2] != nil {
			c.t.Errorf("nodes(ids:[demo-b, demo-a ticket %d, demo-b]) = %+v, want [null, the ticket, null]", own, out.Nodes)
		}
	}},
	"Query.me": {run: func(c *tenancyCaller) {
		var out struct {
			Me struct {
				ID     string
				Tenant struct{ ID, Code string }
			}
		}
		c.do(`{ me { id username tenant { id code } department { id name } } }`, nil).Decode(c.t, &out)
		if want := c.w.ownUser(c.t, c.username); out.Me.ID != idVar(want) || out.Me.Tenant.ID != idVar(c.w.own.id) {
			c.t.Errorf("me = %+v, want user %d of demo-a (%d)", out.Me, want, c.w.own.id)
		}
	}},
	"Query.roles": {run: func(c *tenancyCaller) {
		if r := c.do(`{ roles }`, nil); len(r.Errors) > 0 {
			c.t.Errorf("roles: %+v", r.Errors)
		}
	}},
	"Query.tenants": {run: func(c *tenancyCaller) {
		r := c.do(`{ tenants { id code name } }`, nil)
		if !c.may("tenant:read") {
			if r.Code() != "FORBIDDEN" {
				c.t.Errorf("tenants: code %q, want FORBIDDEN: %s", r.Code(), answerShape(r))
			}
			return
		}
		var out struct{ Tenants []struct{ ID string } }
		r.Decode(c.t, &out)
		if len(out.Tenants) != 1 || out.Tenants[0].ID != idVar(c.w.own.id) {
			c.t.Errorf("tenants = %+v, want demo-a only", out.Tenants)
		}
	}},
	"Query.apiKeys": {run: func(c *tenancyCaller) {
		r := c.do(`{ apiKeys { id name prefix } }`, nil)
		if !c.may("apikey:read") {
			if r.Code() != "FORBIDDEN" {
				c.t.Errorf("apiKeys: code %q, want FORBIDDEN: %s", r.Code(), answerShape(r))
			}
			return
		}
		var out struct{ APIKeys []struct{ ID, Prefix string } }
		r.Decode(c.t, &out)
		n := c.w.client.APIKey.Query().Where(apikey.TenantID(c.w.own.id)).CountX(c.w.sys)
		if len(out.APIKeys) != n {
			c.t.Errorf("apiKeys lists %d keys, demo-a has %d", len(out.APIKeys), n)
		}
		for _, k := range out.APIKeys {
			if c.w.isForeign[atoi(c.t, k.ID)] || !strings.HasPrefix(k.Prefix, "msk_demo-a_") {
				c.t.Errorf("apiKeys lists %+v, which is not demo-a's", k)
			}
		}
	}},
	"Query.auditLogs": {run: func(c *tenancyCaller) {
		c.listsOwnOnly("auditLogs", "auditlog:read", "AuditLog", func(id int) int { return c.w.client.AuditLog.Query().Where(auditlog.TenantID(id)).CountX(c.w.sys) })
	}},
	"Query.categories": {run: func(c *tenancyCaller) {
		c.listsOwnOnly("categories", "category:read", "Category", func(id int) int { return c.w.client.Category.Query().Where(category.TenantID(id)).CountX(c.w.sys) })
	}},
	"Query.citizens": {run: func(c *tenancyCaller) {
		c.listsOwnOnly("citizens", "citizen:read", "Citizen", func(id int) int { return c.w.client.Citizen.Query().Where(citizen.TenantID(id)).CountX(c.w.sys) })
	}},
	"Query.departments": {run: func(c *tenancyCaller) {
		c.listsOwnOnly("departments", "department:read", "Department", func(id int) int { return c.w.client.Department.Query().Where(department.TenantID(id)).CountX(c.w.sys) })
	}},
	"Query.regions": {run: func(c *tenancyCaller) {
		c.listsOwnOnly("regions", "region:read", "Region", func(id int) int { return c.w.client.Region.Query().Where(region.TenantID(id)).CountX(c.w.sys) })
	}},
	"Query.intakeJob": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		doc := `query($id:ID!) { intakeJob(id:$id) { id status error ticket { id code } } }`
		got := c.do(doc, map[string]any{"id": idVar(c.w.foreign["IntakeJob"])})
		want := c.do(doc, map[string]any{"id": idVar(neverExisted(c.w.foreign["IntakeJob"]))})
		if !c.may("intake:read") {
			if got.Code() != "FORBIDDEN" {
				c.t.Errorf("intakeJob: code %q, want FORBIDDEN: %s", got.Code(), answerShape(got))
			}
			return
		}
		if len(got.Errors) > 0 || string(got.Data) != `{"intakeJob":null}` || answerShape(got) != answerShape(want) {
			c.t.Errorf("intakeJob(id:) for demo-b's job answers %s; for an ID that never existed %s, want null for both",
				answerShape(got), answerShape(want))
		}
	}},
	// Reports are leaders' and analysts': the walk's callers are refused,
	// and demo-b's report is in no answer.
	"Query.reports": {run: func(c *tenancyCaller) {
		c.listsOwnOnly("reports", "report:read", "Report", func(id int) int { return c.w.client.Report.Query().Where(entreport.TenantID(id)).CountX(c.w.sys) })
	}},
	"Mutation.generateReport": {run: func(c *tenancyCaller) {
		r := c.do(`mutation { generateReport(input:{kind:MONTHLY, from:"2026-10-01"}) { id from } }`, nil)
		if !c.may("report:generate") {
			if r.Code() != "FORBIDDEN" {
				c.t.Errorf("generateReport: code %q, want FORBIDDEN: %s", r.Code(), answerShape(r))
			}
			return
		}
		var out struct{ GenerateReport struct{ ID string } }
		r.Decode(c.t, &out)
		if c.w.isForeign[atoi(c.t, out.GenerateReport.ID)] {
			c.t.Errorf("generateReport answers demo-b's report")
		}
	}},
	"Query.tickets": {run: func(c *tenancyCaller) {
		// Both callers see all of demo-a's tickets (ticket_scope:tenant).
		c.listsOwnOnly("tickets", "ticket:read", "Ticket", func(id int) int { return c.w.client.Ticket.Query().Where(ticket.TenantID(id)).CountX(c.w.sys) })
	}},
	"Query.users": {run: func(c *tenancyCaller) {
		c.listsOwnOnly("users", "user:read", "User", func(id int) int { return c.w.client.User.Query().Where(user.TenantID(id)).CountX(c.w.sys) })
	}},

	// The citizen's operations name a case by code and token. demo-b's code
	// with any token but its own is no case at all: null, as for a code
	// that never existed, and demo-b's case stays as it was.
	"Query.trackCase": {run: func(c *tenancyCaller) {
		c.noCaseWithoutToken("trackCase", `query($c:String!,$t:String!) { trackCase(code:$c, token:$t) { code status timeline { action actor } } }`, nil)
	}},
	"Mutation.supplementCase": {run: func(c *tenancyCaller) {
		c.noCaseWithoutToken("supplementCase", `mutation($c:String!,$t:String!,$x:String!) { supplementCase(code:$c, token:$t, text:$x) { code status } }`,
			map[string]any{"x": "越界补充材料"})
	}},
	"Mutation.rateCase": {run: func(c *tenancyCaller) {
		c.noCaseWithoutToken("rateCase", `mutation($c:String!,$t:String!) { rateCase(code:$c, token:$t, satisfaction:DISSATISFIED, comment:"越界评价") { code status } }`, nil)
	}},
	"Query.notifications": {run: func(c *tenancyCaller) {
		c.listsOwnOnly("notifications", "notification:read", "Notification", func(id int) int {
			return c.w.client.Notification.Query().Where(notification.TenantID(id)).CountX(c.w.sys)
		})
	}},
	"Query.notificationSettings": {run: func(c *tenancyCaller) {
		r := c.do(`{ notificationSettings { webhookURL webhookSecretSet reminderBeforeHours } }`, nil)
		if !c.may("notification:read") {
			if r.Code() != "FORBIDDEN" {
				c.t.Errorf("notificationSettings: code %q, want FORBIDDEN: %s", r.Code(), answerShape(r))
			}
			return
		}
		var out struct{ NotificationSettings struct{ WebhookURL *string } }
		r.Decode(c.t, &out)
		if out.NotificationSettings.WebhookURL != nil {
			c.t.Errorf("notificationSettings answers webhook %q; demo-a has none (demo-b has one)", *out.NotificationSettings.WebhookURL)
		}
	}},
	"Mutation.setNotificationSettings": {run: func(c *tenancyCaller) {
		r := c.do(`mutation { setNotificationSettings(input:{webhookURL:"", reminderBeforeHours:48}) { webhookURL reminderBeforeHours } }`, nil)
		if !c.may("notification:write") {
			if r.Code() != "FORBIDDEN" {
				c.t.Errorf("setNotificationSettings: code %q, want FORBIDDEN: %s", r.Code(), answerShape(r))
			}
		} else if len(r.Errors) > 0 {
			c.t.Errorf("setNotificationSettings: %+v", r.Errors)
		}
		// Whatever the caller, demo-b's settings are as demo-b left them.
		b := c.w.client.Tenant.GetX(c.w.sys, c.w.other.id).Settings
		if b["webhookURL"] != tenancyWebhook || b["reminderBeforeHours"] != nil {
			c.t.Errorf("after demo-a's setNotificationSettings demo-b's settings are %v", b)
		}
	}},

	"Mutation.login": {run: func(c *tenancyCaller) {
		// Signing in names its tenant; the session is that tenant's only.
		var out struct {
			Login struct {
				User struct {
					ID     string
					Tenant struct{ ID string }
				}
			}
		}
		c.do(`mutation($u:String!,$p:String!) { login(tenant:"demo-a", username:$u, password:$p) { user { id tenant { id } } } }`,
			map[string]any{"u": c.username, "p": demo.Password}).Decode(c.t, &out)
		if u := out.Login.User; u.ID != idVar(c.w.ownUser(c.t, c.username)) || u.Tenant.ID != idVar(c.w.own.id) {
			c.t.Errorf("login to demo-a as %s gives user %+v, want demo-a's", c.username, u)
		}
	}},
	"Mutation.createTenant": {idArgs: []string{"input.admin.departmentID"}, run: func(c *tenancyCaller) {
		c.refused("createTenant(admin.departmentID)", "tenant:write",
			`mutation($in:CreateTenantInput!) { createTenant(input:$in) { id code name } }`,
			c.w.foreign["Department"], func(id int) map[string]any {
				return map[string]any{"in": map[string]any{"code": "tenancy-probe", "name": "越界测试区", "divisionCode": "320102",
					"admin": map[string]any{"username": "admin", "displayName": "越界", "password": demo.Password, "departmentID": idVar(id)}}}
			})
	}},
	"Mutation.updateTenant": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("updateTenant(id)", "tenant:write", `mutation($id:ID!) { updateTenant(id:$id, input:{name:"越界改名"}) { id code name } }`,
			c.w.other.id, func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}},
	"Mutation.createUser": {idArgs: []string{"input.departmentID"}, run: func(c *tenancyCaller) {
		c.refused("createUser(departmentID)", "user:write",
			`mutation($in:NewUserInput!) { createUser(input:$in) { id department { id name } } }`,
			c.w.foreign["Department"], func(id int) map[string]any {
				return map[string]any{"in": map[string]any{"username": "tenancy-probe", "displayName": "越界", "password": demo.Password,
					"departmentID": idVar(id), "roles": []string{"clerk"}}}
			})
	}},
	"Mutation.updateUser": {idArgs: []string{"id", "input.departmentID"}, run: func(c *tenancyCaller) {
		doc := `mutation($id:ID!, $in:UpdateUserInput!) { updateUser(id:$id, input:$in) { id displayName department { id name } } }`
		c.refused("updateUser(id)", "user:write", doc, c.w.foreign["User"], func(id int) map[string]any {
			return map[string]any{"id": idVar(id), "in": map[string]any{"displayName": "越界改名", "active": false}}
		})
		analyst := idVar(c.w.ownUser(c.t, "analyst"))
		c.refused("updateUser(departmentID)", "user:write", doc, c.w.foreign["Department"], func(id int) map[string]any {
			return map[string]any{"id": analyst, "in": map[string]any{"departmentID": idVar(id)}}
		})
	}},
	"Mutation.createDepartment": {idArgs: []string{"input.parentID"}, run: func(c *tenancyCaller) {
		c.refused("createDepartment(parentID)", "department:write",
			`mutation($in:CreateDepartmentInput!) { createDepartment(input:$in) { id parent { id name } } }`,
			c.w.foreign["Department"], func(id int) map[string]any {
				return map[string]any{"in": map[string]any{"name": "越界科室", "parentID": idVar(id)}}
			})
	}},
	"Mutation.updateDepartment": {idArgs: []string{"id", "input.parentID"}, run: func(c *tenancyCaller) {
		doc := `mutation($id:ID!, $in:UpdateDepartmentInput!) { updateDepartment(id:$id, input:$in) { id name parent { id name } } }`
		c.refused("updateDepartment(id)", "department:write", doc, c.w.foreign["Department"], func(id int) map[string]any {
			return map[string]any{"id": idVar(id), "in": map[string]any{"name": "越界改名"}}
		})
		c.refused("updateDepartment(parentID)", "department:write", doc, c.w.foreign["Department"], func(id int) map[string]any {
			return map[string]any{"id": idVar(c.w.housing), "in": map[string]any{"parentID": idVar(id)}}
		})
	}},
	"Mutation.createRegion": {idArgs: []string{"input.parentID"}, run: func(c *tenancyCaller) {
		c.refused("createRegion(parentID)", "region:write",
			`mutation($in:CreateRegionInput!) { createRegion(input:$in) { id parent { id name } } }`,
			c.w.foreign["Region"], func(id int) map[string]any {
				return map[string]any{"in": map[string]any{"name": "越界社区", "level": "COMMUNITY", "divisionCode": "320102", "parentID": idVar(id)}}
			})
	}},
	"Mutation.updateRegion": {idArgs: []string{"id", "input.parentID"}, run: func(c *tenancyCaller) {
		doc := `mutation($id:ID!, $in:UpdateRegionInput!) { updateRegion(id:$id, input:$in) { id name parent { id name } } }`
		c.refused("updateRegion(id)", "region:write", doc, c.w.foreign["Region"], func(id int) map[string]any {
			return map[string]any{"id": idVar(id), "in": map[string]any{"name": "越界改名"}}
		})
		own := idVar(c.w.ownFixtures["Region"])
		c.refused("updateRegion(parentID)", "region:write", doc, c.w.foreign["Region"], func(id int) map[string]any {
			return map[string]any{"id": own, "in": map[string]any{"parentID": idVar(id)}}
		})
	}},
	"Mutation.createCategory": {idArgs: []string{"input.parentID", "input.departmentID"}, run: func(c *tenancyCaller) {
		c.refused("createCategory(departmentID)", "category:write",
			`mutation($in:CreateCategoryInput!) { createCategory(input:$in) { id department { id name } } }`,
			c.w.foreign["Department"], func(id int) map[string]any {
				return map[string]any{"in": map[string]any{"name": "越界部门分类", "type": "COMPLAINT", "deadlineDays": 5, "departmentID": idVar(id)}}
			})
		// A level-2 parent, so the new category would be allowed on level 3.
		parent := c.w.client.Category.Query().Where(category.TenantID(c.w.other.id), category.Level(2)).FirstIDX(c.w.sys)
		c.refused("createCategory(parentID)", "category:write",
			`mutation($in:CreateCategoryInput!) { createCategory(input:$in) { id level parent { id name } } }`,
			parent, func(id int) map[string]any {
				return map[string]any{"in": map[string]any{"name": "越界分类", "type": "COMPLAINT", "deadlineDays": 5, "parentID": idVar(id)}}
			})
	}},
	"Mutation.updateCategory": {idArgs: []string{"id", "input.departmentID"}, run: func(c *tenancyCaller) {
		c.refused("updateCategory(id)", "category:write",
			`mutation($id:ID!) { updateCategory(id:$id, input:{name:"越界改名", active:false}) { id name code } }`,
			c.w.foreign["Category"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
		own := c.w.ownFixtures["Category"]
		c.refused("updateCategory(departmentID)", "category:write",
			`mutation($id:ID!, $dept:ID!) { updateCategory(id:$id, input:{departmentID:$dept}) { id department { id name } } }`,
			c.w.foreign["Department"], func(id int) map[string]any { return map[string]any{"id": idVar(own), "dept": idVar(id)} })
	}},
	"Mutation.submitIntake": {idArgs: []string{"input.ticketID"}, run: func(c *tenancyCaller) {
		doc := `mutation($in:SubmitIntakeInput!) { submitIntake(input:$in) { id status ticket { id code } } }`
		vars := func(id int) map[string]any {
			return map[string]any{"in": map[string]any{"kind": "LETTER", "file": nil, "ticketID": idVar(id)}}
		}
		letter := tenancyLetter(c.t)
		got := c.w.e.Upload(c.t, c.token, doc, vars(c.w.foreign["Ticket"]), "variables.in.file", "letter.png", letter)
		c.noLeak(doc, got)
		want := c.w.e.Upload(c.t, c.token, doc, vars(neverExisted(c.w.foreign["Ticket"])), "variables.in.file", "letter.png", letter)
		code := "NOT_FOUND"
		if !c.may("intake:create") {
			code = "FORBIDDEN"
		}
		if got.Code() != code || answerShape(got) != answerShape(want) {
			c.t.Errorf("submitIntake(ticketID) with demo-b's ticket: code %q, want %s; answer %s, for an ID that never existed %s",
				got.Code(), code, answerShape(got), answerShape(want))
		}
	}},
	"Mutation.createAPIKey": {run: func(c *tenancyCaller) {
		// The key is for the caller's tenant: its prefix names demo-a and
		// it works for demo-a only.
		r := c.do(`mutation { createAPIKey(input:{name:"越界测试", role:"integrator"}) { key apiKey { id prefix } } }`, nil)
		if !c.may("apikey:write") {
			if r.Code() != "FORBIDDEN" {
				c.t.Errorf("createAPIKey: code %q, want FORBIDDEN: %s", r.Code(), answerShape(r))
			}
			return
		}
		var out struct {
			CreateAPIKey struct {
				Key    string
				APIKey struct{ ID string }
			}
		}
		r.Decode(c.t, &out)
		k, err := c.w.client.APIKey.Get(c.w.sys, atoi(c.t, out.CreateAPIKey.APIKey.ID))
		if err != nil || k.TenantID != c.w.own.id || !strings.HasPrefix(out.CreateAPIKey.Key, "msk_demo-a_") {
			c.t.Fatalf("createAPIKey made %s (%v), want a key of demo-a", out.CreateAPIKey.Key, err)
		}
		var tickets struct{ Tickets struct{ TotalCount int } }
		c.w.e.Do(c.t, out.CreateAPIKey.Key, `{ tickets { totalCount } }`, nil).Decode(c.t, &tickets)
		if n := c.w.client.Ticket.Query().Where(ticket.TenantID(c.w.own.id)).CountX(c.w.sys); tickets.Tickets.TotalCount != n {
			c.t.Errorf("the new key %s sees %d tickets, demo-a has %d", k.Prefix, tickets.Tickets.TotalCount, n)
		}
		// The same secret under demo-b's code is no key at all.
		swapped := strings.Replace(out.CreateAPIKey.Key, "msk_demo-a_", "msk_demo-b_", 1)
		if r := c.w.e.Do(c.t, swapped, `{ tickets { totalCount } }`, nil); r.Code() != "UNAUTHENTICATED" {
			c.t.Errorf("demo-a's key under demo-b's code: code %q, want UNAUTHENTICATED: %s", r.Code(), answerShape(r))
		}
	}},
	"Mutation.revokeAPIKey": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("revokeAPIKey(id)", "apikey:write", `mutation($id:ID!) { revokeAPIKey(id:$id) { id name prefix revokedAt } }`,
			c.w.foreign["APIKey"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}},
	"Mutation.createTicket": {idArgs: []string{"input.categoryID", "input.regionID", "input.departmentID"}, run: func(c *tenancyCaller) {
		doc := `mutation($in:CreateTicketInput!) { createTicket(input:$in) { id code category { id name } region { id name } department { id name } } }`
		for _, in := range []struct{ field, typ string }{
			{"categoryID", "Category"}, {"regionID", "Region"}, {"departmentID", "Department"},
		} {
			c.refused("createTicket("+in.field+")", "ticket:create", doc, c.w.foreign[in.typ], func(id int) map[string]any {
				return map[string]any{"in": map[string]any{"title": "越界测试", "body": "越界测试", "channel": "PHONE", in.field: idVar(id)}}
			})
		}
		// A citizen is reused by ID number, but only within the tenant: the
		// ID number of a demo-b citizen gives demo-a a new citizen of its own.
		if !c.may("ticket:create") {
			return
		}
		var out struct {
			CreateTicket struct{ Citizen struct{ ID, Name string } }
		}
		c.do(`mutation($in:CreateTicketInput!) { createTicket(input:$in) { citizen { id name address } } }`, map[string]any{"in": map[string]any{
			"title": "越界测试", "body": "越界测试", "channel": "VISIT",
			"citizen": map[string]any{"name": "越界测试居民", "idNumber": c.w.foreignIDNumber},
		}}).Decode(c.t, &out)
		// A registrant who may not read citizens does not read the linked one.
		if got := out.CreateTicket.Citizen; !c.may("citizen:read") && got.ID == "" {
			return
		}
		if got := out.CreateTicket.Citizen; got.ID == "" || c.w.isForeign[atoi(c.t, got.ID)] || got.Name != "越界测试居民" {
			c.t.Errorf("a ticket with the ID number of demo-b's citizen got citizen %+v, want a new citizen of demo-a", got)
		}
	}},
	// The life cycle: demo-b's ticket is refused like one that never
	// existed, and so is sending demo-a's ticket to demo-b's department.
	"Mutation.registerTicket": {idArgs: []string{"id", "input.categoryID", "input.regionID", "input.departmentID"}, run: func(c *tenancyCaller) {
		doc := `mutation($id:ID!, $in:RegisterTicketInput) { registerTicket(id:$id, input:$in) { id code status category { id name } region { id name } department { id name } } }`
		c.refused("registerTicket(id)", "ticket:register", doc,
			c.w.foreign["Ticket"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
		// The clerk's corrections to demo-a's own draft cannot name demo-b's
		// category, region or department: refused like IDs that never
		// existed, and the draft stays a draft.
		draft := idVar(c.w.ownTicketIn(c.t, ticket.StatusDRAFT))
		for _, in := range []struct{ field, typ string }{
			{"categoryID", "Category"}, {"regionID", "Region"}, {"departmentID", "Department"},
		} {
			c.refused("registerTicket("+in.field+")", "ticket:register", doc, c.w.foreign[in.typ], func(id int) map[string]any {
				return map[string]any{"id": draft, "in": map[string]any{in.field: idVar(id)}}
			})
		}
	}},
	"Mutation.dispatchTicket": {idArgs: []string{"id", "input.departmentID", "input.coDepartmentIDs"}, run: func(c *tenancyCaller) {
		doc := `mutation($id:ID!, $in:DispatchInput!) { dispatchTicket(id:$id, input:$in) { id code status department { id name } } }`
		c.refused("dispatchTicket(id)", "ticket:dispatch", doc, c.w.foreign["Ticket"], func(id int) map[string]any {
			return map[string]any{"id": idVar(id), "in": map[string]any{"departmentID": idVar(c.w.housing)}}
		})
		own := idVar(c.w.ownTicketIn(c.t, ticket.StatusREGISTERED))
		c.refused("dispatchTicket(departmentID)", "ticket:dispatch", doc, c.w.foreign["Department"], func(id int) map[string]any {
			return map[string]any{"id": own, "in": map[string]any{"departmentID": idVar(id), "note": "越界派发"}}
		})
		c.refused("dispatchTicket(coDepartmentIDs)", "ticket:dispatch", doc, c.w.foreign["Department"], func(id int) map[string]any {
			return map[string]any{"id": own, "in": map[string]any{"departmentID": idVar(c.w.housing), "coDepartmentIDs": []string{idVar(id)}}}
		})
	}},
	"Mutation.acceptTicket": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("acceptTicket(id)", "ticket:handle", `mutation($id:ID!) { acceptTicket(id:$id) { id code status } }`,
			c.w.foreign["Ticket"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}},
	"Mutation.startTicket": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("startTicket(id)", "ticket:handle", `mutation($id:ID!) { startTicket(id:$id) { id code status } }`,
			c.w.foreign["Ticket"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}},
	"Mutation.returnTicket": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("returnTicket(id)", "ticket:handle", `mutation($id:ID!) { returnTicket(id:$id, reason:"越界退件") { id code status } }`,
			c.w.foreign["Ticket"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}},
	"Mutation.reassignTicket": {idArgs: []string{"id", "departmentID", "coDepartmentIDs"}, run: func(c *tenancyCaller) {
		doc := `mutation($id:ID!, $dept:ID!) { reassignTicket(id:$id, departmentID:$dept, reason:"越界改派") { id code status department { id name } } }`
		c.refused("reassignTicket(id)", "ticket:dispatch", doc, c.w.foreign["Ticket"], func(id int) map[string]any {
			return map[string]any{"id": idVar(id), "dept": idVar(c.w.housing)}
		})
		own := idVar(c.w.ownTicketIn(c.t, ticket.StatusDISPATCHED))
		c.refused("reassignTicket(departmentID)", "ticket:dispatch", doc, c.w.foreign["Department"], func(id int) map[string]any {
			return map[string]any{"id": own, "dept": idVar(id)}
		})
		// The own ticket moves to another own department with demo-b's as
		// co-department.
		held := c.w.client.Ticket.GetX(c.w.sys, atoi(c.t, own)).DepartmentID
		notHeld := department.TenantID(c.w.own.id)
		if held != nil {
			notHeld = department.And(notHeld, department.IDNEQ(*held))
		}
		otherOwn := c.w.client.Department.Query().Where(notHeld).FirstIDX(c.w.sys)
		coDoc := `mutation($id:ID!, $dept:ID!, $co:[ID!]) { reassignTicket(id:$id, departmentID:$dept, reason:"越界协办", coDepartmentIDs:$co) { id code coDepartments { id name } } }`
		c.refused("reassignTicket(coDepartmentIDs)", "ticket:dispatch", coDoc, c.w.foreign["Department"], func(id int) map[string]any {
			return map[string]any{"id": own, "dept": idVar(otherOwn), "co": []string{idVar(id)}}
		})
	}},
	"Mutation.replyTicket": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("replyTicket(id)", "ticket:handle", `mutation($id:ID!) { replyTicket(id:$id, input:`+completeReply+`) { id code status } }`,
			c.w.foreign["Ticket"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}},
	"Mutation.recordCallback": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("recordCallback(id)", "ticket:callback",
			`mutation($id:ID!) { recordCallback(id:$id, input:{satisfaction:SATISFIED, solved:true, note:"越界回访"}) { id code status } }`,
			c.w.foreign["Ticket"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}},
	"Mutation.closeTicket": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("closeTicket(id)", "ticket:callback", `mutation($id:ID!) { closeTicket(id:$id) { id code status } }`,
			c.w.foreign["Ticket"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}},
	"Mutation.reopenTicket": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("reopenTicket(id)", "ticket:callback", `mutation($id:ID!) { reopenTicket(id:$id, reason:"越界重办") { id code status } }`,
			c.w.foreign["Ticket"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}},
	"Mutation.requestExtension": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("requestExtension(id)", "ticket:handle", `mutation($id:ID!) { requestExtension(id:$id, days:2, reason:"越界延期") { id code status } }`,
			c.w.foreign["Ticket"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}},
	"Mutation.decideExtension": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("decideExtension(id)", "ticket:dispatch", `mutation($id:ID!) { decideExtension(id:$id, approve:true, note:"越界批准") { id code status dueAt } }`,
			c.w.foreign["Ticket"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}},
	"Mutation.superviseTicket": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("superviseTicket(id)", "ticket:supervise", `mutation($id:ID!) { superviseTicket(id:$id, note:"越界督办") { id code status supervised } }`,
			c.w.foreign["Ticket"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}},
	"Mutation.instructTicket": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("instructTicket(id)", "ticket:instruct", `mutation($id:ID!) { instructTicket(id:$id, text:"越界批示") { id code status } }`,
			c.w.foreign["Ticket"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}},
	// Merging: demo-b's ticket is refused as the target and as a duplicate,
	// like one that never existed, and the own ticket named with it stays as
	// it was (one transaction).
	"Mutation.mergeTickets": {idArgs: []string{"intoID", "fromIDs"}, run: func(c *tenancyCaller) {
		doc := `mutation($into:ID!, $from:[ID!]!) { mergeTickets(intoID:$into, fromIDs:$from) { id code status mergedFrom { id code } } }`
		own := c.w.ownTicketIn(c.t, ticket.StatusREGISTERED)
		before := c.w.client.Ticket.GetX(c.w.sys, own)
		c.refused("mergeTickets(intoID)", "ticket:dispatch", doc, c.w.foreign["Ticket"], func(id int) map[string]any {
			return map[string]any{"into": idVar(id), "from": []string{idVar(own)}}
		})
		c.refused("mergeTickets(fromIDs)", "ticket:dispatch", doc, c.w.foreign["Ticket"], func(id int) map[string]any {
			return map[string]any{"into": idVar(own), "from": []string{idVar(id)}}
		})
		if after := c.w.client.Ticket.GetX(c.w.sys, own); after.Status != before.Status || after.Version != before.Version {
			c.t.Errorf("refused merges changed demo-a's ticket %d: %s v%d → %s v%d", own, before.Status, before.Version, after.Status, after.Version)
		}
	}},
	// Repeat marks (issue 11): demo-b's ticket is not found.
	"Mutation.confirmRepeat": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("confirmRepeat(id)", "ticket:repeat", `mutation($id:ID!) { confirmRepeat(id:$id) { id repeat { state } } }`,
			c.w.foreign["Ticket"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}},
	"Mutation.rejectRepeat": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("rejectRepeat(id)", "ticket:repeat", `mutation($id:ID!) { rejectRepeat(id:$id, reason:"不是同一事项") { id repeat { state } } }`,
			c.w.foreign["Ticket"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}},
	"Mutation.followTicket": {idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("followTicket(id)", "ticket:read", `mutation($id:ID!) { followTicket(id:$id, follow:true) { id code followers { username } } }`,
			c.w.foreign["Ticket"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
		if n := c.w.client.Ticket.Query().Where(ticket.ID(c.w.foreign["Ticket"])).QueryFollowers().CountX(c.w.sys); n != 0 {
			c.t.Errorf("demo-b's ticket has %d followers after demo-a's %s tried to follow it", n, c.username)
		}
	}},
	// The calendar is the caller's tenant's: demo-b's days are neither
	// listed, nor changed, nor cleared by demo-a's staff.
	"Query.calendarDays": {run: func(c *tenancyCaller) {
		c.w.foreignCalendarDay(c.t)
		r := c.do(`{ calendarDays(year:2026) { date workday note } }`, nil)
		if !c.may("calendar:read") {
			if r.Code() != "FORBIDDEN" {
				c.t.Errorf("calendarDays: code %q, want FORBIDDEN", r.Code())
			}
			return
		}
		var out struct{ CalendarDays []struct{ Date string } }
		r.Decode(c.t, &out)
		for _, d := range out.CalendarDays {
			if d.Date == tenancyForeignDay {
				c.t.Errorf("calendarDays lists demo-b's %s", d.Date)
			}
		}
	}},
	"Mutation.setCalendarDay": {run: func(c *tenancyCaller) {
		c.w.foreignCalendarDay(c.t)
		r := c.do(`mutation($d:Date!) { setCalendarDay(date:$d, workday:true, note:"越界设置") { date workday note } }`,
			map[string]any{"d": tenancyForeignDay})
		if !c.may("calendar:write") {
			if r.Code() != "FORBIDDEN" {
				c.t.Errorf("setCalendarDay: code %q, want FORBIDDEN", r.Code())
			}
		} else {
			r.Decode(c.t, &struct{}{})
		}
		c.w.foreignCalendarDayUnchanged(c.t)
		// demo-a's own word on the day goes again, for the probes after this one.
		c.w.client.CalendarDay.Delete().Where(calendarday.TenantID(c.w.own.id)).ExecX(c.w.sys)
	}},
	"Mutation.clearCalendarDay": {run: func(c *tenancyCaller) {
		c.w.foreignCalendarDay(c.t)
		r := c.do(`mutation($d:Date!) { clearCalendarDay(date:$d) }`, map[string]any{"d": tenancyForeignDay})
		if !c.may("calendar:write") {
			if r.Code() != "FORBIDDEN" {
				c.t.Errorf("clearCalendarDay: code %q, want FORBIDDEN", r.Code())
			}
		} else {
			var out struct{ ClearCalendarDay bool }
			if r.Decode(c.t, &out); out.ClearCalendarDay {
				c.t.Errorf("clearCalendarDay of demo-b's day answered true: demo-a had no word on it")
			}
		}
		c.w.foreignCalendarDayUnchanged(c.t)
	}},
}

// tenancyForeignDay is a day demo-b has a word on in its calendar.
const tenancyForeignDay = "2026-06-01"

// foreignCalendarDay gives demo-b its word on tenancyForeignDay, as its admin
// would with setCalendarDay.
func (w *tenancyWorld) foreignCalendarDay(t *testing.T) {
	t.Helper()
	ok := w.client.CalendarDay.Query().
		Where(calendarday.TenantID(w.other.id), calendarday.Date(tenancyForeignDay)).ExistX(w.sys)
	if !ok {
		w.client.CalendarDay.Create().SetTenantID(w.other.id).SetDate(tenancyForeignDay).
			SetWorkday(false).SetNote("武侯区区庆").ExecX(w.sys)
	}
}

// foreignCalendarDayUnchanged fails unless demo-b's word on
// tenancyForeignDay is still the one foreignCalendarDay gave.
func (w *tenancyWorld) foreignCalendarDayUnchanged(t *testing.T) {
	t.Helper()
	d, err := w.client.CalendarDay.Query().
		Where(calendarday.TenantID(w.other.id), calendarday.Date(tenancyForeignDay)).Only(w.sys)
	if err != nil || d.Workday || d.Note != "武侯区区庆" {
		t.Errorf("demo-b's calendar day %s changed: %+v, %v", tenancyForeignDay, d, err)
	}
}

// ownTicketIn is a demo-a ticket (not the planted one) in status st. When
// there is none, a registered one is put in that state directly: the probes
// need a ticket the operation could act on, so that only the foreign ID can
// be what refuses it.
func (w *tenancyWorld) ownTicketIn(t *testing.T, st ticket.Status) int {
	t.Helper()
	mine := ticket.And(ticket.TenantID(w.own.id), ticket.IDNEQ(w.plantedTicket))
	if id, err := w.client.Ticket.Query().Where(mine, ticket.StatusEQ(st)).FirstID(w.sys); err == nil {
		return id
	}
	id, err := w.client.Ticket.Query().Where(mine, ticket.StatusEQ(ticket.StatusREGISTERED)).FirstID(w.sys)
	if err != nil {
		t.Fatalf("demo-a has no registered ticket: %v", err)
	}
	w.client.Ticket.UpdateOneID(id).SetStatus(st).SetDepartmentID(w.housing).ExecX(w.sys)
	return id
}

// listsOwnOnly pages through a connection and checks it holds exactly
// demo-a's objects of typ (as many as count reads with the ent client), and
// that filtering it by demo-b's IDs finds nothing.
// listsOwnPage is listsOwnOnly for a connection without a where input:
// its first page holds only demo-a's objects, as many as demo-a has.
func (c *tenancyCaller) listsOwnPage(field, perm, typ string, count func(tenantID int) int) {
	c.t.Helper()
	r := c.do(fmt.Sprintf(`{ page: %s(first:100) { totalCount edges { node { id } } } }`, field), nil)
	if !c.may(perm) {
		if r.Code() != "FORBIDDEN" {
			c.t.Errorf("%s: code %q, want FORBIDDEN: %s", field, r.Code(), answerShape(r))
		}
		return
	}
	var out struct {
		Page struct {
			TotalCount int
			Edges      []struct{ Node struct{ ID string } }
		}
	}
	r.Decode(c.t, &out)
	if want := count(c.w.own.id); out.Page.TotalCount != want {
		c.t.Errorf("%s: totalCount %d, demo-a has %d", field, out.Page.TotalCount, want)
	}
	for _, e := range out.Page.Edges {
		if c.w.isForeign[atoi(c.t, e.Node.ID)] {
			c.t.Errorf("%s lists demo-b's %s %s", field, typ, e.Node.ID)
		}
	}
}

func (c *tenancyCaller) listsOwnOnly(field, perm, typ string, count func(tenantID int) int) {
	c.t.Helper()
	doc := fmt.Sprintf(`query($after:Cursor, $ids:[ID!]) {
		page: %[1]s(first:100, after:$after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
		filtered: %[1]s(where:{idIn:$ids}) { totalCount }
	}`, field)
	var foreign []string
	for _, id := range c.w.foreignIDs[typ] {
		foreign = append(foreign, idVar(id))
	}
	vars := map[string]any{"ids": foreign}
	if !c.may(perm) {
		if r := c.do(doc, vars); r.Code() != "FORBIDDEN" {
			c.t.Errorf("%s: code %q, want FORBIDDEN: %s", field, r.Code(), answerShape(r))
		}
		return
	}
	want := count(c.w.own.id)
	var ids []int
	for {
		var out struct {
			Page struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct{ Node struct{ ID string } }
			}
			Filtered struct{ TotalCount int }
		}
		c.do(doc, vars).Decode(c.t, &out)
		if out.Page.TotalCount != want {
			c.t.Errorf("%s: totalCount %d, demo-a has %d", field, out.Page.TotalCount, want)
		}
		if out.Filtered.TotalCount != 0 {
			c.t.Errorf("%s filtered by demo-b's IDs finds %d", field, out.Filtered.TotalCount)
		}
		for _, e := range out.Page.Edges {
			ids = append(ids, atoi(c.t, e.Node.ID))
		}
		if !out.Page.PageInfo.HasNextPage || len(out.Page.Edges) == 0 {
			break
		}
		vars["after"] = out.Page.PageInfo.EndCursor
	}
	if len(ids) != want {
		c.t.Errorf("%s: %d edges, demo-a has %d", field, len(ids), want)
	}
	if leaked := slices.DeleteFunc(ids, func(id int) bool { return !c.w.isForeign[id] }); len(leaked) > 0 {
		c.t.Errorf("%s lists demo-b's objects %v", field, firstFew(leaked))
	}
}

// firstFew shortens a long list of IDs for a failure message.
func firstFew(ids []int) string {
	if len(ids) > 10 {
		return fmt.Sprintf("%v and %d more", ids[:10], len(ids)-10)
	}
	return fmt.Sprint(ids)
}

// nestedEdges follows every edge from demo-a's objects, including the rows
// planted across the boundary, and finds only demo-a objects at the end.
func (c *tenancyCaller) nestedEdges() {
	w := c.w

	// The planted ticket is demo-a's, but everything it points at is demo-b's:
	// to demo-a those objects do not exist.
	var planted struct {
		Node struct {
			ID           string
			Citizen      *struct{ ID string }
			Category     *struct{ ID string }
			Region       *struct{ ID string }
			Department   *struct{ ID string }
			RegisteredBy *struct{ ID string }
			Attachments  []struct{ ID string }
			Replies      []struct{ ID string }
			Callbacks    []struct{ ID string }
			Repeat       *struct{ First *struct{ ID string } }
			GroupCase    *struct{ ID string }
		}
	}
	c.do(`query($id:ID!) { node(id:$id) { ... on Ticket { id
		citizen { id name } category { id name } region { id name } department { id name }
		registeredBy { id displayName } attachments { id fileName }
		replies { id facts basis handling result appealChannel } callbacks { id note }
		repeat { first { id title } } groupCase { id reason } } } }`,
		map[string]any{"id": idVar(w.plantedTicket)}).Decode(c.t, &planted)
	if p := planted.Node; p.ID != idVar(w.plantedTicket) || p.Citizen != nil || p.Category != nil || p.Region != nil ||
		p.Department != nil || p.RegisteredBy != nil || len(p.Attachments) != 0 || len(p.Replies) != 0 || len(p.Callbacks) != 0 ||
		p.Repeat == nil || p.Repeat.First != nil || p.GroupCase != nil {
		c.t.Errorf("demo-a's ticket pointing at demo-b's objects shows %+v, want its edges empty", p)
	}

	// 住建局 of demo-a has a demo-b child, member and ticket planted under it.
	var housing struct {
		Node struct {
			Children []struct{ ID string }
			Users    []struct{ ID string }
			Tickets  struct{ TotalCount int }
		}
	}
	c.do(`query($id:ID!) { node(id:$id) { ... on Department { children { id name } users { id displayName }
		tickets(first:100) { totalCount edges { node { id title } } } } } }`,
		map[string]any{"id": idVar(w.housing)}).Decode(c.t, &housing)
	h := housing.Node
	wantChildren := w.client.Department.Query().Where(department.TenantID(w.own.id), department.ParentID(w.housing)).CountX(w.sys)
	wantUsers := w.client.User.Query().Where(user.TenantID(w.own.id), user.DepartmentID(w.housing)).CountX(w.sys)
	wantTickets := w.client.Ticket.Query().Where(ticket.TenantID(w.own.id), ticket.DepartmentID(w.housing)).CountX(w.sys)
	if len(h.Children) != wantChildren || len(h.Users) != wantUsers || h.Tickets.TotalCount != wantTickets {
		c.t.Errorf("住建局 shows %d children, %d users, %d tickets; demo-a has %d, %d, %d",
			len(h.Children), len(h.Users), h.Tickets.TotalCount, wantChildren, wantUsers, wantTickets)
	}

	// Every edge of every listed object, two steps out.
	for _, doc := range []string{
		`{ tickets(first:100) { edges { node { id citizen { id tickets(first:100) { edges { node { id } } } }
			category { id parent { id } children { id } } region { id parent { id } children { id } }
			department { id parent { id } children { id } users { id } } registeredBy { id department { id } tenant { id } }
			attachments { id ticket { id } } } } } }`,
		`{ departments(first:100) { edges { node { id parent { id } children { id users { id } }
			users { id tenant { id name } registeredTickets(first:100) { edges { node { id } } } }
			tickets(first:100) { edges { node { id department { id } } } } } } } }`,
		`{ categories(first:100) { edges { node { id parent { id } children { id children { id } }
			tickets(first:100) { edges { node { id category { id } } } } } } } }`,
		`{ regions(first:100) { edges { node { id parent { id } children { id children { id } }
			tickets(first:100) { edges { node { id region { id } } } } } } } }`,
		`{ users(first:100) { edges { node { id tenant { id code name } department { id users { id } }
			registeredTickets(first:100) { edges { node { id registeredBy { id } } } } } } } }`,
		`{ citizens(first:100) { edges { node { id tickets(first:100) { edges { node { id citizen { id } } } } } } } }`,
	} {
		r := c.do(doc, nil)
		if r.Code() == "FORBIDDEN" {
			continue // the role may not list these; the listing probes check that
		}
		if len(r.Errors) > 0 {
			c.t.Errorf("%s: %+v", oneLine(doc), r.Errors)
			continue
		}
		var data any
		if err := json.Unmarshal(r.Data, &data); err != nil {
			c.t.Fatal(err)
		}
		ids := collectIDs(data, nil)
		if len(ids) == 0 {
			c.t.Errorf("%s found no objects at all", oneLine(doc))
		}
		if leaked := slices.DeleteFunc(ids, func(id int) bool { return !w.isForeign[id] }); len(leaked) > 0 {
			c.t.Errorf("demo-b's objects %v reached demo-a's %s through %s", firstFew(leaked), c.username, oneLine(doc))
		}
	}
}

// collectIDs gathers the value of every "id" key in a decoded answer.
func collectIDs(v any, out []int) []int {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "id" {
				if n, err := strconv.Atoi(s); err == nil {
					out = append(out, n)
				}
				continue
			}
			out = collectIDs(x, out)
		}
	case []any:
		for _, x := range v {
			out = collectIDs(x, out)
		}
	}
	return out
}

// entRefusesOtherTenant checks the rules below the API: inside demo-a's
// context the ent client finds no demo-b row and changes none, and without a
// viewer it answers nothing at all.
func (w *tenancyWorld) entRefusesOtherTenant(t *testing.T) {
	c, a := w.client, w.own.ctx
	sys := viewer.SystemContext(context.Background())

	if _, err := c.Ticket.Get(a, w.foreign["Ticket"]); !ent.IsNotFound(err) {
		t.Errorf("demo-a reading demo-b's ticket %d: %v, want not found", w.foreign["Ticket"], err)
	}
	if n, err := c.Ticket.Query().Where(ticket.IDIn(w.foreignIDs["Ticket"]...)).Count(a); err != nil || n != 0 {
		t.Errorf("demo-a counting demo-b's tickets: %d, %v; want 0", n, err)
	}

	dept := w.foreign["Department"]
	before := c.Department.GetX(sys, dept)
	if _, err := c.Department.UpdateOneID(dept).SetName("越界改名").Save(a); !ent.IsNotFound(err) {
		t.Errorf("demo-a renaming demo-b's department %d: %v, want not found", dept, err)
	}
	if n, err := c.Department.Update().Where(department.ID(dept)).SetName("越界改名").Save(a); err != nil || n != 0 {
		t.Errorf("demo-a renaming demo-b's department %d in bulk: %d changed, %v; want 0", dept, n, err)
	}
	if err := c.Department.DeleteOneID(dept).Exec(a); !ent.IsNotFound(err) {
		t.Errorf("demo-a deleting demo-b's department %d: %v, want not found", dept, err)
	}
	if after, err := c.Department.Get(sys, dept); err != nil || after.String() != before.String() {
		t.Errorf("demo-b's department changed: %v → %v (%v)", before, after, err)
	}

	// Even the server, working inside demo-a, cannot link demo-a's rows to
	// demo-b's: the foreign key would be written without a query otherwise.
	if _, err := c.Ticket.Create().SetCode("MS-19700101-9003").SetChannel(ticket.ChannelPHONE).SetTitle("越界关联").
		SetCategoryID(w.foreign["Category"]).Save(a); err == nil {
		t.Errorf("demo-a's system context created a ticket in demo-b's category %d", w.foreign["Category"])
	}
	ownTicket := w.ownFixtures["Ticket"]
	beforeTicket := c.Ticket.GetX(sys, ownTicket)
	if err := c.Ticket.UpdateOneID(ownTicket).SetDepartmentID(w.foreign["Department"]).Exec(a); err == nil {
		t.Errorf("demo-a's system context moved ticket %d to demo-b's department %d", ownTicket, w.foreign["Department"])
	}
	if after := c.Ticket.GetX(sys, ownTicket); after.String() != beforeTicket.String() {
		t.Errorf("demo-a's ticket changed: %v → %v", beforeTicket, after)
	}

	// No viewer at all: neither tenant's rows, and an error rather than an
	// empty list, so a forgotten viewer is noticed.
	bare := context.Background()
	queries := map[string]func() (int, error){
		"Tenant":        func() (int, error) { r, err := c.Tenant.Query().All(bare); return len(r), err },
		"User":          func() (int, error) { r, err := c.User.Query().All(bare); return len(r), err },
		"Department":    func() (int, error) { r, err := c.Department.Query().All(bare); return len(r), err },
		"Region":        func() (int, error) { r, err := c.Region.Query().All(bare); return len(r), err },
		"Category":      func() (int, error) { r, err := c.Category.Query().All(bare); return len(r), err },
		"Citizen":       func() (int, error) { r, err := c.Citizen.Query().All(bare); return len(r), err },
		"Ticket":        func() (int, error) { r, err := c.Ticket.Query().All(bare); return len(r), err },
		"APIKey":        func() (int, error) { r, err := c.APIKey.Query().All(bare); return len(r), err },
		"AuditLog":      func() (int, error) { r, err := c.AuditLog.Query().All(bare); return len(r), err },
		"Attachment":    func() (int, error) { r, err := c.Attachment.Query().All(bare); return len(r), err },
		"TimelineEvent": func() (int, error) { r, err := c.TimelineEvent.Query().All(bare); return len(r), err },
		"Noder": func() (int, error) {
			// Noder answers a typed nil with its error: only a nil error means a row.
			if _, err := c.Noder(bare, w.foreign["Ticket"]); err != nil {
				return 0, err
			}
			return 1, nil
		},
	}
	for _, name := range sortedKeys(queries) {
		if n, err := queries[name](); err == nil || n != 0 {
			t.Errorf("%s without a viewer: %d rows, error %v; want an error and no rows", name, n, err)
		}
	}
	if _, err := c.Department.Create().SetName("无主科室").Save(bare); err == nil {
		t.Error("creating a department without a viewer succeeded")
	}
}

// ownUser is the ID of demo-a's user with username.
func (w *tenancyWorld) ownUser(t *testing.T, username string) int {
	t.Helper()
	id, err := w.client.User.Query().Where(user.TenantID(w.own.id), user.Username(username)).OnlyID(w.sys)
	if err != nil {
		t.Fatalf("demo-a user %s: %v", username, err)
	}
	return id
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("ID %q is not a number", s)
	}
	return n
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var spaces = regexp.MustCompile(`\s+`)

func oneLine(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

// lineDiff lists the lines only one of two sorted lists has.
func lineDiff(before, after []string) string {
	var b strings.Builder
	for _, l := range before {
		if !slices.Contains(after, l) {
			b.WriteString("  - " + l + "\n")
		}
	}
	for _, l := range after {
		if !slices.Contains(before, l) {
			b.WriteString("  + " + l + "\n")
		}
	}
	return b.String()
}

// tenancyLetter is a small PNG: the upload must pass its checks so that
// the ticket ID is what decides the answer.
func tenancyLetter(t testing.TB) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 64, 32))
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// noCaseWithoutToken sends doc with demo-b's ticket's code and a token
// that is not its own (demo-a's ticket's of the same code when there is
// one), and with a code that never existed: both must answer null, the same
// way. trackCase with demo-a's token of a shared code must find demo-a's
// case.
func (c *tenancyCaller) noCaseWithoutToken(field, doc string, extra map[string]any) {
	c.t.Helper()
	foreign := c.w.client.Ticket.GetX(c.w.sys, c.w.foreign["Ticket"])
	own, err := c.w.client.Ticket.Query().Where(ticket.TenantID(c.w.own.id), ticket.Code(foreign.Code)).Only(c.w.sys)
	if err != nil {
		own = c.w.client.Ticket.GetX(c.w.sys, c.w.ownFixtures["Ticket"])
	}
	vars := func(code string) map[string]any {
		v := map[string]any{"c": code, "t": own.TrackingToken}
		for k, x := range extra {
			v[k] = x
		}
		return v
	}
	got, want := c.do(doc, vars(foreign.Code)), c.do(doc, vars("MS-19990101-9999"))
	null := `{"` + field + `":null}`
	if own.Code == foreign.Code && field == "trackCase" {
		// demo-a's token finds demo-a's case, never demo-b's.
		var out map[string]*struct{ Code string }
		got.Decode(c.t, &out)
		if out[field] == nil || out[field].Code != own.Code {
			c.t.Errorf("%s with demo-a's token for the code demo-b shares answers %s, want demo-a's case", field, answerShape(got))
		}
	}
	if own.Code == foreign.Code {
		wrong := vars(foreign.Code)
		wrong["t"] = strings.Repeat("A", len(own.TrackingToken))
		got = c.do(doc, wrong)
	}
	if len(got.Errors) > 0 || string(got.Data) != null || answerShape(got) != answerShape(want) {
		c.t.Errorf("%s with demo-b's code and a token not its own answers %s; for a code that never existed %s, want null for both",
			field, answerShape(got), answerShape(want))
	}
}
