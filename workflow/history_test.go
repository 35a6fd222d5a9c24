package workflow_test

import (
	"testing"
	"time"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/callback"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/workflow"
)

func TestRecordHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		ctx := asUser(t, e, "demo-a", "dispatcher")
		c := e.App.DB.Client
		housing := c.Department.Query().Where(department.Name("住建局")).OnlyIDX(ctx)
		// Monday 2 March 2026, 09:00 in Shanghai.
		at := time.Date(2026, 3, 2, 9, 0, 0, 0, mustZone(t, "Asia/Shanghai"))
		step := func(action string, h int) workflow.PastStep {
			return workflow.PastStep{Action: action, At: at.Add(time.Duration(h) * time.Hour), DepartmentID: housing}
		}
		reply := step(workflow.ActionReply, 30)
		reply.Reply = &workflow.ReplyText{Facts: "经核实情况属实", Basis: "依据有关规定", Handling: "已责成整改", Result: "问题已解决", AppealChannel: "可申请复查"}
		cb := step(workflow.ActionCallback, 50)
		cb.Callback = &workflow.CallbackRecord{Satisfaction: callback.SatisfactionSATISFIED, Solved: true}
		closed := workflow.PastTicket{Title: "路灯不亮", Channel: ticket.ChannelPHONE, DeadlineDays: 5, Steps: []workflow.PastStep{
			step(workflow.ActionRegister, 0), step(workflow.ActionDispatch, 1), step(workflow.ActionAccept, 2),
			step(workflow.ActionStart, 3), reply, cb, step(workflow.ActionClose, 51),
		}}
		n, err := e.App.Workflow.RecordHistory(ctx, []workflow.PastTicket{closed})
		if err != nil || n != 1 {
			t.Fatalf("RecordHistory: %d, %v", n, err)
		}
		tk := c.Ticket.Query().Where(ticket.Title("路灯不亮")).OnlyX(ctx)
		if tk.Code != "MS-20260302-0001" || tk.Status != ticket.StatusCLOSED || *tk.DepartmentID != housing {
			t.Errorf("ticket %s %s", tk.Code, tk.Status)
		}
		// Five working days from Monday 2 March: due at the end of Monday 9 March.
		if want := time.Date(2026, 3, 10, 0, 0, 0, 0, mustZone(t, "Asia/Shanghai")); !tk.DueAt.Equal(want) {
			t.Errorf("due %s, want %s", tk.DueAt, want)
		}
		if events := tk.QueryEvents().CountX(ctx); events != 7 {
			t.Errorf("%d timeline events, want 7", events)
		}
		if tk.QueryReplies().CountX(ctx) != 1 || tk.QueryCallbacks().CountX(ctx) != 1 {
			t.Error("reply or callback missing")
		}

		// A step the life cycle does not allow refuses the whole batch.
		bad := workflow.PastTicket{Title: "越级办结", Channel: ticket.ChannelPHONE, Steps: []workflow.PastStep{
			step(workflow.ActionRegister, 0), step(workflow.ActionClose, 1),
		}}
		ok := closed
		ok.Title = "同批次的正常件"
		_, err = e.App.Workflow.RecordHistory(ctx, []workflow.PastTicket{ok, bad})
		if minsheng.ErrorCode(err) != minsheng.ECONFLICT {
			t.Errorf("closing a registered ticket: %v, want CONFLICT", err)
		}
		if n := c.Ticket.Query().Where(ticket.TitleIn("越级办结", "同批次的正常件")).CountX(ctx); n != 0 {
			t.Errorf("%d tickets of the refused batch were written", n)
		}
		unordered := workflow.PastTicket{Title: "x", Channel: ticket.ChannelPHONE, Steps: []workflow.PastStep{
			step(workflow.ActionRegister, 5), step(workflow.ActionDispatch, 1),
		}}
		if _, err := e.App.Workflow.RecordHistory(ctx, []workflow.PastTicket{unordered}); minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Errorf("steps out of order: %v", err)
		}
	})
}
