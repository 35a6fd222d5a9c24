package knowledge

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/knowledgearticle"
	"github.com/minsheng/minsheng/ent/knowledgedoc"
	"github.com/minsheng/minsheng/ent/knowledgeterm"
	"github.com/minsheng/minsheng/ent/ticket"
)

// Bounds of a search.
const (
	// MaxQueryRunes is the longest search text.
	MaxQueryRunes = 500
	// DefaultHits and MaxHits are the default and the cap of first.
	DefaultHits = 10
	MaxHits     = 50
	// maxQueryTerms keeps the rarest words of a long query.
	maxQueryTerms = 32
	// maxPostings bounds the rows read for one search: the commonest words
	// of the query are left out once the rarer ones reach it.
	maxPostings = 20000
	// A word in more than commonShare of the documents (and more than
	// commonMin) is left out of a search: its idf is small and its rows
	// are the most numerous.
	commonShare = 0.2
	commonMin   = 50
	// snippetRunes is the length of a snippet.
	snippetRunes = 120
)

// Ranking constants (BM25 with the usual k1 and b). articleBoost favours an
// article over a case of equal text: an article is the office's answer, a
// case one instance of it. Chosen on the tuning half of the generated set.
const (
	k1 = 1.2
	b  = 0.75
)

// Ranking choices, tuned on the tuning half of the generated set (see
// TestSearchAccuracy); variables only so that the tuning test can vary them.
var (
	articleBoost = 3.0
	// Pseudo-relevance feedback: the words of the first feedbackDocs
	// documents, at most feedbackTerms of them, each weighing at most
	// feedbackWeight of a word of the question.
	feedbackDocs   = 3
	feedbackTerms  = 20
	feedbackWeight = 1.0
)

// Hit is one search result: an article in force or a closed case the caller
// sees, with its score and a snippet of its masked text.
type Hit struct {
	Article *ent.KnowledgeArticle
	Ticket  *ent.Ticket
	Score   float64
	Snippet string
}

// Search finds the articles in force and the closed cases the caller sees
// that best answer text, best first. first is capped at MaxHits (0: the
// default).
func (s *Service) Search(ctx context.Context, text string, first int) ([]Hit, error) {
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return nil, minsheng.Errorf(minsheng.EINVALID, "search text is empty")
	case utf8.RuneCountInString(text) > MaxQueryRunes:
		return nil, minsheng.Errorf(minsheng.EINVALID, "search text is longer than %d characters", MaxQueryRunes)
	}
	n, err := hits(first)
	if err != nil {
		return nil, err
	}
	return s.search(ctx, text, n, 0)
}

// ForTicket is the top hits for a ticket's own text, leaving the ticket
// itself out: what a handler sees beside a case.
func (s *Service) ForTicket(ctx context.Context, t *ent.Ticket, first int) ([]Hit, error) {
	n, err := hits(first)
	if err != nil {
		return nil, err
	}
	text := truncate(t.Title+"\n"+t.Body, MaxQueryRunes)
	if strings.TrimSpace(text) == "" {
		return []Hit{}, nil
	}
	return s.search(ctx, text, n, t.ID)
}

func hits(first int) (int, error) {
	switch {
	case first == 0:
		return DefaultHits, nil
	case first < 0:
		return 0, minsheng.Errorf(minsheng.EINVALID, "first must not be negative")
	case first > MaxHits:
		return 0, minsheng.Errorf(minsheng.EINVALID, "first is at most %d", MaxHits)
	}
	return first, nil
}

type scored struct {
	doc   int
	score float64
}

// corpus is what BM25 needs to know about the documents the caller sees.
type corpus struct {
	n, avgdl float64
}

func (s *Service) corpus(ctx context.Context) (corpus, error) {
	docs, err := s.client.KnowledgeDoc.Query().Count(ctx)
	if err != nil || docs == 0 {
		return corpus{}, err
	}
	total, err := s.client.KnowledgeDoc.Query().Aggregate(ent.Sum(knowledgedoc.FieldLength)).Int(ctx)
	if err != nil {
		return corpus{}, fmt.Errorf("knowledge: document lengths: %w", err)
	}
	return corpus{n: float64(docs), avgdl: math.Max(1, float64(total)/float64(docs))}, nil
}

