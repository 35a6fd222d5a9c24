package graph_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/reply"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// completeReply is a reply that states all five elements.
const completeReply = `{
	facts: "经现场核实，该小区3号楼电梯自11月20日起因主板故障停运。",
	basis: "《特种设备安全法》第三十九条及《南京市电梯安全条例》第二十条。",
	handling: "责成物业公司联系维保单位更换主板，街道安监办全程督促。",
	result: "电梯已于11月23日恢复运行，并通过维保单位安全检验。",
	appealChannel: "如对答复不满意，可自收到之日起60日内向区人民政府申请行政复议。"}`

// repliesView is what the tests read of a ticket's replies and callbacks.
type repliesView struct {
	Status  string
	Replies []struct {
		ID, Facts, AppealChannel string
		Missing                  []string
		Author                   *struct{ Username string }
	}
	Callbacks []struct {
		Satisfaction string
		Solved       bool
		Note         string
		RecordedBy   *struct{ Username string }
		Reply        *struct{ ID string }
	}
	Timeline []struct {
		Action string
		After  map[string]any
	}
}

func readReplies(t *testing.T, e *apptest.Env, token string, id int) repliesView {
	t.Helper()
	var out struct{ Node *repliesView }
	e.Do(t, token, `query($id:ID!) { node(id:$id) { ... on Ticket { status
		replies { id facts appealChannel missing author { username } }
		callbacks { satisfaction solved note recordedBy { username } reply { id } }
		timeline { action after } } } }`, map[string]any{"id": fmt.Sprint(id)}).Decode(t, &out)
	if out.Node == nil {
		t.Fatalf("ticket %d is not visible", id)
	}
	return *out.Node
}

