package workflow_test

import (
	"context"
	"testing"
	"time"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

func newDraft(t *testing.T, e *apptest.Env, ctx context.Context) *ent.Ticket {
	t.Helper()
	var d *ent.Ticket
	err := store.WithTx(ctx, e.App.DB.Client, func(tx *ent.Client) (err error) {
		d, err = e.App.Workflow.CreateDraft(ctx, tx, workflow.NewTicket{Title: "待识别：来电录音", Channel: ticket.ChannelPHONE})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// A clerk's change landing between intake's read of a draft and its write
// is not overwritten: the fill loses the version check, reads again and
// fills only what is still blank; the version moves, the INTAKE event names
// what was filled, intake's job ends in the same transaction, and this
// process's subscribers are woken.
func TestIntakeFillRacingAnEditKeepsTheEdit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		clerk := asUser(t, e, "demo-a", "clerk")
		draft := newDraft(t, e, clerk)
		sys := viewer.TenantSystemContext(context.Background(), draft.TenantID)
		wake, stop := workflow.Changes(e.App.Workflow).Subscribe(draft.ID)
		defer stop()

		reads := 0
		defer workflow.SetBeforeFill(func(seen *ent.Ticket) {
			reads++
			if reads == 1 { // the clerk types a body meanwhile, as an edit does: a new version
				e.App.DB.Client.Ticket.UpdateOneID(seen.ID).SetBody("来电人说电梯坏了三天").AddVersion(1).ExecX(sys)
			}
		})()
		done := 0
		out, err := e.App.Workflow.FillFromIntake(sys, draft.ID, workflow.IntakeFill{
			Job: 1, Kind: "VOICE",
			Body:         &workflow.Read{Value: "识别出的录音文字", Confidence: 0.9},
			Title:        &workflow.Read{Value: "电梯故障", Confidence: 0.8},
			Placeholders: []string{"待识别：来电录音"},
			Done:         func(context.Context, *ent.Client, time.Time) error { done++; return nil },
		})
		if err != nil {
			t.Fatal(err)
		}
		if out.Body != "来电人说电梯坏了三天" || out.Title != "电梯故障" {
			t.Errorf("after the race: body %q title %q; want the clerk's body kept and the title filled", out.Body, out.Title)
		}
		if reads != 2 || done != 1 || out.Version != draft.Version+2 {
			t.Errorf("reads %d, job ended %d times, version %d→%d; want 2 reads, 1 end, two new versions", reads, done, draft.Version, out.Version)
		}
		ev := e.App.DB.Client.TimelineEvent.Query().
			Where(timelineevent.TicketID(draft.ID), timelineevent.Action(workflow.ActionIntake)).OnlyX(sys)
		filled, _ := ev.After["filled"].(map[string]any)
		if _, ok := filled["body"]; ok || filled["title"] == nil {
			t.Errorf("INTAKE event says filled %v; want the title only", filled)
		}
		select {
		case <-wake:
		default:
			t.Error("the ticket's subscribers were not woken")
		}
	})
}

// A ticket that never holds still makes the fill give up with CONFLICT
// (the job is tried again later), never loop or write blind.
func TestIntakeFillGivesUpOnATicketThatKeepsChanging(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		draft := newDraft(t, e, asUser(t, e, "demo-a", "clerk"))
		sys := viewer.TenantSystemContext(context.Background(), draft.TenantID)
		defer workflow.SetBeforeFill(func(seen *ent.Ticket) {
			e.App.DB.Client.Ticket.UpdateOneID(seen.ID).AddVersion(1).ExecX(sys)
		})()
		_, err := e.App.Workflow.FillFromIntake(sys, draft.ID, workflow.IntakeFill{
			Body: &workflow.Read{Value: "识别出的录音文字", Confidence: 0.9},
		})
		if minsheng.ErrorCode(err) != minsheng.ECONFLICT {
			t.Fatalf("fill of a ticket changing under it: %v, want CONFLICT", err)
		}
		if got := e.App.DB.Client.Ticket.GetX(sys, draft.ID); got.Body != "" {
			t.Errorf("body %q written blind", got.Body)
		}
	})
}

// A number read from a letter is where that ticket's messages go, as with a
// ticket registered by hand: the ticket keeps it as its contact.
func TestIntakeFillGivesTheTicketItsContactNumber(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		clerk := asUser(t, e, "demo-a", "clerk")
		draft := newDraft(t, e, clerk)
		sys := viewer.TenantSystemContext(context.Background(), draft.TenantID)
		name, phone := "赵立新", "13912345678"
		out, err := e.App.Workflow.FillFromIntake(sys, draft.ID, workflow.IntakeFill{
			Job: 1, Kind: "LETTER",
			Citizen: &workflow.FillCitizen{In: directory.CitizenInput{Name: &name, Phone: &phone},
				Confidence: map[string]float64{"name": 0.9, "phone": 0.95}},
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := e.App.Directory.TicketContactPhone(clerk, out)
		if err != nil || got == nil || *got != phone {
			t.Fatalf("the filled ticket's contact phone is %v (%v), want %s", got, err, phone)
		}
	})
}
