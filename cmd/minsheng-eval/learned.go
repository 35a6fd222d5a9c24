package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/minsheng/minsheng/insight"
)

func init() { register(section{Order: 31, Name: "learned", Run: evalLearned}) }

// Seeds of the learned suggester's evaluation, offset from -seed: the
// history it is taught, the split its thresholds were tuned on (the
// constants in insight/learn.go), and the split reported, never tuned on.
const (
	historySeed = 10
	tuneSeed    = 11
	reportSeed  = 12
)

// evalLearned measures insight.SuggestLearned: taught a generated history
// of o.N/5 (at least 10) tickets per leaf, it suggests for complaints that
// avoid their category's keywords (insight.SynonymSet). Reported: the
// tuning split, a held-out split of the same phrase bank with other seeds,
// and the second and third phrase banks, written apart and never tuned on.
func evalLearned(ctx context.Context, o options) (string, error) {
	c, err := insight.NewClassifier()
	if err != nil {
		return "", err
	}
	tree := demoCategories()
	byPath := map[string]int{}
	for _, cat := range tree {
		byPath[pathIn(tree, cat.ID)] = cat.ID
	}
	perLeaf := max(10, o.N/5)
	learned := insight.NewLearned()
	for _, h := range insight.History(o.Seed+historySeed, perLeaf) {
		learned.Teach(h.Text, byPath[h.Path])
	}
	type split struct {
		name string
		set  []insight.Labelled
	}
	splits := []split{
		{"tuning split (first bank)", insight.SynonymSet(o.Seed+tuneSeed, o.N/5+1, false)},
		{"held-out split (first bank, other seeds)", insight.SynonymSet(o.Seed+reportSeed, o.N/5+1, false)},
		{"second bank (never tuned on)", insight.SynonymSet(o.Seed+reportSeed, o.N/2+1, true)},
		{"third bank: calls, letters, two matters (never tuned on)", insight.ThirdSet(o.Seed+reportSeed, o.N/2+1)},
	}
	var b strings.Builder
	fmt.Fprintf(&b, "## Learned category suggestions\n\n")
	fmt.Fprintf(&b, "insight.SuggestLearned taught a history of %d generated tickets per leaf of the demo tree "+
		"(insight.History, seed %d: keyword and synonym phrasing mixed, as TestSet), asked for complaints that "+
		"use none of their leaf's keywords (insight.SynonymSet), with about one off-topic text in ten. "+
		"Precision counts the suggestions given; a suggestion is right when it is the true leaf. "+
		"The thresholds in insight/learn.go were tuned on the first bank only (the tuning split and insight.Fold).\n\n", perLeaf, o.Seed+historySeed)
	fmt.Fprintf(&b, "| texts | model | n | coverage | precision (leaf) | off-topic given a suggestion |\n|---|---|---|---|---|---|\n")
	var wrong, missed []failure
	nWrong, nMissed := 0, 0
	for si, sp := range splits {
		for _, withHistory := range []bool{false, true} {
			l := learned
			model := "keywords + learned"
			if !withHistory {
				l, model = nil, "keywords only"
			}
			var t, off catTally
			listed := map[string]bool{}
			for i, x := range sp.set {
				if err := ctx.Err(); err != nil {
					return "", err
				}
				s, ok := c.SuggestLearned(x.Text, tree, l)
				if x.Path == "" {
					off.add("", s, ok)
					if ok && withHistory && si > 0 {
						nWrong++
						wrong = append(wrong, failure{i, fmt.Sprintf("%s: off-topic %q → %s (%.2f)", sp.name, clip(x.Text, 40), s.Path, s.Confidence), true})
					}
					continue
				}
				t.add(x.Path, s, ok)
				if !withHistory || si == 0 {
					continue
				}
				switch {
				case ok && s.Path != x.Path:
					nWrong++
					if !listed["w"+x.Path] {
						listed["w"+x.Path] = true
						wrong = append(wrong, failure{i, fmt.Sprintf("%s: %q → %s (%.2f), truth %s", sp.name, clip(x.Text, 50), s.Path, s.Confidence, x.Path), false})
					}
				case !ok:
					nMissed++
					if !listed["m"+x.Path] {
						listed["m"+x.Path] = true
						missed = append(missed, failure{i, fmt.Sprintf("%s: %q → none, truth %s", sp.name, clip(x.Text, 50), x.Path), false})
					}
				}
			}
			fmt.Fprintf(&b, "| %s | %s | %d | %s | %s | %s |\n", sp.name, model, t.n, share(t.given, t.n), share(t.leaf, t.given), share(off.given, off.n))
		}
	}
	fmt.Fprintf(&b, "\n%s\n", teachThree(c, tree, learned, byPath))
	writeFailures(&b, fmt.Sprintf("Wrong suggestions on the held-out sets, %d in all; the first for each true category", nWrong), wrong)
	writeFailures(&b, fmt.Sprintf("No suggestion on the held-out sets, %d in all; the first for each true category", nMissed), missed)
	return b.String(), nil
}

