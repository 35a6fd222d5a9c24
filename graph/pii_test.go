package graph_test

import (
	"bytes"
	"database/sql"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/auditlog"
	"github.com/minsheng/minsheng/ent/citizen"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/idnumber"
	"github.com/minsheng/minsheng/store/storetest"
)

// sampleCitizens maps the names of a demo district's citizens to what the
// demo data says about them: the values a reader in clear must get back.
func sampleCitizens(t *testing.T, code string) map[string]*demo.SampleCitizen {
	t.Helper()
	out := map[string]*demo.SampleCitizen{}
	for _, d := range demo.Districts {
		if d.Code != code {
			continue
		}
		for _, st := range d.Tickets {
			c := st.Citizen
			if c == nil {
				continue
			}
			if prev, ok := out[c.Name]; ok && prev.IDNumber != c.IDNumber {
				t.Fatalf("demo data has two citizens named %s: cannot tell them apart", c.Name)
			}
			out[c.Name] = c
		}
	}
	return out
}

var (
	mobile       = regexp.MustCompile(`^1\d{10}$`)
	maskedID     = regexp.MustCompile(`^\d{6}\*{8}\d{3}[\dX]$`)
	maskedMobile = regexp.MustCompile(`^1\d{2}\*{4}\d{4}$`)
)

// pickCitizen returns a demo-a citizen among those matching where, with an
// 18-character ID number and a mobile phone, so both masks can be checked.
func pickCitizen(t *testing.T, e *apptest.Env, a demoTenant, samples map[string]*demo.SampleCitizen, what string, where ...func(*ent.CitizenQuery)) (*ent.Citizen, *demo.SampleCitizen) {
	t.Helper()
	q := e.App.DB.Client.Citizen.Query().Order(ent.Asc(citizen.FieldID))
	for _, w := range where {
		w(q)
	}
	for _, c := range q.AllX(a.ctx) {
		if s := samples[c.Name]; s != nil && len(s.IDNumber) == 18 && mobile.MatchString(s.Phone) {
			return c, s
		}
	}
	t.Fatalf("demo-a has no citizen %s with an ID number and a mobile phone", what)
	return nil, nil
}

type citizenRead struct {
	ID       string
	IDNumber *string
	Phone    *string
}

