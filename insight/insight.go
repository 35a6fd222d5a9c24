// Package insight is analytics over complaint text. Today it suggests a
// category and a department for a complaint from the tenant's category tree;
// later it will find duplicates and compute statistics.
//
// Suggestions come from keywords: each category has words that suggest it,
// the text is cut into words with gse (a maintained Chinese segmenter), and
// the categories are scored by the words they share with the text. A wrong
// suggestion costs a clerk more than none (they must notice and undo it), so
// Suggest says "no suggestion" whenever the evidence is thin or split.
package insight

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/go-ego/gse"
	"github.com/minsheng/minsheng/lexicon"
)

// Category is one node of a tenant's category tree, as the caller reads it
// from the database.
type Category struct {
	ID           int
	ParentID     int // 0 = root
	Name         string
	Keywords     []string
	DepartmentID int // 0 = none: the nearest ancestor's department applies
}

// Suggestion is the category Suggest picked, the department responsible for
// it and how sure it is.
type Suggestion struct {
	CategoryID, DepartmentID int
	Confidence               float64 // in [0,1]
	Path                     string  // 城乡建设 › 物业管理 › 电梯故障
}

// PathSep joins category names in Suggestion.Path.
const PathSep = " › "

// Classifier suggests categories. It holds the segmenter's dictionary, which
// is large, so a process has one (NewClassifier returns it) and shares it:
// all methods are safe for concurrent use.
type Classifier struct {
	seg   *gse.Segmenter // lexicon's, shared
	total float64        // sum of the dictionary's word frequencies

	mu    sync.RWMutex
	words map[string]word // facts about keywords, computed once per keyword
}

// word is what the classifier knows about a keyword.
type word struct {
	whole  bool    // gse keeps it as one word, so it must match a whole word of the text
	common float64 // its specificity in general language: 0.1 for 问题 … 1 for 困人
}

// generic words are how people ask and complain, whatever about: 请问…
// 怎么办, 反映…问题. Trees list them for catch-all categories (其他咨询), but
// alone they say nothing about the topic, and the dictionary, built from
// written text, rates spoken ones like 怎么办 as rare. They weigh so little
// that they never make a suggestion on their own.
var generic = map[string]bool{
	"请问": true, "怎么办": true, "咨询": true, "了解": true, "投诉": true, "反映": true, "问题": true,
	"不满": true, "建议": true, "意见": true, "希望": true, "其他": true, "举报": true, "求助": true,
}

const genericWeight = 0.05

// maxCachedWords bounds the keyword cache; tenants edit their keywords
// rarely, so this is far more than a process sees in practice.
const maxCachedWords = 100_000

// NewClassifier returns the process's classifier over lexicon's dictionary
// (loaded on the first call anywhere in the process: about 0.4 s and 47 MB
// of heap measured here); later calls return the same classifier at once.
var NewClassifier = sync.OnceValues(load)

func load() (*Classifier, error) {
	seg, err := lexicon.Load()
	if err != nil {
		return nil, fmt.Errorf("insight: %w", err)
	}
	return &Classifier{seg: seg, total: seg.Dict.TotalFreq(), words: map[string]word{}}, nil
}

// Tokens cuts text into words the way Suggest sees it: whitespace removed
// (OCR and ASR put spaces between Chinese characters), Latin letters in
// lower case.
func (c *Classifier) Tokens(text string) []string {
	return c.seg.Cut(normalise(text))
}

