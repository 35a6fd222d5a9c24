package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/auditlog"
	"github.com/minsheng/minsheng/ent/callback"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/intakejob"
	"github.com/minsheng/minsheng/ent/region"
	"github.com/minsheng/minsheng/ent/report"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/ent/watchitem"
	"github.com/minsheng/minsheng/knowledge"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// The callers every operation is tried with, in the order of the columns of
// the tables below.
var callers = []string{
	"admin", "clerk", "dispatcher", "handler", "dept_leader", "leader", "analyst", "grid_worker",
	"integrator", "operator", "anonymous",
}

// roleOf is the role each demo user holds.
var roleOf = map[string]string{
	"admin": "tenant_admin", "clerk": "clerk", "dispatcher": "dispatcher", "handler": "handler",
	"dept_leader": "dept_leader", "leader": "leader", "analyst": "analyst", "grid_worker": "grid_worker",
}

// outcome is what a caller notices when it sends an operation.
type outcome string

// One letter each, so the tables read as a grid.
const (
	A outcome = "allowed"         // data, no error
	F outcome = "FORBIDDEN"       // error FORBIDDEN
	U outcome = "UNAUTHENTICATED" // error UNAUTHENTICATED
	N outcome = "null"            // no error, but the field answers null (node: not visible)
)

// demoTenant is what the tests need to know about demo-a, read with the ent
// client behind the API.
type demoTenant struct {
	id         int
	ctx        context.Context // the server inside demo-a, for reading with ent
	housing    int             // 住建局, the department of handler and dept_leader
	clerk      int             // the clerk's user ID
	gridWorker int             // the grid worker's user ID
}

func readDemoTenant(t *testing.T, e *apptest.Env, code string) demoTenant {
	t.Helper()
	c := e.App.DB.Client
	tn, err := c.Tenant.Query().Where(tenant.Code(code)).Only(viewer.SystemContext(context.Background()))
	if err != nil {
		t.Fatalf("tenant %s: %v", code, err)
	}
	d := demoTenant{id: tn.ID, ctx: viewer.TenantSystemContext(context.Background(), tn.ID)}
	d.housing = c.Department.Query().Where(department.Name("住建局")).OnlyIDX(d.ctx)
	d.clerk = c.User.Query().Where(user.Username("clerk")).OnlyIDX(d.ctx)
	d.gridWorker = c.User.Query().Where(user.Username("grid_worker")).OnlyIDX(d.ctx)
	return d
}

// tokens signs in every caller of demo-a: the demo users, an integrator API
// key made by the admin, the platform operator, and "" for anonymous.
func tokens(t *testing.T, e *apptest.Env) map[string]string {
	t.Helper()
	out := map[string]string{"anonymous": ""}
	for name := range roleOf {
		out[name] = e.Login(t, "demo-a", name)
	}
	out["operator"] = e.Login(t, "platform", "operator")
	out["integrator"] = createAPIKey(t, e, out["admin"]).key
	return out
}

type apiKey struct {
	key string
	id  string
}

func createAPIKey(t *testing.T, e *apptest.Env, adminToken string) apiKey {
	t.Helper()
	var out struct {
		CreateAPIKey struct {
			Key    string
			APIKey struct{ ID string }
		}
	}
	e.Do(t, adminToken, `mutation { createAPIKey(input:{name:"x", role:"integrator"}) { key apiKey { id } } }`, nil).Decode(t, &out)
	return apiKey{key: out.CreateAPIKey.Key, id: out.CreateAPIKey.APIKey.ID}
}

// outcomeOf classifies an answer to a document asking for field.
func outcomeOf(t *testing.T, r *apptest.Response, field string) (outcome, string) {
	t.Helper()
	if len(r.Errors) > 0 {
		switch code := r.Code(); code {
		case string(F), string(U):
			return outcome(code), r.Errors[0].Message
		default:
			return outcome("error " + code), r.Errors[0].Message
		}
	}
	var data map[string]json.RawMessage
	if err := json.Unmarshal(r.Data, &data); err != nil {
		t.Fatalf("decode %s: %v", r.Data, err)
	}
	raw, ok := data[field]
	if !ok || string(raw) == "null" {
		return N, ""
	}
	// nodes answers a list; a list of nulls is the same as null for each ID.
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil && len(list) > 0 &&
		!slices.ContainsFunc(list, func(m json.RawMessage) bool { return string(m) != "null" }) {
		return N, ""
	}
	return A, ""
}

func q(id int) string { return strconv.Quote(strconv.Itoa(id)) }

