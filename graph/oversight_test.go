package graph_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/store/storetest"
)

func TestExtensionSupervisionAndInstruction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		shanghai, err := time.LoadLocation("Asia/Shanghai")
		if err != nil {
			t.Fatal(err)
		}
		// A fixed clock: the deadline falls across National Day.
		cfg := apptest.Config(t, b)
		cfg.Now = func() time.Time { return time.Date(2026, time.September, 30, 10, 0, 0, 0, shanghai) }
		e := apptest.Start(t, cfg)
		if err := e.App.Seeder().Seed(context.Background()); err != nil {
			t.Fatalf("seed demo: %v", err)
		}
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		consultation := c.Category.Create().SetName("政策咨询（三日）").SetType(category.TypeCONSULTATION).
			SetDeadlineDays(3).SaveX(a.ctx).ID
		id := c.Ticket.Create().SetCode("MS-19700104-0001").SetChannel(ticket.ChannelPHONE).SetTitle("公积金提取政策咨询").
			SetStatus(ticket.StatusREGISTERED).SetCategoryID(consultation).SaveX(a.ctx).ID
		ref := q(id)
		dispatcher, handler := e.Login(t, "demo-a", "dispatcher"), e.Login(t, "demo-a", "handler")
		leader, deptLeader := e.Login(t, "demo-a", "leader"), e.Login(t, "demo-a", "dept_leader")
		analyst := e.Login(t, "demo-a", "analyst")

		type view struct {
			Status          string
			DueAt           time.Time
			ExtensionDays   *int
			ExtensionReason *string
			Supervised      bool
		}
		const fields = `status dueAt extensionDays extensionReason supervised`
		do := func(token, call string) view {
			t.Helper()
			var out map[string]view
			e.Do(t, token, `mutation { `+call+` { `+fields+` } }`, nil).Decode(t, &out)
			for _, v := range out {
				return v
			}
			t.Fatalf("%s answered nothing", call)
			return view{}
		}
		refused := func(who, token, call, code, message string) {
			t.Helper()
			r := e.Do(t, token, `mutation { `+call+` { id } }`, nil)
			if r.Code() != code || (message != "" && !strings.Contains(r.Errors[0].Message, message)) {
				t.Errorf("%s as %s: %+v, want %s saying %q", call, who, r.Errors, code, message)
			}
		}

		// Due at 24:00 on Saturday 10 October, a make-up workday.
		act(t, e, dispatcher, `dispatchTicket(id:`+ref+`, input:{departmentID:`+q(a.housing)+`})`)
		refused("handler", handler, `requestExtension(id:`+ref+`, days:2, reason:"需现场勘验")`,
			"CONFLICT", "ticket is DISPATCHED; requestExtension needs ACCEPTED or IN_PROGRESS")
		act(t, e, handler, `acceptTicket(id:`+ref+`)`)
		due := time.Date(2026, time.October, 11, 0, 0, 0, 0, shanghai)

		refused("dispatcher", dispatcher, `decideExtension(id:`+ref+`, approve:true)`, "CONFLICT", "no extension request")
		refused("handler", handler, `requestExtension(id:`+ref+`, days:0, reason:"需现场勘验")`, "BAD_USER_INPUT", "days")
		refused("handler", handler, `requestExtension(id:`+ref+`, days:31, reason:"需现场勘验")`, "BAD_USER_INPUT", "days")
		refused("handler", handler, `requestExtension(id:`+ref+`, days:2, reason:" ")`, "BAD_USER_INPUT", "reason")
		refused("analyst", analyst, `requestExtension(id:`+ref+`, days:2, reason:"需现场勘验")`, "FORBIDDEN", "")

		got := do(handler, `requestExtension(id:`+ref+`, days:2, reason:"需现场勘验")`)
		if got.Status != "ACCEPTED" || !got.DueAt.Equal(due) || got.ExtensionDays == nil || *got.ExtensionDays != 2 ||
			got.ExtensionReason == nil || *got.ExtensionReason != "需现场勘验" {
			t.Errorf("after requestExtension the ticket is %+v, want ACCEPTED, due %s, 2 days pending with the reason", got, due)
		}
		refused("dept_leader", deptLeader, `requestExtension(id:`+ref+`, days:1, reason:"再延一天")`, "CONFLICT", "already has an extension request")
		refused("handler", handler, `decideExtension(id:`+ref+`, approve:true)`, "FORBIDDEN", "")

		// Monday 12 and Tuesday 13 October are the next working days.
		got = do(dispatcher, `decideExtension(id:`+ref+`, approve:true, note:"同意延期")`)
		extended := time.Date(2026, time.October, 14, 0, 0, 0, 0, shanghai)
		if !got.DueAt.Equal(extended) || got.ExtensionDays != nil || got.ExtensionReason != nil || got.Status != "ACCEPTED" {
			t.Errorf("after approval the ticket is %+v, want due %s with no pending request", got, extended)
		}
		refused("dispatcher", dispatcher, `decideExtension(id:`+ref+`, approve:false)`, "CONFLICT", "no extension request")

		// A rejected request leaves the deadline where it was.
		do(handler, `requestExtension(id:`+ref+`, days:5, reason:"涉及多个部门")`)
		got = do(dispatcher, `decideExtension(id:`+ref+`, approve:false, note:"时限内可办结")`)
		if !got.DueAt.Equal(extended) || got.ExtensionDays != nil {
			t.Errorf("after rejection the ticket is %+v, want due %s still, with no pending request", got, extended)
		}

		refused("analyst", analyst, `superviseTicket(id:`+ref+`, note:"请加快办理")`, "FORBIDDEN", "")
		refused("analyst", analyst, `instructTicket(id:`+ref+`, text:"请加快办理")`, "FORBIDDEN", "")
		refused("dept_leader", deptLeader, `instructTicket(id:`+ref+`, text:"请加快办理")`, "FORBIDDEN", "")
		refused("leader", leader, `superviseTicket(id:`+ref+`, note:"")`, "BAD_USER_INPUT", "note")
		if got := do(leader, `superviseTicket(id:`+ref+`, note:"请本周内办结并报结果")`); !got.Supervised || got.Status != "ACCEPTED" {
			t.Errorf("after superviseTicket the ticket is %+v, want supervised, still ACCEPTED", got)
		}
		do(deptLeader, `superviseTicket(id:`+ref+`, note:"局内督办")`)
		do(leader, `instructTicket(id:`+ref+`, text:"请住建局牵头，会同街道研究解决")`)

		v := readTicket(t, e, dispatcher, id)
		want := []string{
			"DISPATCH by dispatcher: ",
			"ACCEPT by handler: ",
			"EXTENSION_REQUEST by handler: 需现场勘验",
			"EXTENSION_APPROVE by dispatcher: 同意延期",
			"EXTENSION_REQUEST by handler: 涉及多个部门",
			"EXTENSION_REJECT by dispatcher: 时限内可办结",
			"SUPERVISE by leader: 请本周内办结并报结果",
			"SUPERVISE by dept_leader: 局内督办",
			"INSTRUCT by leader: 请住建局牵头，会同街道研究解决",
		}
		var lines []string
		for _, ev := range v.Timeline {
			who := "nobody"
			if ev.Actor != nil {
				who = ev.Actor.Username
			}
			lines = append(lines, fmt.Sprintf("%s by %s: %s", ev.Action, who, ev.Reason))
			if ev.Action != "DISPATCH" && ev.Action != "ACCEPT" && (ev.FromStatus != "" || ev.ToStatus != "") {
				t.Errorf("%s changed the status %s→%s, want it unchanged", ev.Action, ev.FromStatus, ev.ToStatus)
			}
		}
		if strings.Join(lines, "\n") != strings.Join(want, "\n") {
			t.Errorf("timeline:\n  %s\nwant:\n  %s", strings.Join(lines, "\n  "), strings.Join(want, "\n  "))
		}

		// The approval keeps the deadline before and after it.
		ev := c.TimelineEvent.Query().Where(timelineevent.TicketID(id), timelineevent.Action("EXTENSION_APPROVE")).OnlyX(a.ctx)
		if !sameInstant(ev.Before["dueAt"], due) || !sameInstant(ev.After["dueAt"], extended) {
			t.Errorf("EXTENSION_APPROVE records dueAt %v → %v, want %s → %s", ev.Before["dueAt"], ev.After["dueAt"], due, extended)
		}

		// A closed case is over: nobody supervises it any more.
		c.Ticket.UpdateOneID(id).SetStatus(ticket.StatusCLOSED).ExecX(a.ctx)
		refused("leader", leader, `superviseTicket(id:`+ref+`, note:"请加快办理")`, "CONFLICT", "ticket is CLOSED")
	})
}

// sameInstant reports whether v, a time as stored in a timeline event's JSON
// (a string after a round trip), is the instant want.
func sameInstant(v any, want time.Time) bool {
	switch v := v.(type) {
	case time.Time:
		return v.Equal(want)
	case string:
		got, err := time.Parse(time.RFC3339Nano, v)
		return err == nil && got.Equal(want)
	}
	return false
}
