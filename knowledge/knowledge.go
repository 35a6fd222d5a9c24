// Package knowledge is the tenant's knowledge base (知识库): articles written
// by the tenant admin and the editors he names (every version kept), and a
// search over those articles and the tenant's closed cases with their
// replies together, for the staff who answer citizens.
//
// Search runs on the database's own full-text index, so that every process
// on one database searches the same index and writes to it in the same
// transaction as the article or case: documents are cut into words with gse
// (Terms), a document's words are stored joined by spaces
// (KnowledgeDoc.words), and the database indexes that column (FTS5 on
// SQLite, a tsvector with a GIN index on PostgreSQL; store's migration).
// A search asks the index, within the caller's tenant and row scope, for
// the documents that best match by the database's own ranking (bm25() /
// ts_rank_cd), and ranks those candidates with BM25 over the tenant's own
// word counts, pseudo-relevance feedback and a boost for articles (see
// search.go). A case outside the caller's ticket scope neither matches nor
// counts. Text is indexed as stored, which for cases is already masked;
// articles are masked when written, so no snippet shows a clear ID or
// phone number.
package knowledge

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/knowledgearticle"
	"github.com/minsheng/minsheng/ent/knowledgearticleversion"
	"github.com/minsheng/minsheng/ent/reply"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/pii"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// Service is the knowledge base of every tenant; methods act within the
// caller's tenant.
type Service struct {
	client *ent.Client
	// dialect is the database's (store.DB.Dialect): the full-text index
	// is asked in its own SQL.
	dialect string
	seg     Segmenter
	now     func() time.Time
}

// New returns the service over a database of dialect (store.DB.Dialect). now
// is the clock; nil is time.Now.
func New(client *ent.Client, dialect string, seg Segmenter, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{client: client, dialect: dialect, seg: seg, now: now}
}

// ArticleInput is an article as an editor writes it.
type ArticleInput struct {
	Title      string
	Body       string
	Basis      *string
	CategoryID *int
	ValidFrom  *time.Time
	ValidUntil *time.Time
	// SourceTicketID is the closed case the article was drafted from.
	SourceTicketID *int
}

// Length limits of an article, in characters.
const (
	MaxTitle = 200
	MaxBody  = 20000
	MaxBasis = 10000
	MaxNote  = 500
)

// clean checks in and masks its text.
func (in *ArticleInput) clean() (title, body, basis string, err error) {
	title, body = strings.TrimSpace(in.Title), strings.TrimSpace(in.Body)
	if in.Basis != nil {
		basis = strings.TrimSpace(*in.Basis)
	}
	switch {
	case title == "":
		return "", "", "", minsheng.Errorf(minsheng.EINVALID, "an article needs a title")
	case body == "":
		return "", "", "", minsheng.Errorf(minsheng.EINVALID, "an article needs a body")
	case utf8.RuneCountInString(title) > MaxTitle:
		return "", "", "", minsheng.Errorf(minsheng.EINVALID, "title is longer than %d characters", MaxTitle)
	case utf8.RuneCountInString(body) > MaxBody:
		return "", "", "", minsheng.Errorf(minsheng.EINVALID, "body is longer than %d characters", MaxBody)
	case utf8.RuneCountInString(basis) > MaxBasis:
		return "", "", "", minsheng.Errorf(minsheng.EINVALID, "basis is longer than %d characters", MaxBasis)
	case in.ValidFrom != nil && in.ValidUntil != nil && !in.ValidUntil.After(*in.ValidFrom):
		return "", "", "", minsheng.Errorf(minsheng.EINVALID, "validUntil must be after validFrom")
	}
	// Articles are guidance for everyone: a personal number has no place
	// in one, and is masked like the numbers in tickets.
	title, _ = pii.MaskText(title)
	body, _ = pii.MaskText(body)
	basis, _ = pii.MaskText(basis)
	return title, body, basis, nil
}

func editorID(ctx context.Context) *int {
	if v := viewer.FromContext(ctx); v.Kind == viewer.User {
		id := v.UserID
		return &id
	}
	return nil
}

