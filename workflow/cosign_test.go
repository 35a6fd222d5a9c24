package workflow_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/cosigner"
	"github.com/minsheng/minsheng/ent/notification"
	"github.com/minsheng/minsheng/ent/region"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/ent/warning"
	"github.com/minsheng/minsheng/ent/warningticket"
	"github.com/minsheng/minsheng/ent/watchitem"
	rules "github.com/minsheng/minsheng/insight/warning"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

// A co-signer is a person like the citizen: found again by his ID number
// (or phone) as citizen or co-signer, both ways, on the same matter; the
// co-signer rows keep no number in clear; another tenant never matches.
func TestCoSignersRecordedAndRepeatThroughThem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		w := e.App.Workflow
		ctx := asUser(t, e, "demo-a", "clerk")
		lift := leafCategory(t, e, ctx, "电梯故障")
		lamp := leafCategory(t, e, ctx, "路灯故障")
		create := func(title, body string, cat *int, who *directory.CitizenInput, co ...*directory.CitizenInput) *ent.Ticket {
			t.Helper()
			tk, err := w.CreateTicket(ctx, workflow.NewTicket{Title: title, Body: body, Channel: ticket.ChannelLETTER,
				CategoryID: cat, Citizen: who, CoSigners: co})
			if err != nil {
				t.Fatal(err)
			}
			return tk
		}
		phoneOnly, name := "13811112222", "李四"
		letter := create("电梯困人", "翠竹园小区12栋2单元电梯经常停运，昨天又困人，物业不管。", lift,
			person(t, 701, "13900007001"), person(t, 702, "13900007002"), &directory.CitizenInput{Phone: &phoneOnly},
			&directory.CitizenInput{Name: &name})
		if letter.SignerCount != 4 || letter.RepeatOfID != nil || letter.GroupCaseID != nil {
			t.Fatalf("letter: %d signers, repeat %v, group %v; want 4, none, none", letter.SignerCount, letter.RepeatOfID, letter.GroupCaseID)
		}
		sys := viewer.TenantSystemContext(context.Background(), letter.TenantID)
		rows := e.App.DB.Client.CoSigner.Query().Where(cosigner.TicketID(letter.ID)).Order(ent.Asc(cosigner.FieldPosition)).AllX(sys)
		if len(rows) != 3 || rows[0].Position != 1 || rows[2].Position != 3 {
			t.Fatalf("%d co-signer rows", len(rows))
		}
		// Sealed like the citizen: neither the row nor the co-signer's
		// citizen record holds a number in clear.
		for _, r := range rows {
			c := e.App.DB.Client.Citizen.GetX(sys, r.CitizenID)
			for _, col := range [][]byte{r.PhoneSealed, []byte(deref(r.PhoneHash)), c.IDNumberSealed, []byte(deref(c.IDNumberHash)), c.PhoneSealed} {
				for _, plain := range []string{"13900007002", phoneOnly, testID(t, 702)} {
					if strings.Contains(string(col), plain) {
						t.Fatalf("co-signer %d: a stored column holds %s in clear", r.Position, plain)
					}
				}
			}
		}
		if rows[0].PhoneHash == nil || rows[1].PhoneHash == nil || rows[2].PhoneHash != nil {
			t.Fatalf("phone hashes: %v %v %v", rows[0].PhoneHash, rows[1].PhoneHash, rows[2].PhoneHash)
		}
		ev := e.App.DB.Client.TimelineEvent.Query().
			Where(timelineevent.TicketID(letter.ID), timelineevent.Action(workflow.ActionRegister)).OnlyX(sys)
		if fmt.Sprint(ev.After["signerCount"]) != "4" || len(ev.After["coSignerCitizenIDs"].([]any)) != 3 {
			t.Fatalf("REGISTER event after %v, want the co-signers' records and 4 signers", ev.After)
		}

		// The co-signer comes back alone about the same matter: a repeat
		// of the letter, and the reason says he co-signed.
		back := create("电梯又坏了", "翠竹园12栋2单元的电梯又停运了，还困了人，物业一直不修。", lift, person(t, 702, ""))
		if back.RepeatOfID == nil || *back.RepeatOfID != letter.ID || !strings.Contains(*back.RepeatReason, "联名人") {
			t.Fatalf("co-signer back: repeat of %v (%v), want %d by a co-signer", back.RepeatOfID, back.RepeatReason, letter.ID)
		}
		// The phone-only co-signer, by his phone number.
		byPhone := create("电梯停运困人", "翠竹园小区12栋2单元电梯停运困人，物业不修。", lift, &directory.CitizenInput{Phone: &phoneOnly})
		if byPhone.RepeatOfID == nil || *byPhone.RepeatOfID != letter.ID || !strings.Contains(*byPhone.RepeatReason, "电话号码") {
			t.Fatalf("co-signer by phone: repeat of %v (%v), want %d", byPhone.RepeatOfID, byPhone.RepeatReason, letter.ID)
		}
		// The other way: an earlier citizen co-signs a later letter.
		alone := create("路灯不亮", "梅园新村3栋门口路灯坏了一周，晚上出行不便。", lamp, person(t, 710, ""))
		joint := create("路灯坏了", "梅园新村3栋门口的路灯一直不亮，晚上出行很不方便。", lamp, person(t, 711, ""), person(t, 710, ""))
		if joint.RepeatOfID == nil || *joint.RepeatOfID != alone.ID || !strings.Contains(*joint.RepeatReason, "联名人") {
			t.Fatalf("earlier citizen co-signs: repeat of %v (%v), want %d", joint.RepeatOfID, joint.RepeatReason, alone.ID)
		}
		// A co-signer on another matter is not a repeat.
		other := create("路灯不亮", "幸福里9号楼前路灯坏了，晚上一片漆黑。", lamp, person(t, 720, ""), person(t, 701, ""))
		if other.RepeatOfID != nil {
			t.Fatalf("co-signer on another matter marked: %s", *other.RepeatReason)
		}

		// Another tenant, the same people and text: nothing.
		ctxB := asUser(t, e, "demo-b", "clerk")
		tb, err := w.CreateTicket(ctxB, workflow.NewTicket{Title: "电梯困人", Body: "翠竹园小区12栋2单元电梯经常停运，昨天又困人，物业不管。",
			Channel: ticket.ChannelLETTER, Citizen: person(t, 730, ""), CoSigners: []*directory.CitizenInput{person(t, 702, "13900007002")}})
		if err != nil {
			t.Fatal(err)
		}
		if tb.RepeatOfID != nil || tb.GroupCaseID != nil {
			t.Fatalf("a ticket of demo-b is marked from demo-a's: %v %v", tb.RepeatOfID, tb.GroupCaseID)
		}
	})
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// A letter signed by as many people as the tenant's group size is a group
// case by itself (联名 N 人), with one GROUP_CASE warning; one fewer is not.
func TestCoSignedLetterIsAGroupCase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		w := e.App.Workflow
		ctx := asUser(t, e, "demo-a", "clerk")
		noise := leafCategory(t, e, ctx, "施工扰民")
		letter := func(n, signers int, body string) *ent.Ticket {
			t.Helper()
			var co []*directory.CitizenInput
			for i := 1; i < signers; i++ {
				co = append(co, person(t, n+i, ""))
			}
			tk, err := w.CreateTicket(ctx, workflow.NewTicket{Title: "联名信", Body: body, Channel: ticket.ChannelLETTER,
				CategoryID: noise, Citizen: person(t, n, ""), CoSigners: co})
			if err != nil {
				t.Fatal(err)
			}
			return tk
		}
		four := letter(600, 4, "银城东苑北侧工地每天凌晨两点还在打桩，噪音扰民。")
		if four.GroupCaseID != nil {
			t.Fatal("a letter of 4 signers is a group case (group size 5)")
		}
		five := letter(620, 5, "后宰门小区旁的仓库改建工程天天夜间施工，切割声不断，居民无法休息。")
		if five.GroupCaseID == nil {
			t.Fatal("a letter of 5 signers is no group case")
		}
		sys := viewer.TenantSystemContext(context.Background(), five.TenantID)
		gc, err := w.GroupCaseOf(sys, five)
		if err != nil || gc == nil {
			t.Fatalf("group case: %v %v", gc, err)
		}
		if gc.Size != 5 || gc.Reason != "联名 5 人" {
			t.Fatalf("group case size %d reason %q, want 5 and 联名 5 人", gc.Size, gc.Reason)
		}
		ws := e.App.DB.Client.Warning.Query().Where(warning.KindEQ(warning.KindGROUP_CASE)).AllX(sys)
		if len(ws) != 1 || !strings.Contains(ws[0].Reason, "联名 5 人") {
			t.Fatalf("%d GROUP_CASE warnings: %v", len(ws), ws)
		}
	})
}

