package graph_test

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/auditlog"
	"github.com/minsheng/minsheng/ent/intakejob"
	"github.com/minsheng/minsheng/reading"
	"github.com/minsheng/minsheng/store/storetest"
)

// letterNumbers are the personal numbers planted in a letter's ticket.
type letterNumbers struct {
	id, mobile, landline string // as stored in clear: digits only
}

// clearForms are the ways a number can stand in a column or an answer,
// compared on text with separators taken out (see squeeze).
func (n letterNumbers) clearForms() []string {
	return []string{n.id, strings.ToLower(n.id), n.mobile, n.landline}
}

// squeeze drops the separators people put into numbers and turns
// full-width digits into ASCII, so a number is found however it was
// written.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + r - '０'
		case strings.ContainsRune(" \t\n\u00a0\u3000-－()（）.", r):
			return -1
		}
		return r
	}, s)
}

// letterTicket registers, as an office would, a ticket from a letter that
// names the citizen's ID number, mobile and landline: its title, body and
// place; an intake job that read it; a dispatch note; a reply whose five
// elements repeat the numbers; a callback note; a supplement by the
// citizen; a reopening reason. It returns the ticket's ID and the numbers.
func letterTicket(t *testing.T, e *apptest.Env, a demoTenant, tok map[string]string) (int, letterNumbers) {
	t.Helper()
	n := letterNumbers{id: withCheckDigit(t, "32010219900307123"), mobile: "13912348765", landline: "02583127654"}
	grouped := n.id[:6] + " " + n.id[6:14] + " " + n.id[14:]
	spaced := "139-1234-8765"
	text := fmt.Sprintf("我叫王五，身份证号 %s，电话 %s，座机(025)83127654。", grouped, spaced)

	var created struct{ CreateTicket struct{ ID string } }
	e.Do(t, tok["clerk"], `mutation($in:CreateTicketInput!) { createTicket(input:$in) { id } }`, map[string]any{"in": map[string]any{
		"title": "电梯停运 回电" + n.mobile, "body": text + "小区电梯停运三天。", "channel": "LETTER",
		"place":   "幸福小区3栋 联系人" + spaced,
		"citizen": map[string]any{"name": "王五", "idNumber": n.id, "phone": n.mobile},
	}}).Decode(t, &created)
	var id int
	fmt.Sscan(created.CreateTicket.ID, &id)
	if id == 0 {
		t.Fatal("createTicket gave no ticket")
	}
	ref := q(id)
	c := e.App.DB.Client

	// What intake read from the letter, stored as the worker stores it.
	att := c.Attachment.Create().SetFileName("信访信 " + n.mobile + ".png").SetContentType("image/png").SetSize(1).
		SetSha256(strings.Repeat("c2", 32)).SetKind("LETTER").SetTicketID(id).SaveX(a.ctx)
	c.IntakeJob.Create().SetKind(intakejob.KindLETTER).SetStatus(intakejob.StatusSUCCEEDED).SetAttachmentID(att.ID).SetTicketID(id).
		SetResult(&reading.Result{Text: text, Fields: []reading.Field{
			{Name: reading.IDNumber, Value: n.id, Confidence: 0.9},
			{Name: reading.Phone, Value: n.mobile, Confidence: 0.9},
			{Name: reading.Text, Value: text, Confidence: 0.8},
		}}).ExecX(a.ctx)

	act(t, e, tok["dispatcher"], `dispatchTicket(id:`+ref+`, input:{departmentID:`+q(a.housing)+`, note:"请先致电`+spaced+`"})`)
	act(t, e, tok["handler"], `acceptTicket(id:`+ref+`)`)
	act(t, e, tok["handler"], `startTicket(id:`+ref+`)`)
	act(t, e, tok["handler"], `replyTicket(id:`+ref+`, input:{facts:"经核实，王五（身份证`+grouped+`）反映属实。",
		basis:"《特种设备安全法》第三十九条，已电话`+n.mobile+`告知。", handling:"物业更换主板，联系`+spaced+`。",
		result:"电梯已恢复运行，回访电话025-83127654。", appealChannel:"不服可申请复议，本人号码`+n.id+`。"})`)
	act(t, e, tok["clerk"], `recordCallback(id:`+ref+`, input:{satisfaction:DISSATISFIED, solved:false, note:"市民（`+spaced+`）仍不满意"})`)
	tk := c.Ticket.GetX(a.ctx, id)
	if r := e.Do(t, "", `mutation($c:String!,$k:String!,$x:String!) { supplementCase(code:$c, token:$k, text:$x) { code } }`,
		map[string]any{"c": tk.Code, "k": tk.TrackingToken, "x": "补充：我的身份证 " + grouped + "，新手机 " + spaced}); len(r.Errors) > 0 {
		t.Fatalf("supplementCase: %+v", r.Errors)
	}
	act(t, e, tok["clerk"], `reopenTicket(id:`+ref+`, reason:"市民来电`+n.mobile+`要求复查")`)
	return id, n
}

