package workflow

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/viewer"
)

// nextCode returns the next case code of the day, MS-YYYYMMDD-NNNN, counted
// per tenant in the tenant's time zone. The unique index on (tenant_id, code)
// catches a race; CreateTicket then retries.
func nextCode(ctx context.Context, tx *ent.Client, day time.Time) (string, error) {
	prefix := "MS-" + day.Format("20060102") + "-"
	// Counted over the whole tenant, not the caller's row scope: a grid
	// worker sees only his own tickets but must not reuse another's code.
	sys := viewer.TenantSystemContext(ctx, viewer.FromContext(ctx).TenantID)
	last, err := tx.Ticket.Query().
		Where(ticket.CodeHasPrefix(prefix)).
		Order(ent.Desc(ticket.FieldCode)).
		Select(ticket.FieldCode).
		First(sys)
	n := 0
	switch {
	case ent.IsNotFound(err):
	case err != nil:
		return "", err
	default:
		n, err = strconv.Atoi(strings.TrimPrefix(last.Code, prefix))
		if err != nil {
			return "", fmt.Errorf("workflow: case code %q: %w", last.Code, err)
		}
	}
	return fmt.Sprintf("%s%04d", prefix, n+1), nil
}
