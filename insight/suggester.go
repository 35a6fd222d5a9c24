package insight

import (
	"context"
	"fmt"
	"sync/atomic"
	"unicode/utf8"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/categoryterm"
)

// Suggester suggests a category for a text in the caller's tenant from the
// tenant's category tree (keywords) and what the tenant's own tickets
// taught it (the learned table workflow keeps). It only reads, as the
// caller: the tenant filter keeps every tenant to its own tree and history.
type Suggester struct {
	client   *ent.Client
	keywords atomic.Pointer[Classifier]
}

// NewSuggester returns a suggester reading through client. c is the keyword
// rule; nil suggests from the learned table alone until SetClassifier.
func NewSuggester(client *ent.Client, c *Classifier) *Suggester {
	s := &Suggester{client: client}
	s.keywords.Store(c)
	return s
}

// SetClassifier sets the keyword rule, for a process that loads the
// segmenter's dictionary after it starts serving.
func (s *Suggester) SetClassifier(c *Classifier) { s.keywords.Store(c) }

// Suggest returns the category for text, or nil when unsure. A text longer
// than MaxSuggestText characters is refused with BAD_USER_INPUT.
func (s *Suggester) Suggest(ctx context.Context, text string) (*Suggestion, error) {
	if n := utf8.RuneCountInString(text); n > MaxSuggestText {
		return nil, minsheng.Errorf(minsheng.EINVALID, "text is %d characters; a suggestion takes at most %d", n, MaxSuggestText)
	}
	tree, err := s.Tree(ctx)
	if err != nil {
		return nil, err
	}
	l, err := s.Learned(ctx, text)
	if err != nil {
		return nil, err
	}
	sug, ok := s.keywords.Load().SuggestLearned(text, tree, l)
	if !ok {
		return nil, nil
	}
	return &sug, nil
}

// Prefix is the first MaxSuggestText characters of text, what intake
// suggests from.
func Prefix(text string) string {
	i := 0
	for n := range text {
		if i == MaxSuggestText {
			return text[:n]
		}
		i++
	}
	return text
}

// Tree is the tenant's active categories as the classifier takes them.
func (s *Suggester) Tree(ctx context.Context) ([]Category, error) {
	cats, err := s.client.Category.Query().Where(category.Active(true)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("insight: categories: %w", err)
	}
	out := make([]Category, 0, len(cats))
	for _, c := range cats {
		out = append(out, Category{ID: c.ID, ParentID: deref(c.ParentID), Name: c.Name, Keywords: c.Keywords, DepartmentID: deref(c.DepartmentID)})
	}
	return out, nil
}

// Learned reads the rows of the learned table a suggestion for text needs:
// the counts of every category and those of the text's terms. One query,
// bounded by the text's terms (at most MaxTerms) and the tenant's
// categories.
func (s *Suggester) Learned(ctx context.Context, text string) (*Learned, error) {
	terms := append([]string{DocTerm, SumTerm}, Terms(text)...)
	l := NewLearned()
	const batch = 500
	for i := 0; i < len(terms); i += batch {
		rows, err := s.client.CategoryTerm.Query().
			Where(categoryterm.TermIn(terms[i:min(i+batch, len(terms))]...), categoryterm.CountGT(0)).
			Select(categoryterm.FieldTerm, categoryterm.FieldCategoryID, categoryterm.FieldCount).
			All(ctx)
		if err != nil {
			return nil, fmt.Errorf("insight: learned terms: %w", err)
		}
		for _, r := range rows {
			l.Add(r.Term, r.CategoryID, r.Count)
		}
	}
	return l, nil
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
