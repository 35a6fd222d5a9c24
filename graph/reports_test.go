package graph_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/auditlog"
	entreport "github.com/minsheng/minsheng/ent/report"
	"github.com/minsheng/minsheng/insight/report"
	"github.com/minsheng/minsheng/store/storetest"
)

// lastMonday is the Monday of the week before this one.
func lastMonday() string {
	day := time.Now().UTC()
	return day.AddDate(0, 0, -((int(day.Weekday())+6)%7)-7).Format(time.DateOnly)
}

type reportView struct {
	ID, Kind, Status, Error, From, To string
	DownloadURL                       *string
}

const reportFields = `id kind status error from to downloadURL`

// waitReport polls the report until it is DONE or FAILED.
func waitReport(t *testing.T, e *apptest.Env, token, id string) reportView {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var out struct{ Node reportView }
		e.Do(t, token, `query($id:ID!){ node(id:$id) { ... on Report { `+reportFields+` } } }`, map[string]any{"id": id}).Decode(t, &out)
		if out.Node.Status == "DONE" || out.Node.Status == "FAILED" {
			return out.Node
		}
		if time.Now().After(deadline) {
			t.Fatalf("report %s still %s", id, out.Node.Status)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// get sends GET path with an optional bearer token.
func get(t *testing.T, e *apptest.Env, token, path string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.Server.URL+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := e.Server.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, body
}

var personalNumber = regexp.MustCompile(`\d{17}[\dXx]|1[3-9]\d{9}`)

// checkWorkbook opens a downloaded workbook, checks its sheets and charts
// and that no cell holds an ID or phone number.
func checkWorkbook(t *testing.T, data []byte) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open workbook: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	want := []string{report.SheetSummary, report.SheetCategories, report.SheetDepartments, report.SheetTownships,
		report.SheetTrend, report.SheetTopics, report.SheetCases}
	if strings.Join(sheets, ",") != strings.Join(want, ",") {
		t.Errorf("sheets %v, want %v", sheets, want)
	}
	cells := 0
	for _, s := range sheets {
		rows, _ := f.GetRows(s)
		for i, row := range rows {
			for j, c := range row {
				cells++
				if personalNumber.MatchString(c) {
					t.Errorf("%s R%dC%d holds a personal number: %q", s, i+1, j+1, c)
				}
			}
		}
	}
	if cells < 50 {
		t.Errorf("the workbook has only %d cells", cells)
	}
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var xml strings.Builder
	for _, file := range z.File {
		if strings.HasPrefix(file.Name, "xl/charts/") {
			rc, _ := file.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			xml.Write(b)
		}
	}
	for _, chart := range []string{"radarChart>", "lineChart>"} {
		if !strings.Contains(xml.String(), chart) {
			t.Errorf("no %s in the workbook's charts", strings.TrimSuffix(chart, ">"))
		}
	}
}

func TestReportLifecycleAndDownload(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		leader, analyst := e.Login(t, "demo-a", "leader"), e.Login(t, "demo-a", "analyst")
		clerk, deptLeader := e.Login(t, "demo-a", "clerk"), e.Login(t, "demo-a", "dept_leader")
		otherLeader := e.Login(t, "demo-b", "leader")

		// This month: the demo tickets were registered today.
		firstOfMonth := time.Now().UTC().AddDate(0, 0, 1-time.Now().UTC().Day()).Format(time.DateOnly)
		var gen struct{ GenerateReport reportView }
		e.Do(t, leader, `mutation($from:Date!){ generateReport(input:{kind:MONTHLY, from:$from}) { `+reportFields+` } }`,
			map[string]any{"from": firstOfMonth}).Decode(t, &gen)
		r := gen.GenerateReport
		if r.Status != "QUEUED" || r.Kind != "MONTHLY" || r.From != firstOfMonth || r.DownloadURL != nil {
			t.Fatalf("new report = %+v", r)
		}
		done := waitReport(t, e, leader, r.ID)
		if done.Status != "DONE" || done.DownloadURL == nil || done.Error != "" {
			t.Fatalf("report = %+v", done)
		}

		t.Run("bad periods", func(t *testing.T) {
			for _, in := range []string{`{kind:WEEKLY, from:"2026-12-01"}`, `{kind:MONTHLY, from:"2026-11-15"}`,
				`{kind:MONTHLY, from:"2019-01-01"}`, `{kind:MONTHLY, from:"2999-01-01"}`} {
				if code := e.Do(t, leader, `mutation { generateReport(input:`+in+`) { id } }`, nil).Code(); code != minsheng.EINVALID {
					t.Errorf("generateReport(%s): %s, want BAD_USER_INPUT", in, code)
				}
			}
		})

		t.Run("download", func(t *testing.T) {
			// The signed link works without a header.
			status, body := get(t, e, "", *done.DownloadURL)
			if status != http.StatusOK {
				t.Fatalf("signed link: %d %s", status, body)
			}
			checkWorkbook(t, body)
			// The plain path with the caller's token.
			path := report.Path(mustAtoi(t, r.ID))
			if status, _ := get(t, e, analyst, path); status != http.StatusOK {
				t.Errorf("analyst with token: %d", status)
			}
			audits := e.App.DB.Client.AuditLog.Query().Where(auditlog.Action("report.download"), auditlog.SubjectType("Report")).CountX(a.ctx)
			if audits != 2 {
				t.Errorf("%d downloads audited, want 2", audits)
			}
		})

		t.Run("download refused", func(t *testing.T) {
			path := report.Path(mustAtoi(t, r.ID))
			tampered := strings.Replace(*done.DownloadURL, "sig=", "sig=00", 1)
			cases := []struct {
				name, token, path string
				want              int
			}{
				{"no token", "", path, http.StatusUnauthorized},
				{"bad token", "nonsense", path, http.StatusUnauthorized},
				{"tampered link", "", tampered, http.StatusUnauthorized},
				{"clerk", clerk, path, http.StatusForbidden},
				{"department leader", deptLeader, path, http.StatusForbidden},
				{"leader of another tenant", otherLeader, path, http.StatusNotFound},
				{"no such report", leader, report.Path(999999999), http.StatusNotFound},
			}
			for _, c := range cases {
				if status, body := get(t, e, c.token, c.path); status != c.want {
					t.Errorf("%s: %d %s, want %d", c.name, status, body, c.want)
				}
			}
			// Another tenant's leader does not see it in node or reports either.
			var node struct{ Node *struct{ ID string } }
			e.Do(t, otherLeader, `query($id:ID!){ node(id:$id) { id } }`, map[string]any{"id": r.ID}).Decode(t, &node)
			if node.Node != nil {
				t.Error("demo-b's leader reads demo-a's report")
			}
			var list struct{ Reports struct{ TotalCount int } }
			e.Do(t, otherLeader, `{ reports(first:10) { totalCount } }`, nil).Decode(t, &list)
			if list.Reports.TotalCount != 0 {
				t.Errorf("demo-b's leader lists %d reports", list.Reports.TotalCount)
			}
		})

		t.Run("a failure ends FAILED with a message", func(t *testing.T) {
			c := e.App.DB.Client
			row := c.Report.Create().SetKind(entreport.KindWEEKLY).SetFromDate(lastMonday()).
				SetToDate(lastMonday()).SaveX(a.ctx)
			e.App.Reports.SetSource(&failingSource{})
			defer e.App.Reports.SetSource(&report.Basic{Client: c})
			if err := e.App.Reports.Run(context.Background(), a.id, row.ID, false); err == nil {
				t.Fatal("a failing attempt reported no error (the queue would not retry)")
			}
			if got := c.Report.GetX(a.ctx, row.ID); got.Status != entreport.StatusQUEUED {
				t.Errorf("after a failed attempt: %s, want QUEUED for the retry", got.Status)
			}
			if err := e.App.Reports.Run(context.Background(), a.id, row.ID, true); err != nil {
				t.Fatal(err)
			}
			got := waitReport(t, e, leader, fmt.Sprint(row.ID))
			if got.Status != "FAILED" || got.Error != "no figures for this period" || got.DownloadURL != nil {
				t.Errorf("after the last attempt: %+v", got)
			}
			if status, _ := get(t, e, leader, report.Path(row.ID)); status != http.StatusConflict {
				t.Errorf("download of a failed report: %d, want 409", status)
			}
		})

		t.Run("schedule makes one report per tenant and period", func(t *testing.T) {
			c := e.App.DB.Client
			// The tenants were created a moment ago: as seen an hour later.
			later := report.New(report.Config{Client: c, Files: e.App.Intake.Files(), Authz: e.App.Authz,
				Now: func() time.Time { return time.Now().Add(time.Hour) }})
			for range 2 {
				if err := later.Schedule(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			for _, ctx := range []context.Context{a.ctx, readDemoTenant(t, e, "demo-b").ctx} {
				n := c.Report.Query().Where(entreport.Scheduled(true)).CountX(ctx)
				kinds := c.Report.Query().Where(entreport.Scheduled(true), entreport.KindEQ(entreport.KindMONTHLY)).CountX(ctx)
				if n != 2 || kinds != 1 {
					t.Errorf("%d scheduled reports (%d monthly), want a weekly and a monthly", n, kinds)
				}
			}
		})
	})
}

type failingSource struct{ report.Basic }

func (failingSource) Summary(context.Context, report.Period) (report.Summary, error) {
	return report.Summary{}, minsheng.Errorf(minsheng.EINVALID, "no figures for this period")
}
