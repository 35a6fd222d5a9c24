package workflow_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/auditlog"
	"github.com/minsheng/minsheng/ent/citizencontact"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/rule"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

// The citizen intake made for a draft goes when the clerk registers it with
// another person's ID number and nothing else names the record: removed
// with its phone numbers, audited, said on the REGISTER event. A record
// another ticket names stays.
func TestRegisterDraftRemovesTheCitizenIntakeMadeForIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		clerk := asUser(t, e, "demo-a", "clerk")
		c := e.App.DB.Client
		draft := func(who *directory.CitizenInput) *ent.Ticket {
			t.Helper()
			var d *ent.Ticket
			err := store.WithTx(clerk, c, func(tx *ent.Client) (err error) {
				d, err = e.App.Workflow.CreateDraft(clerk, tx, workflow.NewTicket{Title: "来信：反映噪音", Channel: ticket.ChannelLETTER, Citizen: who})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
		d := draft(person(t, 901, "13900009901")) // the ID number as OCR misread it
		sys := viewer.TenantSystemContext(context.Background(), d.TenantID)
		misread := *d.CitizenID
		got, err := e.App.Workflow.RegisterDraft(clerk, d.ID, &workflow.DraftCorrection{Citizen: person(t, 902, "13900009901")})
		if err != nil {
			t.Fatal(err)
		}
		if got.CitizenID == nil || *got.CitizenID == misread {
			t.Fatalf("registered with citizen %v, want a new record", got.CitizenID)
		}
		if _, err := c.Citizen.Get(sys, misread); !ent.IsNotFound(err) {
			t.Fatalf("the misread record is still there (%v)", err)
		}
		if n := c.CitizenContact.Query().Where(citizencontact.CitizenID(misread)).CountX(sys); n != 0 {
			t.Fatalf("%d contacts of the removed record left", n)
		}
		if n := c.AuditLog.Query().Where(auditlog.Action("citizen.remove"), auditlog.SubjectID(misread)).CountX(sys); n != 1 {
			t.Fatalf("%d audit records of the removal", n)
		}
		ev := c.TimelineEvent.Query().Where(timelineevent.TicketID(d.ID), timelineevent.Action(workflow.ActionRegister)).OnlyX(sys)
		if fmt.Sprint(ev.After["citizenRemoved"]) != fmt.Sprint(float64(misread)) {
			t.Fatalf("REGISTER after %v, want citizenRemoved %d", ev.After, misread)
		}

		// A person known from another ticket is kept.
		if _, err := e.App.Workflow.CreateTicket(clerk, workflow.NewTicket{Title: "反映噪音", Channel: ticket.ChannelPHONE, Citizen: person(t, 903, "")}); err != nil {
			t.Fatal(err)
		}
		d = draft(person(t, 903, ""))
		known := *d.CitizenID
		if _, err := e.App.Workflow.RegisterDraft(clerk, d.ID, &workflow.DraftCorrection{Citizen: person(t, 904, "")}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Citizen.Get(sys, known); err != nil {
			t.Fatalf("a citizen another ticket names was removed: %v", err)
		}
		ev = c.TimelineEvent.Query().Where(timelineevent.TicketID(d.ID), timelineevent.Action(workflow.ActionRegister)).OnlyX(sys)
		if _, ok := ev.After["citizenRemoved"]; ok {
			t.Fatalf("REGISTER after %v names a removal", ev.After)
		}

		// The removal's permission deletes contacts only: history stays
		// undeletable under it.
		if err := c.TimelineEvent.DeleteOneID(ev.ID).Exec(rule.WithOrphanRemoval(sys)); !errors.Is(err, rule.ErrAppendOnly) {
			t.Fatalf("a timeline event deleted under WithOrphanRemoval: %v", err)
		}
	})
}