// Bad co-signers are refused with BAD_USER_INPUT, and nothing is stored.
func TestCoSignersRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		w := e.App.Workflow
		ctx := asUser(t, e, "demo-a", "clerk")
		sys := viewer.TenantSystemContext(context.Background(), viewer.FromContext(ctx).TenantID)
		tickets := e.App.DB.Client.Ticket.Query().CountX(sys)
		citizens := e.App.DB.Client.Citizen.Query().CountX(sys)
		yes, bad := true, "320102198001010011"
		many := make([]*directory.CitizenInput, workflow.MaxCoSigners+1)
		for i := range many {
			many[i] = person(t, 100+i, "")
		}
		for _, tc := range []struct {
			name string
			in   workflow.NewTicket
			want string
		}{
			{"anonymous", workflow.NewTicket{Anonymous: &yes, CoSigners: []*directory.CitizenInput{person(t, 1, "")}}, "anonymous"},
			{"no citizen", workflow.NewTicket{CoSigners: []*directory.CitizenInput{person(t, 1, "")}}, "need a citizen"},
			{"too many", workflow.NewTicket{Citizen: person(t, 2, ""), CoSigners: many}, "at most 100"},
			{"the citizen again", workflow.NewTicket{Citizen: person(t, 3, ""), CoSigners: []*directory.CitizenInput{person(t, 3, "")}}, "signs once"},
			{"twice", workflow.NewTicket{Citizen: person(t, 4, ""), CoSigners: []*directory.CitizenInput{person(t, 5, ""), person(t, 5, "")}}, "co-signers 1 and 2"},
			{"bad ID number", workflow.NewTicket{Citizen: person(t, 6, ""), CoSigners: []*directory.CitizenInput{person(t, 7, ""), {IDNumber: &bad}}}, "co-signer 2"},
			{"empty", workflow.NewTicket{Citizen: person(t, 8, ""), CoSigners: []*directory.CitizenInput{{}}}, "co-signer 1 needs"},
		} {
			tc.in.Title, tc.in.Body, tc.in.Channel = "联名信", "反映问题", ticket.ChannelLETTER
			_, err := w.CreateTicket(ctx, tc.in)
			if minsheng.ErrorCode(err) != minsheng.EINVALID || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s: %v, want BAD_USER_INPUT saying %q", tc.name, err, tc.want)
			}
		}
		if n := e.App.DB.Client.Ticket.Query().CountX(sys); n != tickets {
			t.Errorf("%d tickets written by refused registrations", n-tickets)
		}
		if n := e.App.DB.Client.Citizen.Query().CountX(sys); n != citizens {
			t.Errorf("%d citizens written by refused registrations", n-citizens)
		}
	})
}

