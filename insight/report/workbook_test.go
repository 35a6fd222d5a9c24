package report

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func fixture() *Data {
	p := Period{From: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)}
	unit := func(name string, rank int, score float64) RankedUnit {
		return RankedUnit{Name: name, Rank: rank, Score: score, Sample: 20, Dimensions: [6]float64{90, 80, 70, 60, 50, 40},
			Metrics: Metrics{Received: 10, Closed: 8, ClosedOnTime: 6}}
	}
	return &Data{
		Tenant: "玄武区", Kind: "MONTHLY", Period: p, GeneratedAt: time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC),
		Summary: Summary{
			Current:  Metrics{Received: 120, Closed: 100, ClosedOnTime: 90, Callbacks: 50, Satisfied: 45, Solved: 40},
			Previous: Metrics{Received: 100, Closed: 80, ClosedOnTime: 60, Callbacks: 0},
			LastYear: Metrics{Received: 60},
		},
		Categories: []CategoryRow{
			{Level: 1, Code: "01", Name: "城乡建设", Metrics: Metrics{Received: 50}},
			{Level: 2, Code: "01.01", Name: "物业管理", Metrics: Metrics{Received: 30}},
			{Level: 3, Code: "01.01.02", Name: "电梯故障", Metrics: Metrics{Received: 12}},
		},
		Departments: []RankedUnit{withChange(unit("住建局", 1, 88.5), 3.04), unit("城管局", 2, 70)},
		Townships:   []RankedUnit{unit("玄武门街道", 1, 80)},
		Trend:       []TrendPoint{{Label: "2026-10", Received: 100, Closed: 90}, {Label: "2026-11", Received: 120, Closed: 100}},
		Topics:      []Topic{{Word: "电梯故障", Tickets: 12, Previous: 4}},
		Cases: []Case{{Code: "MS-20261103-0007", Title: "电梯停运三天 联系电话138****5678", Department: "住建局",
			Status: "IN_PROGRESS", Due: time.Date(2026, 11, 10, 18, 0, 0, 0, time.UTC), Red: true, Late: true}},
	}
}

// Numbers that must never be in a workbook: an 18-character ID number or
// an 11-digit mobile number, in clear.
var personal = regexp.MustCompile(`\d{17}[\dXx]|1[3-9]\d{9}`)

// CheckWorkbook opens data with excelize and fails t if a cell holds an ID
// or phone number; it returns the rows of every sheet.
func CheckWorkbook(t *testing.T, data []byte) map[string][][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open workbook: %v", err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		out[s] = rows
		for i, row := range rows {
			for j, cell := range row {
				if personal.MatchString(cell) {
					t.Errorf("%s!R%dC%d holds a personal number: %q", s, i+1, j+1, cell)
				}
			}
		}
	}
	return out
}

// charts are the chart types in the workbook's drawings (radarChart, lineChart…).
func charts(t *testing.T, data []byte) []string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	re := regexp.MustCompile(`<(?:c:)?(\w+Chart)>`)
	for _, file := range z.File {
		if !strings.HasPrefix(file.Name, "xl/charts/chart") {
			continue
		}
		rc, _ := file.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			kinds = append(kinds, m[1])
		}
	}
	slices.Sort(kinds)
	return kinds
}

