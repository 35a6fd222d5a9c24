package server_test

import (
	"bytes"
	"encoding/json"
	"math"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/insight/report"
	"github.com/minsheng/minsheng/store/storetest"
)

// exportXLSX posts an export request and returns the answer.
func exportXLSX(t *testing.T, e *apptest.Env, token string, body any) fileAnswer {
	t.Helper()
	raw, ok := body.([]byte)
	if !ok {
		raw, _ = json.Marshal(body)
	}
	return send(t, e, http.MethodPost, token, "/statistics/export", raw)
}

// errorCode is the extensions.code of a refused file route's JSON answer.
func errorCode(t *testing.T, a fileAnswer) string {
	t.Helper()
	var out struct {
		Errors []struct {
			Extensions struct{ Code string }
		}
	}
	if err := json.Unmarshal(a.body, &out); err != nil || len(out.Errors) == 0 {
		t.Fatalf("status %d: not a JSON error: %s", a.status, a.body)
	}
	return out.Errors[0].Extensions.Code
}

var personalNumber = regexp.MustCompile(`\d{17}[\dXx]|1[3-9]\d{9}`)

// tableRows opens an exported workbook and returns its table's rows as
// shown and as stored, failing t if any cell of any sheet holds an ID or
// phone number.
func tableRows(t *testing.T, data []byte) (shown, raw [][]string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the export is not a workbook Excel opens: %v", err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{report.SheetTable, report.SheetDefinitions}) {
		t.Errorf("sheets %v", got)
	}
	for _, s := range f.GetSheetList() {
		rows, _ := f.GetRows(s)
		for _, r := range rows {
			for _, c := range r {
				if personalNumber.MatchString(c) {
					t.Errorf("%s holds a personal number: %q", s, c)
				}
			}
		}
	}
	shown, err = f.GetRows(report.SheetTable)
	if err != nil {
		t.Fatal(err)
	}
	raw, err = f.GetRows(report.SheetTable, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return shown, raw
}

const statsDoc = `query($in: StatisticsInput!) { statistics(input: $in) {
  rows { keys { label } metrics { received closed onTimeRate } } total { received closed } } }`

type statsAnswer struct {
	Statistics struct {
		Rows []struct {
			Keys    []struct{ Label string }
			Metrics struct {
				Received, Closed int
				OnTimeRate       *float64
			}
		}
		Total struct{ Received, Closed int }
	}
}

