package stats

import "testing"

// A unit with two perfect cases does not top one with two hundred mostly
// good ones: its rates are shrunk toward the tenant's mean.
func TestRankingShrinksSmallSamples(t *testing.T) {
	perfect := func(n int) *Metrics {
		return &Metrics{Received: n, Dispatched: n, AcceptedTimely: n, Closed: n, ClosedOnTime: n, Replied: n, CompleteReplies: n, Callbacks: n, Satisfied: n, Solved: n}
	}
	small := perfect(2)
	big := perfect(200)
	big.AcceptedTimely, big.ClosedOnTime, big.Satisfied, big.Solved, big.Returned = 190, 190, 190, 190, 10
	mean := &Metrics{}
	mean.add(big)
	mean.add(small)
	// The rest of the tenant does worse.
	rest := perfect(300)
	rest.AcceptedTimely, rest.ClosedOnTime, rest.Satisfied, rest.Solved, rest.Returned = 150, 150, 150, 150, 60
	mean.add(rest)
	w := rankingWeights(nil)
	s, b := score(small, mean, w), score(big, mean, w)
	if s.Score >= b.Score {
		t.Fatalf("two perfect cases score %v, two hundred at 95%% score %v: the small sample tops the list", s.Score, b.Score)
	}
	if raw := *ratio(small.Satisfied, small.Callbacks); raw != 1 {
		t.Fatalf("raw satisfaction %v", raw)
	}
}

// Weights come from the tenant's settings; missing or invalid ones are 1.
func TestRankingWeights(t *testing.T) {
	w := rankingWeights(map[string]any{SettingRankingWeights: map[string]any{"risk": 3.0, "supervision": -1.0}})
	if w["risk"] != 3 || w["supervision"] != 1 || w["responseSpeed"] != 1 || len(w) != 6 {
		t.Fatalf("weights %v", w)
	}
}
