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
// learned part is a naive Bayes model over terms: pairs of adjacent Chinese
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

// Tuning of the learned model, on the tuning split of the evaluation
// (cmd/minsheng-eval, section "learned categories"; docs/accuracy.md).
var (
	// Vocabulary is the assumed number of distinct terms, for smoothing.
	Vocabulary = 20000.0
	// Smoothing is the add-α count of every term in every category.
	Smoothing = 0.1
	// Temperature divides the per-term mean log-likelihood ratio before the
	// softmax: naive Bayes counts every term as independent evidence and
	// is sure of itself far beyond its accuracy.
	Temperature = 0.1
	// MinLearnedConfidence is the learned model's posterior below which it
	// does not suggest on its own.
	MinLearnedConfidence = 0.7
	// MinSupport is how many of the text's terms the chosen category must
	// have seen: a text that shares one pair of characters with the
	// history says nothing.
	MinSupport = 3
	// MinDocs is how many tickets a category needs before the learned
	// model suggests it: one ticket filed wrongly must not teach.
	MinDocs = 2
	// Distinctive is how much more often than on average a term must
	// appear in a category to support it.
	Distinctive = 3.0
)

// guess is the learned model's answer.
type guess struct {
	category   int
	confidence float64
	support    int
}

// learned picks the category the history makes most likely for text, among
// the categories of tree. Every category of the tree also counts as one
// ticket made of its name and keywords: a young tenant whose history holds
// a single category still has the others to weigh it against, and a term
// the tree spreads over many categories is not distinctive of one.
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
	sums := make(map[int]float64, len(tree))
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
	total := 0.0
	for _, cat := range tree {
		if _, dup := docs[cat.ID]; dup {
			continue
		}
		own := Terms(cat.Name + "，" + strings.Join(cat.Keywords, "，"))
		docs[cat.ID] = float64(max(0, l.Docs[cat.ID])) + 1
		sums[cat.ID] = float64(max(0, l.Sums[cat.ID]) + len(own))
		total += docs[cat.ID]
		cats = append(cats, cat.ID)
		for _, t := range own {
			if inText[t] {
				hit(t, cat.ID, 1)
			}
		}
	}
	sort.Ints(cats)
	for _, t := range textTerms {
		for c, n := range l.Terms[t] {
			if _, ok := docs[c]; ok && n > 0 {
				hit(t, c, float64(n))
			}
		}
	}
	// Terms seen in no category say nothing and would only favour small
	// categories.
	var terms []string
	for _, t := range textTerms {
		if len(hits[t]) > 0 {
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 || len(cats) < 2 {
		return guess{}, false
	}
	scores := make([]float64, len(cats))
	for i, c := range cats {
		denom := math.Log(sums[c] + Smoothing*Vocabulary)
		s := 0.0
		for _, t := range terms {
			s += math.Log(hits[t][c]+Smoothing) - denom
		}
		// The per-term mean, so a long text is not surer than a short one
		// for saying the same thing more often.
		scores[i] = s / float64(len(terms))
	}
	// Softmax with the prior, tempered.
	best := 0
	for i := range scores {
		scores[i] = scores[i]/Temperature + math.Log(docs[cats[i]]/total)
		if scores[i] > scores[best] {
			best = i
		}
	}
	sum := 0.0
	for _, s := range scores {
		sum += math.Exp(s - scores[best])
	}
	g := guess{category: cats[best], confidence: 1 / sum}
	// Support counts the terms that mark the category: seen in it at
	// least Distinctive times as often, per ticket, as in the history as a
	// whole. Greetings and requests (您好, 希望, 处理) are everywhere and
	// do not count, so an off-topic text finds no support.
	for _, t := range terms {
		all := 0.0
		for _, n := range hits[t] {
			all += n
		}
		if n := hits[t][g.category]; n > 0 && n/docs[g.category] >= Distinctive*all/total {
			g.support++
		}
	}
	if g.support < MinSupport || l.Docs[g.category] < MinDocs || g.confidence < MinLearnedConfidence {
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
//   - when only one answers, its answer stands;
//   - when they disagree, the learned model wins if it is at least
//     OverrideConfidence sure and the keyword rule less than that, the
//     keyword rule wins if it is and the learned model is not, and
//     otherwise nothing is suggested.
//
// l may be nil or empty: then it is Suggest.
func (c *Classifier) SuggestLearned(text string, tree []Category, l *Learned) (Suggestion, bool) {
	kw, kwOK := Suggestion{}, false
	if c != nil {
		kw, kwOK = c.Suggest(text, tree)
	}
	g, gOK := learned(text, tree, l)
	switch {
	case !gOK:
		return kw, kwOK
	case !kwOK:
		return describe(tree, g.category, g.confidence), true
	case g.category == kw.CategoryID || below(tree, g.category, kw.CategoryID):
		return describe(tree, g.category, math.Max(g.confidence, kw.Confidence)), true
	case g.confidence >= OverrideConfidence && kw.Confidence < OverrideConfidence:
		return describe(tree, g.category, g.confidence), true
	case kw.Confidence >= OverrideConfidence && g.confidence < OverrideConfidence:
		return kw, true
	}
	return Suggestion{}, false
}

// OverrideConfidence is how sure one side must be, and the other not, for
// it to win a disagreement.
var OverrideConfidence = 0.8

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
