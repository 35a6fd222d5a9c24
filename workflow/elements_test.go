package workflow

import (
	"slices"
	"strings"
	"testing"
)

func TestMissingElements(t *testing.T) {
	complete := ReplyText{
		Facts:         "经现场核实，该小区3号楼电梯自11月20日起因主板故障停运。",
		Basis:         "《特种设备安全法》第三十九条及《南京市电梯安全条例》第二十条。",
		Handling:      "责成物业公司联系维保单位更换主板，街道安监办全程督促。",
		Result:        "电梯已于11月23日恢复运行，并通过维保单位安全检验。",
		AppealChannel: "如对答复不满意，可自收到之日起60日内向区人民政府申请行政复议。",
	}
	for _, c := range []struct {
		name string
		edit func(*ReplyText)
		want []string
	}{
		{"complete", func(*ReplyText) {}, nil},
		{"blank facts", func(r *ReplyText) { r.Facts = "   " }, []string{"facts"}},
		{"无 as basis", func(r *ReplyText) { r.Basis = "无" }, []string{"basis"}},
		{"暂无 with a full stop", func(r *ReplyText) { r.Basis = " 暂无。" }, []string{"basis"}},
		{"同上 and 见上", func(r *ReplyText) { r.Handling, r.Result = "同上", "见上" }, []string{"handling", "result"}},
		{"已处理", func(r *ReplyText) { r.Handling = "已处理" }, []string{"handling"}},
		{"N/A in any case", func(r *ReplyText) { r.AppealChannel = "n/a" }, []string{"appealChannel"}},
		{"a dash", func(r *ReplyText) { r.AppealChannel = "-" }, []string{"appealChannel"}},
		{"punctuation only", func(r *ReplyText) { r.Facts = "……。。。" }, []string{"facts"}},
		{"three characters", func(r *ReplyText) { r.Result = "已解决" }, []string{"result"}},
		{"a placeholder longer than three", func(r *ReplyText) { r.Handling = "依法依规处理" }, []string{"handling"}},
		{"four characters that say something", func(r *ReplyText) { r.Result = "电梯修复" }, nil},
		{"everything blank", func(r *ReplyText) { *r = ReplyText{} },
			[]string{"facts", "basis", "handling", "result", "appealChannel"}},
	} {
		r := complete
		c.edit(&r)
		if got := elementNames(MissingElements(r)); !slices.Equal(got, c.want) {
			t.Errorf("%s: missing %q, want %q", c.name, got, c.want)
		}
	}
}

func TestMissingElementsAreNamedInBothLanguages(t *testing.T) {
	got := describeElements(MissingElements(ReplyText{Facts: "经现场核实电梯停运属实", Basis: "无", Handling: "更换主板并复检", Result: "电梯恢复运行", AppealChannel: ""}))
	if want := "basis (依据) and appealChannel (救济渠道)"; got != want {
		t.Errorf("hint %q, want %q", got, want)
	}
	all := describeElements(Elements)
	for _, e := range []string{"facts (事实)", "basis (依据)", "handling (处理)", "result (结果)", "appealChannel (救济渠道)"} {
		if !strings.Contains(all, e) {
			t.Errorf("%q does not name %s", all, e)
		}
	}
}