func normalise(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
		case r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ', r >= '０' && r <= '９':
			b.WriteRune(unicode.ToLower(r - 'Ａ' + 'A'))
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// word looks a keyword up in the dictionary once and remembers the answer.
func (c *Classifier) word(k string) word {
	c.mu.RLock()
	w, ok := c.words[k]
	c.mu.RUnlock()
	if ok {
		return w
	}
	w.whole = len(c.seg.Cut(k)) == 1
	freq := 0.0
	if w.whole {
		freq, _, _ = c.seg.Find(k)
	}
	// Information content against the dictionary, mapped so that everyday
	// words (问题, 单位: frequency in the tens of thousands) weigh about a
	// third of rare ones. A keyword the dictionary splits is a compound
	// and as specific as the rarest words.
	info := math.Log(c.total / (freq + 5))
	x := math.Min(1, math.Max(0, (info-6)/8))
	w.common = math.Max(0.1, x*x)
	if generic[k] {
		w.common = genericWeight
	}
	c.mu.Lock()
	if len(c.words) < maxCachedWords {
		c.words[k] = w
	}
	c.mu.Unlock()
	return w
}

// Scoring constants, tuned on the generated test set (seed 1). A match on
// whole words counts fully; a keyword found only inside a longer word
// (公交 in 公交线路, but also 卫生 in 卫生间) counts less; a compound keyword
// gse splits (五险一金) found as plain text counts nearly fully.
// minConfidence 0.4 rather than 0.35 costs 1.7 points of leaf accuracy and
// stops the 4-7% of off-topic texts that got a suggestion (周末… → 违规培训).
const (
	partOfWord    = 0.6
	splitCompound = 0.8
	nameBoost     = 1.2  // the category's own name in the text is strong evidence
	repeatBonus   = 0.15 // per extra mention, at most three
	parentWeight  = 0.7  // a parent's words count toward its children at this weight
	grandWeight   = 0.5  // and a grandparent's at this
	minScore      = 0.35 // below this the text says too little about any category
	minConfidence = 0.4
	strengthScale = 0.8 // score at which strength reaches 1-1/e
	leafMargin    = 0.2 // a child must beat its best sibling by this share of its own evidence
)

type node struct {
	cat      Category
	parent   *node
	children []*node
	depth    int
	own      float64            // evidence from the node's own keywords and name
	hits     map[string]float64 // that evidence per keyword
	chain    float64            // own plus weighted evidence of its ancestors
	best     float64            // best chain in the subtree
	below    float64            // own plus the best own evidence along one path below
}

// Suggest picks the category the text is most likely about and the
// department responsible for it. It returns false when nothing matches
// well: a text that mentions no category's words, or whose words point
// equally to categories in different branches.
//
// Each category's evidence is the sum, over the keywords (and its name)
// found in the text, of the keyword's specificity: how rare the word is in
// general language times how few places in the tree use it. A category
// inherits its parent's and grandparent's evidence at a lower weight. The
// deepest category that is clearly ahead of its siblings is returned, so a
// text about 物业 in general yields 物业管理, not a guess among its leaves.
//
// DepartmentID is the category's own department or its nearest ancestor's.
func (c *Classifier) Suggest(text string, tree []Category) (Suggestion, bool) {
	t := normalise(text)
	if t == "" || len(tree) == 0 {
		return Suggestion{}, false
	}
	roots, all := build(tree)
	if len(roots) == 0 {
		return Suggestion{}, false
	}
	c.score(t, all)

	// Evidence flows down: a node's chain counts each keyword found once,
	// at full weight when the node lists it and at a lower weight when only
	// its parent or grandparent does. A keyword that a leaf and its parent
	// both list (电梯 in 物业管理 and 电梯故障) is not counted twice, else
	// such a leaf would outweigh one whose own words say more.
	var down func(n *node)
	down = func(n *node) {
		weight, value := map[string]float64{}, map[string]float64{}
		a := n
		for _, w := range []float64{1, parentWeight, grandWeight} {
			if a == nil {
				break
			}
			for k, v := range a.hits {
				if w > weight[k] {
					weight[k], value[k] = w, v
				}
			}
			a = a.parent
		}
		n.chain = 0
		for k, w := range weight {
			n.chain += w * value[k]
		}
		n.best = n.chain
		deeper := 0.0
		for _, ch := range n.children {
			down(ch)
			n.best = math.Max(n.best, ch.best)
			deeper = math.Max(deeper, ch.below)
		}
		n.below = n.own + deeper
	}
	for _, r := range roots {
		down(r)
	}

	// Walk down from the best root while one child is clearly ahead.
	// Siblings share their ancestors' words, so they are compared on their
	// own evidence and what lies below them.
	pick, second := bestOf(roots)
	if pick == nil || pick.best < minScore {
		return Suggestion{}, false
	}
	separation := 1.0
	if second != nil && pick.best > 0 {
		separation = math.Max(0, (pick.best-second.best)/pick.best)
	}
	for len(pick.children) > 0 {
		ch, sib := bestBelow(pick.children)
		if ch.below == 0 {
			break // nothing below adds evidence of its own
		}
		sep := 1.0
		if sib != nil {
			sep = (ch.below - sib.below) / ch.below
		}
		if sep < leafMargin {
			break // the children are too close to call: stay one level up
		}
		pick = ch
		separation = math.Min(separation, sep)
	}

	strength := 1 - math.Exp(-pick.best/strengthScale)
	conf := strength * (0.4 + 0.6*separation)
	if conf < minConfidence {
		return Suggestion{}, false
	}
	s := Suggestion{CategoryID: pick.cat.ID, Confidence: math.Round(conf*1000) / 1000}
	var names []string
	for n := pick; n != nil; n = n.parent {
		names = append(names, n.cat.Name)
		if s.DepartmentID == 0 {
			s.DepartmentID = n.cat.DepartmentID
		}
	}
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
	}
	s.Path = strings.Join(names, PathSep)
	return s, true
}

// bestOf returns the two nodes with the highest subtree evidence. Ties go
// to the earlier node, so results do not depend on map order.
func bestOf(ns []*node) (best, second *node) {
	for _, n := range ns {
		switch {
		case best == nil || n.best > best.best:
			best, second = n, best
		case second == nil || n.best > second.best:
			second = n
		}
	}
	return best, second
}

// bestBelow returns the two nodes with the most evidence of their own and
// below them; ties go to the earlier node.
func bestBelow(ns []*node) (best, second *node) {
	for _, n := range ns {
		switch {
		case best == nil || n.below > best.below:
			best, second = n, best
		case second == nil || n.below > second.below:
			second = n
		}
	}
	return best, second
}