// CreateArticle writes a new article (version 1) and indexes it.
func (s *Service) CreateArticle(ctx context.Context, in ArticleInput) (*ent.KnowledgeArticle, error) {
	title, body, basis, err := in.clean()
	if err != nil {
		return nil, err
	}
	if in.SourceTicketID != nil {
		if _, err := s.closedCase(ctx, *in.SourceTicketID); err != nil {
			return nil, err
		}
	}
	var a *ent.KnowledgeArticle
	err = store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		a, err = tx.KnowledgeArticle.Create().
			SetTitle(title).SetBody(body).SetBasis(basis).SetNillableCategoryID(in.CategoryID).
			SetNillableValidFrom(in.ValidFrom).SetNillableValidUntil(in.ValidUntil).
			SetNillableSourceTicketID(in.SourceTicketID).SetVersion(1).
			Save(ctx)
		if err != nil {
			return store.Explain(err)
		}
		if err := s.recordVersion(ctx, tx, a, knowledgearticleversion.ActionCREATE, ""); err != nil {
			return err
		}
		return s.indexArticle(ctx, tx, a)
	})
	if err != nil {
		return nil, err
	}
	return a.Unwrap(), nil
}

// UpdateArticle replaces an article's content with in as a new version.
// version is the version the editor changed (0: whatever is current); a
// different current version is a CONFLICT.
func (s *Service) UpdateArticle(ctx context.Context, id int, in ArticleInput, version int) (*ent.KnowledgeArticle, error) {
	title, body, basis, err := in.clean()
	if err != nil {
		return nil, err
	}
	var a *ent.KnowledgeArticle
	err = store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		cur, err := tx.KnowledgeArticle.Get(ctx, id)
		if err != nil {
			return store.Explain(err)
		}
		if cur.RetiredAt != nil {
			return minsheng.Errorf(minsheng.ECONFLICT, "the article was retired; write a new one")
		}
		if version != 0 && version != cur.Version {
			return minsheng.Errorf(minsheng.ECONFLICT, "the article is at version %d, not %d: reload it", cur.Version, version)
		}
		u := tx.KnowledgeArticle.Update().
			Where(knowledgearticle.ID(id), knowledgearticle.Version(cur.Version)).
			SetTitle(title).SetBody(body).SetBasis(basis).SetVersion(cur.Version + 1).
			ClearCategoryID().SetNillableCategoryID(in.CategoryID).
			ClearValidFrom().SetNillableValidFrom(in.ValidFrom).
			ClearValidUntil().SetNillableValidUntil(in.ValidUntil)
		n, err := u.Save(ctx)
		if err != nil {
			return store.Explain(err)
		}
		if n == 0 {
			return minsheng.Errorf(minsheng.ECONFLICT, "the article was changed by someone else: reload it")
		}
		if a, err = tx.KnowledgeArticle.Get(ctx, id); err != nil {
			return err
		}
		if err := s.recordVersion(ctx, tx, a, knowledgearticleversion.ActionUPDATE, ""); err != nil {
			return err
		}
		return s.indexArticle(ctx, tx, a)
	})
	if err != nil {
		return nil, err
	}
	return a.Unwrap(), nil
}

// RetireArticle withdraws an article: search no longer finds it, its
// versions stay.
func (s *Service) RetireArticle(ctx context.Context, id int, reason string) (*ent.KnowledgeArticle, error) {
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) > MaxNote {
		return nil, minsheng.Errorf(minsheng.EINVALID, "reason is longer than %d characters", MaxNote)
	}
	reason, _ = pii.MaskText(reason)
	var a *ent.KnowledgeArticle
	err := store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		cur, err := tx.KnowledgeArticle.Get(ctx, id)
		if err != nil {
			return store.Explain(err)
		}
		if cur.RetiredAt != nil {
			return minsheng.Errorf(minsheng.ECONFLICT, "the article is already retired")
		}
		n, err := tx.KnowledgeArticle.Update().
			Where(knowledgearticle.ID(id), knowledgearticle.Version(cur.Version)).
			SetRetiredAt(s.now()).SetVersion(cur.Version + 1).Save(ctx)
		if err != nil {
			return store.Explain(err)
		}
		if n == 0 {
			return minsheng.Errorf(minsheng.ECONFLICT, "the article was changed by someone else: reload it")
		}
		if a, err = tx.KnowledgeArticle.Get(ctx, id); err != nil {
			return err
		}
		if err := s.recordVersion(ctx, tx, a, knowledgearticleversion.ActionRETIRE, reason); err != nil {
			return err
		}
		return s.unindex(ctx, tx, &a.ID, nil)
	})
	if err != nil {
		return nil, err
	}
	return a.Unwrap(), nil
}

