package insight_test

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/insight"
)

// Department IDs given to the demo tree in these tests: the top-level
// categories carry their bureau, and 城市管理 overrides 城乡建设's bureau
// for its subtree, as a real tenant would set it up.
const (
	deptHousing = 101 // 住建局
	deptCityMgt = 102 // 城管局
)

// demoTree flattens the demo tenants' category tree the way the intake job
// reads it from the database.
func demoTree() []insight.Category {
	var out []insight.Category
	var walk func(cs []demo.Cat, parent int)
	walk = func(cs []demo.Cat, parent int) {
		for _, c := range cs {
			id := len(out) + 1
			cat := insight.Category{ID: id, ParentID: parent, Name: c.Name, Keywords: c.Keywords}
			switch c.Name {
			case "城乡建设":
				cat.DepartmentID = deptHousing
			case "城市管理":
				cat.DepartmentID = deptCityMgt
			}
			out = append(out, cat)
			walk(c.Children, id)
		}
	}
	walk(demo.Districts[0].Categories, 0)
	return out
}

func classifier(t testing.TB) *insight.Classifier {
	t.Helper()
	c, err := insight.NewClassifier()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSuggest(t *testing.T) {
	c, tree := classifier(t), demoTree()
	tests := []struct {
		text, path string
		dept       int
	}{
		{"我家小区的电梯又坏了，昨天把人困在里面半个小时，物业一直不来修。", "城乡建设 › 物业管理 › 电梯故障", deptHousing},
		{"楼下烧烤店油烟太大，每天晚上熏得开不了窗。", "生态环境 › 大气污染 › 餐饮油烟", 0},
		{"请问孩子明年幼升小，我们小区划片到哪个学校？", "教育 › 入学招生 › 入学政策咨询", 0},
		{"公司一直不给我们交五险一金。", "劳动和社会保障 › 社会保险 › 单位未缴社保", 0},
		{"包工头拖欠我们农民工的工钱，过年回不了家", "劳动和社会保障 › 劳动关系 › 拖欠工资", 0},
		{"珠江路上有人摆摊，流动摊贩把人行道都占了", "城乡建设 › 城市管理 › 占道经营", deptCityMgt},
		{"小区申请加装电梯，需要什么手续", "城乡建设 › 房屋与住房保障 › 老旧小区改造", deptHousing},
		{"喂你好我想反映一下我们楼道里有人飞线充电很危险", "公共安全 › 消防安全 › 电动车违规充电", 0},
	}
	for _, tt := range tests {
		s, ok := c.Suggest(tt.text, tree)
		if !ok || s.Path != tt.path {
			t.Errorf("Suggest(%q) = %q, %v; want %q", tt.text, s.Path, ok, tt.path)
			continue
		}
		if s.DepartmentID != tt.dept {
			t.Errorf("Suggest(%q) department %d, want %d", tt.text, s.DepartmentID, tt.dept)
		}
		if s.Confidence <= 0 || s.Confidence > 1 {
			t.Errorf("Suggest(%q) confidence %v", tt.text, s.Confidence)
		}
		if got := tree[s.CategoryID-1].Name; !strings.HasSuffix(tt.path, got) {
			t.Errorf("Suggest(%q) category %d is %q", tt.text, s.CategoryID, got)
		}
	}
}

// A text about property management in general names no leaf: the clerk
// gets 物业管理 rather than a guess among its four children.
func TestSuggestStaysAtTheLevelTheTextSupports(t *testing.T) {
	c, tree := classifier(t), demoTree()
	s, ok := c.Suggest("物业", tree)
	if !ok || s.Path != "城乡建设 › 物业管理" {
		t.Errorf("got %q, %v; want 城乡建设 › 物业管理", s.Path, ok)
	}
}

func TestSuggestNothing(t *testing.T) {
	c, tree := classifier(t), demoTree()
	for _, text := range []string{
		"", "   ", "今天天气真不错，出去走走。", "喂喂，听得到吗？", "哈哈哈好的谢谢", "Hello, is anyone there?",
		"我家猫今天吃了两碗饭。", "1234567890",
	} {
		if s, ok := c.Suggest(text, tree); ok {
			t.Errorf("Suggest(%q) = %q (%.2f), want no suggestion", text, s.Path, s.Confidence)
		}
	}
	if _, ok := c.Suggest("电梯坏了", nil); ok {
		t.Error("a suggestion from an empty tree")
	}
}

// Keywords gse cuts into several words still match, on the text as written.
func TestSuggestSplitKeyword(t *testing.T) {
	c := classifier(t)
	if got := c.Tokens("五险一金"); len(got) < 2 {
		t.Fatalf("gse keeps 五险一金 whole (%q); pick another split keyword for this test", got)
	}
	tree := []insight.Category{
		{ID: 1, Name: "社保", DepartmentID: 7},
		{ID: 2, ParentID: 1, Name: "欠缴", Keywords: []string{"五险一金"}},
		{ID: 3, ParentID: 1, Name: "报销", Keywords: []string{"报销"}},
	}
	s, ok := c.Suggest("单位不给交五 险一金", tree)
	if !ok || s.CategoryID != 2 || s.DepartmentID != 7 || s.Path != "社保 › 欠缴" {
		t.Errorf("got %+v, %v", s, ok)
	}
}

func TestSuggestConcurrent(t *testing.T) {
	c, tree := classifier(t), demoTree()
	set := insight.TestSet(7, 1)
	want := make([]insight.Suggestion, len(set))
	for i, l := range set {
		want[i], _ = c.Suggest(l.Text, tree)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := g; i < len(set); i += 4 {
				if got, _ := c.Suggest(set[i].Text, tree); got != want[i] {
					t.Errorf("concurrent Suggest(%q) = %+v, alone %+v", set[i].Text, got, want[i])
				}
			}
		})
	}
	wg.Wait()
	if c2 := classifier(t); c2 != c {
		t.Error("NewClassifier loaded a second classifier")
	}
}