// Tickets without a category at one community are compared by place: five
// people describing one rubbish station in words too different for a
// matter link (scores 0.33–0.41) form a group case at that place; the same
// texts at five different communities do not.
func TestUncategorisedTicketsGroupByPlace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		w := e.App.Workflow
		ctx := asUser(t, e, "demo-a", "clerk")
		sys := viewer.TenantSystemContext(context.Background(), viewer.FromContext(ctx).TenantID)
		communities := e.App.DB.Client.Region.Query().Where(region.LevelEQ(region.LevelCOMMUNITY)).Order(ent.Asc(region.FieldID)).Limit(6).IDsX(sys)
		if len(communities) < 6 {
			t.Fatalf("demo-a has %d communities", len(communities))
		}
		bodies := []string{
			"东门垃圾站好几天没清运，臭气熏天。",
			"东门垃圾站垃圾堆满了没人拉走，夏天味道很大。",
			"东门垃圾站异味扰民，苍蝇蚊子很多。",
			"东门垃圾站满了没人收，臭味影响居民开窗。",
			"东门垃圾站脏乱差，垃圾满溢到路上，清运不及时。",
		}
		register := func(n int, where int, body string) *ent.Ticket {
			t.Helper()
			tk, err := w.CreateTicket(ctx, workflow.NewTicket{Title: "反映垃圾问题", Body: body, Channel: ticket.ChannelPHONE,
				RegionID: &where, Citizen: person(t, n, "")})
			if err != nil {
				t.Fatal(err)
			}
			return tk
		}
		// Scattered: each at another community, no group.
		for i, body := range bodies {
			if tk := register(500+i, communities[1+i], body); tk.GroupCaseID != nil {
				t.Fatalf("ticket %d at its own community is in a group case", i+1)
			}
		}
		var last *ent.Ticket
		for i, body := range bodies {
			last = register(520+i, communities[0], body)
			if i < 4 && last.GroupCaseID != nil {
				t.Fatalf("ticket %d of 5 is in a group case already", i+1)
			}
		}
		if last.GroupCaseID == nil {
			t.Fatal("five people at one community, no category: no group case")
		}
		gc, err := w.GroupCaseOf(sys, last)
		if err != nil || gc == nil || gc.Size != 5 || !strings.Contains(gc.Reason, "同一地点") {
			t.Fatalf("group case %+v (%v), want 5 people at one place", gc, err)
		}
	})
}

