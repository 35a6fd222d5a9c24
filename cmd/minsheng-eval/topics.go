package main

import (
	"context"
	"fmt"
	"math/rand"
	"slices"
	"strings"

	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/insight"
	"github.com/minsheng/minsheng/pii"
	"github.com/minsheng/minsheng/topics"
)

func init() { register(section{Order: 40, Name: "topics", Run: evalTopics}) }

// Planted topics: how many leaves are boosted in the current period, and
// how many tickets each gets there, as a multiple of a plain leaf's.
const (
	plantedLeaves = 5
	plantedBoost  = 4
)

// judgeGeneric are the words a reader of hot topics would call empty,
// written for this measure (the four first): a top word among them
// is a leak. It overlaps topics.BuiltinStop by design; words outside
// BuiltinStop are here to catch what the stop list does not.
var judgeGeneric = []string{
	"问题", "反映", "投诉", "情况", "事情", "东西", "地方", "时候", "办法", "结果", "有人", "大家", "我们", "他们",
	"领导", "部门", "相关", "有关", "处理", "解决", "希望", "要求", "谢谢", "麻烦", "答复", "电话", "手机", "联系",
	"生活", "正常", "影响", "严重", "一下", "已经", "现在", "最近", "每天", "晚上", "小区", "居民", "邻居", "老人", "孩子",
}

