package insight_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/minsheng/minsheng/insight"
)

// taught is a learned table built from the generated history.
func taught(tree []insight.Category, seed int64, n int) *insight.Learned {
	byPath := map[string]int{}
	for _, c := range tree {
		byPath[pathOf(tree, c.ID)] = c.ID
	}
	l := insight.NewLearned()
	for _, h := range insight.History(seed, n) {
		l.Teach(h.Text, byPath[h.Path])
	}
	return l
}

func pathOf(tree []insight.Category, id int) string {
	byID := map[int]insight.Category{}
	for _, c := range tree {
		byID[c.ID] = c
	}
	p := ""
	for cur := id; cur != 0; cur = byID[cur].ParentID {
		if p == "" {
			p = byID[cur].Name
		} else {
			p = byID[cur].Name + insight.PathSep + p
		}
	}
	return p
}

type score struct{ n, given, right, offGiven, offN int }

func (s score) String() string {
	return fmt.Sprintf("precision %.3f coverage %.3f off-topic %d/%d", float64(s.right)/float64(max(1, s.given)), float64(s.given)/float64(max(1, s.n)), s.offGiven, s.offN)
}

func run(c *insight.Classifier, tree []insight.Category, l *insight.Learned, set []insight.Labelled) score {
	var s score
	for _, x := range set {
		sug, ok := c.SuggestLearned(x.Text, tree, l)
		if x.Path == "" {
			s.offN++
			if ok {
				s.offGiven++
			}
			continue
		}
		s.n++
		if ok {
			s.given++
			if sug.Path == x.Path {
				s.right++
			}
		}
	}
	return s
}

// TestTuneLearned prints a grid of the learned model's settings on the
// tuning split (MINSHENG_TUNE=1 only).
func TestTuneLearned(t *testing.T) {
	if os.Getenv("MINSHENG_TUNE") == "" {
		t.Skip("MINSHENG_TUNE not set")
	}
	c, tree := classifier(t), demoTree()
	l := taught(tree, 11, 10)
	set := insight.SynonymSet(12, 10, false)
	t.Logf("keywords only: %v", run(c, tree, nil, set))
	for _, sup := range []int{2, 3} {
		for _, temp := range []float64{0.05, 0.1, 0.15} {
			for _, minc := range []float64{0.5, 0.7, 0.8, 0.9} {
				insight.Temperature, insight.MinLearnedConfidence, insight.MinSupport = temp, minc, sup
				t.Logf("support %d T %.2f min %.2f: %v", sup, temp, minc, run(c, tree, l, set))
			}
		}
	}
}
