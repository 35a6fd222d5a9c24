package knowledge

import (
	"context"
	"fmt"
	"strings"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/knowledgearticle"
	"github.com/minsheng/minsheng/ent/knowledgedoc"
	"github.com/minsheng/minsheng/ent/reply"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// CaseChanged keeps the index in step with a ticket whose state changes:
// a closed case is (re)indexed with its replies, any other is taken out.
// workflow calls it inside the transaction of a close or a reopen, so the
// index changes with the ticket or not at all. The index is written as the
// server inside the tenant: the handler closing a case need not see every
// document of the index.
func (s *Service) CaseChanged(ctx context.Context, tx *ent.Client, t *ent.Ticket) error {
	return s.indexCase(viewer.TenantSystemContext(ctx, t.TenantID), tx, t.ID)
}

// IndexCase (re)writes the index document of ticket id if it is closed and
// removes it otherwise. ctx must see the ticket (the server inside its
// tenant).
func (s *Service) IndexCase(ctx context.Context, id int) error {
	return store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		return s.indexCase(ctx, tx, id)
	})
}

func (s *Service) indexCase(ctx context.Context, tx *ent.Client, id int) error {
	t, err := tx.Ticket.Get(ctx, id)
	if err != nil {
		if ent.IsNotFound(err) {
			return s.unindex(ctx, tx, nil, &id)
		}
		return err
	}
	if t.Status != ticket.StatusCLOSED {
		return s.unindex(ctx, tx, nil, &id)
	}
	replies, err := tx.Reply.Query().Where(reply.TicketID(id)).Order(ent.Asc(reply.FieldAt), ent.Asc(reply.FieldID)).
		Limit(20).All(ctx)
	if err != nil {
		return err
	}
	return s.index(ctx, tx, document{ticketID: &id, text: caseText(t, replies)}, nil)
}

// caseText is the stored (masked) text of a case and its replies.
func caseText(t *ent.Ticket, replies []*ent.Reply) string {
	parts := []string{t.Title, t.Body}
	for _, r := range replies {
		parts = append(parts, r.Facts, r.Basis, r.Handling, r.Result)
	}
	var b strings.Builder
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			if b.Len() > 0 {
				b.WriteString("\n")
			}
			b.WriteString(p)
		}
	}
	return b.String()
}

// IndexClosedCases brings every tenant's index up to date at start: the
// documents a version before the full-text index wrote get their words
// (all of them), and closed cases with no index document yet (closed
// before the knowledge base, or whose indexing failed) are indexed, at most
// limit of them per tenant.
func (s *Service) IndexClosedCases(ctx context.Context, limit int) (int, error) {
	sys := viewer.SystemContext(ctx)
	tenants, err := s.client.Tenant.Query().Where(tenant.Active(true)).IDs(sys)
	if err != nil {
		return 0, err
	}
	done := 0
	for _, tid := range tenants {
		tctx := viewer.TenantSystemContext(ctx, tid)
		if _, err := s.fillWords(tctx); err != nil {
			return done, err
		}
		indexed, err := s.client.KnowledgeDoc.Query().Where(knowledgedoc.TicketIDNotNil()).
			Select(knowledgedoc.FieldTicketID).Ints(tctx)
		if err != nil {
			return done, err
		}
		have := make(map[int]bool, len(indexed))
		for _, id := range indexed {
			have[id] = true
		}
		closed, err := s.client.Ticket.Query().Where(ticket.StatusEQ(ticket.StatusCLOSED)).IDs(tctx)
		if err != nil {
			return done, err
		}
		n := 0
		for _, id := range closed {
			if have[id] || n >= limit {
				continue
			}
			if err := s.IndexCase(tctx, id); err != nil {
				return done, fmt.Errorf("knowledge: index case %d: %w", id, err)
			}
			n++
			done++
		}
	}
	return done, nil
}

// Use records that the caller inserts article's basis into a reply to
// ticket, and returns the record. The article must be in force and the
// ticket one the caller sees.
func (s *Service) Use(ctx context.Context, articleID, ticketID int) (*ent.KnowledgeUse, error) {
	a, err := s.client.KnowledgeArticle.Get(ctx, articleID)
	if err != nil {
		return nil, store.Explain(err)
	}
	now := s.now()
	if a.RetiredAt != nil || a.ValidUntil != nil && !a.ValidUntil.After(now) || a.ValidFrom != nil && a.ValidFrom.After(now) {
		return nil, minsheng.Errorf(minsheng.ECONFLICT, "the article is not in force")
	}
	if _, err := s.client.Ticket.Get(ctx, ticketID); err != nil {
		return nil, store.Explain(err)
	}
	var u *ent.KnowledgeUse
	err = store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		u, err = tx.KnowledgeUse.Create().SetArticleID(a.ID).SetVersion(a.Version).SetTicketID(ticketID).
			SetNillableUserID(editorID(ctx)).SetAt(now).Save(ctx)
		if err != nil {
			return store.Explain(err)
		}
		// Counted as the server: a handler uses an article, he does not edit it.
		return tx.KnowledgeArticle.Update().Where(knowledgearticle.ID(a.ID)).AddUses(1).
			Exec(viewer.TenantSystemContext(ctx, a.TenantID))
	})
	if err != nil {
		return nil, err
	}
	return u.Unwrap(), nil
}
