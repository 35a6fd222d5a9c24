package graph_test

import (
	"math/rand"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/auditlog"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/synth"
)

// TestRegisterDraftCorrectsTheCitizenIntakeCreated: an ID card's draft
// links the citizen intake read; the clerk's corrected name, given as the
// draft is registered, overwrites that record when only this draft knows
// the person (timeline before/after, a pii.write audit record). When the
// person is known from another ticket, the record is kept and the REGISTER
// event says the correction was not applied — never silently lost.
func TestRegisterDraftCorrectsTheCitizenIntakeCreated(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		clerk := e.Login(t, "demo-a", "clerk")
		type event struct {
			Action        string
			Before, After map[string]any
		}
		var out struct {
			RegisterTicket struct {
				Citizen  *struct{ ID, Name string }
				Timeline []event
			}
		}
		const doc = `mutation($id:ID!, $in:RegisterTicketInput) { registerTicket(id:$id, input:$in) {
			citizen { id name } timeline { action before after } } }`
		writes := func() int {
			return e.App.DB.Client.AuditLog.Query().Where(auditlog.Action("pii.write")).CountX(a.ctx)
		}

		// Only this draft knows the person: the correction overwrites.
		p := synth.NewPerson(rand.New(rand.NewSource(11)))
		job := finished(t, e, clerk, submit(t, e, clerk, "ID_CARD", "card.png", encodePNG(t, synth.IDCardFront(p)), "").ID)
		if job.Ticket.Citizen == nil {
			t.Fatalf("the ID card's draft has no citizen: %+v", job)
		}
		read := job.Ticket.Citizen.Name
		fixed := "王强鑫"
		if read == fixed {
			fixed = "王强春"
		}
		w := writes()
		e.Do(t, clerk, doc, map[string]any{"id": job.Ticket.ID, "in": map[string]any{
			"title": "身份证登记", "citizen": map[string]any{"name": fixed, "idNumber": p.IDNumber}}}).Decode(t, &out)
		got := out.RegisterTicket
		if got.Citizen == nil || got.Citizen.Name != fixed {
			t.Fatalf("registered citizen %+v, want the corrected name %s", got.Citizen, fixed)
		}
		last := got.Timeline[len(got.Timeline)-1]
		if last.Action != "REGISTER" || last.Before["citizen.name"] != read || last.After["citizen.name"] != fixed {
			t.Errorf("REGISTER event before %v after %v: want citizen.name %s → %s", last.Before, last.After, read, fixed)
		}
		if n := writes() - w; n != 1 {
			t.Errorf("%d pii.write audit records for the corrected name, want 1", n)
		}

		// Known from another ticket: the record stays, and the event says so.
		q := synth.NewPerson(rand.New(rand.NewSource(12)))
		e.Do(t, clerk, `mutation($in:CreateTicketInput!) { createTicket(input:$in) { id } }`, map[string]any{"in": map[string]any{
			"title": "噪音扰民", "body": "夜间施工", "channel": "PHONE",
			"citizen": map[string]any{"name": "欧阳明", "idNumber": q.IDNumber}}}).Decode(t, &struct{}{})
		job = finished(t, e, clerk, submit(t, e, clerk, "ID_CARD", "card.png", encodePNG(t, synth.IDCardFront(q)), "").ID)
		w = writes()
		out.RegisterTicket.Citizen, out.RegisterTicket.Timeline = nil, nil // decode afresh: maps would merge
		e.Do(t, clerk, doc, map[string]any{"id": job.Ticket.ID, "in": map[string]any{
			"title": "身份证登记", "citizen": map[string]any{"name": "欧阳明亮", "idNumber": q.IDNumber}}}).Decode(t, &out)
		got = out.RegisterTicket
		if got.Citizen == nil || got.Citizen.Name != "欧阳明" {
			t.Fatalf("registered citizen %+v, want the known person's record kept (欧阳明)", got.Citizen)
		}
		last = got.Timeline[len(got.Timeline)-1]
		kept, _ := last.After["citizenCorrectionNotApplied"].([]any)
		if len(kept) != 1 || kept[0] != "name" || last.After["citizen.name"] != nil {
			t.Errorf("REGISTER event after %v: want citizenCorrectionNotApplied [name] and no name change", last.After)
		}
		if n := writes() - w; n != 0 {
			t.Errorf("%d pii.write audit records though nothing was written", n)
		}
	})
}