// TestRolePermissionsForEveryOperation sends every query and mutation as
// every kind of caller and compares what each notices with the policy
// written out below. The policy is written by hand on purpose: a change to
// the role templates must show up here as a changed line.
func TestRolePermissionsForEveryOperation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		tok := tokens(t, e)

		// Objects the requests refer to.
		housingTicket := c.Ticket.Query().
			Where(ticket.DepartmentID(a.housing), ticket.RegisteredByID(a.clerk)).FirstIDX(a.ctx)
		otherTicket := c.Ticket.Query().
			Where(ticket.DepartmentIDNEQ(a.housing), ticket.DepartmentIDNotNil(), ticket.RegisteredByID(a.clerk)).FirstIDX(a.ctx)
		district := c.Region.Query().Where(region.LevelEQ(region.LevelDISTRICT)).FirstIDX(a.ctx)
		topCategory := c.Category.Query().Where(category.Level(1)).FirstX(a.ctx)
		spareKey := createAPIKey(t, e, tok["admin"])
		citizenID := c.Ticket.Query().Where(ticket.CitizenIDNotNil()).FirstX(a.ctx).CitizenID
		b1 := readDemoTenant(t, e, "demo-b")
		otherTenantTicket := c.Ticket.Query().FirstIDX(b1.ctx)
		// An audit record to look up: the clerk reading a citizen's ID number.
		e.Do(t, tok["clerk"], fmt.Sprintf(`{ node(id:%s) { ... on Citizen { idNumber } } }`, q(*citizenID)), nil).Decode(t, &struct{}{})
		auditID := c.AuditLog.Query().Order(ent.Desc(auditlog.FieldID)).FirstIDX(a.ctx)
		// A finished intake job on 住建局's ticket, written as submitIntake writes it.
		letter := c.Attachment.Create().SetFileName("来信.jpg").SetContentType("image/jpeg").SetSize(1).
			SetSha256(strings.Repeat("a1", 32)).SetKind("LETTER").SetTicketID(housingTicket).SaveX(a.ctx)
		// An ID card on the same ticket: personal data, opened only with pii:read(_held).
		card := c.Attachment.Create().SetFileName("身份证.jpg").SetContentType("image/jpeg").SetSize(1).
			SetSha256(strings.Repeat("b2", 32)).SetKind("ID_CARD").SetTicketID(housingTicket).SaveX(a.ctx)
		housingJob := c.IntakeJob.Create().SetKind(intakejob.KindLETTER).SetStatus(intakejob.StatusFAILED).
			SetAttachment(letter).SetTicketID(housingTicket).SaveX(a.ctx).ID
		// A report of each tenant, as generateReport records one.
		reportID := c.Report.Create().SetKind(report.KindWEEKLY).SetFromDate("2026-11-02").SetToDate("2026-11-08").SaveX(a.ctx).ID
		otherReportID := c.Report.Create().SetKind(report.KindWEEKLY).SetFromDate("2026-11-02").SetToDate("2026-11-08").SaveX(b1.ctx).ID

		// Life-cycle operations change the ticket they act on, so each
		// request gets a ticket of its own in the state the operation starts
		// from: 住建局's, registered by the clerk.
		otherDepartment := c.Department.Query().Where(department.IDNEQ(a.housing)).FirstIDX(a.ctx)
		freshTicket := func(n int, st ticket.Status) string {
			id := c.Ticket.Create().SetCode(fmt.Sprintf("MS-19700102-%04d", n)).SetChannel(ticket.ChannelPHONE).
				SetTitle("生命周期权限测试").SetStatus(st).SetDepartmentID(a.housing).SetRegisteredByID(a.clerk).
				SaveX(a.ctx).ID
			return q(id)
		}

		// The citizen's operations take a case code and its token, no
		// login: every caller gets the case. Each rating needs a replied
		// ticket of its own (a reply is rated once).
		tracked := func(n int, st ticket.Status) (string, string) {
			id := mustAtoi(t, strings.Trim(freshTicket(n, st), `"`))
			if st == ticket.StatusREPLIED {
				c.Reply.Create().SetTicketID(id).SetFacts("经核实情况属实").SetBasis("依据有关规定").SetHandling("已责成整改").
					SetResult("问题已解决").SetAppealChannel("可申请行政复议").ExecX(a.ctx)
			}
			tk := c.Ticket.GetX(a.ctx, id)
			return strconv.Quote(tk.Code), strconv.Quote(tk.TrackingToken)
		}

		// A warning about 住建局's ticket, and watch items to remove.
		housingWarning := raiseTestWarning(t, e, a, "roles", housingTicket)
		watchItem := func() int {
			return c.WatchItem.Create().SetKind(watchitem.KindTOPIC).SetWords([]string{"测试"}).
				SetReason("测试").SetLevel(1).SaveX(a.ctx).ID
		}
		// A registered ticket marked as repeating housingTicket, as
		// detection marks one.
		markedTicket := func(n int) string {
			id := freshTicket(n, ticket.StatusREGISTERED)
			c.Ticket.UpdateOneID(mustAtoi(t, strings.Trim(id, `"`))).SetRepeatOfID(housingTicket).
				SetRepeatScore(0.8).SetRepeatReason("同一人（身份证号相同），同一事项").SetRepeatState(ticket.RepeatStatePENDING).ExecX(a.ctx)
			return id
		}
		// Knowledge articles to change, and closed cases to draft from.
		article := func() string {
			art, err := e.App.Knowledge.CreateArticle(a.ctx, knowledge.ArticleInput{Title: "电梯维修", Body: "电梯故障由维保单位及时维修。"})
			if err != nil {
				t.Fatal(err)
			}
			return q(art.ID)
		}
		closedCase := func(n int) string {
			id := freshTicket(n, ticket.StatusCLOSED)
			c.Reply.Create().SetTicketID(mustAtoi(t, strings.Trim(id, `"`))).SetFacts("经核实情况属实").SetBasis("依据有关规定").
				SetHandling("已责成整改").SetResult("问题已解决").SetAppealChannel("可申请行政复议").ExecX(a.ctx)
			return id
		}

		t.Run("operations", func(t *testing.T) {
			type operation struct {
				field   string
				request func(n int) string // n is unique per request, for names that must not repeat
				expect  []outcome          // in the order of callers
			}
			// Operations that take a file get it as $in.file (multipart).
			uploads := map[string][]byte{"submitIntake": tenancyLetter(t)}
			fixed := func(doc string) func(int) string { return func(int) string { return doc } }
			operations := []operation{
				// Expectations in the order of callers: admin clerk dispatcher handler dept_leader
				// leader analyst grid_worker | integrator key | operator | anonymous.
				{"me", fixed(`{ me { id } }`), []outcome{A, A, A, A, A, A, A, A, F, F, U}},
				{"roles", fixed(`{ roles }`), []outcome{A, A, A, A, A, A, A, A, F, F, U}},
				{"tenants", fixed(`{ tenants { id } }`), []outcome{F, F, F, F, F, F, F, F, F, A, U}},
				// The ticket is 住建局's and was registered by the clerk:
				// outside the grid worker's scope, invisible to the operator.
				{"node", fixed(`{ node(id:` + q(housingTicket) + `) { id } }`), []outcome{A, A, A, A, A, A, A, N, A, N, U}},
				{"nodes", fixed(`{ nodes(ids:[` + q(housingTicket) + `]) { id } }`), []outcome{A, A, A, A, A, A, A, N, A, N, U}},
				// Co-signers as the citizen: who sees the ticket may ask; the
				// list is empty without citizen:read (graph/cosign_test.go
				// checks what each caller reads in it).
				{"node", fixed(`{ node(id:` + q(housingTicket) + `) { ... on Ticket { signerCount coSigners { id idNumber phone } } } }`), []outcome{A, A, A, A, A, A, A, N, A, N, U}},
				{"apiKeys", fixed(`{ apiKeys { id } }`), []outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"auditLogs", fixed(`{ auditLogs(first:1) { totalCount } }`), []outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"categories", fixed(`{ categories(first:1) { totalCount } }`), []outcome{A, A, A, A, A, A, A, A, A, F, U}},
				{"citizens", fixed(`{ citizens(first:1) { totalCount } }`), []outcome{A, A, A, A, A, A, A, F, F, F, U}},
				// A person's tickets, co-signed ones included: only for those
				// who read citizens (graph/cosign_test.go checks the row scope).
				{"citizens", fixed(`{ citizens(first:1) { edges { node { tickets(first:1, signedAs: CO_SIGNER) { totalCount } } } } }`), []outcome{A, A, A, A, A, A, A, F, F, F, U}},
				{"departments", fixed(`{ departments(first:1) { totalCount } }`), []outcome{A, A, A, A, A, A, A, A, A, F, U}},
				{"regions", fixed(`{ regions(first:1) { totalCount } }`), []outcome{A, A, A, A, A, A, A, A, A, F, U}},
				{"tickets", fixed(`{ tickets(first:1) { totalCount } }`), []outcome{A, A, A, A, A, A, A, A, A, F, U}},
				{"users", fixed(`{ users(first:1) { totalCount } }`), []outcome{A, A, A, F, A, A, F, F, F, F, U}},
				// A job on 住建局's ticket registered by the clerk.
				{"intakeJob", fixed(`{ intakeJob(id:` + q(housingJob) + `) { id } }`), []outcome{A, A, A, A, A, A, A, N, A, F, U}},
				{"submitIntake", fixed(`mutation($in:SubmitIntakeInput!) { submitIntake(input:$in) { id } }`),
					[]outcome{A, A, A, F, F, F, F, A, A, F, U}},
				{"suggestCategory", fixed(`{ suggestCategory(text:"小区的电梯又坏了，把人困在里面") { confidence } }`),
					[]outcome{A, A, A, F, F, F, F, A, A, F, U}},
				{"notifications", fixed(`{ notifications(first:1) { totalCount } }`), []outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"notificationSettings", fixed(`{ notificationSettings { reminderBeforeHours } }`), []outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"setNotificationSettings", fixed(`mutation { setNotificationSettings(input:{reminderBeforeHours:24}) { reminderBeforeHours } }`),
					[]outcome{A, F, F, F, F, F, F, F, F, F, U}},

				{"createTenant", func(n int) string {
					return fmt.Sprintf(`mutation { createTenant(input:{code:"t-%d", name:"x", divisionCode:"320102",
						admin:{username:"admin", displayName:"a", password:"minsheng-demo"}}) { id } }`, n)
				}, []outcome{F, F, F, F, F, F, F, F, F, A, U}},
				{"updateTenant", fixed(`mutation { updateTenant(id:` + q(a.id) + `, input:{name:"玄武区"}) { id } }`),
					[]outcome{F, F, F, F, F, F, F, F, F, A, U}},
				{"createUser", func(n int) string {
					return fmt.Sprintf(`mutation { createUser(input:{username:"user-%d", displayName:"x", password:"minsheng-demo"}) { id } }`, n)
				}, []outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"updateUser", fixed(`mutation { updateUser(id:` + q(a.clerk) + `, input:{displayName:"x"}) { id } }`),
					[]outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"createDepartment", func(n int) string {
					return fmt.Sprintf(`mutation { createDepartment(input:{name:"测试科室%d"}) { id } }`, n)
				}, []outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"updateDepartment", fixed(`mutation { updateDepartment(id:` + q(a.housing) + `, input:{name:"住建局"}) { id } }`),
					[]outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"createRegion", func(n int) string {
					return fmt.Sprintf(`mutation { createRegion(input:{name:"测试街道%d", level:STREET, divisionCode:"320102", parentID:%s}) { id } }`,
						n, q(district))
				}, []outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"updateRegion", fixed(`mutation { updateRegion(id:` + q(district) + `, input:{divisionCode:"320102"}) { id } }`),
					[]outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"createCategory", func(n int) string {
					return fmt.Sprintf(`mutation { createCategory(input:{name:"测试类别%d", type:COMPLAINT, deadlineDays:5}) { id } }`, n)
				}, []outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"updateCategory", fixed(fmt.Sprintf(`mutation { updateCategory(id:%s, input:{deadlineDays:%d}) { id } }`,
					q(topCategory.ID), topCategory.DeadlineDays)),
					[]outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"createAPIKey", fixed(`mutation { createAPIKey(input:{name:"x", role:"integrator"}) { key } }`),
					[]outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"revokeAPIKey", fixed(`mutation { revokeAPIKey(id:` + strconv.Quote(spareKey.id) + `) { id } }`),
					[]outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"createTicket", fixed(`mutation { createTicket(input:{title:"t", body:"b", channel:PHONE}) { id } }`),
					[]outcome{A, A, A, F, F, F, F, A, A, F, U}},
				{"registerTicket", func(n int) string {
					return `mutation { registerTicket(id:` + freshTicket(n, ticket.StatusDRAFT) + `) { id } }`
				}, []outcome{A, A, A, F, F, F, F, F, F, F, U}},
				{"dispatchTicket", func(n int) string {
					return `mutation { dispatchTicket(id:` + freshTicket(n, ticket.StatusREGISTERED) +
						`, input:{departmentID:` + q(a.housing) + `}) { id } }`
				}, []outcome{A, F, A, F, F, F, F, F, F, F, U}},
				{"acceptTicket", func(n int) string {
					return `mutation { acceptTicket(id:` + freshTicket(n, ticket.StatusDISPATCHED) + `) { id } }`
				}, []outcome{F, F, F, A, A, F, F, F, F, F, U}},
				{"startTicket", func(n int) string {
					return `mutation { startTicket(id:` + freshTicket(n, ticket.StatusACCEPTED) + `) { id } }`
				}, []outcome{F, F, F, A, A, F, F, F, F, F, U}},
				{"returnTicket", func(n int) string {
					return `mutation { returnTicket(id:` + freshTicket(n, ticket.StatusDISPATCHED) + `, reason:"不属本部门职责") { id } }`
				}, []outcome{F, F, F, A, A, F, F, F, F, F, U}},
				{"reassignTicket", func(n int) string {
					return `mutation { reassignTicket(id:` + freshTicket(n, ticket.StatusDISPATCHED) +
						`, departmentID:` + q(otherDepartment) + `, reason:"属他部门职责") { id } }`
				}, []outcome{A, F, A, F, F, F, F, F, F, F, U}},
				{"replyTicket", func(n int) string {
					return `mutation { replyTicket(id:` + freshTicket(n, ticket.StatusIN_PROGRESS) + `, input:` + completeReply + `) { id } }`
				}, []outcome{F, F, F, A, A, F, F, F, F, F, U}},
				{"recordCallback", func(n int) string {
					return `mutation { recordCallback(id:` + freshTicket(n, ticket.StatusREPLIED) +
						`, input:{satisfaction:BASICALLY_SATISFIED, solved:true, note:"居民基本满意"}) { id } }`
				}, []outcome{F, A, A, F, F, F, F, F, F, F, U}},
				// Closing needs a satisfied callback: each request's ticket
				// gets one, written as recordCallback would.
				{"closeTicket", func(n int) string {
					id := freshTicket(n, ticket.StatusREPLIED)
					c.Callback.Create().SetTicketID(mustAtoi(t, strings.Trim(id, `"`))).
						SetSatisfaction(callback.SatisfactionSATISFIED).SetSolved(true).ExecX(a.ctx)
					return `mutation { closeTicket(id:` + id + `) { id } }`
				}, []outcome{F, A, A, F, F, F, F, F, F, F, U}},
				{"reopenTicket", func(n int) string {
					return `mutation { reopenTicket(id:` + freshTicket(n, ticket.StatusCLOSED) + `, reason:"居民再次来电") { id } }`
				}, []outcome{F, A, A, F, F, F, F, F, F, F, U}},
				// An extension is asked against a deadline, and decided when
				// one is pending: each ticket gets what its operation needs.
				{"requestExtension", func(n int) string {
					id := freshTicket(n, ticket.StatusACCEPTED)
					c.Ticket.UpdateOneID(mustAtoi(t, strings.Trim(id, `"`))).SetDueAt(time.Now().Add(72 * time.Hour)).ExecX(a.ctx)
					return `mutation { requestExtension(id:` + id + `, days:2, reason:"需现场勘验") { id } }`
				}, []outcome{F, F, F, A, A, F, F, F, F, F, U}},
				{"decideExtension", func(n int) string {
					id := freshTicket(n, ticket.StatusIN_PROGRESS)
					c.Ticket.UpdateOneID(mustAtoi(t, strings.Trim(id, `"`))).SetDueAt(time.Now().Add(72 * time.Hour)).
						SetExtensionDays(2).SetExtensionReason("需现场勘验").ExecX(a.ctx)
					return `mutation { decideExtension(id:` + id + `, approve:true) { id } }`
				}, []outcome{A, F, A, F, F, F, F, F, F, F, U}},
				{"superviseTicket", func(n int) string {
					return `mutation { superviseTicket(id:` + freshTicket(n, ticket.StatusIN_PROGRESS) + `, note:"请本周内办结") { id } }`
				}, []outcome{F, F, F, F, A, A, F, F, F, F, U}},
				{"trackCase", func(n int) string {
					code, token := tracked(n, ticket.StatusIN_PROGRESS)
					return `{ trackCase(code:` + code + `, token:` + token + `) { status } }`
				}, []outcome{A, A, A, A, A, A, A, A, A, A, A}},
				{"supplementCase", func(n int) string {
					code, token := tracked(n, ticket.StatusIN_PROGRESS)
					return `mutation { supplementCase(code:` + code + `, token:` + token + `, text:"补充现场照片说明") { status } }`
				}, []outcome{A, A, A, A, A, A, A, A, A, A, A}},
				{"rateCase", func(n int) string {
					code, token := tracked(n, ticket.StatusREPLIED)
					return `mutation { rateCase(code:` + code + `, token:` + token + `, satisfaction:SATISFIED) { status } }`
				}, []outcome{A, A, A, A, A, A, A, A, A, A, A}},
				{"instructTicket", func(n int) string {
					return `mutation { instructTicket(id:` + freshTicket(n, ticket.StatusIN_PROGRESS) + `, text:"请住建局牵头研究解决") { id } }`
				}, []outcome{F, F, F, F, F, A, F, F, F, F, U}},
				{"mergeTickets", func(n int) string {
					return `mutation { mergeTickets(intoID:` + freshTicket(n, ticket.StatusREGISTERED) +
						`, fromIDs:[` + freshTicket(100000+n, ticket.StatusREGISTERED) + `]) { id } }`
				}, []outcome{A, F, A, F, F, F, F, F, F, F, U}},
				// Any staff member who sees the ticket may follow it; the
				// grid worker does not see the clerk's ticket, and an API key
				// is nobody to follow.
				{"followTicket", func(n int) string {
					return `mutation { followTicket(id:` + freshTicket(n, ticket.StatusDISPATCHED) + `, follow:true) { id } }`
				}, []outcome{A, A, A, A, A, A, A, "error NOT_FOUND", F, F, U}},
				{"calendarDays", fixed(`{ calendarDays(year:2026) { date } }`), []outcome{A, A, A, A, A, A, A, A, F, F, U}},
				{"setCalendarDay", fixed(`mutation { setCalendarDay(date:"2026-12-31", workday:true, note:"年终结算") { date } }`),
					[]outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"clearCalendarDay", fixed(`mutation { clearCalendarDay(date:"2026-12-31") }`),
					[]outcome{A, F, F, F, F, F, F, F, F, F, U}},
				// Warnings (预警): the watch list is the tenant admin's and the
				// leader's; warnings are read and acknowledged by leaders and
				// dispatchers (a department leader: his department's).
				{"watchItems", fixed(`{ watchItems(first:5) { totalCount } }`), []outcome{A, F, F, F, F, A, F, F, F, F, U}},
				{"addWatchItem", fixed(`mutation { addWatchItem(input:{kind:TOPIC, words:["化工"], reason:"测试", level:1}) { id } }`),
					[]outcome{A, F, F, F, F, A, F, F, F, F, U}},
				{"removeWatchItem", func(int) string {
					return `mutation { removeWatchItem(id:` + q(watchItem()) + `) }`
				}, []outcome{A, F, F, F, F, A, F, F, F, F, U}},
				{"warnings", fixed(`{ warnings(first:5) { totalCount } }`), []outcome{F, F, A, F, A, A, F, F, F, F, U}},
				{"acknowledgeWarning", fixed(`mutation { acknowledgeWarning(id:` + q(housingWarning) + `, note:"已知悉") { id } }`),
					[]outcome{F, F, A, F, A, A, F, F, F, F, U}},
				// Statistics: leaders and analysts; a department leader for his
				// department (graph/stats_test.go checks the figures).
				{"statistics", fixed(`{ statistics(input:{from:"2026-01-01", to:"2026-12-31", groupBy:[DEPARTMENT]}) { total { received } } }`),
					[]outcome{F, F, F, F, A, A, A, F, F, F, U}},
				{"metricDefinitions", fixed(`{ metricDefinitions { name } }`), []outcome{F, F, F, F, A, A, A, F, F, F, U}},
				{"rankingIndex", fixed(`{ rankingIndex(input:{from:"2026-01-01", to:"2026-12-31", unit:REGION}) { units { id } } }`),
					[]outcome{F, F, F, F, A, A, A, F, F, F, U}},
				// Hot topics: those who read statistics (topics:read); the
				// word list: the admin keeps it, topic readers read it.
				{"hotTopics", fixed(`{ hotTopics(input:{from:"2026-01-01", to:"2026-12-31"}) { word tickets } }`),
					[]outcome{F, F, F, F, A, A, A, F, F, F, U}},
				{"hotTopicTickets", fixed(`{ hotTopicTickets(word:"电梯", from:"2026-01-01", to:"2026-12-31", first:5) { totalCount } }`),
					[]outcome{F, F, F, F, A, A, A, F, F, F, U}},
				{"wordList", fixed(`{ wordList { added stop builtInStop } }`),
					[]outcome{A, F, F, F, A, A, A, F, F, F, U}},
				{"setWordList", fixed(`mutation { setWordList(input:{added:["锦江绿道"], stop:["情况说明"], synonyms:[{word:"广场舞", canonical:"噪音"}]}) { added } }`),
					[]outcome{A, F, F, F, F, F, F, F, F, F, U}},
				// Reports are tenant-wide figures: leaders and analysts only
				// (a department leader reads his department in statistics).
				{"reports", fixed(`{ reports(first:1) { totalCount } }`), []outcome{F, F, F, F, F, A, A, F, F, F, U}},
				{"generateReport", fixed(`mutation { generateReport(input:{kind:WEEKLY, from:"` + lastMonday() + `"}) { id status } }`),
					[]outcome{F, F, F, F, F, A, A, F, F, F, U}},
				// Repeat marks (issue 11): each request decides a marked ticket of its own.
				{"confirmRepeat", func(n int) string {
					return `mutation { confirmRepeat(id:` + markedTicket(n) + `) { id } }`
				}, []outcome{F, A, A, F, F, A, F, F, F, F, U}},
				{"rejectRepeat", func(n int) string {
					return `mutation { rejectRepeat(id:` + markedTicket(n) + `, reason:"不是同一事项") { id } }`
				}, []outcome{F, A, A, F, F, A, F, F, F, F, U}},
				// The knowledge base: every member of staff reads and uses it,
				// the tenant admin (and the knowledge editors he names) writes it.
				{"knowledgeArticles", fixed(`{ knowledgeArticles(first:1) { totalCount } }`), []outcome{A, A, A, A, A, A, A, A, F, F, U}},
				{"knowledgeSearch", fixed(`{ knowledgeSearch(text:"电梯故障") { score } }`), []outcome{A, A, A, A, A, A, A, A, F, F, U}},
				{"draftKnowledgeArticle", func(n int) string {
					return `{ draftKnowledgeArticle(ticketID:` + closedCase(n) + `) { title } }`
				}, []outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"createKnowledgeArticle", fixed(`mutation { createKnowledgeArticle(input:{title:"权限测试", body:"正文"}) { id } }`),
					[]outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"updateKnowledgeArticle", func(int) string {
					return `mutation { updateKnowledgeArticle(id:` + article() + `, input:{title:"权限测试", body:"新正文"}) { id } }`
				}, []outcome{A, F, F, F, F, F, F, F, F, F, U}},
				{"retireKnowledgeArticle", func(int) string {
					return `mutation { retireKnowledgeArticle(id:` + article() + `) { id } }`
				}, []outcome{A, F, F, F, F, F, F, F, F, F, U}},
				// On 住建局's ticket registered by the clerk: outside the grid worker's scope.
				{"useKnowledgeArticle", func(int) string {
					return `mutation { useKnowledgeArticle(articleID:` + article() + `, ticketID:` + q(housingTicket) + `) { version } }`
				}, []outcome{A, A, A, A, A, A, A, "error NOT_FOUND", F, F, U}},
			}

			// Every operation of the schema must have a line: a new one is
			// denied or allowed on purpose, not by accident.
			var schema struct {
				Schema struct {
					QueryType, MutationType struct{ Fields []struct{ Name string } }
				} `json:"__schema"`
			}
			e.Do(t, tok["admin"], `{ __schema { queryType { fields { name } } mutationType { fields { name } } } }`, nil).Decode(t, &schema)
			listed := map[string]bool{}
			for _, op := range operations {
				listed[op.field] = true
			}
			inSchema := map[string]bool{"login": true}
			for _, f := range append(schema.Schema.QueryType.Fields, schema.Schema.MutationType.Fields...) {
				inSchema[f.Name] = true
				if !listed[f.Name] && f.Name != "login" {
					t.Errorf("operation %s has no line in the table: add what each role may do with it", f.Name)
				}
			}
			for _, op := range operations {
				if !inSchema[op.field] {
					t.Errorf("the table lists %s, which the schema no longer has", op.field)
				}
			}

			n := 0
			for _, op := range operations {
				if len(op.expect) != len(callers) {
					t.Fatalf("%s: %d expectations for %d callers", op.field, len(op.expect), len(callers))
				}
				for i, who := range callers {
					n++
					var r *apptest.Response
					if file, ok := uploads[op.field]; ok {
						vars := map[string]any{"in": map[string]any{"kind": "LETTER", "file": nil}}
						r = e.Upload(t, tok[who], op.request(n), vars, "variables.in.file", "letter.png", file)
					} else {
						r = e.Do(t, tok[who], op.request(n), nil)
					}
					got, msg := outcomeOf(t, r, op.field)
					if got != op.expect[i] {
						t.Errorf("%s as %s: got %s (%s), want %s", op.field, who, got, msg, op.expect[i])
					}
				}
			}
		})

		t.Run("node answers null without the read permission", func(t *testing.T) {
			objects := []struct {
				name   string
				id     int
				expect []outcome
			}{
				// Expectations in the order of callers: admin clerk dispatcher handler dept_leader
				// leader analyst grid_worker | integrator key | operator | anonymous.
				{"ticket of 住建局", housingTicket, []outcome{A, A, A, A, A, A, A, N, A, N, U}},
				{"ticket of another department", otherTicket, []outcome{A, A, A, N, N, A, A, N, A, N, U}},
				{"ticket of demo-b", otherTenantTicket, []outcome{N, N, N, N, N, N, N, N, N, N, U}},
				{"user", a.clerk, []outcome{A, A, A, N, A, A, N, N, N, N, U}},
				{"citizen", *citizenID, []outcome{A, A, A, A, A, A, A, N, N, N, U}},
				{"department", a.housing, []outcome{A, A, A, A, A, A, A, A, A, N, U}},
				{"region", district, []outcome{A, A, A, A, A, A, A, A, A, N, U}},
				{"category", topCategory.ID, []outcome{A, A, A, A, A, A, A, A, A, N, U}},
				{"knowledge article", mustAtoi(t, strings.Trim(article(), `"`)), []outcome{A, A, A, A, A, A, A, A, N, N, U}},
				{"audit record", auditID, []outcome{A, N, N, N, N, N, N, N, N, N, U}},
				{"API key", mustAtoi(t, spareKey.id), []outcome{A, N, N, N, N, N, N, N, N, N, U}},
				// Tenant members read their own tenant; operators all tenants.
				{"tenant demo-a", a.id, []outcome{A, A, A, A, A, A, A, A, A, A, U}},
				{"tenant demo-b", b1.id, []outcome{N, N, N, N, N, N, N, N, N, A, U}},
				{"report", reportID, []outcome{N, N, N, N, N, A, A, N, N, N, U}},
				{"report of demo-b", otherReportID, []outcome{N, N, N, N, N, N, N, N, N, N, U}},
			}
			for _, o := range objects {
				for i, who := range callers {
					r := e.Do(t, tok[who], fmt.Sprintf(`{ node(id:%s) { id } }`, q(o.id)), nil)
					got, msg := outcomeOf(t, r, "node")
					if got != o.expect[i] {
						t.Errorf("node(%s) as %s: got %s (%s), want %s", o.name, who, got, msg, o.expect[i])
					}
				}
			}
		})

		// Attachment.url is the address of the file (GET
		// /attachments/{id}/file): null for a caller who may not open it, so
		// a client never offers what the server refuses. A: an address; N:
		// no address (or no attachment visible). server's TestAttachmentFiles
		// checks the route itself refuses the same callers.
		t.Run("attachment url", func(t *testing.T) {
			objects := []struct {
				name   string
				id     int
				expect []outcome
			}{
				// Expectations in the order of callers: admin clerk dispatcher handler dept_leader
				// leader analyst grid_worker | integrator key | operator | anonymous.
				{"letter of 住建局's ticket", letter.ID, []outcome{A, A, A, A, A, A, A, N, A, N, U}},
				{"ID card of 住建局's ticket", card.ID, []outcome{A, A, A, A, A, A, N, N, N, N, U}},
			}
			for _, o := range objects {
				for i, who := range callers {
					r := e.Do(t, tok[who], fmt.Sprintf(`{ node(id:%s) { ... on Attachment { url } } }`, q(o.id)), nil)
					got, msg := outcomeOf(t, r, "node")
					if got == A {
						var out struct{ Node struct{ URL *string } }
						r.Decode(t, &out)
						if out.Node.URL == nil {
							got = N
						} else if want := fmt.Sprintf("/attachments/%d/file", o.id); *out.Node.URL != want {
							t.Errorf("%s as %s: url %q, want %q", o.name, who, *out.Node.URL, want)
						}
					}
					if got != o.expect[i] {
						t.Errorf("url of the %s as %s: got %s (%s), want %s", o.name, who, got, msg, o.expect[i])
					}
				}
			}
		})

		t.Run("row scope of tickets", func(t *testing.T) {
			all := c.Ticket.Query().CountX(a.ctx)
			housing := c.Ticket.Query().Where(ticket.DepartmentID(a.housing)).CountX(a.ctx)
			own := c.Ticket.Query().Where(ticket.RegisteredByID(a.gridWorker)).CountX(a.ctx)
			if housing == 0 || housing == all || own == 0 || own == all {
				t.Fatalf("demo data cannot show row scope: %d tickets, %d of 住建局, %d of the grid worker", all, housing, own)
			}
			want := map[string]int{
				"admin": all, "clerk": all, "dispatcher": all, "leader": all, "analyst": all, "integrator": all,
				"handler": housing, "dept_leader": housing, "grid_worker": own,
			}
			for who, n := range want {
				var out struct{ Tickets struct{ TotalCount int } }
				e.Do(t, tok[who], `{ tickets(first:1) { totalCount } }`, nil).Decode(t, &out)
				if out.Tickets.TotalCount != n {
					t.Errorf("%s sees %d tickets, want %d", who, out.Tickets.TotalCount, n)
				}
			}
			// What the grid worker sees is what he registered, not merely as many.
			var out struct {
				Tickets struct {
					Edges []struct {
						Node struct{ RegisteredBy struct{ ID string } }
					}
				}
			}
			e.Do(t, tok["grid_worker"], `{ tickets(first:100) { edges { node { registeredBy { id } } } } }`, nil).Decode(t, &out)
			for _, edge := range out.Tickets.Edges {
				if edge.Node.RegisteredBy.ID != strconv.Itoa(a.gridWorker) {
					t.Errorf("grid worker sees a ticket registered by user %s", edge.Node.RegisteredBy.ID)
				}
			}
			var node struct{ Node *struct{ ID string } }
			e.Do(t, tok["handler"], fmt.Sprintf(`{ node(id:%s) { id } }`, q(otherTicket)), nil).Decode(t, &node)
			if node.Node != nil {
				t.Errorf("handler of 住建局 fetched ticket %d of another department by ID", otherTicket)
			}
		})

		t.Run("me", func(t *testing.T) {
			for who, role := range roleOf {
				var out struct {
					Me struct {
						Username string
						Roles    []string
					}
				}
				e.Do(t, tok[who], `{ me { username roles } }`, nil).Decode(t, &out)
				if out.Me.Username != who || !slices.Equal(out.Me.Roles, []string{role}) {
					t.Errorf("me as %s = %+v, want username %s and roles [%s]", who, out.Me, who, role)
				}
			}
			if code := e.Do(t, tok["integrator"], `{ me { username } }`, nil).Code(); code != string(F) {
				t.Errorf("me with an API key: code %q, want FORBIDDEN (an API key is no user)", code)
			}
		})
	})
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("ID %q: %v", s, err)
	}
	return n
}
