package warning_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/auditlog"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/notification"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/ent/warning"
	"github.com/minsheng/minsheng/ent/warningticket"
	"github.com/minsheng/minsheng/ent/watchitem"
	rules "github.com/minsheng/minsheng/insight/warning"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

// asUser acts as a demo user of a demo tenant.
func asUser(t *testing.T, e *apptest.Env, tenantCode, username string) context.Context {
	t.Helper()
	u, err := e.App.DB.Client.User.Query().
		Where(user.Username(username), user.HasTenantWith(tenant.Code(tenantCode))).Only(viewer.SystemContext(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	return viewer.NewContext(context.Background(), e.App.Auth.UserViewer(u))
}

// idNumber completes 17 digits with the GB 11643 check digit.
func idNumber(first17 string) string {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, c := range first17 {
		sum += int(c-'0') * weights[i]
	}
	return first17 + string("10X98765432"[sum%11])
}

func ptr[T any](v T) *T { return &v }

func TestWatchedPersonRaisesOneWarningOnTimelineAndOutboxOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		admin := asUser(t, e, "demo-a", "admin")
		clerk := asUser(t, e, "demo-a", "clerk")
		id := idNumber("32010219700101123")
		item, err := e.App.Warnings.AddWatchItem(admin, rules.WatchInput{
			Kind: watchitem.KindPERSON, IDNumber: &id, Reason: "多次越级上访", Level: 3,
		})
		if err != nil {
			t.Fatal(err)
		}
		// The number is kept only as a keyed hash.
		sys := viewer.TenantSystemContext(context.Background(), item.TenantID)
		stored := e.App.DB.Client.WatchItem.GetX(sys, item.ID)
		if stored.IDNumberHash == nil || *stored.IDNumberHash == id || stored.PhoneHash != nil {
			t.Fatalf("stored person = %+v", stored)
		}
		tk, err := e.App.Workflow.CreateTicket(clerk, workflow.NewTicket{
			Title: "反映征地补偿", Body: "要求重新核算。", Channel: ticket.ChannelVISIT,
			Citizen: &directory.CitizenInput{Name: ptr("王某"), IDNumber: &id},
		})
		if err != nil {
			t.Fatal(err)
		}
		ws := e.App.DB.Client.Warning.Query().Where(warning.KindEQ(warning.KindKEY_PERSON)).AllX(sys)
		if len(ws) != 1 || ws[0].Level != 3 || ws[0].Reason != "重点人员来访：多次越级上访" {
			t.Fatalf("warnings = %+v", ws)
		}
		events := e.App.DB.Client.TimelineEvent.Query().
			Where(timelineevent.TicketID(tk.ID), timelineevent.Action(workflow.ActionWarning)).AllX(sys)
		if len(events) != 1 || events[0].After["kind"] != "KEY_PERSON" {
			t.Fatalf("timeline = %+v", events)
		}
		outbox := func() int {
			return e.App.DB.Client.Notification.Query().Where(notification.EventEQ(notification.EventWARNING)).CountX(sys)
		}
		if n := outbox(); n != 1 {
			t.Fatalf("outbox holds %d warnings, want 1", n)
		}
		// It is for the leaders and the dispatchers.
		msg := e.App.DB.Client.Notification.Query().Where(notification.EventEQ(notification.EventWARNING)).OnlyX(sys)
		to, _ := msg.Payload["to"].([]any)
		if msg.Audience != notification.AudienceLEADERS || !slices.Contains(to, any("leader")) || !slices.Contains(to, any("dispatcher")) {
			t.Fatalf("warning message for %s %v", msg.Audience, msg.Payload["to"])
		}
		// The same finding again (a retry, another process) records nothing.
		again := []rules.Finding{{Kind: rules.KeyPerson, Level: 3, Reason: "x", Key: ws[0].Key, TicketIDs: []int{tk.ID}}}
		if n, err := e.App.Workflow.RaiseFindings(context.Background(), item.TenantID, again); err != nil || n != 0 {
			t.Fatalf("raise again: %d, %v", n, err)
		}
		if n := e.App.DB.Client.Warning.Query().CountX(sys); n != 1 || outbox() != 1 {
			t.Fatalf("after raising again: %d warnings, %d in the outbox", n, outbox())
		}
		// A person not watched raises nothing.
		other := idNumber("32010219800202223")
		if _, err := e.App.Workflow.CreateTicket(clerk, workflow.NewTicket{
			Title: "反映噪声", Channel: ticket.ChannelPHONE, Citizen: &directory.CitizenInput{IDNumber: &other},
		}); err != nil {
			t.Fatal(err)
		}
		if n := e.App.DB.Client.Warning.Query().CountX(sys); n != 1 {
			t.Fatalf("%d warnings after an unwatched person's case", n)
		}
		// Reading the watch list audits each person on it.
		if _, err := e.App.Warnings.WatchItems(admin, nil, nil, nil); err != nil {
			t.Fatal(err)
		}
		if n := e.App.DB.Client.AuditLog.Query().Where(auditlog.Action("watch.read"), auditlog.SubjectID(item.ID)).CountX(sys); n != 1 {
			t.Fatalf("%d audit records of the watch list read", n)
		}
	})
}