const letterTicketDoc = `query($id:ID!) { node(id:$id) { ... on Ticket {
	title body place extensionReason
	replies { facts basis handling result appealChannel }
	callbacks { note }
	timeline { reason before after }
	attachments { fileName }
	intakeJobs { error result { text fields { name value } } }
} } }`

// TestPIIFreeTextMaskedForMaskedRoles reads a letter's ticket and
// everything written about it as roles without pii:read: every ID number
// and phone number in it is masked, nothing is audited. A clerk reads the
// same in clear, and each field that held a number is audited once.
func TestPIIFreeTextMaskedForMaskedRoles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		tok := tokens(t, e)
		id, n := letterTicket(t, e, a, tok)
		maskedForms := []string{n.id[:6] + "********" + n.id[14:], n.mobile[:3] + "****" + n.mobile[7:], "025****7654"}

		read := func(who string) (string, int) {
			before := c.AuditLog.Query().CountX(a.ctx)
			r := e.Do(t, tok[who], letterTicketDoc, map[string]any{"id": fmt.Sprint(id)})
			if len(r.Errors) > 0 {
				t.Fatalf("%s reading the ticket: %+v", who, r.Errors)
			}
			raw, _ := json.Marshal(r.Data)
			return string(raw), c.AuditLog.Query().CountX(a.ctx) - before
		}
		for _, who := range []string{"analyst", "integrator"} {
			got, audited := read(who)
			if !strings.Contains(got, `"replies":[{`) || !strings.Contains(got, `"intakeJobs":[{`) || !strings.Contains(got, "SUPPLEMENT") && !strings.Contains(got, "补充") {
				t.Fatalf("%s does not see the whole ticket: %s", who, got)
			}
			for _, clear := range n.clearForms() {
				if strings.Contains(squeeze(got), clear) {
					t.Errorf("%s reads %s in clear in %s", who, clear, got)
				}
			}
			for _, m := range maskedForms {
				if !strings.Contains(squeeze(got), m) {
					t.Errorf("%s does not read the mask %s in %s", who, m, got)
				}
			}
			if audited != 0 {
				t.Errorf("%s read masked text, yet %d audit records were written", who, audited)
			}
		}

		got, audited := read("clerk")
		for _, clear := range []string{n.id, n.mobile, n.landline} {
			if !strings.Contains(squeeze(got), clear) {
				t.Errorf("clerk does not read %s in clear: %s", clear, got)
			}
		}
		// One record per field that held a number, whatever the request
		// asked twice.
		recs := c.AuditLog.Query().Order(ent.Desc(auditlog.FieldID)).Limit(audited).AllX(a.ctx)
		fields := map[string]bool{}
		for _, r := range recs {
			key := fmt.Sprintf("%s.%s", r.SubjectType, r.Field)
			if r.ActorName != "clerk" || r.Action != "pii.read" {
				t.Errorf("audit record %+v, want actor clerk, action pii.read", r)
			}
			if r.SubjectType == "Ticket" && r.SubjectID != id {
				t.Errorf("audit record %+v names another ticket", r)
			}
			fields[key] = true
		}
		for _, want := range []string{"Ticket.title", "Ticket.body", "Ticket.place", "Reply.facts", "Reply.basis",
			"Reply.handling", "Reply.result", "Reply.appeal_channel", "Callback.note", "TimelineEvent.reason",
			"IntakeJob.result", "Attachment.file_name"} {
			if !fields[want] {
				t.Errorf("clerk's clear read of %s was not audited (audited: %v)", want, fields)
			}
		}
		r := e.Do(t, tok["clerk"], `query($id:ID!) { a: node(id:$id) { ... on Ticket { body } } b: node(id:$id) { ... on Ticket { body } } }`,
			map[string]any{"id": fmt.Sprint(id)})
		if len(r.Errors) > 0 {
			t.Fatal(r.Errors)
		}
		if got := c.AuditLog.Query().Where(auditlog.SubjectType("Ticket"), auditlog.SubjectID(id), auditlog.Field("body")).CountX(a.ctx); got != 2 {
			t.Errorf("two requests reading the body (one of them twice) left %d audit records, want 2", got)
		}
	})
}

