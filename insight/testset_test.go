package insight_test

import (
	"strings"
	"testing"

	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/insight"
)

// TestHeldoutIsNew checks the second phrase bank is what it claims: each
// phrase avoids its leaf's keywords and name, and fewer than half of its
// character pairs occur in the first bank's phrases of the same leaf.
func TestHeldoutIsNew(t *testing.T) {
	keywords := map[string][]string{}
	var walk func(cs []demo.Cat, path string)
	walk = func(cs []demo.Cat, path string) {
		for _, c := range cs {
			p := c.Name
			if path != "" {
				p = path + insight.PathSep + c.Name
			}
			keywords[p] = append(slicesClone(c.Keywords), c.Name)
			walk(c.Children, p)
		}
	}
	walk(demo.Districts[0].Categories, "")
	first, second := insight.Banks()
	if len(second) < 10 {
		t.Errorf("the second bank covers %d leaves", len(second))
	}
	for path, phrases := range second {
		bank, ok := first[path]
		if !ok {
			t.Errorf("%s is not a leaf of the first bank", path)
			continue
		}
		seen := map[string]bool{}
		for _, term := range insight.Terms(strings.Join(bank, "，")) {
			seen[term] = true
		}
		for _, ph := range phrases {
			for _, k := range keywords[path] {
				if strings.Contains(ph, k) {
					t.Errorf("%s: %q uses the keyword %q", path, ph, k)
				}
			}
			terms := insight.Terms(ph)
			shared := 0
			for _, term := range terms {
				if seen[term] {
					shared++
				}
			}
			if 2*shared >= len(terms) {
				t.Errorf("%s: %q shares %d of its %d character pairs with the first bank", path, ph, shared, len(terms))
			}
		}
	}
}

func slicesClone(s []string) []string { return append([]string(nil), s...) }
