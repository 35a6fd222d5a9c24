package topics

import (
	"slices"
	"testing"

	"github.com/minsheng/minsheng/insight"
)

func words(kws []Keyword) []string {
	out := make([]string, len(kws))
	for i, k := range kws {
		out[i] = k.Word
	}
	return out
}

func TestExtractKeepsTheSubjectAndDropsTheGeneric(t *testing.T) {
	e := NewExtractor(insight.NewClassifier)
	kws, err := e.Extract("小区电梯故障", "市民来电反映，幸福小区3号楼电梯经常故障，多次困人，严重影响出行，希望相关部门尽快处理。联系电话138****1234，身份证号5101**********1234。", WordList{})
	if err != nil {
		t.Fatal(err)
	}
	got := words(kws)
	for _, w := range []string{"电梯", "故障"} {
		if !slices.Contains(got, w) {
			t.Errorf("keywords %q lack %q", got, w)
		}
	}
	for _, w := range got {
		if IsGeneric(w) {
			t.Errorf("keywords %q hold the generic %q", got, w)
		}
		if !candidate(w) {
			t.Errorf("keywords %q hold %q, not a word of Chinese characters (a masked number?)", got, w)
		}
	}
	if len(kws) > MaxKeywords || kws[0].Weight != 1 {
		t.Errorf("keywords %+v: at most %d, the best weighing 1", kws, MaxKeywords)
	}
	for i := 1; i < len(kws); i++ {
		if kws[i].Weight > kws[i-1].Weight {
			t.Errorf("keywords not best first: %+v", kws)
		}
	}
}

func TestExtractAppliesTheTenantsWordList(t *testing.T) {
	e := NewExtractor(insight.NewClassifier)
	list := WordList{
		Added:    []string{"广场舞", "锦江绿道"},
		Stop:     []string{"噪音"},
		Synonyms: map[string]string{"广场舞": "夜间扰民", "音响": "夜间扰民"},
	}
	kws, err := e.Extract("锦江绿道广场舞噪音", "每天晚上锦江绿道有人跳广场舞，音响声音很大，噪音扰民。", list)
	if err != nil {
		t.Fatal(err)
	}
	got := words(kws)
	if !slices.Contains(got, "锦江绿道") || !slices.Contains(got, "夜间扰民") {
		t.Errorf("keywords %q lack the added word or the synonyms' canonical word", got)
	}
	for _, w := range []string{"噪音", "广场舞", "音响", "广场", "锦江"} {
		if slices.Contains(got, w) {
			t.Errorf("keywords %q hold %q (stopped, a synonym, or a part of an added word)", got, w)
		}
	}
}

func TestExtractEmptyText(t *testing.T) {
	kws, err := NewExtractor(insight.NewClassifier).Extract("", "   ", WordList{})
	if err != nil || len(kws) != 0 {
		t.Errorf("empty text: %+v %v", kws, err)
	}
}

func TestCheckWordList(t *testing.T) {
	l, err := checkWordList(WordList{Added: []string{" ＡＢＣ小区 ", "abc小区"}, Stop: []string{"情况说明"}, Synonyms: map[string]string{"广场舞": "噪音"}})
	if err != nil || !slices.Equal(l.Added, []string{"abc小区"}) {
		t.Errorf("normalised list %+v %v", l, err)
	}
	for _, bad := range []WordList{
		{Added: []string{"路灯"}, Stop: []string{"路灯"}},
		{Added: []string{"路"}},
		{Added: []string{"路 灯x,"}},
		{Synonyms: map[string]string{"噪音": "噪音"}},
		{Synonyms: map[string]string{"甲甲": "乙乙", "乙乙": "丙丙"}},
	} {
		if _, err := checkWordList(bad); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}
