package workflow_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/idnumber"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

// testID is a valid resident ID number (GB 11643) for sequence n.
func testID(t *testing.T, n int) string {
	t.Helper()
	first := fmt.Sprintf("32010219800101%03d", n%1000)
	c, err := idnumber.CheckDigit(first)
	if err != nil {
		t.Fatal(err)
	}
	return first + string(c)
}

func person(t *testing.T, n int, phone string) *directory.CitizenInput {
	name, id := "张三", testID(t, n)
	in := &directory.CitizenInput{Name: &name, IDNumber: &id}
	if phone != "" {
		in.Phone = &phone
	}
	return in
}

func leafCategory(t *testing.T, e *apptest.Env, ctx context.Context, name string) *int {
	t.Helper()
	id, err := e.App.DB.Client.Category.Query().Where(category.Name(name)).OnlyID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return &id
}

func TestRepeatMarksSamePersonSameMatterOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		w := e.App.Workflow
		ctx := asUser(t, e, "demo-a", "clerk")
		lift := leafCategory(t, e, ctx, "电梯故障")
		lamp := leafCategory(t, e, ctx, "路灯故障")
		create := func(title, body string, cat *int, who *directory.CitizenInput) *ent.Ticket {
			t.Helper()
			tk, err := w.CreateTicket(ctx, workflow.NewTicket{Title: title, Body: body, Channel: ticket.ChannelPHONE, CategoryID: cat, Citizen: who})
			if err != nil {
				t.Fatal(err)
			}
			return tk
		}
		first := create("电梯困人", "翠竹园小区12栋2单元电梯经常停运，昨天又困人，物业不管。", lift, person(t, 901, "13900001111"))
		if first.RepeatOfID != nil {
			t.Fatalf("the first ticket is marked: %v", *first.RepeatOfID)
		}
		again := create("电梯又坏了", "翠竹园12栋2单元的电梯又停运了，还困了人，物业一直不修。", lift, person(t, 901, ""))
		if again.RepeatOfID == nil || *again.RepeatOfID != first.ID || *again.RepeatState != ticket.RepeatStatePENDING {
			t.Fatalf("same person, same matter: repeat of %v state %v, want %d PENDING", again.RepeatOfID, again.RepeatState, first.ID)
		}
		if !strings.Contains(*again.RepeatReason, "身份证号") || *again.RepeatScore <= 0 {
			t.Fatalf("reason %q score %v", *again.RepeatReason, *again.RepeatScore)
		}
		// Same person by phone number only, on a third visit: the first
		// ticket stays the 初件.
		byPhone := "13900001111"
		third := create("电梯停运困人", "翠竹园小区12栋2单元电梯停运困人，物业不修。", lift, &directory.CitizenInput{Phone: &byPhone})
		if third.RepeatOfID == nil || *third.RepeatOfID != first.ID || !strings.Contains(*third.RepeatReason, "电话号码") {
			t.Fatalf("same phone: repeat of %v (%v), want %d", third.RepeatOfID, third.RepeatReason, first.ID)
		}
		// The same person on another matter, another person with the same
		// text: not repeats.
		other := create("路灯不亮", "梅园新村3栋门口路灯坏了一周，晚上出行不便。", lamp, person(t, 901, ""))
		if other.RepeatOfID != nil {
			t.Fatalf("same person, other matter marked: %s", *other.RepeatReason)
		}
		stranger := create("电梯困人", "翠竹园小区12栋2单元电梯经常停运，昨天又困人，物业不管。", lift, person(t, 902, "13900002222"))
		if stranger.RepeatOfID != nil {
			t.Fatalf("other person, same text marked: %s", *stranger.RepeatReason)
		}

		// Confirm and reject go on the timeline; deciding twice or a
		// ticket without a mark is a conflict.
		if _, err := w.ConfirmRepeat(ctx, again.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := w.ConfirmRepeat(ctx, again.ID); minsheng.ErrorCode(err) != minsheng.ECONFLICT {
			t.Fatalf("confirm twice: %v", err)
		}
		if _, err := w.RejectRepeat(ctx, other.ID, "不是同一事项"); minsheng.ErrorCode(err) != minsheng.ECONFLICT {
			t.Fatalf("reject without a mark: %v", err)
		}
		if _, err := w.RejectRepeat(ctx, third.ID, " "); minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Fatalf("reject without a reason: %v", err)
		}
		got, err := w.RejectRepeat(ctx, third.ID, "来电人是其家属，反映的是另一部电梯")
		if err != nil {
			t.Fatal(err)
		}
		if *got.RepeatState != ticket.RepeatStateREJECTED {
			t.Fatalf("state %v", *got.RepeatState)
		}
		ev := e.App.DB.Client.TimelineEvent.Query().
			Where(timelineevent.TicketID(third.ID), timelineevent.Action(workflow.ActionRepeatReject)).OnlyX(ctx)
		if ev.Reason != "来电人是其家属，反映的是另一部电梯" || ev.After["repeatState"] != "REJECTED" {
			t.Fatalf("event %+v", ev)
		}
		if n := e.App.DB.Client.TimelineEvent.Query().
			Where(timelineevent.TicketID(again.ID), timelineevent.Action(workflow.ActionRepeatConfirm)).CountX(ctx); n != 1 {
			t.Fatalf("%d confirm events", n)
		}

		// The first ticket respects row scope: a handler of another
		// department does not see it.
		handler := asUser(t, e, "demo-a", "handler")
		sys := viewer.TenantSystemContext(context.Background(), again.TenantID)
		if f, err := w.RepeatFirst(handler, again); err != nil || f != nil {
			t.Fatalf("handler sees the first ticket: %v %v", f, err)
		}
		if f, err := w.RepeatFirst(sys, again); err != nil || f == nil || f.ID != first.ID {
			t.Fatalf("first ticket: %v %v", f, err)
		}

		// Another tenant with the same person and text: nothing.
		ctxB := asUser(t, e, "demo-b", "clerk")
		tb, err := w.CreateTicket(ctxB, workflow.NewTicket{Title: "电梯困人", Body: "翠竹园小区12栋2单元电梯经常停运，昨天又困人，物业不管。",
			Channel: ticket.ChannelPHONE, Citizen: person(t, 901, "13900001111")})
		if err != nil {
			t.Fatal(err)
		}
		if tb.RepeatOfID != nil || tb.GroupCaseID != nil {
			t.Fatalf("a ticket of demo-b is marked from demo-a's: %v %v", tb.RepeatOfID, tb.GroupCaseID)
		}
	})
}