func TestRepeatPersonPlaceTopicAndSurge(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		admin := asUser(t, e, "demo-a", "admin")
		clerk := asUser(t, e, "demo-a", "clerk")
		sys := viewer.TenantSystemContext(context.Background(), viewer.FromContext(clerk).TenantID)
		c := e.App.DB.Client
		count := func(k warning.Kind) int { return c.Warning.Query().Where(warning.KindEQ(k)).CountX(sys) }

		// One person back for the fifth time in 30 days: one warning, not one
		// per case after.
		id := idNumber("32010219750505123")
		for i := range 6 {
			if _, err := e.App.Workflow.CreateTicket(clerk, workflow.NewTicket{
				Title: "反映物业收费", Channel: ticket.ChannelPHONE, Citizen: &directory.CitizenInput{IDNumber: &id},
			}); err != nil {
				t.Fatal(i, err)
			}
			if want := map[bool]int{true: 1, false: 0}[i >= 4]; count(warning.KindREPEAT_PERSON) != want {
				t.Fatalf("after case %d: %d repeat warnings, want %d", i+1, count(warning.KindREPEAT_PERSON), want)
			}
		}

		// A watched place by words, a watched topic by category.
		cat := c.Category.Query().Where(category.Level(1)).FirstX(sys)
		if _, err := e.App.Warnings.AddWatchItem(admin, rules.WatchInput{Kind: watchitem.KindPLACE, Words: []string{"化工园"}, Reason: "化工园区周边", Level: 2}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.App.Warnings.AddWatchItem(admin, rules.WatchInput{Kind: watchitem.KindTOPIC, CategoryID: &cat.ID, Reason: "敏感类别", Level: 1}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.App.Workflow.CreateTicket(clerk, workflow.NewTicket{
			Title: "异味扰民", Body: "化工园附近夜间有刺鼻气味。", Channel: ticket.ChannelWEB,
		}); err != nil {
			t.Fatal(err)
		}
		if count(warning.KindKEY_PLACE) != 1 || count(warning.KindKEY_TOPIC) != 0 {
			t.Fatalf("place %d topic %d", count(warning.KindKEY_PLACE), count(warning.KindKEY_TOPIC))
		}
		// Bad watch items are refused.
		if _, err := e.App.Warnings.AddWatchItem(admin, rules.WatchInput{Kind: watchitem.KindPLACE, Reason: "x", Level: 2}); err == nil {
			t.Fatal("a place without region or words was kept")
		}

		// Twelve cases of one category today, none before: a surge, found
		// by the check run tomorrow, raised once.
		for i := range 12 {
			if _, err := e.App.Workflow.CreateTicket(clerk, workflow.NewTicket{
				Title: "供暖不热", Channel: ticket.ChannelPHONE, CategoryID: &cat.ID,
			}); err != nil {
				t.Fatal(i, err)
			}
		}
		if count(warning.KindKEY_TOPIC) != 12 {
			t.Fatalf("%d topic warnings, want 12", count(warning.KindKEY_TOPIC))
		}
		tenantID := viewer.FromContext(clerk).TenantID
		tomorrow := time.Now().Add(24 * time.Hour)
		found, err := e.App.Surges.Check(context.Background(), tenantID, tomorrow)
		if err != nil {
			t.Fatal(err)
		}
		var surge *rules.Finding
		for i, f := range found {
			if f.Key[:15] == "surge:category:" {
				surge = &found[i]
			}
		}
		if surge == nil || len(surge.TicketIDs) < 12 {
			t.Fatalf("surges = %+v", found)
		}
		for range 2 {
			if _, err := e.App.Workflow.RaiseFindings(context.Background(), tenantID, found); err != nil {
				t.Fatal(err)
			}
		}
		if count(warning.KindSURGE) != len(found) {
			t.Fatalf("%d surge warnings for %d findings", count(warning.KindSURGE), len(found))
		}
	})
}