// build links the flat tree. Nodes whose parent is missing are treated as
// roots; a cycle (which the directory never stores) is cut where found.
func build(tree []Category) (roots, all []*node) {
	byID := make(map[int]*node, len(tree))
	for _, c := range tree {
		if _, dup := byID[c.ID]; dup {
			continue
		}
		n := &node{cat: c}
		byID[c.ID] = n
		all = append(all, n)
	}
	for _, n := range all {
		if p := byID[n.cat.ParentID]; p != nil && n.cat.ParentID != n.cat.ID {
			n.parent = p
			p.children = append(p.children, n)
		}
	}
	var mark func(n *node, depth int, seen map[*node]bool)
	mark = func(n *node, depth int, seen map[*node]bool) {
		seen[n] = true
		n.depth = depth
		kept := n.children[:0]
		for _, ch := range n.children {
			if !seen[ch] {
				kept = append(kept, ch)
				mark(ch, depth+1, seen)
			}
		}
		n.children = kept
	}
	seen := map[*node]bool{}
	for _, n := range all {
		if n.parent == nil {
			roots = append(roots, n)
			mark(n, 0, seen)
		}
	}
	return roots, all
}

// occurrence is one keyword found in the text, at bytes [start, end).
type occurrence struct {
	key        string
	start, end int
	strength   float64
}

// score sets each node's own evidence from the keywords found in t.
func (c *Classifier) score(t string, all []*node) {
	// Keywords and names, with the nodes that carry them.
	holders := map[string][]*node{}
	add := func(k string, n *node) {
		k = normalise(k)
		if len([]rune(k)) < 2 && !isHan1(k) {
			return
		}
		for _, h := range holders[k] {
			if h == n {
				return
			}
		}
		holders[k] = append(holders[k], n)
	}
	for _, n := range all {
		for _, k := range n.cat.Keywords {
			add(k, n)
		}
		add(n.cat.Name, n)
	}

	// Word boundaries of the segmented text.
	starts, ends := map[int]bool{0: true}, map[int]bool{len(t): true}
	pos := 0
	for _, tok := range c.seg.Cut(t) {
		if i := strings.Index(t[pos:], tok); i >= 0 {
			starts[pos+i] = true
			pos += i + len(tok)
			ends[pos] = true
		}
	}

	var occs []occurrence
	for k := range holders {
		w := c.word(k)
		for from := 0; ; {
			i := strings.Index(t[from:], k)
			if i < 0 {
				break
			}
			s, e := from+i, from+i+len(k)
			strength := 1.0
			if !starts[s] || !ends[e] {
				strength = partOfWord
				if !w.whole {
					strength = splitCompound
				}
			}
			occs = append(occs, occurrence{key: k, start: s, end: e, strength: strength})
			from = e
		}
	}
	// A longer keyword wins the text it covers: 加装电梯 is not also 电梯,
	// 物业费 is not also 物业. Ties in length are kept in a fixed order.
	sort.Slice(occs, func(i, j int) bool {
		a, b := occs[i], occs[j]
		if la, lb := a.end-a.start, b.end-b.start; la != lb {
			return la > lb
		}
		if a.start != b.start {
			return a.start < b.start
		}
		return a.key < b.key
	})
	var kept []occurrence
	for _, o := range occs {
		inside := false
		for _, k := range kept {
			if o.start >= k.start && o.end <= k.end && (o.end-o.start) < (k.end-k.start) {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, o)
		}
	}

	// Per keyword: best strength and number of mentions.
	type found struct {
		strength float64
		count    int
	}
	hits := map[string]*found{}
	for _, o := range kept {
		f := hits[o.key]
		if f == nil {
			f = &found{}
			hits[o.key] = f
		}
		f.strength = math.Max(f.strength, o.strength)
		f.count++
	}
	for k, f := range hits {
		v := f.strength * c.word(k).common * treeWeight(holders[k]) * (1 + repeatBonus*float64(min(f.count-1, 3)))
		for _, n := range holders[k] {
			x := v
			if normalise(n.cat.Name) == k {
				x = f.strength * nameBoost
			}
			n.own += x
			if n.hits == nil {
				n.hits = map[string]float64{}
			}
			n.hits[k] = x
		}
	}
}

// treeWeight is a keyword's specificity within the tree: 1 when one branch
// uses it, less when unrelated branches share it (退费 in 消费维权 and
// 校外培训). A keyword a parent and its child share counts as one place.
func treeWeight(holders []*node) float64 {
	has := map[*node]bool{}
	for _, h := range holders {
		has[h] = true
	}
	places := 0
	for _, h := range holders {
		top := true
		for p := h.parent; p != nil; p = p.parent {
			if has[p] {
				top = false
				break
			}
		}
		if top {
			places++
		}
	}
	if places <= 1 {
		return 1
	}
	return 1 / math.Sqrt(float64(places))
}

func isHan1(s string) bool {
	r := []rune(s)
	return len(r) == 1 && unicode.Is(unicode.Han, r[0])
}