func TestLifeCycleReplyCallbackReopenClose(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		clerk, dispatcher, handler := e.Login(t, "demo-a", "clerk"), e.Login(t, "demo-a", "dispatcher"), e.Login(t, "demo-a", "handler")
		id := newTicket(t, e, a, "MS-19700104-0001", ticket.StatusREGISTERED, 0)
		ref := q(id)
		refused := func(who, token, call, code string, says ...string) {
			t.Helper()
			r := e.Do(t, token, `mutation { `+call+` { id } }`, nil)
			if r.Code() != code {
				t.Errorf("%s as %s: %+v, want %s", call, who, r.Errors, code)
				return
			}
			for _, s := range says {
				if !strings.Contains(r.Errors[0].Message, s) {
					t.Errorf("%s as %s: %q does not say %q", call, who, r.Errors[0].Message, s)
				}
			}
		}
		step := func(token, call, want string) {
			t.Helper()
			if got := act(t, e, token, call); got.Status != want {
				t.Fatalf("after %s the ticket is %s, want %s", call, got.Status, want)
			}
		}

		step(dispatcher, `dispatchTicket(id:`+ref+`, input:{departmentID:`+q(a.housing)+`})`, "DISPATCHED")
		step(handler, `acceptTicket(id:`+ref+`)`, "ACCEPTED")
		step(handler, `startTicket(id:`+ref+`)`, "IN_PROGRESS")

		// A reply with a token basis and no appeal channel is refused, names
		// both elements, and leaves no trace.
		events := c.TimelineEvent.Query().Where(timelineevent.TicketID(id)).CountX(a.ctx)
		version := c.Ticket.GetX(a.ctx, id).Version
		refused("handler", handler, `replyTicket(id:`+ref+`, input:{facts:"经现场核实，电梯因主板故障停运属实。", basis:"无",
			handling:"责成物业公司更换主板。", result:"电梯已恢复运行。", appealChannel:"  "})`,
			"BAD_USER_INPUT", "basis (依据)", "appealChannel (救济渠道)")
		if n := c.Reply.Query().Where(reply.TicketID(id)).CountX(a.ctx); n != 0 {
			t.Errorf("a refused reply left %d reply rows", n)
		}
		if n := c.TimelineEvent.Query().Where(timelineevent.TicketID(id)).CountX(a.ctx); n != events {
			t.Errorf("a refused reply wrote %d timeline events", n-events)
		}
		if tk := c.Ticket.GetX(a.ctx, id); tk.Status != ticket.StatusIN_PROGRESS || tk.Version != version {
			t.Errorf("after a refused reply the ticket is %s version %d, want IN_PROGRESS version %d", tk.Status, tk.Version, version)
		}
		// The hotline does not answer for the department, nor does the
		// department call the citizen back.
		refused("clerk", clerk, `replyTicket(id:`+ref+`, input:`+completeReply+`)`, "FORBIDDEN")
		refused("handler", handler, `closeTicket(id:`+ref+`)`, "FORBIDDEN")

		step(handler, `replyTicket(id:`+ref+`, input:`+completeReply+`)`, "REPLIED")
		refused("handler", handler, `replyTicket(id:`+ref+`, input:`+completeReply+`)`, "CONFLICT", "ticket is REPLIED; replyTicket needs IN_PROGRESS")
		refused("clerk", clerk, `closeTicket(id:`+ref+`)`, "CONFLICT", "satisfied callback")

		// The citizen is not satisfied: the ticket cannot be closed, and is reopened.
		step(clerk, `recordCallback(id:`+ref+`, input:{satisfaction:DISSATISFIED, solved:false, note:"电梯仍有异响，居民不放心"})`, "REPLIED")
		refused("clerk", clerk, `closeTicket(id:`+ref+`)`, "CONFLICT", "satisfied callback")
		refused("clerk", clerk, `reopenTicket(id:`+ref+`, reason:" ")`, "BAD_USER_INPUT", "reason")
		step(clerk, `reopenTicket(id:`+ref+`, reason:"居民反映电梯仍有异响，要求复查")`, "REOPENED")

		// Round two: dispatched again, answered again, and the citizen is satisfied.
		step(dispatcher, `dispatchTicket(id:`+ref+`, input:{departmentID:`+q(a.housing)+`, note:"请复查电梯异响"})`, "DISPATCHED")
		step(handler, `acceptTicket(id:`+ref+`)`, "ACCEPTED")
		step(handler, `startTicket(id:`+ref+`)`, "IN_PROGRESS")
		step(handler, `replyTicket(id:`+ref+`, input:`+strings.Replace(completeReply, "经现场核实", "经复查", 1)+`)`, "REPLIED")
		// The dissatisfied callback was about the first reply: it neither
		// closes nor reopens after the second.
		refused("clerk", clerk, `closeTicket(id:`+ref+`)`, "CONFLICT", "satisfied callback")
		refused("dispatcher", dispatcher, `reopenTicket(id:`+ref+`, reason:"居民仍不满意")`, "CONFLICT", "DISSATISFIED")
		step(clerk, `recordCallback(id:`+ref+`, input:{satisfaction:SATISFIED, solved:true})`, "REPLIED")
		refused("dispatcher", dispatcher, `reopenTicket(id:`+ref+`, reason:"居民仍不满意")`, "CONFLICT", "SATISFIED")
		step(clerk, `closeTicket(id:`+ref+`)`, "CLOSED")
		// The close put the case and its replies into the knowledge index,
		// in its own transaction.
		closedFound := false
		if hits, err := e.App.Knowledge.Search(a.ctx, "电梯异响复查", 10); err != nil {
			t.Fatal(err)
		} else {
			for _, h := range hits {
				closedFound = closedFound || h.Ticket != nil && h.Ticket.ID == id
			}
		}
		if !closedFound {
			t.Error("the closed case is not in the knowledge search")
		}
		refused("clerk", clerk, `recordCallback(id:`+ref+`, input:{satisfaction:SATISFIED, solved:true})`,
			"CONFLICT", "ticket is CLOSED; recordCallback needs REPLIED")

		v := readTicket(t, e, dispatcher, id)
		// A callback leaves the status as it is: from and to are empty.
		want := []string{
			"DISPATCH REGISTERED→DISPATCHED by dispatcher: ",
			"ACCEPT DISPATCHED→ACCEPTED by handler: ",
			"START ACCEPTED→IN_PROGRESS by handler: ",
			"REPLY IN_PROGRESS→REPLIED by handler: ",
			"CALLBACK → by clerk: 电梯仍有异响，居民不放心",
			"REOPEN REPLIED→REOPENED by clerk: 居民反映电梯仍有异响，要求复查",
			"DISPATCH REOPENED→DISPATCHED by dispatcher: 请复查电梯异响",
			"ACCEPT DISPATCHED→ACCEPTED by handler: ",
			"START ACCEPTED→IN_PROGRESS by handler: ",
			"REPLY IN_PROGRESS→REPLIED by handler: ",
			"CALLBACK → by clerk: ",
			"CLOSE REPLIED→CLOSED by clerk: ",
		}
		var lines []string
		for i, ev := range v.Timeline {
			who := "nobody"
			if ev.Actor != nil {
				who = ev.Actor.Username
			}
			lines = append(lines, fmt.Sprintf("%s %s→%s by %s: %s", ev.Action, ev.FromStatus, ev.ToStatus, who, ev.Reason))
			if i > 0 && ev.At.Before(v.Timeline[i-1].At) {
				t.Errorf("event %d (%s) at %s is listed after a later one", i, ev.Action, ev.At)
			}
		}
		if strings.Join(lines, "\n") != strings.Join(want, "\n") {
			t.Errorf("timeline:\n  %s\nwant:\n  %s", strings.Join(lines, "\n  "), strings.Join(want, "\n  "))
		}

		r := readReplies(t, e, clerk, id)
		if len(r.Replies) != 2 || !strings.HasPrefix(r.Replies[0].Facts, "经现场核实") || !strings.HasPrefix(r.Replies[1].Facts, "经复查") {
			t.Fatalf("replies %+v, want the first and the second answer in order", r.Replies)
		}
		for i, rp := range r.Replies {
			if rp.Missing == nil || len(rp.Missing) != 0 || rp.Author == nil || rp.Author.Username != "handler" || rp.AppealChannel == "" {
				t.Errorf("reply %d = %+v, want complete (missing: an empty list), by handler", i, rp)
			}
		}
		var got []string
		for _, cb := range r.Callbacks {
			who, about := "nobody", ""
			if cb.RecordedBy != nil {
				who = cb.RecordedBy.Username
			}
			if cb.Reply != nil {
				about = cb.Reply.ID
			}
			got = append(got, fmt.Sprintf("%s solved=%t by %s about %s: %s", cb.Satisfaction, cb.Solved, who, about, cb.Note))
		}
		wantCallbacks := []string{
			"DISSATISFIED solved=false by clerk about " + r.Replies[0].ID + ": 电梯仍有异响，居民不放心",
			"SATISFIED solved=true by clerk about " + r.Replies[1].ID + ": ",
		}
		if !slices.Equal(got, wantCallbacks) {
			t.Errorf("callbacks:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(wantCallbacks, "\n  "))
		}
		var satisfaction []any
		for _, ev := range r.Timeline {
			if ev.Action == "CALLBACK" {
				satisfaction = append(satisfaction, ev.After["satisfaction"])
			}
		}
		if !slices.Equal(satisfaction, []any{"DISSATISFIED", "SATISFIED"}) {
			t.Errorf("CALLBACK events record satisfaction %v, want [DISSATISFIED SATISFIED]", satisfaction)
		}

		// A closed case the citizen comes back about is reopened without a
		// further callback.
		step(dispatcher, `reopenTicket(id:`+ref+`, reason:"居民再次来电反映电梯停运")`, "REOPENED")
	})
}

