package patterns

import (
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/minsheng/minsheng/insight"
)

var sweep = flag.Bool("patterns.sweep", false, "print precision and recall over a grid of thresholds (tuning, seed 1)")

func matcherT(t testing.TB) *Matcher {
	t.Helper()
	c, err := insight.NewClassifier()
	if err != nil {
		t.Fatal(err)
	}
	return New(c)
}

// tally counts a detector's outcomes.
type tally struct{ tp, fp, fn int }

func (x tally) precision() float64 { return ratio(x.tp, x.tp+x.fp) }
func (x tally) recall() float64    { return ratio(x.tp, x.tp+x.fn) }
func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// evaluation is what Evaluate found on one set.
type evaluation struct {
	repeat, group tally
	failures      []string // a few named failures
}

// evaluate runs detection over cases in time order as workflow does at
// each registration: repeats among the same person's earlier cases within
// 180 days, groups among all cases of the last 7 days.
func evaluate(m *Matcher, cases []Case) evaluation {
	var ev evaluation
	tickets := make([]Ticket, len(cases))
	groupOf := map[int]int{} // ticket → group
	nextGroup := 0
	for i, c := range cases {
		t := Ticket{ID: i + 1, Code: fmt.Sprintf("T%d", i+1), Person: "i" + c.Person, Category: c.Category,
			RegisteredAt: c.At, Doc: m.Doc(m.Terms(c.Title, c.Body, c.Place))}
		if c.Place != "" {
			t.Place, t.PlaceName = "t"+c.Place, c.Place
		}
		var mine, window []Ticket
		truth := false
		for j := i - 1; j >= 0; j-- {
			e := tickets[j]
			e.GroupCase = groupOf[e.ID]
			age := c.At.Sub(e.RegisteredAt)
			if e.Person == t.Person && age <= 180*24*time.Hour {
				mine = append(mine, e)
				truth = truth || cases[j].Matter == c.Matter
			}
			if age <= 7*24*time.Hour {
				window = append(window, e)
			}
		}
		rep, found := FindRepeat(t, mine, nil)
		switch {
		case found && truth && cases[rep.MatchedID-1].Matter == c.Matter:
			ev.repeat.tp++
		case found:
			ev.repeat.fp++
			ev.fail("repeat, wrongly", c, cases[rep.MatchedID-1], rep.Score)
		case truth:
			ev.repeat.fn++
			for _, e := range mine {
				if cases[e.ID-1].Matter == c.Matter {
					ev.fail("repeat, missed", c, cases[e.ID-1], Similarity(t.Doc, e.Doc))
					break
				}
			}
		}
		if g, ok := FindGroup(t, window, DefaultGroupMinCitizens); ok {
			id := g.Join
			if id == 0 {
				nextGroup++
				id = nextGroup
			}
			for _, mID := range append(g.Members, t.ID) {
				if groupOf[mID] == 0 {
					groupOf[mID] = id
				}
			}
		}
		tickets[i] = t
	}
	// Truth: a matter with at least 5 people within 7 days.
	people := map[int]map[string]bool{}
	for _, c := range cases {
		if people[c.Matter] == nil {
			people[c.Matter] = map[string]bool{}
		}
		people[c.Matter][c.Person] = true
	}
	// Each group stands for the matter most of its tickets are about.
	votes := map[int]map[int]int{}
	for id, g := range groupOf {
		if votes[g] == nil {
			votes[g] = map[int]int{}
		}
		votes[g][cases[id-1].Matter]++
	}
	majority := map[int]int{}
	for g, v := range votes {
		best := 0
		for matter, n := range v {
			if n > v[best] || n == v[best] && matter < best {
				best = matter
			}
		}
		majority[g] = best
	}
	for i, c := range cases {
		grouped := len(people[c.Matter]) >= DefaultGroupMinCitizens
		g, in := groupOf[i+1]
		switch {
		case in && grouped && majority[g] == c.Matter:
			ev.group.tp++
		case in:
			ev.group.fp++
			ev.fail("group, wrongly joined", c, cases[firstOf(groupOf, g)-1], 0)
		case grouped:
			ev.group.fn++
			ev.fail("group, missed", c, c, 0)
		}
	}
	return ev
}

func firstOf(groupOf map[int]int, g int) int {
	first := 0
	for id, x := range groupOf {
		if x == g && (first == 0 || id < first) {
			first = id
		}
	}
	return first
}

func (ev *evaluation) fail(kind string, c, other Case, score float64) {
	if len(ev.failures) < 400 {
		ev.failures = append(ev.failures, fmt.Sprintf("%s (%.2f): %q ~ %q", kind, score, c.Title+"｜"+c.Body, other.Title+"｜"+other.Body))
	}
}