// TestPIIRevealedOnlyToRolesThatMayReadIt reads the ID number and phone of
// two citizens as each role: one citizen with a ticket of 住建局 (the
// department of handler and dept_leader) and one whose tickets are all
// elsewhere. Every read in clear leaves one audit record per field; masked
// reads leave none.
func TestPIIRevealedOnlyToRolesThatMayReadIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		tok := tokens(t, e)
		samples := sampleCitizens(t, "demo-a")

		held, heldSample := pickCitizen(t, e, a, samples, "with a ticket of 住建局", func(q *ent.CitizenQuery) {
			q.Where(citizen.HasTicketsWith(ticket.DepartmentID(a.housing)))
		})
		away, awaySample := pickCitizen(t, e, a, samples, "with tickets only outside 住建局", func(q *ent.CitizenQuery) {
			q.Where(citizen.HasTickets(), citizen.Not(citizen.HasTicketsWith(ticket.DepartmentID(a.housing))))
		})
		heldTicket := c.Ticket.Query().Where(ticket.CitizenID(held.ID), ticket.DepartmentID(a.housing)).FirstIDX(a.ctx)
		awayTicket := c.Ticket.Query().Where(ticket.CitizenID(away.ID)).FirstIDX(a.ctx)

		// readVia asks for the citizen through its ticket, as a clerk's screen
		// does; byCitizen asks for the citizen itself, for callers who cannot
		// see the ticket (a handler and another department's ticket).
		readVia := func(who string, ticketID int) citizenRead {
			var out struct {
				Node struct{ Citizen citizenRead }
			}
			e.Do(t, tok[who], fmt.Sprintf(`{ node(id:%s) { ... on Ticket { citizen { id idNumber phone } } } }`, q(ticketID)), nil).
				Decode(t, &out)
			return out.Node.Citizen
		}
		byCitizen := func(who string, citizenID int) citizenRead {
			var out struct{ Node citizenRead }
			e.Do(t, tok[who], fmt.Sprintf(`{ node(id:%s) { ... on Citizen { id idNumber phone } } }`, q(citizenID)), nil).
				Decode(t, &out)
			return out.Node
		}

		cases := []struct {
			who        string
			actor      string // the name the audit record gives the reader
			heldClear  bool   // the 住建局 citizen in clear
			awayClear  bool   // the other citizen in clear
			awayDirect bool   // the other citizen's ticket is out of the caller's scope
			unreadable bool   // the caller may not read citizens: nothing comes back
		}{
			{who: "clerk", actor: "clerk", heldClear: true, awayClear: true},
			{who: "dispatcher", actor: "dispatcher", heldClear: true, awayClear: true},
			{who: "leader", actor: "leader", heldClear: true, awayClear: true},
			{who: "admin", actor: "admin", heldClear: true, awayClear: true},
			{who: "analyst", actor: "analyst"},
			// An API key reads no citizen at all (no citizen:read): see
			// TestRegisteringWithAKnownIDNumberRevealsAndReplacesNothing.
			{who: "integrator", actor: "apikey:x", unreadable: true},
			{who: "handler", actor: "handler", heldClear: true, awayDirect: true},
			{who: "dept_leader", actor: "dept_leader", heldClear: true, awayDirect: true},
		}
		for _, tc := range cases {
			for _, target := range []struct {
				name   string
				c      *ent.Citizen
				sample *demo.SampleCitizen
				clear  bool
				read   func() citizenRead
			}{
				{"citizen of 住建局", held, heldSample, tc.heldClear, func() citizenRead { return readVia(tc.who, heldTicket) }},
				{"citizen of another department", away, awaySample, tc.awayClear, func() citizenRead {
					if tc.awayDirect {
						return byCitizen(tc.who, away.ID)
					}
					return readVia(tc.who, awayTicket)
				}},
			} {
				last := 0
				if ids := c.AuditLog.Query().Order(ent.Desc(auditlog.FieldID)).Limit(1).IDsX(a.ctx); len(ids) > 0 {
					last = ids[0]
				}
				before := c.AuditLog.Query().CountX(a.ctx)
				got := target.read()
				after := c.AuditLog.Query().CountX(a.ctx)

				if tc.unreadable {
					if got.ID != "" || got.IDNumber != nil || got.Phone != nil || after != before {
						t.Errorf("%s reading the %s: got %+v and %d audit records, want nothing", tc.who, target.name, got, after-before)
					}
					continue
				}
				if got.ID != strconv.Itoa(target.c.ID) || got.IDNumber == nil || got.Phone == nil {
					t.Errorf("%s reading the %s: got %+v", tc.who, target.name, got)
					continue
				}
				id, phone := *got.IDNumber, *got.Phone
				if target.clear {
					if id != target.sample.IDNumber || len(id) != 18 || phone != target.sample.Phone || !mobile.MatchString(phone) {
						t.Errorf("%s reading the %s: %s / %s, want in clear %s / %s", tc.who, target.name,
							id, phone, target.sample.IDNumber, target.sample.Phone)
					}
					if after != before+2 {
						t.Errorf("%s read the %s in clear: %d audit records written, want 2 (one per field)", tc.who, target.name, after-before)
					}
					recs := c.AuditLog.Query().Where(auditlog.IDGT(last)).Order(ent.Asc(auditlog.FieldField)).AllX(a.ctx)
					var fields []string
					for _, r := range recs {
						fields = append(fields, r.Field)
						if r.ActorName != tc.actor || r.Action != "pii.read" || r.SubjectType != "Citizen" || r.SubjectID != target.c.ID {
							t.Errorf("%s read the %s: audit record %+v, want actor %s, action pii.read, subject Citizen %d",
								tc.who, target.name, r, tc.actor, target.c.ID)
						}
					}
					if !slices.Equal(fields, []string{"idNumber", "phone"}) {
						t.Errorf("%s read the %s: audited fields %v, want [idNumber phone]", tc.who, target.name, fields)
					}
					continue
				}
				s := target.sample
				wantID, wantPhone := s.IDNumber[:6]+"********"+s.IDNumber[14:], s.Phone[:3]+"****"+s.Phone[7:]
				if id != wantID || !maskedID.MatchString(id) || phone != wantPhone || !maskedMobile.MatchString(phone) {
					t.Errorf("%s reading the %s: %s / %s, want masked %s / %s", tc.who, target.name, id, phone, wantID, wantPhone)
				}
				if after != before {
					t.Errorf("%s read the %s masked, yet %d audit records were written", tc.who, target.name, after-before)
				}
			}
		}

		// The records are for the administrator only.
		var logs struct {
			AuditLogs struct {
				TotalCount int
				Edges      []struct {
					Node struct{ ActorName, Field, SubjectID string }
				}
			}
		}
		e.Do(t, tok["admin"], `{ auditLogs(first: 10) { totalCount edges { node { actorName field subjectID } } } }`, nil).Decode(t, &logs)
		if n := c.AuditLog.Query().CountX(a.ctx); logs.AuditLogs.TotalCount != n || len(logs.AuditLogs.Edges) != min(n, 10) {
			t.Errorf("admin reads %d audit records (%d on the page), want %d", logs.AuditLogs.TotalCount, len(logs.AuditLogs.Edges), n)
		}
		if code := e.Do(t, tok["clerk"], `{ auditLogs(first: 10) { totalCount } }`, nil).Code(); code != "FORBIDDEN" {
			t.Errorf("clerk reading audit records: code %q, want FORBIDDEN", code)
		}
	})
}

