package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app"
	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/tracking"
	"github.com/minsheng/minsheng/viewer"
)

// publicCaseView is what a citizen reads of a case.
type publicCaseView struct {
	Code   string
	Status string
	Colour *string
	DueAt  *time.Time
	Unit   *struct {
		Department    string
		CoDepartments []string
	}
	Timeline []struct {
		Action     string
		FromStatus *string
		ToStatus   *string
		Actor      string
		At         time.Time
	}
	Reply *struct {
		Facts, Basis, Handling, Result, AppealChannel string
	}
	CanRate bool
}

const publicCaseFields = `code status colour dueAt unit { department coDepartments }
	timeline { action fromStatus toStatus actor at }
	reply { facts basis handling result appealChannel } canRate`

const (
	trackDoc      = `query($c:String!,$t:String!) { trackCase(code:$c, token:$t) { ` + publicCaseFields + ` } }`
	supplementDoc = `mutation($c:String!,$t:String!,$x:String!) { supplementCase(code:$c, token:$t, text:$x) { ` + publicCaseFields + ` } }`
	rateDoc       = `mutation($c:String!,$t:String!,$s:Satisfaction!,$m:String) { rateCase(code:$c, token:$t, satisfaction:$s, comment:$m) { ` + publicCaseFields + ` } }`
)

// publicCase decodes the one field of a tracking answer; nil for null.
func publicCase(t *testing.T, r *apptest.Response) *publicCaseView {
	t.Helper()
	var out map[string]*publicCaseView
	r.Decode(t, &out)
	for _, v := range out {
		return v
	}
	t.Fatalf("no field in %s", r.Data)
	return nil
}

// timelineLine writes a public event as "ACTION FROM→TO by ACTOR".
func (v *publicCaseView) lines() []string {
	var out []string
	for _, e := range v.Timeline {
		from, to := "", ""
		if e.FromStatus != nil {
			from = *e.FromStatus
		}
		if e.ToStatus != nil {
			to = *e.ToStatus
		}
		out = append(out, fmt.Sprintf("%s %s→%s by %s", e.Action, from, to, e.Actor))
	}
	return out
}

// staffTicket is what staff read of a ticket's tracking.
type staffTicket struct {
	ID            string
	Code          string
	TrackingToken string
	TrackingURL   string
	Version       int
}

var tokenShape = regexp.MustCompile(`^[A-Za-z0-9_-]{22,}$`)