// evalTopics measures hot topics on a generated month with planted topics.
// The texts are insight.TestSet's (a generator written for category
// suggestion, not for this, and not looked at while the extractor was
// written): the previous period is one draw of o.N complaints per leaf
// category, the current period another draw (a different seed) plus, for
// plantedLeaves leaves picked at random, plantedBoost × o.N more complaints
// of that leaf. Texts are masked as stored, and have no title (the title a
// clerk writes would only help). Keywords go through topics.Extractor and
// the counts through topics.Rank, as the server's hotTopics does.
//
// A planted leaf is found in the top N when one of the top N words names
// it: a keyword of that leaf in the demo tree, or a word inside its name.
func evalTopics(_ context.Context, o options) (string, error) {
	c, err := insight.NewClassifier()
	if err != nil {
		return "", err
	}
	ex := topics.NewExtractor(func() (*insight.Classifier, error) { return c, nil })
	leaves := demoLeaves()

	type run struct {
		seed                   int64
		found10, found20       int
		leaks10, leaks20       []string
		unattributed20         []string
		risingFound            int
		missed                 []string
		tickets, plantedTotals int
	}
	var runs []run
	seeds := []int64{o.Seed, o.Seed + 1, o.Seed + 2}
	n := o.N
	if o.Quick {
		seeds, n = seeds[:1], max(2, n/5)
	}
	for _, seed := range seeds {
		r := rand.New(rand.NewSource(seed * 7919))
		prev := insight.TestSet(seed, n)
		cur := insight.TestSet(seed+1000, n)
		var paths []string
		for _, l := range prev {
			if l.Path != "" && !slices.Contains(paths, l.Path) {
				paths = append(paths, l.Path)
			}
		}
		r.Shuffle(len(paths), func(i, j int) { paths[i], paths[j] = paths[j], paths[i] })
		planted := paths[:plantedLeaves]
		for _, l := range insight.TestSet(seed+2000, plantedBoost*n) {
			if slices.Contains(planted, l.Path) {
				cur = append(cur, l)
			}
		}
		count := func(set []insight.Labelled) (map[string]int, error) {
			m := map[string]int{}
			for _, l := range set {
				text, _ := pii.MaskText(l.Text)
				kws, err := ex.Extract("", text, topics.WordList{})
				if err != nil {
					return nil, err
				}
				for _, k := range kws {
					m[k.Word]++
				}
			}
			return m, nil
		}
		before, err := count(prev)
		if err != nil {
			return "", err
		}
		now, err := count(cur)
		if err != nil {
			return "", err
		}
		top := topics.Rank(now, before, nil, 20)
		topics.Compare(top, before)

		rn := run{seed: seed, tickets: len(cur)}
		for _, p := range planted {
			leaf := leaves[p]
			hit := func(k int) (topics.HotTopic, bool) {
				for _, h := range top[:min(k, len(top))] {
					if names(leaf, h.Word) {
						return h, true
					}
				}
				return topics.HotTopic{}, false
			}
			if _, ok := hit(10); ok {
				rn.found10++
			}
			if h, ok := hit(20); ok {
				rn.found20++
				if h.Rise != nil && *h.Rise >= 0.5 {
					rn.risingFound++
				}
			} else {
				rn.missed = append(rn.missed, p)
			}
		}
		for i, h := range top {
			generic := slices.Contains(judgeGeneric, h.Word)
			if generic && i < 10 {
				rn.leaks10 = append(rn.leaks10, h.Word)
			}
			if generic {
				rn.leaks20 = append(rn.leaks20, h.Word)
			}
			attributed := false
			for _, l := range leaves {
				if names(l, h.Word) {
					attributed = true
					break
				}
			}
			if !attributed {
				rn.unattributed20 = append(rn.unattributed20, h.Word)
			}
		}
		runs = append(runs, rn)
	}

	var b strings.Builder
	fmt.Fprintf(&b, "## Hot topics\n\n")
	fmt.Fprintf(&b, "topics.Extractor + topics.Rank on insight.TestSet: a previous period of %d complaints per leaf category "+
		"(%d leaves), a current period of another draw plus %d planted leaves with %d× as many complaints each; texts masked as stored, no titles, "+
		"no tenant word list. A planted leaf is found when a top word is one of its keywords in the demo tree or part of its name. "+
		"Generic words are judged by a list written for the measure (the issue's 问题, 反映, 投诉, 情况 and %d more).\n\n",
		n, len(leaves), plantedLeaves, plantedBoost, len(judgeGeneric)-4)
	fmt.Fprintf(&b, "| seed | tickets now | planted in top 10 | planted in top 20 | found and rise ≥ 50%% | generic in top 10 | generic in top 20 | top 20 naming no leaf |\n")
	fmt.Fprintf(&b, "| --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, rn := range runs {
		fmt.Fprintf(&b, "| %d | %d | %d / %d | %d / %d | %d | %s | %s | %s |\n", rn.seed, rn.tickets,
			rn.found10, plantedLeaves, rn.found20, plantedLeaves, rn.risingFound,
			listOr(rn.leaks10), listOr(rn.leaks20), listOr(rn.unattributed20))
	}
	var missed []string
	for _, rn := range runs {
		for _, m := range rn.missed {
			missed = append(missed, fmt.Sprintf("%s (seed %d)", m, rn.seed))
		}
	}
	if len(missed) > 0 {
		fmt.Fprintf(&b, "\nPlanted leaves not in the top 20: %s.\n", strings.Join(missed, "; "))
	}
	return b.String(), nil
}

func listOr(ws []string) string {
	if len(ws) == 0 {
		return "none"
	}
	return fmt.Sprintf("%d: %s", len(ws), strings.Join(ws, " "))
}

// demoLeaves are the demo tree's leaf categories by path, with their
// names and keywords (and their parents', which a leaf's texts use too).
func demoLeaves() map[string]demo.Cat {
	out := map[string]demo.Cat{}
	var walk func(cs []demo.Cat, path []string)
	walk = func(cs []demo.Cat, path []string) {
		for _, c := range cs {
			p := append(slices.Clip(path), c.Name)
			if len(c.Children) == 0 {
				out[strings.Join(p, insight.PathSep)] = c
			}
			walk(c.Children, p)
		}
	}
	walk(demo.Districts[0].Categories, nil)
	return out
}

// names reports whether word names the leaf: one of its keywords, or a
// part of its name of two characters or more.
func names(leaf demo.Cat, word string) bool {
	if slices.Contains(leaf.Keywords, word) {
		return true
	}
	return len([]rune(word)) >= 2 && strings.Contains(leaf.Name, word)
}
