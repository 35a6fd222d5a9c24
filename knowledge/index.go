package knowledge

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/knowledgedoc"
	"github.com/minsheng/minsheng/ent/predicate"
	"github.com/minsheng/minsheng/store"
)

// Limits of what is indexed and searched, so that every write and every
// search has a bounded cost.
const (
	// MaxIndexedRunes is how much of a document's text is indexed; the
	// rest of a very long case is not searched.
	MaxIndexedRunes = 8000
	// MaxTermsPerDoc caps the distinct words indexed for one document.
	MaxTermsPerDoc = 600
	// maxTermLen drops "words" longer than this (runs of Latin letters,
	// masked numbers): nobody searches for them.
	maxTermLen = 16
)

// Segmenter cuts Chinese text into words. insight.Classifier is one (gse,
// loaded once per process).
type Segmenter interface {
	Tokens(text string) []string
}

// stopwords are words too common to say anything about a topic.
var stopwords = map[string]bool{
	"的": true, "了": true, "是": true, "在": true, "我": true, "有": true, "和": true, "就": true,
	"不": true, "人": true, "都": true, "一": true, "也": true, "很": true, "到": true, "说": true,
	"要": true, "去": true, "你": true, "会": true, "着": true, "没有": true, "看": true, "好": true,
	"自己": true, "这": true, "那": true, "我们": true, "他们": true, "什么": true, "怎么": true,
	"怎么办": true, "请问": true, "吗": true, "呢": true, "吧": true, "啊": true, "及": true, "与": true,
	"或": true, "对": true, "被": true, "把": true, "给": true, "让": true, "从": true, "向": true,
	"可以": true, "能": true, "如何": true, "哪些": true, "需要": true, "还": true, "又": true, "个": true,
	"等": true, "该": true, "其": true, "之": true, "为": true, "以": true, "于": true, "而": true,
	"但": true, "并": true, "已": true, "已经": true, "这个": true, "那个": true, "一下": true, "想": true,
	"问": true, "请": true, "您": true, "他": true, "她": true, "它": true, "后": true, "上": true, "下": true,
	"中": true, "里": true, "时": true, "年": true, "月": true, "日": true, "多": true, "些": true,
}

// Terms cuts text into the words the index stores: lower case, no
// punctuation, no stopwords, no masked numbers; a word gse leaves longer
// than two Chinese characters also yields its character pairs, so 公积金
// meets 积金 and 住房公积金 meets 公积金 written apart.
func Terms(seg Segmenter, text string) []string {
	text = truncate(text, MaxIndexedRunes)
	var out []string
	for _, tok := range seg.Tokens(text) {
		tok = strings.ToLower(strings.TrimSpace(tok))
		if !useful(tok) {
			continue
		}
		out = append(out, tok)
		rs := []rune(tok)
		if len(rs) > 2 && allHan(rs) {
			for i := 0; i+2 <= len(rs); i++ {
				out = append(out, string(rs[i:i+2]))
			}
		}
	}
	return out
}

func useful(tok string) bool {
	n := utf8.RuneCountInString(tok)
	if n == 0 || n > maxTermLen || stopwords[tok] {
		return false
	}
	for _, r := range tok {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false // punctuation, symbols, the * of masked numbers
		}
	}
	if n == 1 {
		r, _ := utf8.DecodeRuneInString(tok)
		return unicode.Is(unicode.Han, r)
	}
	return true
}