// TestAccuracy measures repeat and group detection on sets it was not
// tuned on (seed 2 of the first generator, seed 3 of the second, whose
// wording differs) and holds the figures docs/accuracy.md reports.
func TestAccuracy(t *testing.T) {
	m := matcherT(t)
	for _, set := range []struct {
		name      string
		seed      int64
		gen       int
		minRepeat float64
		minGroup  float64
	}{
		{"generator 1, seed 2 (held out)", 2, 0, 0.75, 0.7},
		{"generator 2, seed 3 (other wording)", 3, 1, 0.6, 0.6},
	} {
		cases := Generate(set.seed, set.gen, 400)
		ev := evaluate(m, cases)
		t.Logf("%s, %d cases: repeat precision %.3f recall %.3f (tp %d fp %d fn %d); group precision %.3f recall %.3f (tp %d fp %d fn %d)",
			set.name, len(cases), ev.repeat.precision(), ev.repeat.recall(), ev.repeat.tp, ev.repeat.fp, ev.repeat.fn,
			ev.group.precision(), ev.group.recall(), ev.group.tp, ev.group.fp, ev.group.fn)
		for _, f := range ev.failures {
			t.Log("  " + f)
		}
		if min(ev.repeat.precision(), ev.repeat.recall()) < set.minRepeat || min(ev.group.precision(), ev.group.recall()) < set.minGroup {
			t.Errorf("%s: below the floor (repeat %.2f, group %.2f)", set.name, set.minRepeat, set.minGroup)
		}
	}
}

// TestSweep prints the figures over a grid of thresholds on the tuning
// set (seed 1): go test ./insight/patterns -run Sweep -patterns.sweep -v
func TestSweep(t *testing.T) {
	if !*sweep {
		t.Skip("tuning only: -patterns.sweep")
	}
	m := matcherT(t)
	cases := Generate(1, 0, 400)
	defer func(r, g, p float64) { repeatThreshold, groupThreshold, placeThreshold = r, g, p }(repeatThreshold, groupThreshold, placeThreshold)
	var b strings.Builder
	for _, r := range []float64{0.34, 0.4, 0.45, 0.5, 0.55} {
		for _, g := range []float64{0.3, 0.4, 0.5, 0.6} {
			repeatThreshold, groupThreshold = r, g
			ev := evaluate(m, cases)
			fmt.Fprintf(&b, "repeat %.2f group %.2f: repeat P %.3f R %.3f | group P %.3f R %.3f\n", r, g,
				ev.repeat.precision(), ev.repeat.recall(), ev.group.precision(), ev.group.recall())
		}
	}
	t.Log("\n" + b.String())
}

// TestUncategorisedPlaceRule measures group detection before and after the
// rule that links tickets at exactly the same place when one has no
// category (docs/accuracy.md); the threshold was chosen on seed 1 with
// -patterns.sweep. The rule must not cost recall, nor precision beyond a
// point, on the sets it was not tuned on.
func TestUncategorisedPlaceRule(t *testing.T) {
	m := matcherT(t)
	defer func(u float64) { uncategorisedPlaceThreshold = u }(uncategorisedPlaceThreshold)
	sets := []struct {
		name string
		seed int64
		gen  int
	}{{"generator 1, seed 2", 2, 0}, {"generator 2, seed 3", 3, 1}}
	if *sweep {
		sets = append(sets, struct {
			name string
			seed int64
			gen  int
		}{"generator 1, seed 1 (tuning)", 1, 0})
	}
	for _, set := range sets {
		cases := Generate(set.seed, set.gen, 400)
		uncategorisedPlaceThreshold = 2
		before := evaluate(m, cases).group
		thresholds := []float64{UncategorisedPlaceThreshold}
		if *sweep {
			thresholds = []float64{0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5}
		}
		for _, u := range thresholds {
			uncategorisedPlaceThreshold = u
			after := evaluate(m, cases).group
			t.Logf("%s: group before P %.3f R %.3f (tp %d fp %d fn %d); after (%.2f) P %.3f R %.3f (tp %d fp %d fn %d)", set.name,
				before.precision(), before.recall(), before.tp, before.fp, before.fn, u,
				after.precision(), after.recall(), after.tp, after.fp, after.fn)
			if u == UncategorisedPlaceThreshold && (after.recall() < before.recall() || after.precision() < before.precision()-0.05) {
				t.Errorf("%s: the place rule costs recall or precision", set.name)
			}
		}
	}
}
