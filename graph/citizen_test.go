package graph_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/citizen"
	"github.com/minsheng/minsheng/ent/citizencontact"
	"github.com/minsheng/minsheng/store/storetest"
)

// Registering with a known ID number links the ticket to that citizen, but
// a registrant who may not read citizens (a grid worker, an API key) learns
// nothing of them: not the name or address on record, not even that there
// was a record — the answers and errors are the same for a number nobody
// registered before — and the number the registrant gives does not replace
// the citizen's: it is kept as a new contact and as the ticket's own.
func TestRegisteringWithAKnownIDNumberRevealsAndReplacesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		tok := tokens(t, e)
		known := withCheckDigit(t, "32010219800101123")
		register := func(who, idNumber, name, phone string) *apptest.Response {
			return e.Do(t, tok[who], `mutation($in:CreateTicketInput!) { createTicket(input:$in) {
				title citizen { id name address idNumber phone } contactPhone } }`, map[string]any{"in": map[string]any{
				"title": "路灯不亮", "body": "小区路灯坏了", "channel": "GRID",
				"citizen": map[string]any{"name": name, "idNumber": idNumber, "phone": phone},
			}})
		}
		var first struct {
			CreateTicket struct {
				Citizen struct{ ID, Name, Address, Phone string }
			}
		}
		e.Do(t, tok["clerk"], `mutation($in:CreateTicketInput!) { createTicket(input:$in) { citizen { id name address phone } } }`,
			map[string]any{"in": map[string]any{"title": "噪音扰民", "body": "夜间施工", "channel": "PHONE",
				"citizen": map[string]any{"name": "欧阳明", "idNumber": known, "phone": "13851110000", "address": "玄武区珠江路88号"}}}).
			Decode(t, &first)
		citizenID := first.CreateTicket.Citizen.ID

		for n, who := range []string{"grid_worker", "integrator"} {
			fresh := withCheckDigit(t, fmt.Sprintf("32010219810203%d12", n+3))
			withKnown := register(who, known, "张三", "13962220000")
			withFresh := register(who, fresh, "张三", "13962220000")
			if len(withKnown.Errors) > 0 || !bytes.Equal(withKnown.Data, withFresh.Data) {
				t.Errorf("%s: a known ID number answers %s, an unknown one %s: they must not differ", who, answerShape(withKnown), answerShape(withFresh))
			}
			for _, secret := range []string{"欧阳", "珠江路", "13851110000", known, `"` + citizenID + `"`} {
				if bytes.Contains(withKnown.Data, []byte(secret)) {
					t.Errorf("%s registering with a known ID number reads %q: %s", who, secret, withKnown.Data)
				}
			}
			// Errors are the same too: everything typed is checked before any
			// citizen is looked up.
			long := strings.Repeat("名", 65)
			ek, ef := register(who, known, long, ""), register(who, fresh, long, "")
			if ek.Code() != "BAD_USER_INPUT" || answerShape(ek) != answerShape(ef) {
				t.Errorf("%s: a too long name answers %s with a known ID number, %s with an unknown one", who, answerShape(ek), answerShape(ef))
			}
			// The grid worker reads his ticket's citizen no other way either.
			r := e.Do(t, tok[who], `{ tickets(first:100, where:{title:"路灯不亮"}) { edges { node { citizen { name } } } } }`, nil)
			if bytes.Contains(r.Data, []byte("欧阳")) || len(r.Errors) > 0 {
				t.Errorf("%s listing his tickets: %s", who, answerShape(r))
			}
		}

		// One citizen still, linked to every ticket; the first number is
		// still the citizen's, the new one kept beside it and on its tickets.
		if n := c.Citizen.Query().Where(citizen.Name("欧阳明")).CountX(a.ctx); n != 1 {
			t.Fatalf("%d citizens named 欧阳明, want 1", n)
		}
		var read struct {
			Node struct {
				Name, Phone string
				Tickets     struct {
					TotalCount int
					Edges      []struct {
						Node struct{ ContactPhone *string }
					}
				}
			}
		}
		e.Do(t, tok["clerk"], `query($id:ID!) { node(id:$id) { ... on Citizen { name phone
			tickets(first:10) { totalCount edges { node { contactPhone } } } } } }`, map[string]any{"id": citizenID}).Decode(t, &read)
		if read.Node.Name != "欧阳明" || read.Node.Phone != "13851110000" || read.Node.Tickets.TotalCount != 3 {
			t.Errorf("the citizen reads %+v: want 欧阳明, the first phone 13851110000, 3 tickets", read.Node)
		}
		phones := map[string]int{}
		for _, edge := range read.Node.Tickets.Edges {
			if edge.Node.ContactPhone != nil {
				phones[*edge.Node.ContactPhone]++
			}
		}
		if phones["13851110000"] != 1 || phones["13962220000"] != 2 {
			t.Errorf("the tickets' contact phones are %v: want each ticket's own number", phones)
		}
		cid := mustAtoi(t, citizenID)
		contacts := c.CitizenContact.Query().Where(citizencontact.CitizenID(cid)).AllX(a.ctx)
		if len(contacts) != 2 {
			t.Errorf("%d contacts of the citizen, want 2 (both numbers, once each)", len(contacts))
		}
		for _, k := range contacts {
			if bytes.Contains(k.PhoneSealed, []byte("1385111")) || bytes.Contains(k.PhoneSealed, []byte("1396222")) || k.PhoneHash == "" {
				t.Errorf("a contact is not sealed and hashed: %q", k.PhoneSealed)
			}
		}
		// Masked readers see the ticket's number masked.
		var masked struct {
			Tickets struct {
				Edges []struct {
					Node struct{ ContactPhone *string }
				}
			}
		}
		e.Do(t, tok["analyst"], `{ tickets(first:100, where:{title:"路灯不亮"}) { edges { node { contactPhone } } } }`, nil).Decode(t, &masked)
		for _, edge := range masked.Tickets.Edges {
			if p := edge.Node.ContactPhone; p == nil || *p == "13962220000" || !strings.HasPrefix(*p, "139") {
				t.Errorf("the analyst reads contact phone %v, want it masked", p)
			}
		}
	})
}
