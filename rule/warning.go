package rule

import (
	"context"

	gen "github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/privacy"
	"github.com/minsheng/minsheng/ent/warning"
	"github.com/minsheng/minsheng/ent/warningticket"
	"github.com/minsheng/minsheng/viewer"
)

// WarningScope narrows warnings to those about at least one ticket the
// viewer sees: a department leader reads the warnings touching his
// department's tickets, a dispatcher all of the tenant's.
func WarningScope() privacy.QueryRule {
	return privacy.WarningQueryRuleFunc(func(ctx context.Context, q *gen.WarningQuery) error {
		if p := Tickets(viewer.FromContext(ctx)); p != nil {
			q.Where(warning.HasLinksWith(warningticket.HasTicketWith(p)))
		}
		return privacy.Skip
	})
}
