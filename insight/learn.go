package insight

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// A suggester that learns: besides the tree's keywords, the categories a
// tenant's own tickets were filed under (at dispatch, at close, and every
// dispatcher's correction) teach it the words citizens actually use. The
// learned part is a weighted vote over terms: pairs of adjacent Chinese
// characters and Latin words, never digits (so no phone or ID number ever
// reaches the table). Character pairs need no dictionary, so workflow can
// learn without loading the segmenter, and they catch words the dictionary
// does not know (升降梯, 电驴).

// MaxTerms bounds the terms taken from one text: the first MaxTerms distinct
// ones count. A text of MaxSuggestText characters has at most that many.
const MaxTerms = 2000

// MaxSuggestText is the longest text a suggestion is asked for, in
// characters (Unicode code points); suggestCategory refuses longer ones and
// intake suggests from the first MaxSuggestText characters of what it read.
const MaxSuggestText = 2000

// Special terms of the learned table: DocTerm counts the tickets of a
// category, SumTerm the terms over those tickets.
const (
	DocTerm = ""
	SumTerm = "#"
)

// Terms are the distinct terms of text, in the order they first appear:
// every pair of adjacent Han characters, and every run of two or more Latin
// letters (lower case, at most 32). Digits, punctuation and single
// characters are dropped.
func Terms(text string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if len(out) < MaxTerms && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	var prev rune
	var latin []rune
	flush := func() {
		if len(latin) >= 2 && len(latin) <= 32 {
			add(string(latin))
		}
		latin = latin[:0]
	}
	for _, r := range normalise(text) {
		switch {
		case unicode.Is(unicode.Han, r):
			flush()
			if prev != 0 {
				add(string([]rune{prev, r}))
			}
			prev = r
		case r < unicode.MaxLatin1 && unicode.IsLetter(r):
			prev = 0
			latin = append(latin, r)
		default:
			prev = 0
			flush()
		}
	}
	flush()
	return out
}

// Learned is what a tenant's history says about the terms of one text: per
// category the tickets learned and the terms they had in all, and per term
// of the text the tickets of each category that carried it. Categories
// absent from the tree the suggestion is made with are ignored.
type Learned struct {
	Docs  map[int]int            // category → tickets learned
	Sums  map[int]int            // category → terms over those tickets
	Terms map[string]map[int]int // term → category → tickets carrying it
}

// NewLearned returns an empty table.
func NewLearned() *Learned {
	return &Learned{Docs: map[int]int{}, Sums: map[int]int{}, Terms: map[string]map[int]int{}}
}

// Add records one row of the learned table.
func (l *Learned) Add(term string, category, count int) {
	switch term {
	case DocTerm:
		l.Docs[category] += count
	case SumTerm:
		l.Sums[category] += count
	default:
		m := l.Terms[term]
		if m == nil {
			m = map[int]int{}
			l.Terms[term] = m
		}
		m[category] += count
	}
}

// Teach records one ticket of the category, as workflow does in the
// database; tests and the evaluation use it to build a table in memory.
func (l *Learned) Teach(text string, category int) {
	ts := Terms(text)
	l.Add(DocTerm, category, 1)
	l.Add(SumTerm, category, len(ts))
	for _, t := range ts {
		l.Add(t, category, 1)
	}
}

// Only returns the part of l a suggestion for text reads: what the
// database query returns for the text's terms.
func (l *Learned) Only(text string) *Learned {
	out := &Learned{Docs: l.Docs, Sums: l.Sums, Terms: map[string]map[int]int{}}
	for _, t := range Terms(text) {
		if m, ok := l.Terms[t]; ok {
			out.Terms[t] = m
		}
	}
	return out
}