func TestGroupCaseFormsAndGrows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		w := e.App.Workflow
		ctx := asUser(t, e, "demo-a", "clerk")
		rubbish := leafCategory(t, e, ctx, "垃圾分类及清运")
		bodies := []string{
			"幸福里小区东门垃圾站好几天没清运，臭气熏天。",
			"幸福里东门的垃圾站垃圾堆满了，异味很大，没人清运。",
			"幸福里小区东门垃圾站夏天异味严重，清运不及时。",
			"反映幸福里小区东门垃圾站垃圾满溢，臭味影响居民。",
			"幸福里东门垃圾站好久没清运了，苍蝇很多，臭气熏天。",
			"幸福里小区东门垃圾站垃圾没人清运，异味大。",
		}
		station := "幸福里小区东门垃圾站"
		var ids []int
		for i, body := range bodies {
			tk, err := w.CreateTicket(ctx, workflow.NewTicket{Title: "垃圾站异味", Body: body, Channel: ticket.ChannelWEB,
				CategoryID: rubbish, Place: &station, Citizen: person(t, 950+i, fmt.Sprintf("1370000%04d", i))})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, tk.ID)
			switch {
			case i < 4 && tk.GroupCaseID != nil:
				t.Fatalf("ticket %d of %d is in a group case already", i+1, len(bodies))
			case i >= 4 && tk.GroupCaseID == nil:
				t.Fatalf("ticket %d of %d is in no group case", i+1, len(bodies))
			}
		}
		sys := viewer.TenantSystemContext(context.Background(), e.App.DB.Client.Ticket.GetX(viewer.SystemContext(context.Background()), ids[0]).TenantID)
		last := e.App.DB.Client.Ticket.GetX(sys, ids[5])
		gc, err := w.GroupCaseOf(sys, last)
		if err != nil || gc == nil {
			t.Fatalf("group case: %v %v", gc, err)
		}
		members, err := w.GroupCaseTickets(sys, gc)
		if err != nil {
			t.Fatal(err)
		}
		if gc.Size != 6 || len(members) != 6 || !strings.Contains(gc.Reason, "6 人") {
			t.Fatalf("group case size %d, %d tickets, reason %q", gc.Size, len(members), gc.Reason)
		}
		// The tickets follow the caller's row scope: a handler sees none
		// of these undispatched tickets.
		seen, err := w.GroupCaseTickets(asUser(t, e, "demo-a", "handler"), gc)
		if err != nil || len(seen) != 0 {
			t.Fatalf("handler sees %d tickets (%v)", len(seen), err)
		}
		if n := e.App.DB.Client.GroupCase.Query().CountX(sys); n != 1 {
			t.Fatalf("%d group cases", n)
		}
	})
}

// Group detection reads the window by category (the categories agreeing
// with the new ticket's, then those with none): tickets without a category
// and tickets of a sibling category under the same second level still
// count, one of another second level does not.
func TestGroupCaseBlockedByCategory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		w := e.App.Workflow
		ctx := asUser(t, e, "demo-a", "clerk")
		rubbish := leafCategory(t, e, ctx, "垃圾分类及清运")
		sibling := leafCategory(t, e, ctx, "施工扰民")     // 城市管理 too
		elsewhere := leafCategory(t, e, ctx, "物业服务质量") // 物业管理
		station := "幸福里小区东门垃圾站"
		cats := []*int{nil, nil, sibling, sibling, elsewhere, rubbish}
		var tks []*ent.Ticket
		for i, cat := range cats {
			tk, err := w.CreateTicket(ctx, workflow.NewTicket{Title: "垃圾站异味",
				Body: fmt.Sprintf("幸福里小区东门垃圾站好几天没清运，臭气熏天，第%d次反映。", i+1), Channel: ticket.ChannelWEB,
				CategoryID: cat, Place: &station, Citizen: person(t, 970+i, fmt.Sprintf("1371000%04d", i))})
			if err != nil {
				t.Fatal(err)
			}
			tks = append(tks, tk)
		}
		last := tks[5]
		if last.GroupCaseID == nil {
			t.Fatal("the last ticket is in no group case")
		}
		sys := viewer.TenantSystemContext(context.Background(), last.TenantID)
		gc, err := w.GroupCaseOf(sys, last)
		if err != nil || gc == nil {
			t.Fatalf("group case: %v %v", gc, err)
		}
		members, err := w.GroupCaseTickets(sys, gc)
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, m := range members {
			got = append(got, m.ID)
		}
		want := []int{tks[0].ID, tks[1].ID, tks[2].ID, tks[3].ID, tks[5].ID}
		if !slices.Equal(got, want) || gc.Size != 5 {
			t.Fatalf("group case of size %d holds %v, want %v (not %d, of another second level)", gc.Size, got, want, tks[4].ID)
		}
	})
}
