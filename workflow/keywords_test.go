package workflow_test

import (
	"context"
	"slices"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/ticketkeyword"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/topics"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

// A ticket's keywords follow its text through the life cycle: a draft gets
// them without a registration time, intake's fill replaces them from the
// filled text, registering the draft stamps them with its registration
// time; a ticket registered at once has them stamped from the start, with
// the tenant's word list as it stands.
func TestKeywordsFollowTheTicketsText(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		clerk := asUser(t, e, "demo-a", "clerk")
		c := e.App.DB.Client
		kws := func(ctx context.Context, id int) []*ent.TicketKeyword {
			return c.TicketKeyword.Query().Where(ticketkeyword.TicketID(id)).Order(ent.Desc(ticketkeyword.FieldWeight)).AllX(ctx)
		}
		has := func(rows []*ent.TicketKeyword, w string) bool {
			return slices.ContainsFunc(rows, func(k *ent.TicketKeyword) bool { return k.Word == w })
		}

		draft := newDraft(t, e, clerk)
		sys := viewer.TenantSystemContext(context.Background(), draft.TenantID)
		for _, k := range kws(sys, draft.ID) {
			if k.At != nil {
				t.Errorf("a draft's keyword %q has a registration time", k.Word)
			}
		}
		_, err := e.App.Workflow.FillFromIntake(sys, draft.ID, workflow.IntakeFill{
			Job: 1, Kind: "VOICE",
			Body:         &workflow.Read{Value: "我家楼上的住户装修，电钻噪音从早到晚不停，请管一管。", Confidence: 0.9},
			Title:        &workflow.Read{Value: "装修噪音扰民", Confidence: 0.8},
			Placeholders: []string{"待识别：来电录音"},
		})
		if err != nil {
			t.Fatal(err)
		}
		filled := kws(sys, draft.ID)
		if !has(filled, "电钻") || !has(filled, "噪音") || has(filled, "录音") {
			t.Errorf("after the fill the keywords are %v; want the filled text's (电钻, 噪音)", filled)
		}
		reg, err := e.App.Workflow.RegisterTicket(clerk, draft.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range kws(sys, draft.ID) {
			if k.At == nil || !k.At.Equal(*reg.RegisteredAt) {
				t.Errorf("registered draft's keyword %q at %v, want %v", k.Word, k.At, reg.RegisteredAt)
			}
		}

		// The word list applies to the next ticket.
		if _, err := topics.SetWordList(clerk, c, []string{"锦江绿道"}, []string{"噪音"}, nil); err != nil {
			t.Fatal(err)
		}
		tk, err := e.App.Workflow.CreateTicket(clerk, workflow.NewTicket{Title: "锦江绿道夜间噪音", Body: "锦江绿道晚上噪音很大。", Channel: ticket.ChannelPHONE})
		if err != nil {
			t.Fatal(err)
		}
		rows := kws(sys, tk.ID)
		if !has(rows, "锦江绿道") || has(rows, "噪音") || len(rows) == 0 || rows[0].At == nil {
			t.Errorf("keywords with the word list: %v", rows)
		}
		if !has(kws(sys, draft.ID), "噪音") {
			t.Error("an earlier ticket's keywords changed with the word list")
		}
	})
}
