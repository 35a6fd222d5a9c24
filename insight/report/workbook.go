package report

import (
	"fmt"
	"math"
	"time"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the workbook.
const (
	SheetSummary     = "概览"
	SheetCategories  = "分类统计"
	SheetDepartments = "部门排名"
	SheetTownships   = "镇街排名"
	SheetTrend       = "趋势"
	SheetTopics      = "热点"
	SheetCases       = "超期红牌"
)

// Workbook writes d as an .xlsx file.
func Workbook(d *Data) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := &book{f: f}
	w.header, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	w.summary(d)
	w.categories(d)
	w.ranking(SheetDepartments, "部门", d.Departments)
	w.ranking(SheetTownships, "镇街", d.Townships)
	w.trend(d)
	w.topics(d)
	w.cases(d)
	if w.err != nil {
		return nil, w.err
	}
	if err := f.DeleteSheet("Sheet1"); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("report: workbook: %w", err)
	}
	return buf.Bytes(), nil
}

type book struct {
	f      *excelize.File
	header int
	err    error
}

func (b *book) sheet(name string) {
	if b.err != nil {
		return
	}
	_, b.err = b.f.NewSheet(name)
}

func (b *book) row(sheet string, r int, values ...any) {
	if b.err != nil {
		return
	}
	cell, _ := excelize.CoordinatesToCellName(1, r)
	b.err = b.f.SetSheetRow(sheet, cell, &values)
}

func (b *book) headerRow(sheet string, r int, values ...any) {
	b.row(sheet, r, values...)
	if b.err != nil {
		return
	}
	first, _ := excelize.CoordinatesToCellName(1, r)
	last, _ := excelize.CoordinatesToCellName(len(values), r)
	b.err = b.f.SetCellStyle(sheet, first, last, b.header)
	if b.err == nil {
		col, _ := excelize.ColumnNumberToName(len(values))
		b.err = b.f.SetColWidth(sheet, "A", col, 14)
	}
}

func (b *book) chart(sheet, cell string, c *excelize.Chart) {
	if b.err != nil {
		return
	}
	b.err = b.f.AddChart(sheet, cell, c)
}

// ratio is a rate for a cell: empty when there is none.
func ratio(r *float64) any {
	if r == nil {
		return ""
	}
	return round4(*r)
}

func round4(v float64) float64 { return float64(int64(v*10000+0.5)) / 10000 }

// change is (now − before) / before, empty without a base.
func change(now, before int) any {
	if before == 0 {
		return ""
	}
	return round4(float64(now-before) / float64(before))
}

// points is a change of the index in points (rounded to 0.1), empty
// without a previous period.
func points(c *float64) any {
	if c == nil {
		return ""
	}
	return float64(int64(math.Round(*c*10))) / 10
}

// rateChange is the difference of two rates in points, empty without both.
func rateChange(now, before *float64) any {
	if now == nil || before == nil {
		return ""
	}
	return round4(*now - *before)
}

var kindNames = map[string]string{"WEEKLY": "周报", "MONTHLY": "月报"}

func (b *book) summary(d *Data) {
	s := SheetSummary
	b.sheet(s)
	b.row(s, 1, fmt.Sprintf("%s %s", d.Tenant, kindNames[d.Kind]))
	b.row(s, 2, "统计期间", d.Period.String())
	b.row(s, 3, "环比期间", d.Period.Previous().String(), "同比期间", d.Period.LastYear().String())
	b.row(s, 4, "生成时间", d.GeneratedAt.Format(time.DateTime))
	b.headerRow(s, 6, "指标", "本期", "上期", "环比", "去年同期", "同比")
	cur, prev, ly := d.Summary.Current, d.Summary.Previous, d.Summary.LastYear
	counts := []struct {
		name string
		get  func(Metrics) int
	}{
		{"受理量", func(m Metrics) int { return m.Received }},
		{"办结量", func(m Metrics) int { return m.Closed }},
		{"按期办结量", func(m Metrics) int { return m.ClosedOnTime }},
		{"超期件", func(m Metrics) int { return m.Overdue }},
		{"红牌件", func(m Metrics) int { return m.Red }},
		{"退回件", func(m Metrics) int { return m.Returned }},
		{"重启件", func(m Metrics) int { return m.Reopened }},
		{"回访量", func(m Metrics) int { return m.Callbacks }},
		{"满意量", func(m Metrics) int { return m.Satisfied }},
	}
	r := 7
	for _, c := range counts {
		b.row(s, r, c.name, c.get(cur), c.get(prev), change(c.get(cur), c.get(prev)), c.get(ly), change(c.get(cur), c.get(ly)))
		r++
	}
	rates := []struct {
		name string
		get  func(Metrics) *float64
	}{
		{"按期办结率", Metrics.OnTimeRate},
		{"满意率", Metrics.SatisfactionRate},
		{"解决率", Metrics.SolvedRate},
	}
	for _, x := range rates {
		b.row(s, r, x.name, ratio(x.get(cur)), ratio(x.get(prev)), rateChange(x.get(cur), x.get(prev)), ratio(x.get(ly)), rateChange(x.get(cur), x.get(ly)))
		r++
	}
	b.row(s, r+1, "说明：环比、同比为变化比例；比率的环比、同比为百分点之差。分母为 0 的比率留空。")
	if b.err == nil {
		b.err = b.f.SetColWidth(s, "A", "A", 16)
	}
}