// TestPIINoNumberInClearInAnyColumn reads every column of every table of
// the database with plain SQL, as someone with a copy of it would, after a
// letter's ticket went through its life, and finds none of its numbers,
// nor any demo citizen's, in clear. Only binary columns (sealed values)
// are skipped; a new column that stores a number in clear fails here.
func TestPIINoNumberInClearInAnyColumn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		tok := tokens(t, e)
		_, n := letterTicket(t, e, a, tok)
		secrets := n.clearForms()
		for _, code := range []string{"demo-a", "demo-b"} {
			for _, s := range sampleCitizens(t, code) {
				if len(s.IDNumber) == 18 {
					secrets = append(secrets, s.IDNumber)
				}
				if p := squeeze(s.Phone); len(p) >= 11 {
					secrets = append(secrets, p)
				}
			}
		}

		db := e.App.DB.SQL
		columns := textColumns(t, db, e.App.DB.Dialect)
		if len(columns) < 50 {
			t.Fatalf("found only %d text columns: the scan does not see the schema", len(columns))
		}
		scanned := 0
		for _, col := range columns {
			rows, err := db.Query(fmt.Sprintf(`SELECT %q FROM %q`, col[1], col[0]))
			if err != nil {
				t.Fatalf("%s.%s: %v", col[0], col[1], err)
			}
			for rows.Next() {
				var v sql.NullString
				if err := rows.Scan(&v); err != nil {
					t.Fatalf("%s.%s: %v", col[0], col[1], err)
				}
				scanned++
				sq := squeeze(v.String)
				for _, s := range secrets {
					if strings.Contains(sq, s) {
						t.Errorf("%s.%s holds %s in clear: %.200s", col[0], col[1], s, v.String)
					}
				}
			}
			if err := rows.Close(); err != nil {
				t.Fatal(err)
			}
		}
		if scanned < 1000 {
			t.Errorf("scanned only %d values", scanned)
		}
	})
}