func allHan(rs []rune) bool {
	for _, r := range rs {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	return string(rs[:n])
}

// document is what is written to the index for one article or case.
type document struct {
	articleID, ticketID *int
	text                string // masked text, for snippets
}

// words is what the full-text index holds for text: its terms in order,
// joined by spaces, the words after the first MaxTermsPerDoc distinct ones
// left out; and how many terms that is.
func words(seg Segmenter, text string) (string, int) {
	terms := Terms(seg, text)
	seen := map[string]bool{}
	kept := terms[:0:0]
	for _, t := range terms {
		if !seen[t] {
			if len(seen) >= MaxTermsPerDoc {
				continue
			}
			seen[t] = true
		}
		kept = append(kept, t)
	}
	return strings.Join(kept, " "), len(kept)
}

// index writes (or rewrites) one document in tx. The database indexes its
// words in the same transaction (store's full-text index). The caller's
// context must be allowed to write the tenant's index (the server inside
// the tenant).
func (s *Service) index(ctx context.Context, tx *ent.Client, d document, set func(*ent.KnowledgeDocCreate)) error {
	if err := s.unindex(ctx, tx, d.articleID, d.ticketID); err != nil {
		return err
	}
	w, n := words(s.seg, d.text)
	create := tx.KnowledgeDoc.Create().
		SetNillableArticleID(d.articleID).SetNillableTicketID(d.ticketID).
		SetText(truncate(d.text, MaxIndexedRunes)).SetWords(w).SetLength(n).SetIndexedAt(s.now())
	if set != nil {
		set(create)
	}
	doc, err := create.Save(ctx)
	if err != nil {
		return fmt.Errorf("knowledge: index document: %w", store.Explain(err))
	}
	return s.countDoc(ctx, tx, doc.TenantID, w, n, 1)
}

// unindex removes the document of an article or a case, if there is one;
// the database takes it out of the full-text index with it.
func (s *Service) unindex(ctx context.Context, tx *ent.Client, articleID, ticketID *int) error {
	var which predicate.KnowledgeDoc
	switch {
	case articleID != nil:
		which = knowledgedoc.ArticleID(*articleID)
	case ticketID != nil:
		which = knowledgedoc.TicketID(*ticketID)
	default:
		return nil
	}
	// Read first: the document frequencies lose the words it had.
	old, err := tx.KnowledgeDoc.Query().Where(which).
		Select(knowledgedoc.FieldTenantID, knowledgedoc.FieldWords, knowledgedoc.FieldLength).All(ctx)
	if err != nil || len(old) == 0 {
		return err
	}
	if _, err := tx.KnowledgeDoc.Delete().Where(which).Exec(ctx); err != nil {
		return fmt.Errorf("knowledge: unindex document: %w", err)
	}
	for _, d := range old {
		if err := s.countDoc(ctx, tx, d.TenantID, d.Words, d.Length, -1); err != nil {
			return err
		}
	}
	return nil
}

// fillBatch is how many documents one transaction of fillWords rewrites.
const fillBatch = 200

// fillWords segments the documents of the tenant in ctx that have text but
// no words: those written by a version before the full-text index, whose
// rows the migration kept. Rewriting the column puts them in the index.
func (s *Service) fillWords(ctx context.Context) (int, error) {
	done := 0
	for {
		docs, err := s.client.KnowledgeDoc.Query().
			Where(knowledgedoc.Words(""), knowledgedoc.LengthGT(0)).
			Order(ent.Asc(knowledgedoc.FieldID)).Limit(fillBatch).All(ctx)
		if err != nil || len(docs) == 0 {
			return done, err
		}
		err = store.WithTx(ctx, s.client, func(tx *ent.Client) error {
			for _, d := range docs {
				w, n := words(s.seg, d.Text)
				if w == "" {
					n = 0 // nothing left to index: not picked up again
				}
				if err := tx.KnowledgeDoc.UpdateOneID(d.ID).SetWords(w).SetLength(n).Exec(ctx); err != nil {
					return fmt.Errorf("knowledge: fill words of document %d: %w", d.ID, err)
				}
				// It was counted with no words and its old length.
				if err := s.countDoc(ctx, tx, d.TenantID, w, n, 1); err != nil {
					return err
				}
				if err := s.countLength(ctx, tx, d.TenantID, -1, -d.Length); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return done, err
		}
		done += len(docs)
	}
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }
