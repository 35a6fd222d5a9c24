package graph_test

import (
	"strconv"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/store/storetest"
)

const registerDraftDoc = `mutation($id:ID!, $in:RegisterTicketInput) {
	registerTicket(id:$id, input:$in) { id status title place anonymous category { id }
		citizen { name } timeline { action fromStatus toStatus before after } } }`

// TestRegisterDraftWithCorrections: the clerk's corrections land on the
// draft an upload opened as it is registered (no second ticket), the
// REGISTER event keeps each corrected field before and after, the draft
// leaves the list of drafts; registering it again is CONFLICT, another
// tenant's clerk finds no such draft, and a bad correction changes nothing.
func TestRegisterDraftWithCorrections(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		clerk := e.Login(t, "demo-a", "clerk")
		job := submit(t, e, clerk, "LETTER", "来信.png", testPNG(t, 9), "")
		finished(t, e, clerk, job.ID)
		draft := job.Ticket.ID
		cat := e.App.DB.Client.Category.Query().Where(category.TenantID(a.id)).FirstIDX(a.ctx)
		tickets := func() int { return e.App.DB.Client.Ticket.Query().CountX(a.ctx) }
		before := tickets()

		// Another tenant's clerk: no such ticket.
		other := e.Login(t, "demo-b", "clerk")
		if r := e.Do(t, other, registerDraftDoc, map[string]any{"id": draft, "in": map[string]any{"title": "改"}}); r.Code() != "NOT_FOUND" {
			t.Fatalf("demo-b clerk registers demo-a's draft: %q %+v, want NOT_FOUND", r.Code(), r.Errors)
		}
		// A bad correction (an empty title, a citizen of an anonymous
		// ticket) is refused and leaves the draft a draft.
		for _, in := range []map[string]any{
			{"title": "  "},
			{"anonymous": true, "citizen": map[string]any{"name": "张三"}},
		} {
			if r := e.Do(t, clerk, registerDraftDoc, map[string]any{"id": draft, "in": in}); r.Code() != "BAD_USER_INPUT" {
				t.Errorf("register with %v: %q, want BAD_USER_INPUT", in, r.Code())
			}
		}

		in := map[string]any{
			"title": "小区路灯损坏", "place": "中山路12号", "categoryID": cat,
			"citizen": map[string]any{"name": "李明", "phone": "13800138000"},
		}
		var out struct {
			RegisterTicket struct {
				ID, Status, Title, Place string
				Anonymous                bool
				Category                 *struct{ ID string }
				Citizen                  *struct{ Name string }
				Timeline                 []struct {
					Action, FromStatus, ToStatus string
					Before, After                map[string]any
				}
			}
		}
		e.Do(t, clerk, registerDraftDoc, map[string]any{"id": draft, "in": in}).Decode(t, &out)
		got := out.RegisterTicket
		if got.ID != draft || got.Status != "REGISTERED" || got.Title != "小区路灯损坏" || got.Place != "中山路12号" ||
			got.Category == nil || got.Category.ID != strconv.Itoa(cat) || got.Citizen == nil || got.Citizen.Name != "李明" {
			t.Fatalf("registered: %+v", got)
		}
		if n := tickets(); n != before {
			t.Errorf("%d tickets after registering the draft, %d before: registering must not make a new one", n, before)
		}
		last := got.Timeline[len(got.Timeline)-1]
		if last.Action != "REGISTER" || last.FromStatus != "DRAFT" || last.ToStatus != "REGISTERED" {
			t.Fatalf("last event %+v, want REGISTER DRAFT→REGISTERED", last)
		}
		if last.After["title"] != "小区路灯损坏" || last.Before["title"] == nil || last.Before["title"] == "小区路灯损坏" ||
			last.After["place"] != "中山路12号" || last.After["citizen"] == nil || last.Before["citizen"] != nil {
			t.Errorf("REGISTER event before %v after %v: want the corrected title, place and citizen", last.Before, last.After)
		}

		// Gone from the drafts.
		var drafts struct {
			Tickets struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		e.Do(t, clerk, `{ tickets(first:100, where:{status:DRAFT}) { edges { node { id } } } }`, nil).Decode(t, &drafts)
		for _, d := range drafts.Tickets.Edges {
			if d.Node.ID == draft {
				t.Errorf("the registered draft is still listed among drafts")
			}
		}
		// Registering it again: CONFLICT.
		if r := e.Do(t, clerk, registerDraftDoc, map[string]any{"id": draft, "in": map[string]any{"title": "再改"}}); r.Code() != "CONFLICT" {
			t.Errorf("second register: %q %+v, want CONFLICT", r.Code(), r.Errors)
		}
	})
}