// TestPIISealedAtRest reads the citizens table with plain SQL, as someone
// with a copy of the database would, and finds no ID number or phone.
func TestPIISealedAtRest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)

		// What the service says each citizen's numbers are, read in clear by
		// each tenant's administrator.
		clear := map[string][2]string{} // citizen ID → ID number, phone
		for _, code := range []string{"demo-a", "demo-b"} {
			var out struct {
				Citizens struct {
					Edges []struct{ Node citizenRead }
				}
			}
			e.Do(t, e.Login(t, code, "admin"), `{ citizens(first: 100) { edges { node { id idNumber phone } } } }`, nil).Decode(t, &out)
			for _, edge := range out.Citizens.Edges {
				n := edge.Node
				if n.IDNumber == nil || n.Phone == nil || strings.Contains(*n.IDNumber, "*") {
					t.Fatalf("%s admin reads citizen %+v, want numbers in clear", code, n)
				}
				clear[n.ID] = [2]string{*n.IDNumber, *n.Phone}
			}
		}
		if len(clear) < 10 {
			t.Fatalf("only %d citizens with numbers in the demo tenants", len(clear))
		}

		rows, err := e.App.DB.SQL.Query(`SELECT id, id_number_sealed, id_number_hash, phone_sealed, phone_hash FROM citizens`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		hashes := map[string]string{} // id_number_hash → the ID number it stands for
		seen := 0
		for rows.Next() {
			var (
				id                   int
				idSealed, phoneSeal  []byte
				idHash, phoneHashCol sql.NullString
			)
			if err := rows.Scan(&id, &idSealed, &idHash, &phoneSeal, &phoneHashCol); err != nil {
				t.Fatal(err)
			}
			seen++
			stored := [][]byte{idSealed, phoneSeal, []byte(idHash.String), []byte(phoneHashCol.String)}
			for _, v := range clear {
				for _, plain := range v {
					for _, col := range stored {
						if bytes.Contains(col, []byte(plain)) || strings.Contains(hex.EncodeToString(col), plain) ||
							bytes.Contains(col, []byte(hex.EncodeToString([]byte(plain)))) {
							t.Errorf("citizen %d: a stored column holds %s in clear", id, plain)
						}
					}
				}
			}
			own, ok := clear[strconv.Itoa(id)]
			if !ok {
				t.Errorf("citizen %d is in the table but not in the answers", id)
				continue
			}
			if !idHash.Valid || idHash.String == "" {
				t.Errorf("citizen %d has an ID number but no hash", id)
				continue
			}
			if other, dup := hashes[idHash.String]; dup && other != own[0] {
				t.Errorf("two different ID numbers have the same hash")
			}
			hashes[idHash.String] = own[0]
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if seen != len(clear) {
			t.Errorf("%d rows in citizens, %d citizens answered", seen, len(clear))
		}
	})
}

// withCheckDigit completes 17 digits to a valid ID number.
func withCheckDigit(t *testing.T, first17 string) string {
	t.Helper()
	d, err := idnumber.CheckDigit(first17)
	if err != nil {
		t.Fatal(err)
	}
	return first17 + string(d)
}

