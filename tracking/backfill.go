package tracking

import (
	"context"
	"crypto/rand"
	"fmt"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/viewer"
)

// Backfill gives every ticket without a tracking token one (tickets made
// before tokens existed got ” from the column's default) and says how many
// it gave. Each row gets its own token, set only if it still has none, so
// several processes starting at once neither fight nor overwrite one
// another's.
func Backfill(ctx context.Context, client *ent.Client) (int, error) {
	sys := viewer.SystemContext(ctx)
	ids, err := client.Ticket.Query().Where(ticket.TrackingToken("")).IDs(sys)
	if err != nil {
		return 0, fmt.Errorf("tracking: backfill: %w", err)
	}
	n := 0
	for _, id := range ids {
		k, err := client.Ticket.Update().Where(ticket.ID(id), ticket.TrackingToken("")).
			SetTrackingToken(rand.Text()).Save(sys)
		if err != nil {
			return n, fmt.Errorf("tracking: backfill ticket %d: %w", id, err)
		}
		n += k
	}
	return n, nil
}
