package workflow

import (
	"context"

	"github.com/minsheng/minsheng/ent"
)

// CaseIndexer is told, inside the transaction, when a ticket is closed or
// reopened: the knowledge base searches closed cases with their replies
// (knowledge.Service), and its index must change with the ticket, or not
// at all.
type CaseIndexer interface {
	CaseChanged(ctx context.Context, tx *ent.Client, t *ent.Ticket) error
}

// SetCaseIndexer sets who is told of closed and reopened cases; nil: nobody.
func (s *Service) SetCaseIndexer(ci CaseIndexer) { s.cases = ci }

// caseChanged tells the case indexer of a close or a reopen in tx.
func (s *Service) caseChanged(ctx context.Context, tx *ent.Client, action string, t *ent.Ticket) error {
	if s.cases != nil && (action == ActionClose || action == ActionReopen) {
		return s.cases.CaseChanged(ctx, tx, t)
	}
	return nil
}
