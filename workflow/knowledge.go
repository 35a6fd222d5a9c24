package workflow

import (
	"context"

	"github.com/minsheng/minsheng/ent"
)

// CaseIndexer is told when a ticket was closed or reopened, after the
// change is committed: the knowledge base searches closed cases with their
// replies (knowledge.Service).
type CaseIndexer interface {
	CaseChanged(ctx context.Context, t *ent.Ticket)
}

// SetCaseIndexer sets who is told of closed and reopened cases; nil: nobody.
func (s *Service) SetCaseIndexer(ci CaseIndexer) { s.cases = ci }

// caseChanged tells the case indexer of a close or a reopen.
func (s *Service) caseChanged(ctx context.Context, action string, t *ent.Ticket) {
	if s.cases != nil && (action == ActionClose || action == ActionReopen) {
		s.cases.CaseChanged(ctx, t)
	}
}