// cell is row[i], or "" past the row's end (GetRows drops empty trailing cells).
func cell(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

func withChange(u RankedUnit, c float64) RankedUnit {
	u.Change = &c
	return u
}

func TestWorkbook(t *testing.T) {
	data, err := Workbook(fixture())
	if err != nil {
		t.Fatal(err)
	}
	sheets := CheckWorkbook(t, data)
	want := []string{SheetSummary, SheetCategories, SheetDepartments, SheetTownships, SheetTrend, SheetTopics, SheetCases}
	for _, s := range want {
		if _, ok := sheets[s]; !ok {
			t.Errorf("no sheet %s", s)
		}
	}
	if len(sheets) != len(want) {
		t.Errorf("sheets %v, want %v", len(sheets), want)
	}
	// Summary: 受理量 120, previous 100 (环比 +20%), last year 60 (同比 +100%).
	sum := sheets[SheetSummary]
	if got := sum[6]; got[0] != "受理量" || got[1] != "120" || got[2] != "100" || got[3] != "0.2" || got[4] != "60" || got[5] != "1" {
		t.Errorf("summary row 受理量 = %v", got)
	}
	// 按期办结率 0.9 against 0.75: +0.15 points; 满意率 without callbacks before: blank.
	found := 0
	for _, row := range sum {
		if len(row) > 0 && row[0] == "按期办结率" {
			found++
			if row[1] != "0.9" || row[2] != "0.75" || row[3] != "0.15" {
				t.Errorf("按期办结率 row = %v", row)
			}
		}
		if len(row) > 0 && row[0] == "满意率" {
			found++
			if cell(row, 1) != "0.9" || cell(row, 2) != "" || cell(row, 3) != "" {
				t.Errorf("满意率 row = %v", row)
			}
		}
	}
	if found != 2 {
		t.Errorf("summary lacks the rates: %v", sum)
	}
	if got := sheets[SheetCategories]; len(got) != 4 || got[3][0] != "三级" || got[3][2] != "电梯故障" {
		t.Errorf("categories = %v", got)
	}
	// The index's change against the period before, in points; blank
	// where the unit had no tickets then.
	if got := sheets[SheetDepartments]; got[1][1] != "住建局" || got[1][2] != "88.5" || got[0][3] != "较上期" || got[1][3] != "3" ||
		cell(got[2], 3) != "" || got[0][5] != "响应速度" {
		t.Errorf("departments = %v", got[:2])
	}
	if got := sheets[SheetCases]; got[1][0] != "MS-20261103-0007" || got[1][2] != "住建局" || got[1][5] != "是" {
		t.Errorf("cases = %v", got)
	}
	// Two radars (departments, townships) and the trend's line.
	if got := charts(t, data); !slices.Equal(got, []string{"lineChart", "radarChart", "radarChart"}) {
		t.Errorf("charts = %v", got)
	}
}

func TestWorkbookScanFindsNumbers(t *testing.T) {
	d := fixture()
	d.Cases[0].Title = "联系电话13812345678"
	data, err := Workbook(d)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := excelize.OpenReader(bytes.NewReader(data))
	rows, _ := f.GetRows(SheetCases)
	if !personal.MatchString(rows[1][1]) {
		t.Fatal("the scan would not notice a phone number")
	}
}

func TestPeriods(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	p, err := PeriodOf("MONTHLY", day("2026-02-01"))
	if err != nil || p.To != day("2026-02-28") {
		t.Fatalf("February: %v %v", p, err)
	}
	if prev := p.Previous(); prev.From != day("2026-01-01") || prev.To != day("2026-01-31") {
		t.Errorf("month before February: %v", prev)
	}
	if ly := p.LastYear(); ly.From != day("2025-02-01") || ly.To != day("2025-02-28") {
		t.Errorf("February a year before: %v", ly)
	}
	w, err := PeriodOf("WEEKLY", day("2026-11-30"))
	if err != nil || w.To != day("2026-12-06") {
		t.Fatalf("week: %v %v", w, err)
	}
	if prev := w.Previous(); prev.From != day("2026-11-23") {
		t.Errorf("week before: %v", prev)
	}
	if ly := w.LastYear(); ly.From.Weekday() != time.Monday {
		t.Errorf("a week a year before starts on %s", ly.From.Weekday())
	}
	if _, err := PeriodOf("WEEKLY", day("2026-12-01")); err == nil {
		t.Error("a week starting on a Tuesday was accepted")
	}
	if _, err := PeriodOf("MONTHLY", day("2026-12-02")); err == nil {
		t.Error("a month starting on the 2nd was accepted")
	}
	week, month := LastWhole(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)) // a Tuesday
	if week.From != day("2026-11-23") || week.To != day("2026-11-29") || month.From != day("2026-11-01") || month.To != day("2026-11-30") {
		t.Errorf("last whole week and month: %v, %v", week, month)
	}
}