// Merging duplicates into a kept ticket makes their citizens and
// co-signers its co-signers, each person once, with the phone he gave; the
// MERGED_FROM event lists them; an anonymous kept ticket takes nobody.
func TestMergeBringsSignersToKeptTicket(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		w := e.App.Workflow
		clerk := asUser(t, e, "demo-a", "clerk")
		disp := asUser(t, e, "demo-a", "dispatcher")
		create := func(title string, anonymous bool, who *directory.CitizenInput, co ...*directory.CitizenInput) *ent.Ticket {
			t.Helper()
			tk, err := w.CreateTicket(clerk, workflow.NewTicket{Title: title, Body: title, Channel: ticket.ChannelLETTER,
				Anonymous: &anonymous, Citizen: who, CoSigners: co})
			if err != nil {
				t.Fatal(err)
			}
			return tk
		}
		kept := create("小区停水三天", false, person(t, 801, ""), person(t, 802, ""), person(t, 803, ""))
		dup1 := create("小区一直停水", false, person(t, 804, "13900008804"), person(t, 802, ""), person(t, 805, ""))
		dup2 := create("停水没人管", false, person(t, 801, ""))
		sys := viewer.TenantSystemContext(context.Background(), kept.TenantID)
		c := e.App.DB.Client
		if _, err := w.MergeTickets(disp, kept.ID, []int{dup1.ID, dup2.ID}); err != nil {
			t.Fatal(err)
		}
		after := c.Ticket.GetX(sys, kept.ID)
		rows := c.CoSigner.Query().Where(cosigner.TicketID(kept.ID)).Order(ent.Asc(cosigner.FieldPosition)).AllX(sys)
		// 802 and 803 signed it; 804 (dup1's citizen), then 805 join; 802
		// again and 801 (the kept ticket's own citizen, dup2's) do not.
		var got []int
		for _, r := range rows {
			got = append(got, r.Position)
		}
		if len(rows) != 4 || after.SignerCount != 5 || fmt.Sprint(got) != "[1 2 3 4]" {
			t.Fatalf("kept ticket: %d co-signers at %v, %d signers; want 4 at [1 2 3 4], 5 signers", len(rows), got, after.SignerCount)
		}
		if rows[2].CitizenID != *dup1.CitizenID || rows[2].PhoneHash == nil || *rows[2].PhoneHash != *dup1.ContactPhoneHash {
			t.Fatalf("third co-signer %+v, want dup1's citizen with the phone he gave on it", rows[2])
		}
		dupRows := c.CoSigner.Query().Where(cosigner.TicketID(dup1.ID)).Order(ent.Asc(cosigner.FieldPosition)).AllX(sys)
		if rows[3].CitizenID != dupRows[1].CitizenID {
			t.Fatalf("fourth co-signer is citizen %d, want dup1's second co-signer %d", rows[3].CitizenID, dupRows[1].CitizenID)
		}
		ev := c.TimelineEvent.Query().Where(timelineevent.TicketID(kept.ID), timelineevent.Action(workflow.ActionMergedFrom)).OnlyX(sys)
		ids, _ := ev.After["coSignerCitizenIDs"].([]any)
		if len(ids) != 2 || ids[0] != any(float64(rows[2].CitizenID)) || fmt.Sprint(ev.After["signerCount"]) != "5" {
			t.Fatalf("MERGED_FROM after %v, want the two new co-signers and 5 signers", ev.After)
		}

		// An anonymous kept ticket stays without names: the event counts
		// who was left on the duplicate.
		anon := create("停水", true, nil)
		dup3 := create("停水了", false, person(t, 806, ""), person(t, 807, ""))
		if _, err := w.MergeTickets(disp, anon.ID, []int{dup3.ID}); err != nil {
			t.Fatal(err)
		}
		if n := c.CoSigner.Query().Where(cosigner.TicketID(anon.ID)).CountX(sys); n != 0 || c.Ticket.GetX(sys, anon.ID).SignerCount != 1 {
			t.Fatalf("anonymous kept ticket took %d co-signers", n)
		}
		ev = c.TimelineEvent.Query().Where(timelineevent.TicketID(anon.ID), timelineevent.Action(workflow.ActionMergedFrom)).OnlyX(sys)
		if fmt.Sprint(ev.After["signersNotAdded"]) != "2" || ev.After["coSignerCitizenIDs"] != nil {
			t.Fatalf("anonymous MERGED_FROM after %v, want 2 not added", ev.After)
		}
	})
}

