package report

import (
	"context"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/minsheng/minsheng/insight/stats"
)

// Sheet names of an exported statistics table.
const (
	SheetTable       = "统计表"
	SheetDefinitions = "指标说明"
)

// DimensionLabels are the Chinese names of the statistics dimensions, as
// the console shows them.
var DimensionLabels = map[stats.Dimension]string{
	stats.Category1: "一级分类", stats.Category2: "二级分类", stats.Category3: "三级分类",
	stats.Department: "承办部门", stats.Region: "乡镇街道", stats.Grid: "网格",
	stats.Channel: "来源渠道", stats.Type: "诉求类型", stats.Status: "办理状态",
	stats.Day: "日", stats.Week: "周", stats.Month: "月",
}

// StatisticsWorkbook is the statistics table of in for the caller in ctx
// as an .xlsx file (the analyst's 导出 Excel), with its file name. It needs
// statistics:read, like the statistics query, and counts exactly what that
// query counts for the same caller: a department leader gets his
// department's figures. Like everything in insight it holds no personal
// data.
func (s *Service) StatisticsWorkbook(ctx context.Context, in stats.Input) (name string, data []byte, err error) {
	if err := s.authz.Check(ctx, "statistics", "read"); err != nil {
		return "", nil, err
	}
	st, err := stats.New(s.client).Statistics(ctx, in)
	if err != nil {
		return "", nil, err
	}
	data, err = TableWorkbook(in, st)
	if err != nil {
		return "", nil, err
	}
	var by []string
	for _, d := range in.GroupBy {
		by = append(by, DimensionLabels[d])
	}
	if len(by) == 0 {
		by = []string{"合计"}
	}
	return fmt.Sprintf("统计分析_%s_%s_%s.xlsx", strings.Join(by, "_"), in.From, in.To), data, nil
}

// TableWorkbook writes st, the answer to in, as a workbook: on the first
// sheet a caption (the period and the filters), a header (the grouping's
// dimensions, then every metric of stats.Definitions by its Chinese label),
// a row per group, then 合计, 上期 (环比) and 去年同期 (同比); rates are
// numbers shown as percentages, empty where their denominator is 0. The
// second sheet says what every metric counts.
func TableWorkbook(in stats.Input, st *stats.Statistics) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f}
	b.header, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	percent, tenth := "0.0%", "0.0"
	rateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &percent})
	if err != nil {
		return nil, fmt.Errorf("report: table style: %w", err)
	}
	avgStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &tenth})
	if err != nil {
		return nil, fmt.Errorf("report: table style: %w", err)
	}
	if err := f.SetSheetName("Sheet1", SheetTable); err != nil {
		return nil, fmt.Errorf("report: table sheet: %w", err)
	}
	s := SheetTable
	b.row(s, 1, caption(in, st))
	heads := []any{}
	for _, d := range in.GroupBy {
		heads = append(heads, DimensionLabels[d])
	}
	if len(heads) == 0 {
		heads = append(heads, "范围")
	}
	keys := len(heads)
	for _, d := range stats.Definitions {
		heads = append(heads, d.Label)
	}
	b.headerRow(s, 3, heads...)
	r := 4
	line := func(labels []any, m *stats.Metrics) {
		for _, d := range stats.Definitions {
			v, _ := m.Value(d.Name)
			if v == nil {
				labels = append(labels, "")
			} else {
				labels = append(labels, *v)
			}
		}
		b.row(s, r, labels...)
		r++
	}
	for i := range st.Rows {
		labels := []any{}
		for _, k := range st.Rows[i].Keys {
			labels = append(labels, k.Label)
		}
		line(labels, &st.Rows[i].Metrics)
	}
	pad := func(label string) []any {
		out := []any{label}
		for len(out) < keys {
			out = append(out, "")
		}
		return out
	}
	line(pad("合计"), &st.Total)
	line(pad("上期（环比）"), &st.Previous)
	line(pad("去年同期（同比）"), &st.LastYear)
	// Values are kept exact; only their display is rounded.
	for i, d := range stats.Definitions {
		style := avgStyle
		if _, rate := (&stats.Metrics{}).Value(d.Name); rate {
			style = rateStyle
		} else if d.Name != "avgHandlingWorkdays" {
			continue
		}
		col, _ := excelize.ColumnNumberToName(keys + i + 1)
		if b.err == nil {
			b.err = f.SetCellStyle(s, col+"4", fmt.Sprintf("%s%d", col, r-1), style)
		}
	}
	if b.err == nil {
		b.err = f.SetPanes(s, &excelize.Panes{Freeze: true, XSplit: keys, YSplit: 3, TopLeftCell: cellName(keys+1, 4), ActivePane: "bottomRight"})
	}
	b.sheet(SheetDefinitions)
	b.headerRow(SheetDefinitions, 1, "指标", "名称", "定义")
	for i, d := range stats.Definitions {
		b.row(SheetDefinitions, i+2, d.Label, d.Name, d.Definition)
	}
	if b.err == nil {
		b.err = f.SetColWidth(SheetDefinitions, "C", "C", 100)
	}
	if b.err != nil {
		return nil, fmt.Errorf("report: table: %w", b.err)
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("report: table: %w", err)
	}
	return buf.Bytes(), nil
}

// caption names the table's period and filters in a line of Chinese.
func caption(in stats.Input, st *stats.Statistics) string {
	parts := []string{fmt.Sprintf("统计期间 %s 至 %s（按登记日期）", in.From, in.To)}
	for _, k := range st.Filters {
		parts = append(parts, DimensionLabels[k.Dimension]+"："+k.Label)
	}
	return strings.Join(parts, "；")
}

func cellName(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}