func TestCitizenTracksSupplementsAndRatesByCode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		clerk, dispatcher, handler := e.Login(t, "demo-a", "clerk"), e.Login(t, "demo-a", "dispatcher"), e.Login(t, "demo-a", "handler")

		// The clerk registers the complaint and reads the code and token for
		// the citizen's receipt.
		var created struct{ CreateTicket staffTicket }
		e.Do(t, clerk, `mutation { createTicket(input:{title:"小区电梯停运三天", body:"3号楼电梯停运", channel:PHONE,
			citizen:{name:"周建国", phone:"13851234567"}}) { id code trackingToken trackingURL } }`, nil).Decode(t, &created)
		tk := created.CreateTicket
		if !tokenShape.MatchString(tk.TrackingToken) {
			t.Fatalf("tracking token %q is not a URL-safe token of 128 bits or more", tk.TrackingToken)
		}
		if want := "http://localhost/t/" + tk.Code + "?token=" + tk.TrackingToken; tk.TrackingURL != want {
			t.Errorf("trackingURL = %q, want %q", tk.TrackingURL, want)
		}
		id := mustAtoi(t, tk.ID)
		vars := func(extra map[string]any) map[string]any {
			v := map[string]any{"c": tk.Code, "t": tk.TrackingToken}
			for k, x := range extra {
				v[k] = x
			}
			return v
		}

		// Anonymous, with code and token.
		r := e.Do(t, "", trackDoc, vars(nil))
		pc := publicCase(t, r)
		if pc == nil || pc.Code != tk.Code || pc.Status != "REGISTERED" || pc.Unit != nil || pc.Reply != nil || pc.CanRate || pc.Colour != nil {
			t.Fatalf("trackCase right after registration = %+v", pc)
		}
		if got := strings.Join(pc.lines(), "; "); got != "REGISTER →REGISTERED by 玄武区" {
			t.Errorf("timeline = %s, want the registration by the district office", got)
		}
		raw, _ := json.Marshal(r)
		for _, private := range []string{tk.TrackingToken, "周建国", "13851234567", "clerk", "王丽"} {
			if bytes.Contains(raw, []byte(private)) {
				t.Errorf("the public answer holds %q: %s", private, raw)
			}
		}

		// A wrong token and a code that does not exist answer the same: null.
		wrong := e.Do(t, "", trackDoc, vars(map[string]any{"t": strings.Repeat("A", len(tk.TrackingToken))}))
		unknown := e.Do(t, "", trackDoc, vars(map[string]any{"c": "MS-19990101-0001"}))
		if string(wrong.Data) != `{"trackCase":null}` || len(wrong.Errors) > 0 || answerShape(wrong) != answerShape(unknown) {
			t.Errorf("wrong token answers %s, unknown code %s; want null for both", answerShape(wrong), answerShape(unknown))
		}

		// The citizen adds material; the step is public, nothing else moves.
		version := c.Ticket.GetX(a.ctx, id).Version
		pc = publicCase(t, e.Do(t, "", supplementDoc, vars(map[string]any{"x": "补充：电梯停运期间有老人被困，附物业通知照片。"})))
		if got := pc.lines(); pc.Status != "REGISTERED" || len(got) != 2 || got[1] != "SUPPLEMENT → by 市民" {
			t.Errorf("after supplementCase: %s %q", pc.Status, got)
		}
		if after := c.Ticket.GetX(a.ctx, id); after.Version != version || after.Status != ticket.StatusREGISTERED {
			t.Errorf("supplementCase changed the ticket: version %d → %d, status %s", version, after.Version, after.Status)
		}
		ev := c.TimelineEvent.Query().Where(timelineevent.TicketID(id), timelineevent.Action("SUPPLEMENT")).OnlyX(a.ctx)
		if ev.ActorName != "citizen" || ev.ActorID != nil || !strings.Contains(ev.Reason, "老人被困") {
			t.Errorf("staff see the supplement as %q by %q (user %v)", ev.Reason, ev.ActorName, ev.ActorID)
		}
		for _, bad := range []struct{ text, code string }{{"  ", "BAD_USER_INPUT"}, {strings.Repeat("长", 2001), "BAD_USER_INPUT"}} {
			if r := e.Do(t, "", supplementDoc, vars(map[string]any{"x": bad.text})); r.Code() != bad.code {
				t.Errorf("supplementCase with %d characters: %+v, want %s", len([]rune(bad.text)), r.Errors, bad.code)
			}
		}
		wrongSupplement := e.Do(t, "", supplementDoc, vars(map[string]any{"t": otherToken(tk.TrackingToken), "x": "冒名补充"}))
		if string(wrongSupplement.Data) != `{"supplementCase":null}` || len(wrongSupplement.Errors) > 0 {
			t.Errorf("supplementCase with a wrong token answers %s, want null", answerShape(wrongSupplement))
		}
		if n := c.TimelineEvent.Query().Where(timelineevent.TicketID(id), timelineevent.Action("SUPPLEMENT")).CountX(a.ctx); n != 1 {
			t.Errorf("%d supplements on the timeline, want the citizen's one", n)
		}

		// Nothing to rate before a reply.
		if r := e.Do(t, "", rateDoc, vars(map[string]any{"s": "SATISFIED"})); r.Code() != "CONFLICT" {
			t.Errorf("rateCase before any reply: %+v, want CONFLICT", r.Errors)
		}

		cityManagement := e.App.DB.Client.Department.Query().Where(department.Name("城管局")).OnlyIDX(a.ctx)
		act(t, e, dispatcher, `dispatchTicket(id:`+q(id)+`, input:{departmentID:`+q(a.housing)+`, coDepartmentIDs:[`+q(cityManagement)+`], note:"内部备注：物业为区人大代表亲属"})`)
		act(t, e, handler, `acceptTicket(id:`+q(id)+`)`)
		act(t, e, handler, `startTicket(id:`+q(id)+`)`)
		act(t, e, e.Login(t, "demo-a", "leader"), `instructTicket(id:`+q(id)+`, text:"内部批示：请住建局从严处理")`)
		act(t, e, handler, `replyTicket(id:`+q(id)+`, input:`+completeReply+`)`)

		r = e.Do(t, "", trackDoc, vars(nil))
		pc = publicCase(t, r)
		if pc.Status != "REPLIED" || pc.Unit == nil || pc.Unit.Department != "住建局" || strings.Join(pc.Unit.CoDepartments, ",") != "城管局" ||
			pc.Colour == nil || *pc.Colour != "GREEN" || pc.DueAt == nil || !pc.CanRate {
			t.Fatalf("trackCase after the reply = %+v", pc)
		}
		if pc.Reply == nil || !strings.Contains(pc.Reply.Facts, "主板故障") || !strings.Contains(pc.Reply.AppealChannel, "行政复议") ||
			pc.Reply.Basis == "" || pc.Reply.Handling == "" || pc.Reply.Result == "" {
			t.Errorf("reply = %+v, want its five elements", pc.Reply)
		}
		want := []string{
			"REGISTER →REGISTERED by 玄武区",
			"SUPPLEMENT → by 市民",
			"DISPATCH REGISTERED→DISPATCHED by 玄武区",
			"ACCEPT DISPATCHED→ACCEPTED by 住建局",
			"START ACCEPTED→IN_PROGRESS by 住建局",
			"REPLY IN_PROGRESS→REPLIED by 住建局",
		}
		if got := pc.lines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("public timeline:\n  %s\nwant (no instruction, staff as their unit):\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		}
		raw, _ = json.Marshal(r)
		for _, private := range []string{"内部备注", "内部批示", "张伟", "handler"} {
			if bytes.Contains(raw, []byte(private)) {
				t.Errorf("the public answer holds %q", private)
			}
		}

		// A tenant that allows it shows staff by name.
		c.Tenant.Update().Where(tenant.ID(a.id)).SetSettings(map[string]any{tracking.SettingPublicStaffNames: true}).
			ExecX(viewer.SystemContext(context.Background()))
		pc = publicCase(t, e.Do(t, "", trackDoc, vars(nil)))
		if got := pc.lines(); len(got) != len(want) || got[3] != "ACCEPT DISPATCHED→ACCEPTED by 张伟（承办人）" ||
			got[0] != "REGISTER →REGISTERED by 王丽（受理员）" {
			t.Errorf("with publicStaffNames the timeline is %q", got)
		}

		// The citizen is not satisfied: once per reply, and the clerk may reopen.
		pc = publicCase(t, e.Do(t, "", rateDoc, vars(map[string]any{"s": "DISSATISFIED", "m": "电梯仍有异响"})))
		if got := pc.lines(); pc.Status != "REPLIED" || pc.CanRate || got[len(got)-1] != "RATE → by 市民" {
			t.Errorf("after rateCase: %s canRate %v %q", pc.Status, pc.CanRate, got)
		}
		again := e.Do(t, "", rateDoc, vars(map[string]any{"s": "SATISFIED"}))
		if again.Code() != "CONFLICT" || !strings.Contains(again.Errors[0].Message, "rated already") {
			t.Errorf("a second rating of the same reply: %+v, want CONFLICT", again.Errors)
		}
		rv := readReplies(t, e, clerk, id)
		if len(rv.Callbacks) != 1 || rv.Callbacks[0].Satisfaction != "DISSATISFIED" || rv.Callbacks[0].Solved ||
			rv.Callbacks[0].Note != "电梯仍有异响" || rv.Callbacks[0].RecordedBy != nil ||
			rv.Callbacks[0].Reply == nil || rv.Callbacks[0].Reply.ID != rv.Replies[0].ID {
			t.Errorf("callbacks after the rating = %+v, want the citizen's dissatisfied one about the reply", rv.Callbacks)
		}
		var by struct {
			Node struct{ Callbacks []struct{ ByCitizen bool } }
		}
		e.Do(t, clerk, `query($id:ID!) { node(id:$id) { ... on Ticket { callbacks { byCitizen } } } }`,
			map[string]any{"id": tk.ID}).Decode(t, &by)
		if len(by.Node.Callbacks) != 1 || !by.Node.Callbacks[0].ByCitizen {
			t.Errorf("staff see callbacks %+v, want one byCitizen", by.Node.Callbacks)
		}
		if got := act(t, e, clerk, `reopenTicket(id:`+q(id)+`, reason:"市民评价不满意，要求复查")`); got.Status != "REOPENED" {
			t.Errorf("after the dissatisfied rating reopenTicket gives %s", got.Status)
		}
		wrongRate := e.Do(t, "", rateDoc, vars(map[string]any{"t": otherToken(tk.TrackingToken), "s": "SATISFIED"}))
		if string(wrongRate.Data) != `{"rateCase":null}` || len(wrongRate.Errors) > 0 {
			t.Errorf("rateCase with a wrong token answers %s, want null", answerShape(wrongRate))
		}
	})
}

func TestTrackingTokenIsForStaffOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		tok := tokens(t, e)
		tk := e.App.DB.Client.Ticket.Query().Where(ticket.DepartmentID(a.housing), ticket.RegisteredByID(a.clerk)).FirstX(a.ctx)
		own := e.App.DB.Client.Ticket.Query().Where(ticket.RegisteredByID(a.gridWorker)).FirstX(a.ctx)
		doc := `query($id:ID!) { node(id:$id) { ... on Ticket { trackingToken trackingURL } } }`
		// Only who hands the token to the citizen reads it: whoever holds it
		// can rate the case as the citizen. The grid worker reads it on the
		// tickets he registered (he sees no others).
		// Callers: admin clerk dispatcher handler dept_leader leader analyst
		// grid_worker | integrator key | operator | anonymous.
		for _, c := range []struct {
			name   string
			t      *ent.Ticket
			expect []outcome
		}{
			{"the clerk's ticket of 住建局", tk, []outcome{A, A, A, N, N, N, N, N, N, N, U}},
			{"the grid worker's own ticket", own, []outcome{A, A, A, N, N, N, N, A, N, N, U}},
		} {
			for i, who := range callers {
				r := e.Do(t, tok[who], doc, map[string]any{"id": fmt.Sprint(c.t.ID)})
				got := N
				var out struct {
					Node *struct {
						TrackingToken *string
						TrackingURL   *string
					}
				}
				switch {
				case len(r.Errors) > 0:
					got = outcome(r.Code())
				case json.Unmarshal(r.Data, &out) != nil:
					t.Fatalf("decode %s", r.Data)
				case out.Node != nil && out.Node.TrackingToken != nil:
					got = A
					if *out.Node.TrackingToken != c.t.TrackingToken || out.Node.TrackingURL == nil ||
						!strings.Contains(*out.Node.TrackingURL, c.t.TrackingToken) {
						t.Errorf("%s reads token %q and link %v for %s", who, *out.Node.TrackingToken, out.Node.TrackingURL, c.name)
					}
				case out.Node != nil && out.Node.TrackingURL != nil:
					t.Errorf("%s reads no token but the link %q of %s", who, *out.Node.TrackingURL, c.name)
				}
				if got != c.expect[i] {
					t.Errorf("trackingToken of %s as %s: %s, want %s", c.name, who, got, c.expect[i])
				}
				if c.expect[i] != A && bytes.Contains(r.Data, []byte(c.t.TrackingToken)) {
					t.Errorf("%s reads the token of %s: %s", who, c.name, r.Data)
				}
			}
		}
		// Nothing else a handler reads of his department's ticket carries
		// the token: he cannot rate his own reply as the citizen.
		wide := `query($id:ID!) { node(id:$id) { ... on Ticket { id code title body trackingToken trackingURL
			timeline { action reason } notifications { event payload } replies { result } callbacks { note } } } }`
		for _, who := range []string{"handler", "dept_leader", "analyst", "integrator"} {
			r := e.Do(t, tok[who], wide, map[string]any{"id": fmt.Sprint(tk.ID)})
			if bytes.Contains(r.Data, []byte(tk.TrackingToken)) || len(r.Data) < 20 {
				t.Errorf("%s reading the ticket: %s", who, answerShape(r))
			}
		}
		// Not in the public type, and not filterable: nobody can search tokens.
		if r := e.Do(t, "", `query { trackCase(code:"x", token:"y") { trackingToken } }`, nil); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("PublicCase.trackingToken: %+v, want a validation error", r.Errors)
		}
		if r := e.Do(t, e.Login(t, "demo-a", "admin"), `{ tickets(where:{trackingToken:"x"}) { totalCount } }`, nil); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("filtering tickets by token: %+v, want a validation error", r.Errors)
		}

		// Every demo ticket got its own token through workflow, drafts too.
		seen := map[string]bool{}
		all := e.App.DB.Client.Ticket.Query().AllX(viewer.SystemContext(context.Background()))
		for _, x := range all {
			if !tokenShape.MatchString(x.TrackingToken) || seen[x.TrackingToken] {
				t.Errorf("ticket %s has token %q (empty, malformed or repeated)", x.Code, x.TrackingToken)
			}
			seen[x.TrackingToken] = true
		}

		// A ticket written before tokens existed ('' from the column
		// default) gets one at start, and only it.
		old := e.App.DB.Client.Ticket.Create().SetCode("MS-20200101-0001").SetChannel(ticket.ChannelPHONE).
			SetTitle("迁移前的旧工单").SetTrackingToken("").SaveX(a.ctx)
		n, err := tracking.Backfill(context.Background(), e.App.DB.Client)
		if err != nil || n != 1 {
			t.Fatalf("Backfill = %d, %v; want 1 ticket", n, err)
		}
		if got := e.App.DB.Client.Ticket.GetX(a.ctx, old.ID).TrackingToken; !tokenShape.MatchString(got) || seen[got] {
			t.Errorf("the old ticket got token %q", got)
		}
		if after := e.App.DB.Client.Ticket.GetX(a.ctx, tk.ID).TrackingToken; after != tk.TrackingToken {
			t.Errorf("Backfill changed a ticket's token")
		}
		// An empty token never finds the old ticket, whatever it held.
		r := e.Do(t, "", trackDoc, map[string]any{"c": "MS-20200101-0001", "t": ""})
		if string(r.Data) != `{"trackCase":null}` {
			t.Errorf("empty token answers %s", r.Data)
		}
	})
}