func TestReplyWithHintsWhenElementsAreNotRequired(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		e.App.DB.Client.Tenant.Update().Where(tenant.ID(a.id)).
			SetSettings(map[string]any{"replyElementsRequired": false}).
			ExecX(viewer.SystemContext(context.Background()))
		handler := e.Login(t, "demo-a", "handler")
		id := newTicket(t, e, a, "MS-19700104-0002", ticket.StatusIN_PROGRESS, a.housing)

		got := act(t, e, handler, `replyTicket(id:`+q(id)+`, input:{facts:"经现场核实，电梯因主板故障停运属实。",
			basis:"同上", handling:"已处理", result:"电梯已恢复运行并通过检验。", appealChannel:"-"})`)
		if got.Status != "REPLIED" {
			t.Fatalf("a reply with hints left the ticket %s, want REPLIED", got.Status)
		}
		r := readReplies(t, e, handler, id)
		if len(r.Replies) != 1 || !slices.Equal(r.Replies[0].Missing, []string{"basis", "handling", "appealChannel"}) {
			t.Fatalf("replies %+v, want one naming basis, handling and appealChannel as missing", r.Replies)
		}
		// Below the API too, a reply is seen only by those who see its
		// ticket: the department holding it, not another one.
		c := e.App.DB.Client
		as := func(dept int) int {
			ctx := viewer.NewContext(context.Background(), viewer.Viewer{Kind: viewer.User, TenantID: a.id, UserID: a.clerk,
				DepartmentID: dept, Roles: []string{"handler"}, TicketScope: viewer.ScopeDepartment})
			return c.Reply.Query().Where(reply.TicketID(id)).CountX(ctx)
		}
		other := c.Department.Query().Where(department.IDNEQ(a.housing)).FirstIDX(a.ctx)
		if n := as(a.housing); n != 1 {
			t.Errorf("a handler of 住建局 reads %d replies of its ticket, want 1", n)
		}
		if n := as(other); n != 0 {
			t.Errorf("a handler of another department reads %d replies of 住建局's ticket, want 0", n)
		}

		var hints any
		for _, ev := range r.Timeline {
			if ev.Action == "REPLY" {
				hints = ev.After["missing"]
			}
		}
		if fmt.Sprint(hints) != "[basis handling appealChannel]" {
			t.Errorf("the REPLY event records missing %v, want [basis handling appealChannel]", hints)
		}
	})
}