// A watched person found among a letter's co-signers (联名人) warns as he
// would as its citizen, by his ID number's hash or by the phone he gave on
// the letter; the reason says he co-signed, and no number is written in
// clear on the warning, the timeline or the outbox.
func TestWatchedPersonAmongCoSigners(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		admin := asUser(t, e, "demo-a", "admin")
		clerk := asUser(t, e, "demo-a", "clerk")
		c := e.App.DB.Client
		byID, byPhone := idNumber("32010219660606123"), "13977770606"
		for _, in := range []rules.WatchInput{
			{Kind: watchitem.KindPERSON, IDNumber: &byID, Reason: "长期缠访", Level: 3},
			{Kind: watchitem.KindPERSON, Phone: &byPhone, Reason: "多次集访组织者", Level: 2},
		} {
			if _, err := e.App.Warnings.AddWatchItem(admin, in); err != nil {
				t.Fatal(err)
			}
		}
		first, other := idNumber("32010219900909123"), idNumber("32010219910101123")
		letter, err := e.App.Workflow.CreateTicket(clerk, workflow.NewTicket{
			Title: "联名反映拆迁补偿", Body: "我们几户要求公开补偿标准。", Channel: ticket.ChannelLETTER,
			Citizen: &directory.CitizenInput{Name: ptr("赵某"), IDNumber: &first},
			CoSigners: []*directory.CitizenInput{
				{Name: ptr("钱某"), IDNumber: &other},
				{Name: ptr("孙某"), IDNumber: &byID},
				{Name: ptr("李某"), Phone: &byPhone},
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		sys := viewer.TenantSystemContext(context.Background(), letter.TenantID)
		ws := c.Warning.Query().Where(warning.KindEQ(warning.KindKEY_PERSON)).Order(warning.ByID()).AllX(sys)
		got := []string{}
		for _, w := range ws {
			got = append(got, w.Reason)
		}
		want := []string{"重点人员（联名人）来访：长期缠访", "重点人员（联名人）来访：多次集访组织者"}
		if !slices.Equal(got, want) {
			t.Fatalf("warnings on the co-signed letter: %q, want %q", got, want)
		}
		// The same person as the citizen of his next case: the reason says so.
		if _, err := e.App.Workflow.CreateTicket(clerk, workflow.NewTicket{
			Title: "再次反映拆迁补偿", Channel: ticket.ChannelVISIT, Citizen: &directory.CitizenInput{IDNumber: &byID},
		}); err != nil {
			t.Fatal(err)
		}
		last := c.Warning.Query().Where(warning.KindEQ(warning.KindKEY_PERSON)).Order(warning.ByID()).AllX(sys)
		if len(last) != 3 || last[2].Reason != "重点人员来访：长期缠访" {
			t.Fatalf("warning on the citizen's own case: %+v", last)
		}
		// No number in clear where the warning went.
		var text []string
		for _, w := range last {
			text = append(text, w.Reason, w.Key)
		}
		for _, ev := range c.TimelineEvent.Query().Where(timelineevent.TicketID(letter.ID)).AllX(sys) {
			text = append(text, ev.Reason, fmt.Sprint(ev.Before), fmt.Sprint(ev.After))
		}
		for _, n := range c.Notification.Query().Where(notification.EventEQ(notification.EventWARNING)).AllX(sys) {
			text = append(text, fmt.Sprint(n.Payload))
		}
		for _, s := range text {
			for _, plain := range []string{byID, byPhone, first, other} {
				if strings.Contains(s, plain) {
					t.Fatalf("%q holds a number in clear", s)
				}
			}
		}
	})
}

// Co-signers count (联名人): a person's cases as co-signer count towards
// REPEAT_PERSON with his cases as citizen, both ways, each run warned once
// whichever way he signed; a family member sharing a phone number but not
// the ID number is not counted as him; a person without an ID number is
// one person by his phone number; a merge that makes a person co-signer of
// the kept case does not count his letter twice. No number, clear or
// hashed, reaches a reason, a timeline or the outbox.
func TestRepeatPersonCountsCoSigners(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		clerk := asUser(t, e, "demo-a", "clerk")
		disp := asUser(t, e, "demo-a", "dispatcher")
		c := e.App.DB.Client
		sys := viewer.TenantSystemContext(context.Background(), viewer.FromContext(clerk).TenantID)
		repeats := func() []*ent.Warning {
			return c.Warning.Query().Where(warning.KindEQ(warning.KindREPEAT_PERSON)).Order(warning.ByID()).AllX(sys)
		}
		expect := func(step string, want int) {
			t.Helper()
			if got := len(repeats()); got != want {
				t.Fatalf("%s: %d REPEAT_PERSON warnings, want %d", step, got, want)
			}
		}
		n := 0
		create := func(who *directory.CitizenInput, co ...*directory.CitizenInput) *ent.Ticket {
			t.Helper()
			n++
			tk, err := e.App.Workflow.CreateTicket(clerk, workflow.NewTicket{
				Title: fmt.Sprintf("反映问题第%d件", n), Body: "请有关部门处理。", Channel: ticket.ChannelLETTER,
				Citizen: who, CoSigners: co,
			})
			if err != nil {
				t.Fatal(err)
			}
			return tk
		}
		who := func(id, phone string) *directory.CitizenInput {
			in := &directory.CitizenInput{Name: ptr("某人")}
			if id != "" {
				in.IDNumber = &id
			}
			if phone != "" {
				in.Phone = &phone
			}
			return in
		}
		linked := func(w *ent.Warning) []int {
			return c.WarningTicket.Query().Where(warningticket.WarningID(w.ID)).
				Order(ent.Asc(warningticket.FieldTicketID)).Select(warningticket.FieldTicketID).IntsX(sys)
		}
		ids := func(ts ...*ent.Ticket) []int {
			var out []int
			for _, tk := range ts {
				out = append(out, tk.ID)
			}
			slices.Sort(out)
			return out
		}

		// X co-signs A's letter, then comes himself: his fourth case as
		// citizen is his fifth, and warns.
		x, px, a := idNumber("32010219720303123"), "13911110303", idNumber("32010219720303223")
		letter := create(who(a, ""), who(x, px))
		cases := []*ent.Ticket{letter}
		for i := range 4 {
			expect(fmt.Sprintf("X's case %d", i+1), 0)
			cases = append(cases, create(who(x, "")))
		}
		expect("X's fifth case", 1)
		w := repeats()[0]
		if w.Reason != "同一来访人 30 天内反映 5 件（含联名 1 件，阈值 5 件）" || w.Level != 2 {
			t.Fatalf("X's warning: %q level %d", w.Reason, w.Level)
		}
		if got := linked(w); !slices.Equal(got, ids(cases...)) {
			t.Fatalf("X's warning links %v, want %v", got, ids(cases...))
		}
		// His sixth, as co-signer of B's letter: the same run, no new warning.
		create(who(idNumber("32010219720303323"), ""), who(x, ""))
		expect("X's sixth case, co-signed", 1)

		// Y comes four times, then co-signs C's letter with Z, who gives
		// Y's phone number (his family's) but has an ID number of his own:
		// Y is warned as 联名人, Z is not.
		y, py, z := idNumber("32010219730404123"), "13922220404", idNumber("32010219730404223")
		var ys []*ent.Ticket
		for range 4 {
			ys = append(ys, create(who(y, py)))
		}
		expect("Y's four cases", 1)
		second := create(who(idNumber("32010219730404323"), ""), who(y, py), who(z, py))
		expect("Y co-signs his fifth", 2)
		w = repeats()[1]
		if w.Reason != "同一来访人（联名人）30 天内反映 5 件（含联名 1 件，阈值 5 件）" {
			t.Fatalf("Y's warning: %q", w.Reason)
		}
		if got, want := linked(w), ids(append(ys, second)...); !slices.Equal(got, want) {
			t.Fatalf("Y's warning links %v, want %v", got, want)
		}

		// A phone number alone: a new citizen record each time, one person.
		pp := "13933330505"
		for i := range 6 {
			create(who("", pp))
			expect(fmt.Sprintf("phone-only case %d", i+1), map[bool]int{true: 3, false: 2}[i >= 4])
		}
		if w := repeats()[2]; w.Reason != "同一来访人 30 天内反映 5 件（阈值 5 件）" {
			t.Fatalf("phone-only warning: %q", w.Reason)
		}

		// R has four cases; his last is merged into D's case, which makes
		// him its co-signer: still four, no warning. His next case is the
		// fifth, not the sixth.
		r := idNumber("32010219740606123")
		var rs []*ent.Ticket
		for range 4 {
			rs = append(rs, create(who(r, "")))
		}
		kept := create(who(idNumber("32010219740606223"), ""))
		if _, err := e.App.Workflow.MergeTickets(disp, kept.ID, []int{rs[3].ID}); err != nil {
			t.Fatal(err)
		}
		expect("R's case merged into D's", 3)
		create(who(r, ""))
		expect("R's fifth case", 4)
		if w := repeats()[3]; w.Reason != "同一来访人 30 天内反映 5 件（阈值 5 件）" {
			t.Fatalf("R's warning: %q", w.Reason)
		}

		// Each warning is on each of its tickets' timelines once; no
		// number, in clear or hashed, where a warning went.
		var text []string
		for _, w := range repeats() {
			text = append(text, w.Reason)
			for _, id := range linked(w) {
				evs := c.TimelineEvent.Query().Where(timelineevent.TicketID(id), timelineevent.Action(workflow.ActionWarning)).AllX(sys)
				k := 0
				for _, ev := range evs {
					text = append(text, ev.Reason, fmt.Sprint(ev.After))
					if id, _ := ev.After["warningID"].(float64); int(id) == w.ID {
						k++
					}
				}
				if k != 1 {
					t.Fatalf("warning %d is %d times on ticket %d's timeline", w.ID, k, id)
				}
			}
		}
		for _, m := range c.Notification.Query().Where(notification.EventEQ(notification.EventWARNING)).AllX(sys) {
			text = append(text, fmt.Sprint(m.Payload))
		}
		secret := []string{x, px, a, y, py, z, pp, r}
		for _, ct := range c.Citizen.Query().AllX(sys) {
			if ct.IDNumberHash != nil {
				secret = append(secret, (*ct.IDNumberHash)[:16])
			}
			if ct.PhoneHash != nil {
				secret = append(secret, (*ct.PhoneHash)[:16])
			}
		}
		for _, s := range text {
			for _, x := range secret {
				if strings.Contains(s, x) {
					t.Fatalf("%q holds a number or its hash", s)
				}
			}
		}
	})
}