func TestTrackingDoesNotConfuseTenantsWithTheSameCode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a, bt := readDemoTenant(t, e, "demo-a"), readDemoTenant(t, e, "demo-b")
		c := e.App.DB.Client
		// Both districts count their codes from 0001 each day: find one
		// code both have.
		var ta, tb *ent.Ticket
		for _, x := range c.Ticket.Query().Where(ticket.DepartmentIDNotNil()).AllX(a.ctx) {
			if y, err := c.Ticket.Query().Where(ticket.Code(x.Code), ticket.DepartmentIDNotNil()).Only(bt.ctx); err == nil {
				ta, tb = x, y
				break
			}
		}
		if ta == nil {
			t.Fatal("the demo tenants share no case code")
		}
		dept := func(tk *ent.Ticket, ctx context.Context) string { return c.Department.GetX(ctx, *tk.DepartmentID).Name }

		for _, x := range []struct {
			tk   *ent.Ticket
			ctx  context.Context
			name string
		}{{ta, a.ctx, "demo-a"}, {tb, bt.ctx, "demo-b"}} {
			pc := publicCase(t, e.Do(t, "", trackDoc, map[string]any{"c": x.tk.Code, "t": x.tk.TrackingToken}))
			if pc == nil || pc.Status != string(x.tk.Status) || pc.Unit == nil || pc.Unit.Department != dept(x.tk, x.ctx) {
				t.Errorf("%s's token for %s gives %+v, want its own %s case of %s", x.name, x.tk.Code, pc, x.tk.Status, dept(x.tk, x.ctx))
			}
		}
		district := map[string]string{"demo-a": "玄武区", "demo-b": "武侯区"}
		pc := publicCase(t, e.Do(t, "", trackDoc, map[string]any{"c": tb.Code, "t": tb.TrackingToken}))
		if got := pc.lines(); len(got) == 0 || !strings.HasSuffix(got[0], district["demo-b"]) {
			t.Errorf("demo-b's case starts %q, want registration by %s", got, district["demo-b"])
		}

		// A's token supplements A's case only.
		before := c.TimelineEvent.Query().Where(timelineevent.TicketID(tb.ID)).CountX(bt.ctx)
		publicCase(t, e.Do(t, "", supplementDoc, map[string]any{"c": ta.Code, "t": ta.TrackingToken, "x": "补充材料：现场照片"}))
		if n := c.TimelineEvent.Query().Where(timelineevent.TicketID(tb.ID)).CountX(bt.ctx); n != before {
			t.Errorf("supplementing demo-a's %s wrote on demo-b's", ta.Code)
		}
		if n := c.TimelineEvent.Query().Where(timelineevent.TicketID(ta.ID), timelineevent.Action("SUPPLEMENT")).CountX(a.ctx); n != 1 {
			t.Errorf("demo-a's case has %d supplements, want 1", n)
		}
	})
}

func TestTrackingIsRateLimitedPerAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		cfg := apptest.Config(t, b)
		var mu sync.Mutex
		now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
		cfg.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
		cfg.Tracking = app.TrackingConfig{PerMinute: 10, Burst: 5}
		cfg.HTTP.TrustProxy = true // to ask from a second address
		e := apptest.Start(t, cfg)

		from := func(addr, doc string, vars map[string]any) *apptest.Response {
			t.Helper()
			body, _ := json.Marshal(map[string]any{"query": doc, "variables": vars})
			req, _ := http.NewRequest(http.MethodPost, e.URL, bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Forwarded-For", addr)
			res, err := e.Server.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			out := &apptest.Response{Status: res.StatusCode}
			if err := json.NewDecoder(res.Body).Decode(out); err != nil {
				t.Fatal(err)
			}
			return out
		}
		track := map[string]any{"c": "MS-20261123-0001", "t": "AAAAAAAAAAAAAAAAAAAAAAAAAA"}
		// The burst of five, each operation counting.
		for i, doc := range []string{trackDoc, trackDoc, trackDoc, supplementDoc, rateDoc} {
			vars := map[string]any{"c": track["c"], "t": track["t"], "x": "补充", "s": "SATISFIED"}
			if r := from("198.51.100.7", doc, vars); len(r.Errors) > 0 {
				t.Fatalf("request %d of the burst: %+v", i+1, r.Errors)
			}
		}
		for _, doc := range []string{trackDoc, supplementDoc, rateDoc} {
			vars := map[string]any{"c": track["c"], "t": track["t"], "x": "补充", "s": "SATISFIED"}
			if r := from("198.51.100.7", doc, vars); r.Code() != "RATE_LIMITED" {
				t.Errorf("past the burst: %+v, want RATE_LIMITED", r.Errors)
			}
		}
		// Another address has its own allowance.
		if r := from("203.0.113.9", trackDoc, track); len(r.Errors) > 0 {
			t.Errorf("another address: %+v", r.Errors)
		}
		// Ten a minute: one more every six seconds.
		advance(6 * time.Second)
		if r := from("198.51.100.7", trackDoc, track); len(r.Errors) > 0 {
			t.Errorf("six seconds later: %+v", r.Errors)
		}
		if r := from("198.51.100.7", trackDoc, track); r.Code() != "RATE_LIMITED" {
			t.Errorf("right after: %+v, want RATE_LIMITED", r.Errors)
		}
		advance(time.Minute)
		if r := from("198.51.100.7", trackDoc, track); len(r.Errors) > 0 {
			t.Errorf("a minute later: %+v", r.Errors)
		}
	})
}

// otherToken is a token of the same form that is certainly not tok.
func otherToken(tok string) string {
	first := "A"
	if strings.HasPrefix(tok, first) {
		first = "B"
	}
	return first + tok[1:]
}
