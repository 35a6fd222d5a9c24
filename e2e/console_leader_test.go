package e2e

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/minsheng/minsheng/browsertest"
	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/insight/report"
	"github.com/minsheng/minsheng/store/storetest"
)

// leaderSignIn signs a demo user in through the console's form and waits
// for the menu of his landing page.
func leaderSignIn(t *testing.T, b *browsertest.Browser, s *server, username string) {
	t.Helper()
	signIn(t, b, s, "demo-a", username, demo.Password)
	b.Do(t, username+" sees the menu", chromedp.WaitVisible(css(`.el-menu`)))
}

type css = chromedp.CSS

// shown waits for the element and returns its visible text.
func shown(t *testing.T, b *browsertest.Browser, sel string) string {
	t.Helper()
	b.Do(t, "wait for "+sel, chromedp.WaitVisible(css(sel)))
	return browsertest.Get(t, b, "text of "+sel, chromedp.Text(css(sel)))
}

// The leader lands on the overview with KPIs and drawn charts; a handler,
// who may not read statistics, has no such menu item and is refused in
// Chinese when he types the address; the analyst's table is exported to an
// Excel workbook with the rows the page shows, and a row drills down.
func TestE2EConsoleLeaderAnalystAndRefusal(t *testing.T) {
	// A little history, so that the KPIs and charts have cases to count.
	s := serve(t, append(database(t, storetest.Backend{Name: "sqlite"}), "--demo", "--history", "200")...)

	t.Run("leader", func(t *testing.T) {
		b := browsertest.New(t, browsertest.Options{})
		leaderSignIn(t, b, s, "leader")
		if p := browsertest.Get(t, b, "evaluate", chromedp.Evaluate[string](`location.pathname`)); p != "/overview" {
			t.Fatalf("the leader landed on %s, not the overview", p)
		}
		kpi := shown(t, b, `[data-test=kpi]`)
		kpis := shown(t, b, `.kpis`)
		shown(t, b, `[data-test=trend-chart] canvas`)
		for _, want := range []string{"受理量", "办结量", "按期办结率", "环比", "同比"} {
			if !strings.Contains(kpis, want) {
				t.Errorf("the KPIs lack %q: %q", want, kpis)
			}
		}
		// The demo's history has cases: the first KPI (受理量) counts them.
		received := browsertest.Get(t, b, "evaluate", chromedp.Evaluate[int](`parseInt(document.querySelector('[data-test=kpi] .kpi-value').textContent, 10)`))
		if received <= 0 {
			t.Errorf("the received KPI shows %d: the demo's cases are not counted (%q)", received, kpi)
		}
		canvases := browsertest.Get(t, b, "evaluate", chromedp.Evaluate[int](`document.querySelectorAll('.overview canvas').length`))
		width := browsertest.Get(t, b, "evaluate", chromedp.Evaluate[int](`document.querySelector('[data-test=trend-chart] canvas').width`))
		if canvases < 2 || width < 200 {
			t.Errorf("%d chart canvases, the trend %d px wide: the charts are not drawn", canvases, width)
		}
		consoleShot(t, b, "leader")
	})

	t.Run("handler refused", func(t *testing.T) {
		b := browsertest.New(t, browsertest.Options{})
		ctx := b.Ctx
		leaderSignIn(t, b, s, "handler")
		menu := shown(t, b, `.el-menu`)
		if err := chromedp.Do(ctx, chromedp.Navigate(s.URL("/overview"))); err != nil {
			t.Fatal(err)
		}
		page := shown(t, b, `.el-result`)
		if strings.Contains(menu, "总览") || strings.Contains(menu, "统计分析") {
			t.Errorf("the handler's menu offers the statistics: %q", menu)
		}
		if !strings.Contains(page, "您没有权限访问该页面") {
			t.Errorf("the handler opening /overview sees %q, not a refusal", page)
		}
		if n := browsertest.Get(t, b, "evaluate", chromedp.Evaluate[int](`document.querySelectorAll('canvas, [data-test=kpi]').length`)); n != 0 {
			t.Errorf("the handler's refused page shows %d charts or KPIs", n)
		}
	})

	t.Run("analyst export", func(t *testing.T) {
		b := browsertest.New(t, browsertest.Options{})
		ctx := b.Ctx
		dir := t.TempDir()
		progress := chromedp.Events(ctx, browser.DownloadProgress)
		err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior:      browser.SetDownloadBehaviorBehaviorAllowAndName,
				DownloadPath:  dir,
				EventsEnabled: ptrTo(true),
			})
			return err
		}))
		if err != nil {
			t.Fatal(err)
		}
		leaderSignIn(t, b, s, "analyst")
		if p := browsertest.Get(t, b, "evaluate", chromedp.Evaluate[string](`location.pathname`)); p != "/stats" {
			t.Fatalf("the analyst landed on %s, not the statistics", p)
		}
		first := strings.TrimSpace(shown(t, b, `[data-test=stats-table] .el-table__body tr td`))
		rows := browsertest.Get(t, b, "evaluate", chromedp.Evaluate[int](`document.querySelectorAll('[data-test=stats-table] .el-table__body-wrapper tbody tr').length`))
		consoleShot(t, b, "analyst")
		if err := chromedp.Do(ctx, chromedp.Click(css(`[data-test=export]`))); err != nil {
			t.Fatal(err)
		}
		var guid string
		for ev, err := range progress {
			if err != nil {
				t.Fatalf("waiting for the export: %v", err)
			}
			if ev.State == browser.DownloadProgressStateCompleted {
				guid = ev.GUID
				break
			}
		}
		file, err := os.ReadFile(filepath.Join(dir, guid))
		if err != nil {
			t.Fatal(err)
		}
		// A workbook Excel opens: the caption with the period, a blank
		// line, the header, one line per row shown, then 合计, 上期 and
		// 去年同期.
		book, err := excelize.OpenReader(bytes.NewReader(file))
		if err != nil {
			t.Fatalf("the export is not an .xlsx workbook: %v", err)
		}
		defer book.Close()
		table, err := book.GetRows(report.SheetTable)
		if err != nil {
			t.Fatal(err)
		}
		if len(table) != rows+6 {
			t.Errorf("the export has %d lines for %d rows shown: %v", len(table), rows, table)
		}
		var cells []string
		for _, r := range table {
			cells = append(cells, r...)
		}
		for _, want := range []string{"一级分类", "受理量", "按期办结率", "合计", "去年同期（同比）", first} {
			if !slices.Contains(cells, want) {
				t.Errorf("the export lacks %q: %v", want, table)
			}
		}

		// A click on the first row drills down: its category becomes a
		// filter and the table groups by the level below.
		// (A click in script: a mouse click at the cell's centre could land
		// on a tooltip or message still shown over the table.)
		browsertest.Get(t, b, "click the first row", chromedp.Evaluate[bool](`(document.querySelector('[data-test=stats-table] .el-table__body tr td').click(), true)`))
		tag := shown(t, b, `[data-test=filter]`)
		query := browsertest.Get(t, b, "evaluate", chromedp.Evaluate[string](`location.search`))
		if !strings.Contains(query, "by=CATEGORY2") || tag != "一级分类："+first {
			t.Errorf("after the click the URL query is %q and the filter says %q", query, tag)
		}
	})
}

func ptrTo[T any](v T) *T { return &v }
