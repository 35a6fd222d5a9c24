package graph_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/auditlog"
	"github.com/minsheng/minsheng/store/storetest"
)

// TestCoSignersMaskedLikeTheCitizen registers a co-signed letter over
// GraphQL, sends it to 住建局, and reads its co-signers as every caller: in
// clear and audited (one record per field) for those who may read personal
// data (pii:read, or pii:read_held on a ticket their department holds),
// masked and unaudited for the analyst, nothing for an API key, and the
// ticket itself hidden from those outside its row scope. signerCount is
// the same for all who see the ticket. Bad co-signers answer BAD_USER_INPUT
// and store nothing.
func TestCoSignersMaskedLikeTheCitizen(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		tok := tokens(t, e)
		idNumber := withCheckDigit(t, "32010219750305123")
		phone1, phone2 := "13955551234", "13766664321"
		in := map[string]any{
			"title": "联名反映小区噪音", "body": "银城东苑北侧工地夜间施工，以下住户联名反映。", "channel": "LETTER",
			"citizen": map[string]any{"name": "王五", "phone": "13800001234"},
			"coSigners": []any{
				map[string]any{"name": "赵六", "idNumber": idNumber, "phone": phone1},
				map[string]any{"name": "钱七", "phone": phone2},
			},
		}
		const create = `mutation($in: CreateTicketInput!) { createTicket(input: $in) { id signerCount } }`
		var created struct {
			CreateTicket struct {
				ID          string
				SignerCount int
			}
		}
		e.Do(t, tok["clerk"], create, map[string]any{"in": in}).Decode(t, &created)
		if created.CreateTicket.SignerCount != 3 {
			t.Fatalf("signerCount %d, want 3", created.CreateTicket.SignerCount)
		}
		id := created.CreateTicket.ID
		e.Do(t, tok["dispatcher"], fmt.Sprintf(`mutation { dispatchTicket(id:%q, input:{departmentID:%s}) { id } }`, id, q(a.housing)), nil).
			Decode(t, &struct{}{})

		type signer struct {
			ID       string
			Name     string
			IDNumber *string
			Phone    *string
		}
		read := func(who string) (*struct {
			SignerCount int
			CoSigners   []signer
		}, int) {
			before := c.AuditLog.Query().CountX(a.ctx)
			var out struct {
				Node *struct {
					SignerCount int
					CoSigners   []signer
				}
			}
			e.Do(t, tok[who], fmt.Sprintf(`{ node(id:%q) { ... on Ticket { signerCount coSigners { id name idNumber phone } } } }`, id), nil).
				Decode(t, &out)
			return out.Node, c.AuditLog.Query().CountX(a.ctx) - before
		}
		maskedID := idNumber[:6] + "********" + idNumber[14:]
		for _, tc := range []struct {
			who   string
			see   string // "clear", "masked", "none" (no co-signers), "hidden" (no ticket)
			audit int
		}{
			{"admin", "clear", 3}, {"clerk", "clear", 3}, {"dispatcher", "clear", 3}, {"leader", "clear", 3},
			{"handler", "clear", 3}, {"dept_leader", "clear", 3},
			{"analyst", "masked", 0}, {"integrator", "none", 0}, {"grid_worker", "hidden", 0},
		} {
			last := 0
			if ids := c.AuditLog.Query().Order(ent.Desc(auditlog.FieldID)).Limit(1).IDsX(a.ctx); len(ids) > 0 {
				last = ids[0]
			}
			got, audited := read(tc.who)
			if audited != tc.audit {
				t.Errorf("%s: %d audit records, want %d", tc.who, audited, tc.audit)
			}
			if tc.see == "hidden" {
				if got != nil {
					t.Errorf("%s sees the ticket outside his row scope", tc.who)
				}
				continue
			}
			if got == nil || got.SignerCount != 3 {
				t.Errorf("%s: ticket %+v, want 3 signers", tc.who, got)
				continue
			}
			if tc.see == "none" {
				if len(got.CoSigners) != 0 {
					t.Errorf("%s reads co-signers %+v without citizen:read", tc.who, got.CoSigners)
				}
				continue
			}
			if len(got.CoSigners) != 2 || got.CoSigners[0].Name != "赵六" || got.CoSigners[1].Name != "钱七" || got.CoSigners[1].IDNumber != nil {
				t.Errorf("%s: co-signers %+v", tc.who, got.CoSigners)
				continue
			}
			first, second := got.CoSigners[0], got.CoSigners[1]
			wantID, want1, want2 := idNumber, phone1, phone2
			if tc.see == "masked" {
				wantID, want1, want2 = maskedID, phone1[:3]+"****"+phone1[7:], phone2[:3]+"****"+phone2[7:]
			}
			if *first.IDNumber != wantID || *first.Phone != want1 || *second.Phone != want2 {
				t.Errorf("%s reads %s / %s / %s, want %s / %s / %s", tc.who, *first.IDNumber, *first.Phone, *second.Phone, wantID, want1, want2)
			}
			for _, r := range c.AuditLog.Query().Where(auditlog.IDGT(last)).AllX(a.ctx) {
				if r.SubjectType != "Citizen" || r.Action != "pii.read" || (fmt.Sprint(r.SubjectID) != first.ID && fmt.Sprint(r.SubjectID) != second.ID) {
					t.Errorf("%s: audit record %+v, want pii.read of a co-signer", tc.who, r)
				}
			}
		}

		// Refusals: a bad ID number (named by position), more than the list
		// cap; nothing is stored.
		tickets := c.Ticket.Query().CountX(a.ctx)
		bad := idNumber[:17] + map[bool]string{true: "1", false: "0"}[idNumber[17] == '0']
		in["coSigners"] = []any{map[string]any{"name": "孙八"}, map[string]any{"idNumber": bad}}
		if r := e.Do(t, tok["clerk"], create, map[string]any{"in": in}); r.Code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "co-signer 2") {
			t.Errorf("bad co-signer ID number: %+v", r.Errors)
		}
		many := make([]any, 101)
		for i := range many {
			many[i] = map[string]any{"name": fmt.Sprintf("居民%d", i)}
		}
		in["coSigners"] = many
		if r := e.Do(t, tok["clerk"], create, map[string]any{"in": in}); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("101 co-signers: %+v", r.Errors)
		}
		if n := c.Ticket.Query().CountX(a.ctx); n != tickets {
			t.Errorf("%d tickets stored by refused registrations", n-tickets)
		}
	})
}

