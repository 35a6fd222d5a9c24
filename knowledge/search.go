package knowledge

import (
	"context"
	stdsql "database/sql"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/knowledgearticle"
	"github.com/minsheng/minsheng/ent/knowledgedoc"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/rule"
	"github.com/minsheng/minsheng/viewer"
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
	// maxCandidates is how many documents one ask of the full-text index
	// returns, best first by the database's ranking; BM25 and the
	// feedback rank those (twice that with the feedback's words).
	maxCandidates = 200
	// maxArticleCandidates is how many articles one ask returns beside
	// the cases.
	maxArticleCandidates = 50
	// askPostings bounds what one ask of the full-text index costs: the
	// database ranks every document that holds any word it is asked
	// for before it keeps maxCandidates, so an ask names the question's
	// rarest words (the feedback's heaviest) only while the documents
	// holding them add up to at most this many (always at least one
	// word). The words left out still count in the final BM25 of the
	// documents found; only the documents holding nothing but those
	// commoner words are not found.
	askPostings = 6000
	// maxFeedbackLookups is how many of the top documents' words, the
	// heaviest first, have their document frequency counted for the
	// feedback.
	maxFeedbackLookups = 120
	// A word in more than commonShare of the documents (and more than
	// commonMin) is left out of a search: its idf is small and it matches
	// the most rows.
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

// Ranking choices, tuned on the tuning questions only (frames 1–8): of the
// 160-document set (TestSearchAccuracy, TestSearchTuning) and of the
// benchmark's fixtures at 20,000 and 100,000 cases
// (BenchmarkKnowledgeTuning); variables only so that the tuning can vary
// them.
var (
	articleBoost = 3.0
	// articleFloor is how much of the question an article must cover to
	// take a place of its own in the hits (see order): its BM25 score
	// over the score of an ideal document holding each asked word once
	// at average length (the sum of weight × idf). Below it, an article
	// competes with the cases by its boosted score, as before.
	articleFloor = 0.1
	// Pseudo-relevance feedback: the words of the first feedbackDocs
	// documents, at most feedbackTerms of them, each weighing at most
	// feedbackWeight of a word of the question. Twenty documents, not
	// three: in a large tenant the first few are the shortest cases
	// repeating the citizen's words, often with no office word in their
	// reply, so three of them bridged to no article (at 100,000 cases,
	// tuning questions: 3 documents 72 of 80, 10 76, 20 78; on the
	// 160-document set's tuning questions 5 documents 97.5 %, 10 95.5 %,
	// 20 95.0 %: its twenty best documents mix topics).
	feedbackDocs   = 20
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
	tenant   int
	n, avgdl float64
}

func (s *Service) corpus(ctx context.Context, tenant int) (corpus, error) {
	docs, total, err := s.readCorpus(ctx, tenant)
	if err != nil || docs <= 0 {
		return corpus{}, err
	}
	return corpus{tenant: tenant, n: float64(docs), avgdl: math.Max(1, float64(total)/float64(docs))}, nil
}

// common is the document frequency above which a word is left out of a
// search: as common as 的 in this tenant, it would say little and match
// nearly everything.
func (c corpus) common() int { return max(commonMin, int(commonShare*c.n)) }

// idfs is the inverse document frequency of each of terms in the tenant's
// index, the rarest first and at most maxQueryTerms of them; words more
// common than c.common() are left out. df is how many documents hold each.
func (s *Service) idfs(ctx context.Context, c corpus, terms []string) (idf map[string]float64, df map[string]int, err error) {
	df, err = s.dfs(ctx, c, terms)
	if err != nil {
		return nil, nil, err
	}
	kept := make([]string, 0, len(df))
	for t, n := range df {
		if n > 0 && n <= c.common() {
			kept = append(kept, t)
		}
	}
	sort.Slice(kept, func(i, j int) bool {
		if df[kept[i]] != df[kept[j]] {
			return df[kept[i]] < df[kept[j]]
		}
		return kept[i] < kept[j]
	})
	idf = map[string]float64{}
	for _, t := range kept[:min(len(kept), maxQueryTerms)] {
		n := float64(df[t])
		idf[t] = math.Log(1 + (c.n-n+0.5)/(n+0.5))
	}
	return idf, df, nil
}

// asked is the words of terms (in the order given: the most telling first)
// that one ask of the full-text index names: each while the documents
// holding the words so far (by df) stay within askPostings, and at least
// the first.
func asked(terms []string, df map[string]int) []string {
	var out []string
	sum := 0
	for _, t := range terms {
		if len(out) > 0 && sum+df[t] > askPostings {
			continue
		}
		out = append(out, t)
		sum += df[t]
	}
	return out
}

// byRarity is the keys of idf, the rarest word (highest idf) first.
func byRarity(idf map[string]float64) []string {
	out := keys(idf)
	sort.SliceStable(out, func(i, j int) bool { return idf[out[i]] > idf[out[j]] })
	return out
}

// candidate is a document found by the full-text index, with what BM25
// needs of it.
type candidate struct {
	doc    *ent.KnowledgeDoc
	tf     map[string]int
	length float64
}

// retrieve asks the full-text index for the documents of the caller's
// tenant and row scope holding any of terms, and adds those not yet in
// cands: the maxCandidates cases and the maxArticleCandidates articles
// whose words weigh most, a document's weight being the sum of weight over
// the terms it holds (each term's idf: the rarer, the heavier). Articles
// are asked for apart, so that the thousands of cases about a topic never
// crowd its few articles out of the candidates. The weight needs nothing
// but the index's lists of documents per word; BM25 then ranks the
// candidates on their words. The documents themselves are read through
// readDocs (the caller's tenant and row scope).
func (s *Service) retrieve(ctx context.Context, v viewer.Viewer, terms []string, weight map[string]float64, cands map[int]*candidate) error {
	if len(terms) == 0 {
		return nil
	}
	var ids []int
	for _, q := range s.matchSQL(v, terms, weight) {
		rows, err := s.client.QueryContext(ctx, q.sql, q.args...)
		if err != nil {
			return fmt.Errorf("knowledge: full-text search: %w", err)
		}
		for rows.Next() {
			var id int
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("knowledge: full-text search: %w", err)
			}
			if cands[id] == nil {
				ids = append(ids, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("knowledge: full-text search: %w", err)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	docs, err := s.readDocs(ctx, v, ids, false)
	if err != nil {
		return err
	}
	for _, d := range docs {
		tf := map[string]int{}
		for _, w := range strings.Fields(d.Words) {
			tf[w]++
		}
		cands[d.ID] = &candidate{doc: d, tf: tf, length: float64(d.Length)}
	}
	return nil
}

// readDocs reads the documents ids of the caller's tenant and row scope
// (with their text if text), in plain SQL rather than through ent: on
// SQLite, ent's read (id IN (…) AND tenant_id = ?, as the tenant filter
// writes it) walks the tenant's whole index of knowledge_docs instead of
// looking the ids up, because without statistics SQLite's planner prefers
// an index equality to a list of row IDs (60 ms for 10 documents at
// 100,000 cases). The unary + keeps the tenant a check on the rows found by
// ID; the row scope is the predicate of rule.TicketScopeOrNone, as in
// matchSQL.
func (s *Service) readDocs(ctx context.Context, v viewer.Viewer, ids []int, text bool) ([]*ent.KnowledgeDoc, error) {
	b := sql.Dialect(s.dialect)
	d := b.Table(knowledgedoc.Table).As("d")
	cols := []string{d.C(knowledgedoc.FieldID), d.C(knowledgedoc.FieldArticleID), d.C(knowledgedoc.FieldTicketID),
		d.C(knowledgedoc.FieldWords), d.C(knowledgedoc.FieldLength), d.C(knowledgedoc.FieldValidFrom), d.C(knowledgedoc.FieldValidUntil)}
	if text {
		cols = append(cols, d.C(knowledgedoc.FieldText))
	}
	sel := b.Select(cols...).From(d)
	if s.dialect == dialect.Postgres {
		ids64 := make([]int64, len(ids))
		for i, id := range ids {
			ids64[i] = int64(id)
		}
		sel.Where(sql.P(func(b *sql.Builder) {
			b.WriteString(d.C(knowledgedoc.FieldID) + " = ANY(").Arg(ids64).WriteString("::bigint[])")
		})).Where(sql.EQ(d.C(knowledgedoc.FieldTenantID), v.TenantID))
	} else {
		js, _ := json.Marshal(ids)
		sel.Where(sql.P(func(b *sql.Builder) {
			b.WriteString(d.C(knowledgedoc.FieldID) + " IN (SELECT value FROM json_each(").Arg(string(js)).
				WriteString(")) AND +" + d.C(knowledgedoc.FieldTenantID) + " = ").Arg(v.TenantID)
		}))
	}
	if scope := rowScope(v, d); scope != nil {
		sel.Where(scope)
	}
	q, args := sel.Query()
	rows, err := s.client.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("knowledge: documents: %w", err)
	}
	defer rows.Close()
	var out []*ent.KnowledgeDoc
	for rows.Next() {
		var dc ent.KnowledgeDoc
		var article, tk stdsql.NullInt64
		var from, until stdsql.NullTime
		dest := []any{&dc.ID, &article, &tk, &dc.Words, &dc.Length, &from, &until}
		if text {
			dest = append(dest, &dc.Text)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("knowledge: documents: %w", err)
		}
		if article.Valid {
			id := int(article.Int64)
			dc.ArticleID = &id
		}
		if tk.Valid {
			id := int(tk.Int64)
			dc.TicketID = &id
		}
		if from.Valid {
			dc.ValidFrom = &from.Time
		}
		if until.Valid {
			dc.ValidUntil = &until.Time
		}
		out = append(out, &dc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("knowledge: documents: %w", err)
	}
	return out, nil
}

// rowScope is the caller's row scope over the documents d, as
// rule.TicketScopeOrNone applies it to every ent read of the index:
// articles, and the cases whose ticket he sees; nil when he sees every
// ticket of the tenant. The ticket is looked up by ID for each document
// (EXISTS): PostgreSQL's ask of the index (its plan checks the rows the GIN
// index finds) and readDocs (at most a few hundred documents) use it.
// SQLite's ask uses visibleCases instead: looked up row by row, the up to
// askPostings matching documents cost a row of knowledge_docs and a row of
// tickets each.
func rowScope(v viewer.Viewer, d *sql.SelectTable) *sql.Predicate {
	p := rule.Tickets(v)
	if p == nil {
		return nil
	}
	t := sql.Table(ticket.Table)
	visible := sql.Select(t.C(ticket.FieldID)).From(t).
		Where(sql.ColumnsEQ(t.C(ticket.FieldID), d.C(knowledgedoc.FieldTicketID)))
	p(visible)
	return sql.Or(sql.IsNull(d.C(knowledgedoc.FieldTicketID)), sql.Exists(visible))
}

// visibleCases is the IDs of the case documents of the caller's tenant
// whose ticket he sees, for SQLite's ask of the index: the tickets of the
// tenant that rule.Tickets lets him see (the same predicate as
// rule.TicketScopeOrNone), then their documents by the index
// knowledge_docs(tenant_id, ticket_id). Both reads stay inside indexes
// (tickets' (tenant_id, department_id, …, id) covers a department's
// scope), so SQLite builds the set once per ask from index pages. The
// predicate checked document by document instead (rowScope, still used by
// PostgreSQL and by readDocs) read a row of knowledge_docs and a row of
// tickets for each of up to askPostings matching documents: 0.7 s a search
// as a handler at 100,000 cases.
func visibleCases(v viewer.Viewer) *sql.Selector {
	t := sql.Table(ticket.Table)
	tickets := sql.Select(t.C(ticket.FieldID)).From(t).Where(sql.EQ(t.C(ticket.FieldTenantID), v.TenantID))
	if p := rule.Tickets(v); p != nil {
		p(tickets)
	}
	d := sql.Table(knowledgedoc.Table)
	return sql.Select(d.C(knowledgedoc.FieldID)).From(d).
		Where(sql.EQ(d.C(knowledgedoc.FieldTenantID), v.TenantID)).
		Where(sql.In(d.C(knowledgedoc.FieldTicketID), tickets))
}

type query struct {
	sql  string
	args []any
}

// matchSQL is the full-text queries for terms in the caller's tenant and
// row scope, each answering document IDs, heaviest first (see retrieve).
// On SQLite, two: for each kind, one FTS5 MATCH per term, scoped by the
// tenant-and-kind token (store's ftsScope), summed by document. On
// PostgreSQL, one: the tenant's rows whose tsv matches any term (the GIN
// index), weighed by which terms they match, the best of each kind. Terms
// are passed as quoted phrases or lexemes in bound parameters, so no
// character of a user's text acts as query syntax.
func (s *Service) matchSQL(v viewer.Viewer, terms []string, weight map[string]float64) []query {
	b := sql.Dialect(s.dialect)
	d := b.Table(knowledgedoc.Table).As("d")
	// The caller's row scope, as rule.TicketScopeOrNone applies it to
	// every ent read of the index: articles, and the cases he sees.
	scope := rowScope(v, d)
	if s.dialect == dialect.Postgres {
		// Each kind's best, by a window over the matched rows: the
		// rows are fetched once for both kinds.
		article := "(" + d.C(knowledgedoc.FieldArticleID) + " IS NOT NULL)"
		inner := b.Select(d.C(knowledgedoc.FieldID)).
			AppendSelectExprAs(sql.Expr(article), "a").
			AppendSelectExprAs(sql.ExprFunc(func(b *sql.Builder) {
				b.WriteString("ROW_NUMBER() OVER (PARTITION BY " + article + " ORDER BY ")
				for i, t := range terms {
					if i > 0 {
						b.WriteString(" + ")
					}
					b.WriteString("CASE WHEN " + d.C("tsv") + " @@ to_tsquery('simple', ").Arg(tsQuery([]string{t})).
						WriteString(") THEN ").Arg(weight[t]).WriteString("::float8 ELSE 0 END")
				}
				b.WriteString(" DESC, " + d.C(knowledgedoc.FieldID) + ")")
			}), "r").
			From(d).
			Where(sql.EQ(d.C(knowledgedoc.FieldTenantID), v.TenantID)).
			Where(sql.P(func(b *sql.Builder) {
				b.WriteString(d.C("tsv") + " @@ to_tsquery('simple', ").Arg(tsQuery(terms)).WriteString(")")
			}))
		if scope != nil {
			inner.Where(scope)
		}
		x := inner.As("x")
		sel := b.Select(x.C("id")).From(x).
			Where(sql.Or(
				sql.And(sql.P(func(b *sql.Builder) { b.WriteString(x.C("a")) }), sql.LTE(x.C("r"), maxArticleCandidates)),
				sql.And(sql.P(func(b *sql.Builder) { b.WriteString("NOT " + x.C("a")) }), sql.LTE(x.C("r"), maxCandidates)),
			))
		q, args := sel.Query()
		return []query{{q, args}}
	}
	var out []query
	for _, kind := range []struct {
		token string
		limit int
		scope *sql.Predicate
	}{{"a", maxArticleCandidates, nil}, {"c", maxCandidates, scope}} {
		token := fmt.Sprintf("t%d%s", v.TenantID, kind.token)
		// One MATCH per term, its weight beside each row; summed by
		// document.
		union := sql.ExprFunc(func(b *sql.Builder) {
			b.WriteString("(SELECT id, SUM(w) AS s FROM (")
			for i, t := range terms {
				if i > 0 {
					b.WriteString(" UNION ALL ")
				}
				b.WriteString("SELECT rowid AS id, ").Arg(weight[t]).
					WriteString(" AS w FROM knowledge_fts WHERE knowledge_fts MATCH ").Arg(ftsQuery(token, t))
			}
			b.WriteString(") GROUP BY id) AS m")
		})
		m := b.Table("m")
		sel := b.Select(m.C("id")).FromExpr(union)
		if kind.scope != nil {
			// Only a caller with a row scope pays for this; the token
			// already holds the tenant.
			sel.Where(sql.In(m.C("id"), visibleCases(v)))
		}
		sel.OrderExpr(sql.Expr("m.s DESC, m.id")).Limit(kind.limit)
		q, args := sel.Query()
		out = append(out, query{q, args})
	}
	return out
}

// dfs is how many of the tenant's documents hold each of terms, from the
// counts kept beside the index (df.go): one query, whatever the corpus'
// size. The counts are the tenant's, not the caller's scope's: an estimate
// of how telling a word is, never shown.
func (s *Service) dfs(ctx context.Context, c corpus, terms []string) (map[string]int, error) {
	return s.readDFs(ctx, c.tenant, terms)
}

// ftsQuery is an FTS5 query for the documents holding term whose scope
// token (tenant and kind, see store's ftsScope) is token. The term is a
// string (double quotes doubled), so that FTS5 reads it as text whatever
// it holds: AND, NEAR, *, ^, a colon or a quote of the user's stay words.
func ftsQuery(token, term string) string {
	return `scope : "` + token + `" AND words : "` + strings.ReplaceAll(term, `"`, `""`) + `"`
}

// tsQuery is a tsquery for the documents holding any of terms, each a
// quoted lexeme (quotes doubled, backslashes escaped), so that no &, |, !,
// : or quote of the user's acts as an operator.
func tsQuery(terms []string) string {
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteString(" | ")
		}
		t = strings.ReplaceAll(strings.ReplaceAll(t, `\`, `\\`), `'`, `''`)
		b.WriteString("'" + t + "'")
	}
	return b.String()
}

// bm25 scores the candidates by the weighted terms.
func bm25(c corpus, cands map[int]*candidate, idf, weight map[string]float64) map[int]float64 {
	score := make(map[int]float64, len(cands))
	for id, cd := range cands {
		sc := 0.0
		for t, w := range weight {
			n := cd.tf[t]
			if n == 0 || idf[t] == 0 {
				continue
			}
			tf := float64(n)
			sc += w * idf[t] * tf * (k1 + 1) / (tf + k1*(1-b+b*cd.length/c.avgdl))
		}
		if sc > 0 {
			score[id] = sc
		}
	}
	return score
}

// expand is pseudo-relevance feedback: the words that best characterise the
// top documents of a first ranking (mostly closed cases, where a citizen's
// words stand beside the handler's official ones), weighted by how much of
// those documents' scores they carry. Citizens say 违建 and 医保, articles
// say 违章建筑 and 医疗保险; the cases answered before bridge the two.
func (s *Service) expand(ctx context.Context, c corpus, cands map[int]*candidate, first map[int]float64, query map[string]float64) (map[string]float64, map[string]float64, map[string]int, error) {
	top := rankedDocs(first)
	top = top[:min(len(top), feedbackDocs)]
	if len(top) == 0 {
		return nil, nil, nil, nil
	}
	mass := map[string]float64{}
	for _, d := range top {
		cd := cands[d.doc]
		w := d.score / top[0].score
		for t, n := range cd.tf {
			if _, ok := query[t]; !ok {
				mass[t] += w * float64(n) / math.Max(1, cd.length)
			}
		}
	}
	// The heaviest words only are looked up: one bounded count each.
	cands2 := keysByWeight(mass)
	cands2 = cands2[:min(len(cands2), maxFeedbackLookups)]
	if len(cands2) == 0 {
		return nil, nil, nil, nil
	}
	idf, df, err := s.idfs(ctx, c, cands2)
	if err != nil {
		return nil, nil, nil, err
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
	return out, idf, df, nil
}

// keysByWeight is m's keys, heaviest first.
func keysByWeight(m map[string]float64) []string {
	out := keys(m)
	sort.SliceStable(out, func(i, j int) bool { return m[out[i]] > m[out[j]] })
	return out
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
	v := viewer.FromContext(ctx)
	if v.TenantID == 0 {
		return nil, minsheng.Errorf(minsheng.EFORBIDDEN, "the knowledge base is searched within a tenant")
	}
	qterms := uniq(Terms(s.seg, text))
	if len(qterms) == 0 {
		return []Hit{}, nil
	}
	c, err := s.corpus(ctx, v.TenantID)
	if err != nil || c.n == 0 {
		return []Hit{}, err
	}
	idf, df, err := s.idfs(ctx, c, qterms)
	if err != nil {
		return nil, err
	}
	weight := map[string]float64{}
	for t := range idf {
		weight[t] = 1
	}
	cands := map[int]*candidate{}
	if err := s.retrieve(ctx, v, asked(byRarity(idf), df), idf, cands); err != nil {
		return nil, err
	}
	self := 0
	if exclude != 0 {
		for id, cd := range cands {
			if cd.doc.TicketID != nil && *cd.doc.TicketID == exclude {
				self = id
			}
		}
	}
	score := bm25(c, cands, idf, weight)
	// The ticket itself is its own best match; it must not steer the feedback.
	delete(score, self)
	if len(score) == 0 {
		return []Hit{}, nil
	}
	more, eidf, edf, err := s.expand(ctx, c, cands, score, weight)
	if err != nil {
		return nil, err
	}
	if len(more) > 0 {
		ask := map[string]float64{}
		for t, w := range more {
			ask[t] = w * eidf[t]
		}
		if err := s.retrieve(ctx, v, asked(keysByWeight(more), edf), ask, cands); err != nil {
			return nil, err
		}
		for t, w := range more {
			weight[t] = w
			idf[t] = eidf[t]
		}
		score = bm25(c, cands, idf, weight)
		delete(score, self)
	}
	now := s.now()
	inForce := make(map[int]float64, len(score))
	for id, sc := range score {
		d := cands[id].doc
		if d.ValidFrom != nil && d.ValidFrom.After(now) || d.ValidUntil != nil && !d.ValidUntil.After(now) {
			continue
		}
		inForce[id] = sc
	}
	kept := order(inForce, cands, ideal(idf, weight))
	kept = kept[:min(len(kept), first)]

	// The articles, tickets and texts themselves, read as the caller.
	var articleIDs, ticketIDs, docIDs []int
	for _, k := range kept {
		docIDs = append(docIDs, k.doc)
		if d := cands[k.doc].doc; d.ArticleID != nil {
			articleIDs = append(articleIDs, *d.ArticleID)
		} else if d.TicketID != nil {
			ticketIDs = append(ticketIDs, *d.TicketID)
		}
	}
	texts := map[int]string{}
	if len(docIDs) > 0 {
		ds, err := s.readDocs(ctx, v, docIDs, true)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			texts[d.ID] = d.Text
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
	for _, k := range kept {
		d := cands[k.doc].doc
		h := Hit{Score: math.Round(k.score*1000) / 1000, Snippet: snippet(texts[k.doc], qterms, idf)}
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

// ideal is the BM25 score of a document of average length holding each
// weighted word once: what a document covering the whole question would
// score, the measure an article's cover of the question is taken against.
func ideal(idf, weight map[string]float64) float64 {
	sum := 0.0
	for t, w := range weight {
		sum += w * idf[t]
	}
	return sum
}

// order is the hits' order. Articles and cases are ranked in lists of
// their own and interleaved, an article first: the office's answer, then a
// case answered before, then the next article... Ranked in one list, an
// article stood against the best of every case of its topic, and the more
// cases a tenant has closed, the surer one of them repeats the citizen's
// very words (at 100,000 cases the article fell out of the first three for
// one question in three, beaten by cases about the same matter). An article
// takes its own place only when it covers at least articleFloor of the
// question (score over ideal): one that merely shares a common word with it
// is ranked with the cases by its boosted score, as all were before, so a
// question no article answers is led by the cases that do.
func order(score map[int]float64, cands map[int]*candidate, ideal float64) []scored {
	var articles, rest []scored
	for id, sc := range score {
		if cands[id].doc.ArticleID == nil {
			rest = append(rest, scored{id, sc})
			continue
		}
		if ideal > 0 && sc/ideal >= articleFloor {
			articles = append(articles, scored{id, sc * articleBoost})
		} else {
			rest = append(rest, scored{id, sc * articleBoost})
		}
	}
	sortScored(articles)
	sortScored(rest)
	out := make([]scored, 0, len(score))
	for i := 0; i < len(articles) || i < len(rest); i++ {
		if i < len(articles) {
			out = append(out, articles[i])
		}
		if i < len(rest) {
			out = append(out, rest[i])
		}
	}
	return out
}
