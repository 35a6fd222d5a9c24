package workflow

import (
	"context"
	"fmt"
	"time"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/casecounter"
	"github.com/minsheng/minsheng/viewer"
)

// nextCode takes the next case code of the day, MS-YYYYMMDD-NNNN, counted
// per tenant in the tenant's time zone. The upsert locks the day's counter
// row until tx ends, so concurrent registrations queue for it instead of
// racing; the unique index on (tenant_id, code) stays as the last guard.
func nextCode(ctx context.Context, tx *ent.Client, day time.Time) (string, error) {
	d := day.Format("20060102")
	// Counted as the tenant, not the caller's row scope: the counter is
	// shared by everyone who registers tickets.
	sys := viewer.TenantSystemContext(ctx, viewer.FromContext(ctx).TenantID)
	err := tx.CaseCounter.Create().SetDay(d).SetLast(1).
		OnConflictColumns(casecounter.FieldTenantID, casecounter.FieldDay).
		AddLast(1).
		Exec(sys)
	if err != nil {
		return "", fmt.Errorf("workflow: case counter: %w", err)
	}
	c, err := tx.CaseCounter.Query().Where(casecounter.Day(d)).Only(sys)
	if err != nil {
		return "", fmt.Errorf("workflow: case counter: %w", err)
	}
	return fmt.Sprintf("MS-%s-%04d", d, c.Last), nil
}