// Tuning of the learned model, on folds of the first bank whose asked
// wording the history has not seen (insight.Fold; MINSHENG_TUNE=1 go test
// ./insight -run TestLearnedFigures -v; docs/accuracy.md).
var (
	// MinEvidence is the weighted evidence the chosen category needs: the
	// sum over the text's terms of their specificity times the share of
	// their use that falls in the category.
	MinEvidence = 4.0
	// MinLearnedConfidence is the learned model's confidence below which
	// it does not suggest on its own.
	MinLearnedConfidence = 0.7
	// MinSupport is how many of the text's terms must mark the chosen
	// category (most of their use in it, and used by few categories): a
	// text that shares one pair of characters with the history says
	// nothing.
	MinSupport = 3
	// MinDocs is how many tickets a category needs before the learned
	// model suggests it: one ticket filed wrongly must not teach.
	MinDocs = 2
	// MaxSpread is the share of the tree's categories beyond which a term
	// says nothing: greetings, requests, places and names turn up under
	// every topic (您好, 希望, 小区, 锁金新村).
	MaxSpread = 0.1
	// Reliability is the count at which a term's use in a category is
	// trusted half: one ticket may carry a pair by chance, three carrying
	// it are a habit of the tenant's citizens.
	Reliability = 1.0
	// StrengthScale is the evidence at which the confidence's strength
	// factor reaches 1-1/e.
	StrengthScale = 4.0
)

// guess is the learned model's answer.
type guess struct {
	category   int
	confidence float64
	support    int
	evidence   float64
}

// learned picks the category the history makes most likely for text, among
// the categories of tree. Every category of the tree also counts as one
// ticket made of its name and keywords: a young tenant whose history holds
// a single category still has the others to weigh it against, and a term
// the tree spreads over many categories is not distinctive of one.
//
// It is a vote, weighted TF-IDF fashion, rather than naive Bayes: each
// term of the text that the history knows votes for the categories that
// use it, in proportion to how often each does per ticket, with the weight
// log(categories / categories using it). Words every topic uses (the
// greetings and requests around a complaint, places, names) are spread over
// most categories and weigh nothing; naive Bayes counted them as evidence
// and picked topics from chance wrappers (请尽快安排人来看看 → 其他咨询).
// The confidence is the winner's share against the runner-up times the
// strength of its evidence.
func learned(text string, tree []Category, l *Learned) (guess, bool) {
	if l == nil || len(l.Docs) == 0 {
		return guess{}, false
	}
	textTerms := Terms(text)
	inText := make(map[string]bool, len(textTerms))
	for _, t := range textTerms {
		inText[t] = true
	}
	docs := make(map[int]float64, len(tree))
	hits := map[string]map[int]float64{}
	hit := func(t string, c int, n float64) {
		m := hits[t]
		if m == nil {
			m = map[int]float64{}
			hits[t] = m
		}
		m[c] += n
	}
	var cats []int
	for _, cat := range tree {
		if _, dup := docs[cat.ID]; dup {
			continue
		}
		docs[cat.ID] = float64(max(0, l.Docs[cat.ID])) + 1
		cats = append(cats, cat.ID)
		for _, t := range Terms(cat.Name + "，" + strings.Join(cat.Keywords, "，")) {
			if inText[t] {
				hit(t, cat.ID, 1)
			}
		}
	}
	if len(cats) < 2 {
		return guess{}, false
	}
	sort.Ints(cats)
	for _, t := range textTerms {
		for c, n := range l.Terms[t] {
			if _, ok := docs[c]; ok && n > 0 {
				hit(t, c, float64(n))
			}
		}
	}
	n := float64(len(cats))
	score := make(map[int]float64, len(cats))
	marks := map[int]int{}
	for _, t := range textTerms {
		h := hits[t]
		spread := float64(len(h))
		if spread == 0 || spread > math.Max(1, MaxSpread*n) {
			continue
		}
		idf := math.Log(n / spread)
		rates := 0.0
		for c, k := range h {
			rates += k / docs[c]
		}
		for c, k := range h {
			share := k / docs[c] / rates
			score[c] += idf * share * k / (k + Reliability)
			if share >= 0.5 {
				marks[c]++
			}
		}
	}
	best, second := 0, 0.0
	for _, c := range cats {
		switch {
		case best == 0 || score[c] > score[best]:
			if best != 0 {
				second = score[best]
			}
			best = c
		case score[c] > second:
			second = score[c]
		}
	}
	g := guess{category: best, support: marks[best], evidence: score[best]}
	if g.evidence <= 0 {
		return g, false
	}
	g.confidence = (g.evidence - second) / g.evidence * (1 - math.Exp(-g.evidence/StrengthScale))
	if g.support < MinSupport || l.Docs[g.category] < MinDocs || g.evidence < MinEvidence || g.confidence < MinLearnedConfidence {
		return g, false
	}
	return g, true
}

