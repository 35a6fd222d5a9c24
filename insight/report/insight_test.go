package report_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/calendar"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/insight/report"
	"github.com/minsheng/minsheng/insight/stats"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// TestWorkbookShowsWhatStatisticsGives builds the workbook of the last 120
// days of a demo tenant with a short history, opens it with excelize and
// compares it with statistics and the ranking index asked on the same
// data: every category row of the three levels, and each department's and
// township's change of the index against the period before. No ID or
// phone number anywhere (CheckWorkbook). On both databases.
func TestWorkbookShowsWhatStatisticsGives(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.NewWithHistory(t, b, 240)
		c := e.App.DB.Client
		tn := c.Tenant.Query().Where(tenant.Code("demo-a")).OnlyX(viewer.SystemContext(context.Background()))
		ctx := viewer.TenantSystemContext(context.Background(), tn.ID)

		today := calendar.DayOf(time.Now(), time.UTC)
		from := today.AddDays(-119)
		p := report.Period{From: time.Date(from.Year, from.Month, from.Day, 0, 0, 0, 0, time.UTC),
			To: time.Date(today.Year, today.Month, today.Day, 0, 0, 0, 0, time.UTC)}
		d, err := report.Collect(ctx, report.NewInsight(c, nil), p)
		if err != nil {
			t.Fatal(err)
		}
		d.Tenant, d.Kind, d.GeneratedAt = tn.Name, "MONTHLY", time.Now()
		data, err := report.Workbook(d)
		if err != nil {
			t.Fatal(err)
		}
		sheets := report.CheckWorkbook(t, data)

		// The category sheet: levels 1 to 3, each row as statistics
		// grouped by that level gives it.
		svc := stats.New(c)
		want := map[string]stats.Metrics{}
		levelNames := []string{"一级", "二级", "三级"}
		for i, dim := range []stats.Dimension{stats.Category1, stats.Category2, stats.Category3} {
			st, err := svc.Statistics(ctx, stats.Input{From: from, To: today, GroupBy: []stats.Dimension{dim}})
			if err != nil {
				t.Fatal(err)
			}
			if len(st.Rows) < 2 {
				t.Fatalf("%s: %d rows in the fixture, too few to compare", dim, len(st.Rows))
			}
			for _, r := range st.Rows {
				want[levelNames[i]+"/"+r.Keys[0].Label] = r.Metrics
			}
		}
		rows := sheets[report.SheetCategories]
		got := map[string][]string{}
		for _, r := range rows[1:] {
			if len(r) > 4 {
				got[r[0]+"/"+r[2]] = r
			}
		}
		if len(got) != len(want) {
			t.Errorf("category sheet has %d rows, statistics %d", len(got), len(want))
		}
		// Columns after 层级, 编码, 分类 (metricHeads): the counts compared.
		heads := map[string]func(stats.Metrics) int{
			"受理量": func(m stats.Metrics) int { return m.Received }, "办结量": func(m stats.Metrics) int { return m.Closed },
			"超期件": func(m stats.Metrics) int { return m.Overdue }, "红牌件": func(m stats.Metrics) int { return m.Red },
			"退回件": func(m stats.Metrics) int { return m.Returned }, "重启件": func(m stats.Metrics) int { return m.Reopened },
			"回访量": func(m stats.Metrics) int { return m.Callbacks },
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			if _, ok := heads[h]; ok {
				col[h] = i
			}
		}
		if len(col) != len(heads) {
			t.Fatalf("category sheet header %v", rows[0])
		}
		for k, m := range want {
			r, ok := got[k]
			if !ok {
				t.Errorf("category %s missing from the sheet", k)
				continue
			}
			for h, f := range heads {
				if cellAt(r, col[h]) != strconv.Itoa(f(m)) {
					t.Errorf("category %s %s: sheet %q, statistics %d", k, h, cellAt(r, col[h]), f(m))
				}
			}
		}

		// The ranking sheets: each unit's change against the period before,
		// as rankingIndex gives it.
		changed := 0
		for sheet, unit := range map[string]stats.Dimension{report.SheetDepartments: stats.Department, report.SheetTownships: stats.Region} {
			r, err := svc.Ranking(ctx, stats.RankingInput{From: from, To: today, Unit: unit})
			if err != nil {
				t.Fatal(err)
			}
			rows := sheets[sheet]
			if rows[0][3] != "较上期" || len(rows) < len(r.Units)+1 {
				t.Fatalf("%s: header %v, %d rows for %d units", sheet, rows[0], len(rows), len(r.Units))
			}
			for i, u := range r.Units {
				row := rows[i+1]
				w := ""
				if u.Change != nil {
					w = fmt.Sprint(float64(int64(roundHalf(*u.Change*10))) / 10)
					changed++
				}
				if row[1] != u.Name || cellAt(row, 3) != w {
					t.Errorf("%s row %d: %v, want %s with change %q", sheet, i+1, row[:4], u.Name, w)
				}
			}
		}
		if changed == 0 {
			t.Error("no unit has a change against the period before: the fixture proves nothing")
		}
	})
}

func roundHalf(v float64) float64 {
	if v < 0 {
		return -roundHalf(-v)
	}
	return float64(int64(v + 0.5))
}

func cellAt(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}