// textColumns lists every column of every table that is not binary, as
// table and column names, from the database's own catalogue.
func textColumns(t *testing.T, db *sql.DB, dialect string) [][2]string {
	t.Helper()
	var out [][2]string
	if dialect == "postgres" {
		rows, err := db.Query(`SELECT table_name, column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND data_type <> 'bytea' ORDER BY table_name, ordinal_position`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var tbl, col string
			if err := rows.Scan(&tbl, &col); err != nil {
				t.Fatal(err)
			}
			out = append(out, [2]string{tbl, col})
		}
		return out
	}
	rows, err := db.Query(`SELECT m.name, p.name, p.type FROM sqlite_master m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' ORDER BY m.name, p.cid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var tbl, col, typ string
		if err := rows.Scan(&tbl, &col, &typ); err != nil {
			t.Fatal(err)
		}
		if !strings.EqualFold(typ, "blob") {
			out = append(out, [2]string{tbl, col})
		}
	}
	return out
}

// TestPIIStoredTextSealedAtStart puts numbers in clear into columns as an
// older version left them (text_sealed NULL), in a ticket's body and an
// append-only timeline reason, and runs the start-up step: the columns are
// masked, the clerk still reads them in clear, and a second run has
// nothing left to do.
func TestPIIStoredTextSealedAtStart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		id := c.Ticket.Query().FirstIDX(a.ctx)
		ev := c.TimelineEvent.Query().FirstX(a.ctx)
		body, reason := "旧工单，来电13812345678", "旧事件，身份证"+withCheckDigit(t, "32010219900307123")
		ph := func(n int) string {
			if e.App.DB.Dialect == "postgres" {
				return fmt.Sprintf("$%d", n)
			}
			return "?"
		}
		db := e.App.DB.SQL
		if _, err := db.Exec(`UPDATE tickets SET body = `+ph(1)+`, text_sealed = NULL WHERE id = `+ph(2), body, id); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`UPDATE timeline_events SET reason = `+ph(1)+`, text_sealed = NULL WHERE id = `+ph(2), reason, ev.ID); err != nil {
			t.Fatal(err)
		}
		n, err := e.App.Directory.SealStoredText(a.ctx, e.App.DB.Driver)
		if err != nil || n != 2 {
			t.Fatalf("SealStoredText = %d, %v; want the 2 rows", n, err)
		}
		var storedBody, storedReason string
		if err := db.QueryRow(`SELECT body FROM tickets WHERE id = `+ph(1), id).Scan(&storedBody); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow(`SELECT reason FROM timeline_events WHERE id = `+ph(1), ev.ID).Scan(&storedReason); err != nil {
			t.Fatal(err)
		}
		if storedBody != "旧工单，来电138****5678" || strings.Contains(storedReason, "19900307") {
			t.Errorf("after the start-up step the columns hold %q and %q", storedBody, storedReason)
		}
		var out struct {
			Node struct {
				Body     string
				Timeline []struct{ Reason string }
			}
		}
		e.Do(t, e.Login(t, "demo-a", "admin"), `query($id:ID!) { node(id:$id) { ... on Ticket { body } } }`,
			map[string]any{"id": fmt.Sprint(id)}).Decode(t, &out)
		if out.Node.Body != body {
			t.Errorf("admin reads the old body as %q, want %q", out.Node.Body, body)
		}
		if n, err := e.App.Directory.SealStoredText(a.ctx, e.App.DB.Driver); err != nil || n != 0 {
			t.Errorf("second run = %d, %v; want nothing to do", n, err)
		}
	})
}

// TestPIIClearTextWithheldWhenItsAuditFails: a clear read leaves only with
// its audit record. When the database refuses the record (here a trigger
// makes every insert into audit_logs fail), the clerk's answer is an
// INTERNAL error with no data, never the clear text; the analyst, whose
// masked read needs no record, is answered as usual.
func TestPIIClearTextWithheldWhenItsAuditFails(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		tok := tokens(t, e)
		id, n := letterTicket(t, e, a, tok)
		refuse := []string{"CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_logs BEGIN SELECT RAISE(ABORT, 'audit refused'); END"}
		if b.Name == "postgres" {
			refuse = []string{
				"CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$ LANGUAGE plpgsql",
				"CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_logs FOR EACH ROW EXECUTE FUNCTION refuse_audit()",
			}
		}
		for _, stmt := range refuse {
			if _, err := e.App.DB.SQL.Exec(stmt); err != nil {
				t.Fatal(err)
			}
		}
		const doc = `query($id: ID!) { node(id: $id) { ... on Ticket { title body } } }`
		r := e.Do(t, tok["clerk"], doc, map[string]any{"id": fmt.Sprint(id)})
		raw, _ := json.Marshal(r)
		if r.Code() != "INTERNAL" || string(r.Data) != "null" && len(r.Data) != 0 {
			t.Errorf("clerk's read with the audit refused: %s; want INTERNAL and no data", raw)
		}
		for _, clear := range n.clearForms() {
			if strings.Contains(squeeze(string(raw)), clear) {
				t.Errorf("the clear number %s left without its audit record: %s", clear, raw)
			}
		}
		if r := e.Do(t, tok["analyst"], doc, map[string]any{"id": fmt.Sprint(id)}); len(r.Errors) > 0 || !strings.Contains(string(r.Data), "****") {
			t.Errorf("analyst's masked read: %+v %s; want the masked text", r.Errors, r.Data)
		}
	})
}