// TestStatisticsExport: POST /statistics/export gives the analyst's table
// as an .xlsx file whose rows are exactly what the statistics query gives
// the same caller (a department leader: his department only), with the
// period and filters in its caption and no personal number anywhere; a role
// that may not read statistics is refused (403), no credential is 401, a
// bad input 400 with BAD_USER_INPUT, and another tenant's IDs in a filter
// count nothing. On both databases.
func TestStatisticsExport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.NewWithHistory(t, b, 120)
		to := time.Now().Format(time.DateOnly)
		from := time.Now().AddDate(0, 0, -179).Format(time.DateOnly)
		input := map[string]any{"from": from, "to": to, "groupBy": []string{"CATEGORY1"}}

		for _, who := range []string{"analyst", "leader", "dept_leader"} {
			token := e.Login(t, "demo-a", who)
			in := input
			if who == "dept_leader" {
				in = map[string]any{"from": from, "to": to, "groupBy": []string{"DEPARTMENT"}, "filter": []map[string]any{{"dimension": "CHANNEL", "values": []string{"PHONE", "WEB", "LETTER", "VISIT", "WECHAT", "GRID", "IMPORT"}}}}
			}
			a := exportXLSX(t, e, token, in)
			if a.status != http.StatusOK {
				t.Fatalf("%s: status %d: %s", who, a.status, a.body)
			}
			if ct := a.header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
				t.Errorf("%s: content type %q", who, ct)
			}
			if _, p, err := mime.ParseMediaType(a.header.Get("Content-Disposition")); err != nil || p["filename"] != "统计分析_"+map[bool]string{true: "承办部门", false: "一级分类"}[who == "dept_leader"]+"_"+from+"_"+to+".xlsx" {
				t.Errorf("%s: Content-Disposition %q", who, a.header.Get("Content-Disposition"))
			}
			var want statsAnswer
			e.Do(t, token, statsDoc, map[string]any{"in": in}).Decode(t, &want)
			rows, raw := tableRows(t, a.body)
			if len(rows) < 4 || rows[0][0] == "" {
				t.Fatalf("%s: table %v", who, rows)
			}
			if caption := rows[0][0]; !bytes.Contains([]byte(caption), []byte("统计期间 "+from+" 至 "+to)) {
				t.Errorf("%s: caption %q", who, caption)
			}
			head := rows[2]
			col := func(label string) int {
				i := slices.Index(head, label)
				if i < 0 {
					t.Fatalf("%s: no column %s in %v", who, label, head)
				}
				return i
			}
			received, rate := col("受理量"), col("按期办结率")
			body, stored := rows[3:], raw[3:]
			if len(body) != len(want.Statistics.Rows)+3 {
				t.Fatalf("%s: %d lines in the table, statistics gives %d rows (+ 合计, 上期, 去年同期)", who, len(body), len(want.Statistics.Rows))
			}
			for i, r := range want.Statistics.Rows {
				got := body[i]
				if got[0] != r.Keys[0].Label || got[received] != strconv.Itoa(r.Metrics.Received) {
					t.Errorf("%s row %d: %s %s, statistics %s %d", who, i, got[0], got[received], r.Keys[0].Label, r.Metrics.Received)
				}
				// The rate is stored exact and shown as a percentage;
				// empty when nothing closed.
				var shownRate, storedRate string
				if rate < len(got) {
					shownRate, storedRate = got[rate], stored[i][rate]
				}
				switch v, err := strconv.ParseFloat(storedRate, 64); {
				case r.Metrics.OnTimeRate == nil:
					if storedRate != "" {
						t.Errorf("%s row %d (%s): 按期办结率 %q, statistics null", who, i, got[0], storedRate)
					}
				case err != nil || math.Abs(v-*r.Metrics.OnTimeRate) > 1e-9 || !strings.HasSuffix(shownRate, "%"):
					t.Errorf("%s row %d (%s): 按期办结率 %q shown %q, statistics %v", who, i, got[0], storedRate, shownRate, *r.Metrics.OnTimeRate)
				}
			}
			total := body[len(want.Statistics.Rows)]
			if total[0] != "合计" || total[received] != strconv.Itoa(want.Statistics.Total.Received) {
				t.Errorf("%s: total line %v, statistics received %d", who, total, want.Statistics.Total.Received)
			}
			if who == "dept_leader" && len(want.Statistics.Rows) != 1 {
				t.Errorf("the department leader's table has %d departments, want his own only", len(want.Statistics.Rows))
			}
			if who == "analyst" && want.Statistics.Total.Received == 0 {
				t.Error("the fixture has no ticket in the period: nothing is compared")
			}
		}

		// Roles that may not read statistics.
		for _, who := range []string{"handler", "clerk", "grid_worker", "admin", "dispatcher"} {
			a := exportXLSX(t, e, e.Login(t, "demo-a", who), input)
			if a.status != http.StatusForbidden || errorCode(t, a) != "FORBIDDEN" {
				t.Errorf("%s: status %d %s, want 403 FORBIDDEN", who, a.status, a.body)
			}
		}
		if a := exportXLSX(t, e, "", input); a.status != http.StatusUnauthorized || errorCode(t, a) != "UNAUTHENTICATED" {
			t.Errorf("no credential: status %d %s", a.status, a.body)
		}

		analyst := e.Login(t, "demo-a", "analyst")
		for name, body := range map[string]any{
			"not JSON":        []byte("from=2026-01-01"),
			"unknown field":   map[string]any{"from": from, "to": to, "select": "*"},
			"bad date":        map[string]any{"from": "2026-13-01", "to": to},
			"bad dimension":   map[string]any{"from": from, "to": to, "groupBy": []string{"CITIZEN"}},
			"four years":      map[string]any{"from": "2020-01-01", "to": "2023-12-31"},
			"three dims":      map[string]any{"from": from, "to": to, "groupBy": []string{"DAY", "CHANNEL", "STATUS"}},
			"filter injected": map[string]any{"from": from, "to": to, "filter": []map[string]any{{"dimension": "CHANNEL", "values": []string{"PHONE') OR 1=1 --"}}}},
		} {
			if a := exportXLSX(t, e, analyst, body); a.status != http.StatusBadRequest || errorCode(t, a) != "BAD_USER_INPUT" {
				t.Errorf("%s: status %d %s, want 400 BAD_USER_INPUT", name, a.status, a.body)
			}
		}

		// demo-b's analyst, filtering by demo-a's departments, counts nothing.
		var depts struct {
			Statistics struct {
				Rows []struct{ Keys []struct{ Value string } }
			}
		}
		e.Do(t, analyst, `query($in: StatisticsInput!) { statistics(input: $in) { rows { keys { value } } } }`,
			map[string]any{"in": map[string]any{"from": from, "to": to, "groupBy": []string{"DEPARTMENT"}}}).Decode(t, &depts)
		var ids []string
		for _, r := range depts.Statistics.Rows {
			if r.Keys[0].Value != "" {
				ids = append(ids, r.Keys[0].Value)
			}
		}
		if len(ids) == 0 {
			t.Fatal("demo-a has no department in its statistics")
		}
		other := exportXLSX(t, e, e.Login(t, "demo-b", "analyst"), map[string]any{"from": from, "to": to,
			"filter": []map[string]any{{"dimension": "DEPARTMENT", "values": ids}}})
		if other.status != http.StatusOK {
			t.Fatalf("demo-b: status %d %s", other.status, other.body)
		}
		rows, _ := tableRows(t, other.body)
		if len(rows) < 4 || rows[3][0] != "合计" || rows[3][1] != "0" {
			t.Errorf("demo-b's export filtered by demo-a's departments counts something: %v", rows)
		}
	})
}