// metricHeads and metricCells are the columns every table of figures has.
var metricHeads = []any{"受理量", "办结量", "按期办结率", "超期件", "红牌件", "退回件", "重启件", "回访量", "满意率"}

func metricCells(m Metrics) []any {
	return []any{m.Received, m.Closed, ratio(m.OnTimeRate()), m.Overdue, m.Red, m.Returned, m.Reopened, m.Callbacks, ratio(m.SatisfactionRate())}
}

var levelNames = map[int]string{1: "一级", 2: "二级", 3: "三级"}

func (b *book) categories(d *Data) {
	s := SheetCategories
	b.sheet(s)
	b.headerRow(s, 1, append([]any{"层级", "编码", "分类"}, metricHeads...)...)
	for i, c := range d.Categories {
		b.row(s, i+2, append([]any{levelNames[c.Level], c.Code, c.Name}, metricCells(c.Metrics)...)...)
	}
}

func (b *book) ranking(s, what string, units []RankedUnit) {
	b.sheet(s)
	heads := []any{"排名", what, "矛调指数", "较上期", "样本量"}
	for _, n := range DimensionNames {
		heads = append(heads, n)
	}
	b.headerRow(s, 1, append(heads, metricHeads...)...)
	for i, u := range units {
		row := []any{u.Rank, u.Name, u.Score, points(u.Change), u.Sample}
		for _, v := range u.Dimensions {
			row = append(row, v)
		}
		b.row(s, i+2, append(row, metricCells(u.Metrics)...)...)
	}
	b.row(s, len(units)+3, fmt.Sprintf("说明：指数为六个维度的平均（各 0–100），并按样本量向全区平均收缩（收缩样本 %d 件），少量案件的单位不会居首。", ShrinkSample))
	if len(units) == 0 {
		return
	}
	// A radar of the six dimensions of the first units (at most 5).
	var series []excelize.ChartSeries
	for i := range min(len(units), 5) {
		r := i + 2
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!$B$%d", s, r),
			Categories: fmt.Sprintf("'%s'!$F$1:$K$1", s),
			Values:     fmt.Sprintf("'%s'!$F$%d:$K$%d", s, r, r),
		})
	}
	b.chart(s, fmt.Sprintf("B%d", len(units)+5), &excelize.Chart{
		Type:   excelize.Radar,
		Series: series,
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: what + "矛调指数六维度（前五名）"}}},
		Format: excelize.GraphicOptions{ScaleX: 1.4, ScaleY: 1.4},
	})
}

func (b *book) trend(d *Data) {
	s := SheetTrend
	b.sheet(s)
	b.headerRow(s, 1, "月份", "受理量", "办结量")
	for i, p := range d.Trend {
		b.row(s, i+2, p.Label, p.Received, p.Closed)
	}
	if len(d.Trend) == 0 {
		return
	}
	last := len(d.Trend) + 1
	series := make([]excelize.ChartSeries, 0, 2)
	for _, col := range []string{"B", "C"} {
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!$%s$1", s, col),
			Categories: fmt.Sprintf("'%s'!$A$2:$A$%d", s, last),
			Values:     fmt.Sprintf("'%s'!$%s$2:$%s$%d", s, col, col, last),
		})
	}
	b.chart(s, "E2", &excelize.Chart{
		Type:   excelize.Line,
		Series: series,
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "近 13 个月受理与办结"}}},
		Format: excelize.GraphicOptions{ScaleX: 1.5, ScaleY: 1.2},
	})
}

func (b *book) topics(d *Data) {
	s := SheetTopics
	b.sheet(s)
	b.headerRow(s, 1, "热点", "本期件数", "上期件数", "环比")
	for i, t := range d.Topics {
		b.row(s, i+2, t.Word, t.Tickets, t.Previous, change(t.Tickets, t.Previous))
	}
}

var statusNames = map[string]string{
	"REGISTERED": "已登记", "DISPATCHED": "已分拨", "ACCEPTED": "已签收", "IN_PROGRESS": "办理中", "REPLIED": "已答复",
	"CLOSED": "已办结", "RETURNED": "已退回", "REOPENED": "已重启", "MERGED": "已合并", "SUSPENDED": "已挂起",
}

func (b *book) cases(d *Data) {
	s := SheetCases
	b.sheet(s)
	b.headerRow(s, 1, "编号", "标题", "承办部门", "状态", "办理期限", "红牌", "超期")
	yes := func(v bool) string {
		if v {
			return "是"
		}
		return ""
	}
	for i, c := range d.Cases {
		due := ""
		if !c.Due.IsZero() {
			due = c.Due.Format("2006-01-02 15:04")
		}
		status := statusNames[c.Status]
		if status == "" {
			status = c.Status
		}
		b.row(s, i+2, c.Code, c.Title, c.Department, status, due, yes(c.Red), yes(c.Late))
	}
	if b.err == nil {
		b.err = b.f.SetColWidth(s, "B", "B", 40)
	}
}