// idfs is the inverse document frequency of each of terms found in the
// documents the caller sees, the rarest first, cut so that their postings
// stay within maxPostings.
func (s *Service) idfs(ctx context.Context, c corpus, terms []string) (map[string]float64, error) {
	var dfs []struct {
		Term  string `json:"term"`
		Count int    `json:"count"`
	}
	err := s.client.KnowledgeTerm.Query().Where(knowledgeterm.TermIn(terms...)).
		GroupBy(knowledgeterm.FieldTerm).Aggregate(ent.Count()).Scan(ctx, &dfs)
	if err != nil {
		return nil, fmt.Errorf("knowledge: document frequencies: %w", err)
	}
	sort.Slice(dfs, func(i, j int) bool {
		if dfs[i].Count != dfs[j].Count {
			return dfs[i].Count < dfs[j].Count
		}
		return dfs[i].Term < dfs[j].Term
	})
	idf := map[string]float64{}
	read := 0
	for _, d := range dfs {
		if len(idf) >= maxQueryTerms || (read+d.Count > maxPostings && len(idf) > 0) {
			break
		}
		if float64(d.Count) > commonShare*c.n && d.Count > commonMin {
			break // as common as 的 in this tenant: reading its rows would cost much and say little
		}
		read += d.Count
		df := float64(d.Count)
		idf[d.Term] = math.Log(1 + (c.n-df+0.5)/(df+0.5))
	}
	return idf, nil
}

type posting struct {
	Term   string `json:"term"`
	DocID  int    `json:"doc_id"`
	TF     int    `json:"tf"`
	DocLen int    `json:"doc_len"`
}

// bm25 scores the documents holding any of the weighted terms.
func (s *Service) bm25(ctx context.Context, c corpus, idf, weight map[string]float64) (map[int]float64, error) {
	terms := make([]string, 0, len(weight))
	for t := range weight {
		if idf[t] > 0 {
			terms = append(terms, t)
		}
	}
	score := map[int]float64{}
	if len(terms) == 0 {
		return score, nil
	}
	var posts []posting
	err := s.client.KnowledgeTerm.Query().Where(knowledgeterm.TermIn(terms...)).
		Select(knowledgeterm.FieldTerm, knowledgeterm.FieldDocID, knowledgeterm.FieldTf, knowledgeterm.FieldDocLen).
		Scan(ctx, &posts)
	if err != nil {
		return nil, fmt.Errorf("knowledge: postings: %w", err)
	}
	for _, p := range posts {
		tf := float64(p.TF)
		norm := tf * (k1 + 1) / (tf + k1*(1-b+b*float64(p.DocLen)/c.avgdl))
		score[p.DocID] += weight[p.Term] * idf[p.Term] * norm
	}
	return score, nil
}

// expand is pseudo-relevance feedback: the words that best characterise the
// top documents of a first ranking (mostly closed cases, where a citizen's
// words stand beside the handler's official ones), weighted by how much of
// those documents' scores they carry. Citizens say 违建 and 医保, articles
// say 违章建筑 and 医疗保险; the cases answered before bridge the two.
func (s *Service) expand(ctx context.Context, c corpus, first map[int]float64, query map[string]float64) (map[string]float64, error) {
	top := rankedDocs(first)
	top = top[:min(len(top), feedbackDocs)]
	if len(top) == 0 {
		return nil, nil
	}
	ids := make([]int, len(top))
	weightOf := map[int]float64{}
	for i, d := range top {
		ids[i] = d.doc
		weightOf[d.doc] = d.score / top[0].score
	}
	var posts []posting
	err := s.client.KnowledgeTerm.Query().Where(knowledgeterm.DocIDIn(ids...)).
		Select(knowledgeterm.FieldTerm, knowledgeterm.FieldDocID, knowledgeterm.FieldTf, knowledgeterm.FieldDocLen).
		Scan(ctx, &posts)
	if err != nil {
		return nil, fmt.Errorf("knowledge: feedback: %w", err)
	}
	mass := map[string]float64{}
	for _, p := range posts {
		if _, ok := query[p.Term]; ok {
			continue
		}
		mass[p.Term] += weightOf[p.DocID] * float64(p.TF) / float64(max(1, p.DocLen))
	}
	cands := make([]string, 0, len(mass))
	for t := range mass {
		cands = append(cands, t)
	}
	if len(cands) == 0 {
		return nil, nil
	}
	idf, err := s.idfs(ctx, c, cands)
	if err != nil {
		return nil, err
	}
	type tw struct {
		t string
		w float64
	}
	var ws []tw
	for t, m := range mass {
		if idf[t] > 0 {
			ws = append(ws, tw{t, m * idf[t]})
		}
	}
	sort.Slice(ws, func(i, j int) bool {
		if ws[i].w != ws[j].w {
			return ws[i].w > ws[j].w
		}
		return ws[i].t < ws[j].t
	})
	ws = ws[:min(len(ws), feedbackTerms)]
	out := map[string]float64{}
	for _, x := range ws {
		out[x.t] = feedbackWeight * x.w / ws[0].w
	}
	return out, nil
}

func rankedDocs(score map[int]float64) []scored {
	r := make([]scored, 0, len(score))
	for d, sc := range score {
		r = append(r, scored{d, sc})
	}
	sortScored(r)
	return r
}

func sortScored(r []scored) {
	sort.Slice(r, func(i, j int) bool {
		if r[i].score != r[j].score {
			return r[i].score > r[j].score
		}
		return r[i].doc < r[j].doc
	})
}

