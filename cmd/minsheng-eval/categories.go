package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/insight"
)

func init() { register(section{Order: 30, Name: "categories", Run: evalCategories}) }

// demoCategories flattens the demo tenants' category tree the way the
// intake job reads a tenant's tree from the database.
func demoCategories() []insight.Category {
	var out []insight.Category
	var walk func(cs []demo.Cat, parent int)
	walk = func(cs []demo.Cat, parent int) {
		for _, c := range cs {
			id := len(out) + 1
			out = append(out, insight.Category{ID: id, ParentID: parent, Name: c.Name, Keywords: c.Keywords})
			walk(c.Children, id)
		}
	}
	walk(demo.Districts[0].Categories, 0)
	return out
}

// catTally counts one group of generated texts.
type catTally struct {
	n, given, leaf, top, leafGiven int
}

func (t *catTally) add(truth string, s insight.Suggestion, ok bool) {
	t.n++
	if !ok {
		return
	}
	t.given++
	if s.Path == truth {
		t.leaf++
	}
	if topOf(s.Path) == topOf(truth) {
		t.top++
	}
}

func topOf(path string) string {
	top, _, _ := strings.Cut(path, insight.PathSep)
	return top
}

// evalCategories measures category suggestion on insight.TestSet: o.N
// complaints per leaf of the demo tree plus off-topic texts.
func evalCategories(ctx context.Context, o options) (string, error) {
	start := time.Now()
	c, err := insight.NewClassifier()
	if err != nil {
		return "", err
	}
	load := time.Since(start)
	tree := demoCategories()
	set := insight.TestSet(o.Seed, o.N)

	groups := map[string]*catTally{"all": {}, "keywords": {}, "synonyms": {}, "speech": {}}
	var off catTally
	bands := []float64{0.4, 0.6, 0.8}
	byBand := make([]catTally, len(bands))
	// Failures are listed one per true category, so the list shows the
	// variety of mistakes rather than one template twelve times.
	var wrong, missed []failure
	nWrong, nMissed := 0, 0
	listed := map[string]bool{}
	var took time.Duration
	for i, l := range set {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		t0 := time.Now()
		s, ok := c.Suggest(l.Text, tree)
		took += time.Since(t0)
		if l.Path == "" {
			off.add("", s, ok)
			if ok {
				wrong = append(wrong, failure{i, fmt.Sprintf("off-topic %q → %s (%.2f)", clip(l.Text, 40), s.Path, s.Confidence), true})
			}
			continue
		}
		groups["all"].add(l.Path, s, ok)
		if l.Synonyms {
			groups["synonyms"].add(l.Path, s, ok)
		} else {
			groups["keywords"].add(l.Path, s, ok)
		}
		if l.Spoken {
			groups["speech"].add(l.Path, s, ok)
		}
		for b, floor := range bands {
			ok := ok && s.Confidence >= floor
			byBand[b].add(l.Path, s, ok)
		}
		switch {
		case ok && s.Path != l.Path:
			nWrong++
			if listed["w"+l.Path] {
				break
			}
			listed["w"+l.Path] = true
			wrong = append(wrong, failure{i, fmt.Sprintf("%q → %s (%.2f), truth %s", clip(l.Text, 50), s.Path, s.Confidence, l.Path), false})
		case !ok:
			nMissed++
			if listed["m"+l.Path] {
				break
			}
			listed["m"+l.Path] = true
			missed = append(missed, failure{i, fmt.Sprintf("%q → none, truth %s", clip(l.Text, 50), l.Path), false})
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, "## Category suggestions\n\n")
	fmt.Fprintf(&b, "insight.Suggest on insight.TestSet(seed %d, %d per leaf): complaints for each of the demo tree's leaf categories, "+
		"written from templates with places, names, phone numbers and filler; a third avoid the category's keywords (synonyms), "+
		"a fifth read like speech transcripts; plus off-topic texts that should get no suggestion. "+
		"Leaf and top-level accuracy count every complaint (no suggestion is a miss); precision counts only the suggestions given. "+
		"Classifier load %s (gse dictionary), %.2f ms per suggestion on average.\n\n",
		o.Seed, o.N, load.Round(time.Millisecond), float64(took.Microseconds())/1000/float64(len(set)))
	fmt.Fprintf(&b, "| texts | n | leaf top-1 | top-level top-1 | coverage | precision (leaf) | precision (top level) |\n")
	fmt.Fprintf(&b, "|---|---|---|---|---|---|---|\n")
	for _, name := range []string{"all", "keywords", "synonyms", "speech"} {
		t := groups[name]
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s | %s |\n", name, t.n,
			share(t.leaf, t.n), share(t.top, t.n), share(t.given, t.n), share(t.leaf, t.given), share(t.top, t.given))
	}
	fmt.Fprintf(&b, "\nOff-topic texts given a suggestion: %s.\n\n", share(off.given, off.n))
	fmt.Fprintf(&b, "| confidence at least | coverage | precision (leaf) |\n|---|---|---|\n")
	for i, floor := range bands {
		t := byBand[i]
		fmt.Fprintf(&b, "| %.1f | %s | %s |\n", floor, share(t.given, t.n), share(t.leaf, t.given))
	}
	writeFailures(&b, fmt.Sprintf("Wrong suggestions, %d in all; the first for each true category", nWrong), wrong)
	writeFailures(&b, fmt.Sprintf("No suggestion, %d in all; the first for each true category", nMissed), missed)
	return b.String(), nil
}
