package report

import (
	"fmt"
	"testing"
)

// BenchmarkWorkbook writes a large month's workbook: 300 categories, 60
// departments, 40 townships, the longest case list.
func BenchmarkWorkbook(b *testing.B) {
	d := fixture()
	for i := range 300 {
		d.Categories = append(d.Categories, CategoryRow{Level: 3, Code: fmt.Sprintf("09.%03d", i), Name: "分类", Metrics: Metrics{Received: i}})
	}
	for i := range 60 {
		d.Departments = append(d.Departments, RankedUnit{Name: fmt.Sprintf("部门%d", i), Rank: i + 3, Score: 50})
	}
	for i := range 40 {
		d.Townships = append(d.Townships, RankedUnit{Name: fmt.Sprintf("街道%d", i), Rank: i + 2, Score: 50})
	}
	for len(d.Cases) < MaxCases {
		d.Cases = append(d.Cases, d.Cases[0])
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Workbook(d); err != nil {
			b.Fatal(err)
		}
	}
}