// tally is what a second check must not add to: warnings by kind, group
// cases, the outbox's warning rows, and the timeline of one ticket.
type tally struct {
	warnings                 string
	groups, outbox, timeline int
}

func tallyOf(t *testing.T, e *apptest.Env, ctx context.Context, ticketID int) tally {
	t.Helper()
	c := e.App.DB.Client
	byKind := map[warning.Kind]int{}
	for _, w := range c.Warning.Query().AllX(ctx) {
		byKind[w.Kind]++
	}
	return tally{
		warnings: fmt.Sprint(byKind),
		groups:   c.GroupCase.Query().CountX(ctx),
		outbox:   c.Notification.Query().Where(notification.EventEQ(notification.EventWARNING)).CountX(ctx),
		timeline: c.TimelineEvent.Query().Where(timelineevent.TicketID(ticketID)).CountX(ctx),
	}
}

// A merge that adds people checks the kept ticket again: two letters whose
// signers together reach the group size make it a group case (联名 5 人)
// with one GROUP_CASE warning, on its timeline and in the outbox once.
// Merging more people in, merging people who signed already, or checking
// again adds no group case, warning or timeline event.
func TestMergeMakesGroupCaseOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		w := e.App.Workflow
		clerk := asUser(t, e, "demo-a", "clerk")
		disp := asUser(t, e, "demo-a", "dispatcher")
		noise := leafCategory(t, e, clerk, "施工扰民")
		lamp := leafCategory(t, e, clerk, "路灯故障")
		letter := func(body string, cat *int, n, signers int) *ent.Ticket {
			t.Helper()
			var co []*directory.CitizenInput
			for i := 1; i < signers; i++ {
				co = append(co, person(t, n+i, ""))
			}
			tk, err := w.CreateTicket(clerk, workflow.NewTicket{Title: "联名信", Body: body, Channel: ticket.ChannelLETTER,
				CategoryID: cat, Citizen: person(t, n, ""), CoSigners: co})
			if err != nil {
				t.Fatal(err)
			}
			return tk
		}
		kept := letter("银城东苑北侧工地每天凌晨两点还在打桩，噪音扰民。", noise, 640, 3)
		dup := letter("梅园新村3栋门口路灯坏了一周，晚上出行不便。", lamp, 643, 2)
		sys := viewer.TenantSystemContext(context.Background(), kept.TenantID)
		if kept.GroupCaseID != nil || dup.GroupCaseID != nil {
			t.Fatal("a letter of 3 or 2 signers is a group case")
		}
		before := e.App.DB.Client.GroupCase.Query().CountX(sys)
		out, err := w.MergeTickets(disp, kept.ID, []int{dup.ID})
		if err != nil {
			t.Fatal(err)
		}
		if out.SignerCount != 5 || out.GroupCaseID == nil {
			t.Fatalf("kept ticket after the merge: %d signers, group case %v; want 5 and one", out.SignerCount, out.GroupCaseID)
		}
		gc, err := w.GroupCaseOf(sys, out)
		if err != nil || gc == nil || gc.Size != 5 || gc.Reason != "联名 5 人" {
			t.Fatalf("group case %+v (%v), want 5 people, 联名 5 人", gc, err)
		}
		if n := e.App.DB.Client.GroupCase.Query().CountX(sys); n != before+1 {
			t.Fatalf("%d group cases made", n-before)
		}
		ws := e.App.DB.Client.Warning.Query().Where(warning.KindEQ(warning.KindGROUP_CASE)).AllX(sys)
		if len(ws) != 1 || ws[0].Reason != "群体件：联名 5 人" {
			t.Fatalf("GROUP_CASE warnings %+v, want one, 联名 5 人", ws)
		}
		evs := e.App.DB.Client.TimelineEvent.Query().
			Where(timelineevent.TicketID(kept.ID), timelineevent.Action(workflow.ActionWarning)).AllX(sys)
		if len(evs) != 1 || evs[0].After["kind"] != "GROUP_CASE" {
			t.Fatalf("WARNING events on the kept ticket: %+v", evs)
		}
		if n := e.App.DB.Client.Notification.Query().Where(notification.EventEQ(notification.EventWARNING)).CountX(sys); n != 1 {
			t.Fatalf("%d warnings in the outbox, want 1", n)
		}

		// More people merged in: the ticket is in its group case already;
		// only the MERGED_FROM event is new.
		more := letter("小区门口下水道堵了，污水漫到路上。", lamp, 648, 2)
		was := tallyOf(t, e, sys, kept.ID)
		out, err = w.MergeTickets(disp, kept.ID, []int{more.ID})
		if err != nil {
			t.Fatal(err)
		}
		if out.SignerCount != 7 || *out.GroupCaseID != gc.ID {
			t.Fatalf("after a second merge: %d signers, group case %d", out.SignerCount, *out.GroupCaseID)
		}
		was.timeline++
		if got := tallyOf(t, e, sys, kept.ID); got != was {
			t.Fatalf("second merge: %+v, want %+v", got, was)
		}
		// People who signed already: nobody added, nothing checked.
		again, err := w.CreateTicket(clerk, workflow.NewTicket{Title: "再反映", Body: "工地还在夜间打桩。", Channel: ticket.ChannelLETTER,
			Citizen: person(t, 643, "")})
		if err != nil {
			t.Fatal(err)
		}
		was = tallyOf(t, e, sys, kept.ID)
		if out, err = w.MergeTickets(disp, kept.ID, []int{again.ID}); err != nil || out.SignerCount != 7 {
			t.Fatalf("merge of a signer again: %v, %d signers", err, out.SignerCount)
		}
		was.timeline++
		if got := tallyOf(t, e, sys, kept.ID); got != was {
			t.Fatalf("merge of a signer again: %+v, want %+v", got, was)
		}
		// Checking again, as the merges did: nothing more.
		for range 2 {
			if err := workflow.Recheck(disp, w, kept.ID, []int{*dup.CitizenID, *more.CitizenID}); err != nil {
				t.Fatal(err)
			}
		}
		if got := tallyOf(t, e, sys, kept.ID); got != was {
			t.Fatalf("checked again: %+v, was %+v", got, was)
		}
	})
}