func (s *Service) recordVersion(ctx context.Context, tx *ent.Client, a *ent.KnowledgeArticle, action knowledgearticleversion.Action, note string) error {
	err := tx.KnowledgeArticleVersion.Create().
		SetArticleID(a.ID).SetVersion(a.Version).SetAction(action).
		SetTitle(a.Title).SetBody(a.Body).SetBasis(a.Basis).SetNillableCategoryID(a.CategoryID).
		SetNillableValidFrom(a.ValidFrom).SetNillableValidUntil(a.ValidUntil).
		SetNote(note).SetNillableEditorID(editorID(ctx)).SetAt(s.now()).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("knowledge: version: %w", store.Explain(err))
	}
	return nil
}

// indexArticle (re)writes the index document of a. The index is written
// as the server inside the tenant: editors need not see the cases it holds.
func (s *Service) indexArticle(ctx context.Context, tx *ent.Client, a *ent.KnowledgeArticle) error {
	sys := viewer.TenantSystemContext(ctx, a.TenantID)
	text := a.Title + "\n" + a.Body + "\n" + a.Basis
	return s.index(sys, tx, document{articleID: &a.ID, text: text}, func(c *ent.KnowledgeDocCreate) {
		c.SetNillableValidFrom(a.ValidFrom).SetNillableValidUntil(a.ValidUntil)
	})
}

// Versions lists an article's versions, oldest first.
func (s *Service) Versions(ctx context.Context, articleID int) ([]*ent.KnowledgeArticleVersion, error) {
	return s.client.KnowledgeArticleVersion.Query().
		Where(knowledgearticleversion.ArticleID(articleID)).
		Order(ent.Asc(knowledgearticleversion.FieldVersion)).
		Limit(1000).
		All(ctx)
}

// closedCase reads a ticket the caller sees and checks it is closed.
func (s *Service) closedCase(ctx context.Context, ticketID int) (*ent.Ticket, error) {
	t, err := s.client.Ticket.Get(ctx, ticketID)
	if err != nil {
		return nil, store.Explain(err)
	}
	if t.Status != ticket.StatusCLOSED {
		return nil, minsheng.Errorf(minsheng.ECONFLICT, "ticket %s is %s: only a closed case can become an article", t.Code, t.Status)
	}
	return t, nil
}

// DraftFromCase proposes an article from a closed case the caller sees: its
// title, the last reply's facts, handling and result as the body and the
// reply's basis. Nothing is saved; the editor reviews it and creates it.
func (s *Service) DraftFromCase(ctx context.Context, ticketID int) (*ArticleInput, error) {
	t, err := s.closedCase(ctx, ticketID)
	if err != nil {
		return nil, err
	}
	r, err := s.client.Reply.Query().Where(reply.TicketID(t.ID)).
		Order(ent.Desc(reply.FieldAt), ent.Desc(reply.FieldID)).First(ctx)
	if err != nil {
		if ent.IsNotFound(err) {
			return nil, minsheng.Errorf(minsheng.ECONFLICT, "ticket %s has no reply to draft an article from", t.Code)
		}
		return nil, err
	}
	var body []string
	for _, part := range []struct{ label, text string }{
		{"问题", t.Body}, {"事实", r.Facts}, {"处理", r.Handling}, {"结果", r.Result}, {"救济渠道", r.AppealChannel},
	} {
		if txt := strings.TrimSpace(part.text); txt != "" {
			body = append(body, part.label+"："+txt)
		}
	}
	basis := strings.TrimSpace(r.Basis)
	id := t.ID
	return &ArticleInput{
		Title:          truncate(strings.TrimSpace(t.Title), MaxTitle),
		Body:           truncate(strings.Join(body, "\n"), MaxBody),
		Basis:          &basis,
		CategoryID:     t.CategoryID,
		SourceTicketID: &id,
	}, nil
}