// newPhrases are complaints no bank and no keyword has, each with the leaf
// a dispatcher files it under.
var newPhrases = []struct{ text, path string }{
	{"后门那排铁栅栏被人锯断了好几根", "公共安全 › 治安管理 › 治安隐患"},
	{"共享充电宝押金退不回来", "市场监管 › 消费维权 › 预付卡退费"},
	{"健身步道的塑胶跑道全翘起来了", "城乡建设 › 市政设施 › 道路破损"},
	{"广场上的喷泉水泵整夜嗡嗡作响", "生态环境 › 噪声污染 › 设备噪声"},
	{"外卖骑手把电瓶拎上楼在走廊里插着", "公共安全 › 消防安全 › 电动车违规充电"},
}

// teachThree teaches each new phrase three times, in three wrappings, and
// asks for it in a fourth.
func teachThree(c *insight.Classifier, tree []insight.Category, base *insight.Learned, byPath map[string]int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Taught three times: each phrase below, unknown to the banks and the keywords, is taught as three tickets of its leaf "+
		"(on top of the history above) and then asked for in new words around it.\n\n| phrase | before | after three lessons |\n|---|---|---|\n")
	for _, p := range newPhrases {
		l := insight.NewLearned()
		for k, v := range base.Docs {
			l.Docs[k] = v
		}
		for k, v := range base.Sums {
			l.Sums[k] = v
		}
		for term, m := range base.Terms {
			cp := make(map[int]int, len(m))
			for k, v := range m {
				cp[k] = v
			}
			l.Terms[term] = cp
		}
		ask := "您好，" + p.text + "，请问怎么处理？"
		before, okB := c.SuggestLearned(ask, tree, l)
		for _, wrap := range []string{"我想反映一下，%s。", "最近%s，希望尽快解决。", "%s，已经好几天了"} {
			l.Teach(fmt.Sprintf(wrap, p.text), byPath[p.path])
		}
		after, okA := c.SuggestLearned(ask, tree, l)
		fmt.Fprintf(&b, "| %s | %s | %s |\n", p.text, named(before, okB), named(after, okA))
	}
	return b.String()
}

func named(s insight.Suggestion, ok bool) string {
	if !ok {
		return "none"
	}
	return fmt.Sprintf("%s (%.2f)", s.Path, s.Confidence)
}

// pathIn is the path of names of category id in tree.
func pathIn(tree []insight.Category, id int) string {
	byID := map[int]insight.Category{}
	for _, c := range tree {
		byID[c.ID] = c
	}
	var names []string
	for cur := id; cur != 0; cur = byID[cur].ParentID {
		names = append([]string{byID[cur].Name}, names...)
	}
	return strings.Join(names, insight.PathSep)
}