// TestPIIInvalidIDNumbersWriteNothing registers tickets with wrong ID
// numbers as the clerk: each is refused with a message naming the problem,
// and neither a ticket nor a citizen is left behind.
func TestPIIInvalidIDNumbersWriteNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		clerk := e.Login(t, "demo-a", "clerk")

		valid := withCheckDigit(t, "11010519491231002") // a woman: the 17th digit is even
		wrongCheck := valid[:17] + string("0123456789X"[(strings.IndexByte("0123456789X", valid[17])+1)%11])
		cases := []struct {
			name     string
			idNumber string
			sex      string
			message  string // what the message must name
		}{
			{"wrong check digit", wrongCheck, "", "check digit"},
			{"17 characters", valid[:17], "", "18 characters"},
			{"impossible date", withCheckDigit(t, "32010219990230001"), "", "19990230"},
			{"sex contradicting the ID number", valid, "MALE", "sex"},
		}
		tickets, citizens, events := c.Ticket.Query().CountX(a.ctx), c.Citizen.Query().CountX(a.ctx), c.TimelineEvent.Query().CountX(a.ctx)
		for _, tc := range cases {
			sex := ""
			if tc.sex != "" {
				sex = ", sex:" + tc.sex
			}
			r := e.Do(t, clerk, fmt.Sprintf(`mutation { createTicket(input:{title:"t", body:"b", channel:PHONE,
				citizen:{name:"测试", idNumber:%q, phone:"13800001111"%s}}) { id } }`, tc.idNumber, sex), nil)
			if r.Code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, tc.message) {
				t.Errorf("%s (%s): %+v, want BAD_USER_INPUT naming %q", tc.name, tc.idNumber, r.Errors, tc.message)
			}
		}
		if n := c.Ticket.Query().CountX(a.ctx); n != tickets {
			t.Errorf("%d tickets after refused registrations, want %d", n, tickets)
		}
		if n := c.Citizen.Query().CountX(a.ctx); n != citizens {
			t.Errorf("%d citizens after refused registrations, want %d", n, citizens)
		}
		if n := c.TimelineEvent.Query().CountX(a.ctx); n != events {
			t.Errorf("%d timeline events after refused registrations, want %d", n, events)
		}
	})
}

// TestPIISameIDNumberReusesCitizen registers two tickets for one person,
// typing the ID number differently the second time: both point at one
// citizen, whose phone is the newer number.
func TestPIISameIDNumberReusesCitizen(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		clerk := e.Login(t, "demo-a", "clerk")

		id := withCheckDigit(t, "11010519491231002")
		if id[17] != 'X' {
			t.Fatalf("%s should end in X to test a lower-case x", id)
		}
		citizens := c.Citizen.Query().CountX(a.ctx)
		register := func(idNumber, phone string) string {
			var out struct {
				CreateTicket struct{ Citizen struct{ ID string } }
			}
			e.Do(t, clerk, fmt.Sprintf(`mutation { createTicket(input:{title:"t", body:"b", channel:PHONE,
				citizen:{name:"李华", idNumber:%q, phone:%q}}) { citizen { id } } }`, idNumber, phone), nil).Decode(t, &out)
			return out.CreateTicket.Citizen.ID
		}
		first := register(id, "13800001111")
		second := register("  "+strings.ToLower(id)+" ", "139 0000 2222")
		if first == "" || first != second {
			t.Fatalf("second ticket has citizen %q, the first %q: want the same", second, first)
		}
		if n := c.Citizen.Query().CountX(a.ctx); n != citizens+1 {
			t.Errorf("%d citizens after two tickets of one person, want %d", n, citizens+1)
		}

		var out struct {
			Node struct {
				IDNumber, Phone string
				Tickets         struct{ TotalCount int }
			}
		}
		e.Do(t, clerk, fmt.Sprintf(`{ node(id:%q) { ... on Citizen { idNumber phone tickets { totalCount } } } }`, first), nil).Decode(t, &out)
		// The first number stays the citizen's: a new one is kept as a
		// contact and on its own ticket, never in place of the old.
		if out.Node.IDNumber != id || out.Node.Phone != "13800001111" || out.Node.Tickets.TotalCount != 2 {
			t.Errorf("citizen = %+v, want ID %s, the first phone 13800001111 and 2 tickets", out.Node, id)
		}
	})
}

// The birth date fills in the eight digits a masked ID number hides, so it
// is shown only to those who may read the ID number in clear.
func TestPIIBirthDateHiddenFromMaskedReaders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		tok := tokens(t, e)
		const query = `{ citizens(first: 100) { edges { node { idNumber birthDate } } } }`
		type page struct {
			Citizens struct {
				Edges []struct {
					Node struct {
						IDNumber  *string
						BirthDate *string
					}
				}
			}
		}
		for caller, wantClear := range map[string]bool{"clerk": true, "leader": true, "analyst": false} {
			var out page
			e.Do(t, tok[caller], query, nil).Decode(t, &out)
			withID := 0
			for _, edge := range out.Citizens.Edges {
				n := edge.Node
				if n.IDNumber == nil {
					continue
				}
				withID++
				if wantClear && (n.BirthDate == nil || strings.ReplaceAll(*n.BirthDate, "-", "") != (*n.IDNumber)[6:14]) {
					t.Errorf("%s: birthDate %v does not match ID %s", caller, n.BirthDate, *n.IDNumber)
				}
				if !wantClear && n.BirthDate != nil {
					t.Errorf("%s sees birthDate %s beside masked ID %s", caller, *n.BirthDate, *n.IDNumber)
				}
			}
			if withID == 0 {
				t.Fatalf("%s saw no citizen with an ID number", caller)
			}
		}
	})
}