// Citizen.tickets lists the tickets a person signed as their citizen and
// those he co-signed; signedAs tells them apart. Each caller sees only the
// tickets of his row scope (the department leader: 住建局's), and the
// numbers on them are masked as everywhere.
func TestCitizenTicketsIncludeCoSigned(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		tok := tokens(t, e)
		idNumber := withCheckDigit(t, "32010219780405123")
		zhao := map[string]any{"name": "赵六", "idNumber": idNumber}
		create := func(title string, citizen map[string]any, co ...any) (ticketID, citizenID string) {
			t.Helper()
			in := map[string]any{"title": title, "body": title + "，请尽快处理。", "channel": "LETTER", "citizen": citizen}
			if len(co) > 0 {
				in["coSigners"] = co
			}
			var out struct {
				CreateTicket struct {
					ID      string
					Citizen struct{ ID string }
				}
			}
			e.Do(t, tok["clerk"], `mutation($in: CreateTicketInput!) { createTicket(input: $in) { id citizen { id } } }`,
				map[string]any{"in": in}).Decode(t, &out)
			return out.CreateTicket.ID, out.CreateTicket.Citizen.ID
		}
		letter, _ := create("联名反映工地扬尘", map[string]any{"name": "王五", "phone": "13800004321"}, zhao)
		e.Do(t, tok["dispatcher"], fmt.Sprintf(`mutation { dispatchTicket(id:%q, input:{departmentID:%s}) { id } }`, letter, q(a.housing)), nil).
			Decode(t, &struct{}{})
		_, person := create("反映楼道堆物", zhao)
		create("联名反映停车难", map[string]any{"name": "孙八", "phone": "13800008765"}, zhao)

		type list struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Title   string
					Citizen *struct{ IDNumber *string }
				}
			}
		}
		read := func(who string) (all, own, co list) {
			var out struct {
				Node *struct{ All, Own, Co list }
			}
			page := `first: 10, orderBy: {field: REGISTERED_AT}`
			sel := `{ totalCount edges { node { title citizen { idNumber } } } }`
			e.Do(t, tok[who], fmt.Sprintf(`{ node(id:%q) { ... on Citizen { all: tickets(%s) %s own: tickets(%s, signedAs: CITIZEN) %s co: tickets(%s, signedAs: CO_SIGNER) %s } } }`,
				person, page, sel, page, sel, page, sel), nil).Decode(t, &out)
			if out.Node == nil {
				t.Fatalf("%s cannot read the citizen", who)
			}
			return out.Node.All, out.Node.Own, out.Node.Co
		}
		titles := func(l list) string {
			var s []string
			for _, e := range l.Edges {
				s = append(s, e.Node.Title)
			}
			return fmt.Sprintf("%d %v", l.TotalCount, s)
		}
		all, own, co := read("dispatcher")
		if titles(all) != "3 [联名反映工地扬尘 反映楼道堆物 联名反映停车难]" || titles(own) != "1 [反映楼道堆物]" ||
			titles(co) != "2 [联名反映工地扬尘 联名反映停车难]" {
			t.Fatalf("dispatcher reads all %s, own %s, co-signed %s", titles(all), titles(own), titles(co))
		}
		// The department leader sees 住建局's letter only.
		all, own, co = read("dept_leader")
		if titles(all) != "1 [联名反映工地扬尘]" || titles(own) != "0 []" || titles(co) != "1 [联名反映工地扬尘]" {
			t.Fatalf("dept leader reads all %s, own %s, co-signed %s", titles(all), titles(own), titles(co))
		}
		// The analyst reads the person's own ticket with his number masked.
		_, own, _ = read("analyst")
		if len(own.Edges) != 1 || own.Edges[0].Node.Citizen == nil || own.Edges[0].Node.Citizen.IDNumber == nil ||
			*own.Edges[0].Node.Citizen.IDNumber != idNumber[:6]+"********"+idNumber[14:] {
			t.Fatalf("analyst reads %+v, want the ID number masked", own.Edges)
		}
	})
}
