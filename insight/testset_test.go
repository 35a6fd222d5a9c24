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
	first, second := insight.Banks()
	if len(second) < 10 {
		t.Errorf("the second bank covers %d leaves", len(second))
	}
	checkNew(t, second, first)
}

// TestThirdIsNew checks the third phrase bank the same way, against the
// first and the second bank.
func TestThirdIsNew(t *testing.T) {
	first, second := insight.Banks()
	third := insight.ThirdBank()
	if len(third) < 25 {
		t.Errorf("the third bank covers %d leaves", len(third))
	}
	both := map[string][]string{}
	for path, ph := range first {
		both[path] = append(slicesClone(ph), second[path]...)
	}
	checkNew(t, third, both)
	set := insight.ThirdSet(1, 3)
	off := 0
	for _, x := range set {
		if x.Path == "" {
			off++
		} else if _, ok := third[x.Path]; !ok {
			t.Errorf("ThirdSet labels %q with %s, not a leaf of the bank", x.Text, x.Path)
		}
	}
	if off == 0 || len(set)-off != 3*len(third) {
		t.Errorf("ThirdSet(1, 3): %d complaints and %d off-topic texts, want %d and some", len(set)-off, off, 3*len(third))
	}
}

// checkNew checks each phrase of bank avoids its leaf's keywords and name,
// and that fewer than half of its character pairs occur in the phrases of
// the same leaf in old.
func checkNew(t *testing.T, bank, old map[string][]string) {
	t.Helper()
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
	for path, phrases := range bank {
		before, ok := old[path]
		if !ok {
			t.Errorf("%s is not a leaf of the first bank", path)
			continue
		}
		seen := map[string]bool{}
		for _, term := range insight.Terms(strings.Join(before, "，")) {
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
				t.Errorf("%s: %q shares %d of its %d character pairs with the older banks", path, ph, shared, len(terms))
			}
		}
	}
}

func slicesClone(s []string) []string { return append([]string(nil), s...) }