func (s *Service) search(ctx context.Context, text string, first, exclude int) ([]Hit, error) {
	qterms := uniq(Terms(s.seg, text))
	if len(qterms) == 0 {
		return []Hit{}, nil
	}
	c, err := s.corpus(ctx)
	if err != nil || c.n == 0 {
		return []Hit{}, err
	}
	idf, err := s.idfs(ctx, c, qterms)
	if err != nil {
		return nil, err
	}
	weight := map[string]float64{}
	for _, t := range qterms {
		weight[t] = 1
	}
	score, err := s.bm25(ctx, c, idf, weight)
	if err != nil {
		return nil, err
	}
	if len(score) == 0 {
		return []Hit{}, nil
	}
	if exclude != 0 {
		// The ticket itself is its own best match; it must not steer the feedback.
		if d, err := s.client.KnowledgeDoc.Query().Where(knowledgedoc.TicketID(exclude)).OnlyID(ctx); err == nil {
			delete(score, d)
		}
	}
	more, err := s.expand(ctx, c, score, weight)
	if err != nil {
		return nil, err
	}
	if len(more) > 0 {
		eidf, err := s.idfs(ctx, c, keys(more))
		if err != nil {
			return nil, err
		}
		extra, err := s.bm25(ctx, c, eidf, more)
		if err != nil {
			return nil, err
		}
		for d, sc := range extra {
			score[d] += sc
		}
	}
	ranked := rankedDocs(score)
	byScore := sortScored
	// Read more candidates than asked: the boost reorders them, and some
	// are expired articles or the ticket itself.
	cand := ranked[:min(len(ranked), 3*first+20)]
	ids := make([]int, len(cand))
	for i, c := range cand {
		ids[i] = c.doc
	}
	rows, err := s.client.KnowledgeDoc.Query().Where(knowledgedoc.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("knowledge: documents: %w", err)
	}
	now := s.now()
	byID := map[int]*ent.KnowledgeDoc{}
	for _, d := range rows {
		if d.ValidFrom != nil && d.ValidFrom.After(now) || d.ValidUntil != nil && !d.ValidUntil.After(now) {
			continue
		}
		if d.TicketID != nil && *d.TicketID == exclude {
			continue
		}
		byID[d.ID] = d
	}
	kept := cand[:0]
	for _, c := range cand {
		if d := byID[c.doc]; d != nil {
			if d.ArticleID != nil {
				c.score *= articleBoost
			}
			kept = append(kept, c)
		}
	}
	byScore(kept)
	kept = kept[:min(len(kept), first)]

	// The articles and tickets themselves, read as the caller.
	var articleIDs, ticketIDs []int
	for _, c := range kept {
		if d := byID[c.doc]; d.ArticleID != nil {
			articleIDs = append(articleIDs, *d.ArticleID)
		} else if d.TicketID != nil {
			ticketIDs = append(ticketIDs, *d.TicketID)
		}
	}
	articles := map[int]*ent.KnowledgeArticle{}
	if len(articleIDs) > 0 {
		as, err := s.client.KnowledgeArticle.Query().
			Where(knowledgearticle.IDIn(articleIDs...), knowledgearticle.RetiredAtIsNil()).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			articles[a.ID] = a
		}
	}
	tickets := map[int]*ent.Ticket{}
	if len(ticketIDs) > 0 {
		ts, err := s.client.Ticket.Query().Where(ticket.IDIn(ticketIDs...)).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			tickets[t.ID] = t
		}
	}
	out := make([]Hit, 0, len(kept))
	for _, c := range kept {
		d := byID[c.doc]
		h := Hit{Score: math.Round(c.score*1000) / 1000, Snippet: snippet(d.Text, qterms, idf)}
		switch {
		case d.ArticleID != nil && articles[*d.ArticleID] != nil:
			h.Article = articles[*d.ArticleID]
		case d.TicketID != nil && tickets[*d.TicketID] != nil:
			h.Ticket = tickets[*d.TicketID]
		default:
			continue
		}
		out = append(out, h)
	}
	return out, nil
}

func uniq(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// snippet is about snippetRunes of text around the rarest query word it
// contains, or its start.
func snippet(text string, qterms []string, idf map[string]float64) string {
	text = strings.Join(strings.Fields(text), " ")
	terms := slices.Clone(qterms)
	sort.SliceStable(terms, func(i, j int) bool { return idf[terms[i]] > idf[terms[j]] })
	rs := []rune(text)
	lower := strings.ToLower(text)
	at := -1
	for _, t := range terms {
		if i := strings.Index(lower, t); i >= 0 {
			at = utf8.RuneCountInString(lower[:i])
			break
		}
	}
	start := 0
	if at > snippetRunes/3 {
		start = at - snippetRunes/3
	}
	end := min(len(rs), start+snippetRunes)
	if end-start < snippetRunes {
		start = max(0, end-snippetRunes)
	}
	out := string(rs[start:end])
	if start > 0 {
		out = "…" + out
	}
	if end < len(rs) {
		out += "…"
	}
	return out
}

func keys(m map[string]float64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