// SuggestLearned is Suggest with the tenant's history: the keyword rule and
// the learned model each give their answer or none, and
//
//   - when both answer and agree (the same category, or the learned one
//     below the keyword one), the learned, deeper one is suggested at the
//     higher confidence;
//   - when the learned model answers alone, its answer stands;
//   - when the keyword rule answers alone, its answer stands only if it
//     is a leaf, at least KeywordAlone sure, and the history does not
//     point elsewhere (DisagreeEvidence);
//   - when they disagree, nothing is suggested.
//
// l may be nil or empty: then it is Suggest.
func (c *Classifier) SuggestLearned(text string, tree []Category, l *Learned) (Suggestion, bool) {
	kw, kwOK := Suggestion{}, false
	if c != nil {
		kw, kwOK = c.Suggest(text, tree)
	}
	if l == nil || len(l.Docs) == 0 {
		return kw, kwOK
	}
	g, gOK := learned(text, tree, l)
	agree := kwOK && g.category != 0 && (g.category == kw.CategoryID || below(tree, g.category, kw.CategoryID))
	switch {
	case gOK && agree:
		return describe(tree, g.category, math.Max(g.confidence, kw.Confidence)), true
	case gOK && !kwOK:
		return describe(tree, g.category, g.confidence), true
	case gOK:
		// They disagree: a wrong suggestion costs more than none.
		return Suggestion{}, false
	case !kwOK:
		return Suggestion{}, false
	}
	// The keyword rule alone. With a history to check it against, a
	// suggestion that stops above the leaves is no answer (城乡建设 for a
	// text that says 小区), one the history points away from is a
	// disagreement, and it must be sure.
	if !leaf(tree, kw.CategoryID) || kw.Confidence < KeywordAlone {
		return Suggestion{}, false
	}
	if g.evidence >= DisagreeEvidence && !agree && !below(tree, kw.CategoryID, g.category) {
		return Suggestion{}, false
	}
	return kw, true
}

// KeywordAlone is the keyword rule's confidence below which, for a tenant
// with a history, it does not suggest without the learned model's
// agreement.
var KeywordAlone = 0.6

// DisagreeEvidence is the learned model's evidence (below its own
// threshold to suggest) for another category that vetoes the keyword
// rule's suggestion.
var DisagreeEvidence = 2.0

// leaf reports whether category id has no children in tree.
func leaf(tree []Category, id int) bool {
	for _, c := range tree {
		if c.ParentID == id && c.ID != id {
			return false
		}
	}
	return true
}

// below reports whether category id lies under ancestor in tree.
func below(tree []Category, id, ancestor int) bool {
	parent := make(map[int]int, len(tree))
	for _, c := range tree {
		parent[c.ID] = c.ParentID
	}
	for i, p := 0, parent[id]; p != 0 && i < len(tree); i, p = i+1, parent[p] {
		if p == ancestor {
			return true
		}
	}
	return false
}

// describe is the suggestion of category id: its path of names and the
// department of it or its nearest ancestor.
func describe(tree []Category, id int, confidence float64) Suggestion {
	byID := make(map[int]Category, len(tree))
	for _, c := range tree {
		byID[c.ID] = c
	}
	s := Suggestion{CategoryID: id, Confidence: math.Round(confidence*1000) / 1000}
	var names []string
	for i, cur := 0, id; cur != 0 && i <= len(tree); i++ {
		c, ok := byID[cur]
		if !ok {
			break
		}
		names = append(names, c.Name)
		if s.DepartmentID == 0 {
			s.DepartmentID = c.DepartmentID
		}
		cur = c.ParentID
	}
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
	}
	s.Path = strings.Join(names, PathSep)
	return s
}