// A merge that brings a watched person to the kept ticket raises KEY_PERSON
// on it (as 联名人), once; a person who signed an earlier ticket on the same
// matter makes the kept ticket a repeat of it; a mark staff rejected stays
// rejected when a later merge brings another such person.
func TestMergeRechecksPersonsAndMarks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		w := e.App.Workflow
		admin := asUser(t, e, "demo-a", "admin")
		clerk := asUser(t, e, "demo-a", "clerk")
		disp := asUser(t, e, "demo-a", "dispatcher")
		lift := leafCategory(t, e, clerk, "电梯故障")
		lamp := leafCategory(t, e, clerk, "路灯故障")
		c := e.App.DB.Client
		create := func(body string, cat *int, who *directory.CitizenInput) *ent.Ticket {
			t.Helper()
			tk, err := w.CreateTicket(clerk, workflow.NewTicket{Title: "来信", Body: body, Channel: ticket.ChannelLETTER,
				CategoryID: cat, Citizen: who})
			if err != nil {
				t.Fatal(err)
			}
			return tk
		}
		watched := testID(t, 660)
		if _, err := e.App.Warnings.AddWatchItem(admin, rules.WatchInput{
			Kind: watchitem.KindPERSON, IDNumber: &watched, Reason: "长期缠访", Level: 3,
		}); err != nil {
			t.Fatal(err)
		}
		first := create("翠竹园小区12栋2单元电梯经常停运，昨天又困人，物业不管。", lift, person(t, 660, ""))
		other := create("翠竹园小区12栋2单元电梯经常停运，困人了，物业不管。", lift, person(t, 673, ""))
		kept := create("翠竹园12栋2单元的电梯又停运了，还困了人，物业一直不修。", lift, person(t, 671, ""))
		dup := create("梅园新村3栋门口路灯坏了一周，晚上出行不便。", lamp, person(t, 660, ""))
		dup2 := create("梅园新村3栋门口路灯坏了，一直没人修。", lamp, person(t, 673, ""))
		sys := viewer.TenantSystemContext(context.Background(), kept.TenantID)
		keyPersons := func() []*ent.Warning {
			return c.Warning.Query().Where(warning.KindEQ(warning.KindKEY_PERSON)).Order(warning.ByID()).AllX(sys)
		}
		if kept.RepeatOfID != nil || len(keyPersons()) != 2 {
			t.Fatalf("before the merge: kept marked %v, %d KEY_PERSON warnings (first, dup)", kept.RepeatOfID, len(keyPersons()))
		}
		out, err := w.MergeTickets(disp, kept.ID, []int{dup.ID})
		if err != nil {
			t.Fatal(err)
		}
		ws := keyPersons()
		if len(ws) != 3 || ws[2].Reason != "重点人员（联名人）来访：长期缠访" || ws[2].Level != 3 {
			t.Fatalf("KEY_PERSON after the merge: %+v, want a third on the kept ticket", ws)
		}
		on := c.WarningTicket.Query().Where(warningticket.WarningID(ws[2].ID)).Select(warningticket.FieldTicketID).IntsX(sys)
		if len(on) != 1 || on[0] != kept.ID {
			t.Fatalf("the merge's KEY_PERSON is on %v, want the kept ticket %d", on, kept.ID)
		}
		// The watched person signed an earlier letter on the same matter:
		// the kept ticket now repeats it.
		if out.RepeatOfID == nil || *out.RepeatOfID != first.ID || *out.RepeatState != ticket.RepeatStatePENDING ||
			!strings.Contains(*out.RepeatReason, "联名人") {
			t.Fatalf("kept ticket marked %v %v (%v), want a PENDING repeat of %d by a co-signer",
				out.RepeatOfID, out.RepeatState, out.RepeatReason, first.ID)
		}
		was := tallyOf(t, e, sys, kept.ID)
		if err := workflow.Recheck(disp, w, kept.ID, []int{*dup.CitizenID}); err != nil {
			t.Fatal(err)
		}
		if got := tallyOf(t, e, sys, kept.ID); got != was {
			t.Fatalf("checked again: %+v, was %+v", got, was)
		}

		// Staff reject the mark; a merge bringing another person with an
		// earlier letter on the matter leaves it rejected.
		if _, err := w.RejectRepeat(clerk, kept.ID, "不是同一事项"); err != nil {
			t.Fatal(err)
		}
		if out, err = w.MergeTickets(disp, kept.ID, []int{dup2.ID}); err != nil {
			t.Fatal(err)
		}
		if out.SignerCount != 3 || *out.RepeatOfID != first.ID || *out.RepeatState != ticket.RepeatStateREJECTED {
			t.Fatalf("after a second merge: %d signers, mark %v %v; want 3, still the REJECTED mark of %d (not %d)",
				out.SignerCount, *out.RepeatOfID, *out.RepeatState, first.ID, other.ID)
		}
		if n := len(keyPersons()); n != 3 {
			t.Fatalf("%d KEY_PERSON warnings after a merge of an unwatched person", n)
		}
	})
}