// TestTestSetCoversTheDemoTree keeps the generator in step with demo/data.go.
func TestTestSetCoversTheDemoTree(t *testing.T) {
	tree := demoTree()
	leaves := map[string]bool{}
	paths := map[int]string{}
	for _, c := range tree {
		paths[c.ID] = c.Name
		if p := paths[c.ParentID]; p != "" {
			paths[c.ID] = p + insight.PathSep + c.Name
		}
	}
	hasChild := map[int]bool{}
	for _, c := range tree {
		hasChild[c.ParentID] = true
	}
	for _, c := range tree {
		if !hasChild[c.ID] {
			leaves[paths[c.ID]] = true
		}
	}
	seen := map[string]int{}
	offTopic, synonyms := 0, 0
	for _, l := range insight.TestSet(1, 3) {
		switch {
		case l.Path == "":
			offTopic++
		case !leaves[l.Path]:
			t.Errorf("generated path %q is not a leaf of the demo tree", l.Path)
		}
		seen[l.Path]++
		if l.Synonyms {
			synonyms++
		}
		if strings.Contains(l.Text, "{") {
			t.Errorf("unfilled placeholder in %q", l.Text)
		}
	}
	for p := range leaves {
		if seen[p] != 3 {
			t.Errorf("leaf %q has %d texts, want 3", p, seen[p])
		}
	}
	if offTopic == 0 || synonyms == 0 {
		t.Errorf("%d off-topic and %d synonym texts", offTopic, synonyms)
	}
}

// Accuracy floors on the generated set (seed 1, 20 texts per leaf: 1,580
// complaints and 158 off-topic texts). Measured when written: leaf accuracy
// 0.608, top-level 0.611, precision of given suggestions 0.969, leaf
// accuracy on texts that use keywords 0.887 (on synonym texts 0: a keyword
// method cannot know that 升降梯 is 电梯), no off-topic text suggested.
// Seeds 2 and 3 give leaf accuracy 0.592 and 0.576. The floors sit a few
// points below seed 1 so the test catches a regression, not noise.
func TestAccuracyOnGeneratedSet(t *testing.T) {
	c, tree := classifier(t), demoTree()
	m := measure(c, tree, insight.TestSet(1, 20))
	t.Logf("leaf %.3f, top level %.3f, coverage %.3f, precision %.3f, with keywords %.3f, with synonyms %.3f, off-topic suggested %.3f",
		m.leaf, m.top, m.coverage, m.precision, m.leafKeywords, m.leafSynonyms, m.offTopicSuggested)
	floors := []struct {
		name       string
		got, floor float64
	}{
		{"leaf accuracy", m.leaf, 0.56},
		{"top-level accuracy", m.top, 0.57},
		{"precision of given suggestions", m.precision, 0.93},
		{"leaf accuracy with keywords", m.leafKeywords, 0.84},
	}
	for _, f := range floors {
		if f.got < f.floor {
			t.Errorf("%s %.3f, below the floor %.2f", f.name, f.got, f.floor)
		}
	}
	if m.offTopicSuggested > 0.05 {
		t.Errorf("%.3f of off-topic texts got a suggestion", m.offTopicSuggested)
	}
}

type metrics struct {
	leaf, top, coverage, precision, leafKeywords, leafSynonyms, offTopicSuggested float64
	failures                                                                      []string
}

func measure(c *insight.Classifier, tree []insight.Category, set []insight.Labelled) metrics {
	var m metrics
	var n, given, right, top, nk, rk, ns, rs, off, offGiven float64
	for _, l := range set {
		s, ok := c.Suggest(l.Text, tree)
		if l.Path == "" {
			off++
			if ok {
				offGiven++
				m.failures = append(m.failures, fmt.Sprintf("off-topic %q → %s", l.Text, s.Path))
			}
			continue
		}
		n++
		hit := ok && s.Path == l.Path
		if ok {
			given++
			if strings.Split(s.Path, insight.PathSep)[0] == strings.Split(l.Path, insight.PathSep)[0] {
				top++
			}
		}
		if hit {
			right++
		} else {
			m.failures = append(m.failures, fmt.Sprintf("%q → %q (%v), want %s", l.Text, s.Path, ok, l.Path))
		}
		if l.Synonyms {
			ns++
			if hit {
				rs++
			}
		} else {
			nk++
			if hit {
				rk++
			}
		}
	}
	div := func(a, b float64) float64 {
		if b == 0 {
			return math.NaN()
		}
		return a / b
	}
	m.leaf, m.top, m.coverage, m.precision = div(right, n), div(top, n), div(given, n), div(right, given)
	m.leafKeywords, m.leafSynonyms, m.offTopicSuggested = div(rk, nk), div(rs, ns), div(offGiven, off)
	return m
}

func BenchmarkSuggest(b *testing.B) {
	c, tree := classifier(b), demoTree()
	set := insight.TestSet(3, 2)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		c.Suggest(set[i%len(set)].Text, tree)
	}
}
