package stats_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/insight/rollup"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// concurrentChanges: two clerks' transactions, each changing several
// tickets registered on the same days as the other's (department and
// category moved, a supervision recorded: the hook and the facts' Track),
// one walking the days forward and the other backward, many times at once,
// and each ending on one ticket both change.
// Every transaction commits (on PostgreSQL, rows upserted per mutation
// would be taken crosswise here and one transaction refused as a
// deadlock), and the rows kept equal a rebuild from the tickets (the shared
// ticket's difference taken from what the other's commit left).
func concurrentChanges(t *testing.T, w *world) {
	c := w.e.App.DB.Client
	ctx := viewer.TenantSystemContext(context.Background(), w.tenant)
	ts := c.Ticket.Query().Where(ticket.CodeHasPrefix("ST-"), ticket.StatusNEQ(ticket.StatusDRAFT), ticket.RegisteredAtNotNil()).
		Order(ticket.ByRegisteredAt(), ticket.ByID()).AllX(ctx)
	if len(ts) < 40 {
		t.Fatalf("%d tickets to change", len(ts))
	}
	// Batches of consecutive registrations, shared out: the two clerks'
	// k-th transactions change tickets of the same days, one in the order
	// of registration and the other in reverse.
	const perTx, rounds = 4, 5
	var batches [2][][]int
	for i := 0; i+2*perTx <= len(ts); i += 2 * perTx {
		var a, b []int
		for j, tk := range ts[i : i+2*perTx] {
			if j%2 == 0 {
				a = append(a, tk.ID)
			} else {
				b = append(b, tk.ID)
			}
		}
		slices.Reverse(b)
		batches[0], batches[1] = append(batches[0], a), append(batches[1], b)
	}
	shared := ts[len(ts)-1].ID // in no batch (ts has 2 perTx·k + 1 tickets or more)
	if len(ts)%(2*perTx) == 0 {
		batches[0], batches[1] = batches[0][:len(batches[0])-1], batches[1][:len(batches[1])-1]
	}
	depts := []int{w.housing, w.township}
	cats := []int{w.catLeaf, w.catTop}
	var wg sync.WaitGroup
	errs := make(chan error, 2*rounds*len(batches[0]))
	committed := [2]int{}
	for g := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				for _, batch := range batches[g] {
					err := store.WithTx(ctx, c, func(tx *ent.Client) error {
						for j, id := range batch {
							err := tx.Ticket.UpdateOneID(id).SetDepartmentID(depts[(r+j+g)%2]).SetCategoryID(cats[(r+j)%2]).Exec(ctx)
							if err != nil {
								return err
							}
						}
						// Last, both change one ticket too: it waits for
						// the other's commit, and its difference must be
						// taken from what that commit left.
						if err := tx.Ticket.UpdateOneID(shared).SetDepartmentID(depts[g]).Exec(ctx); err != nil {
							return err
						}
						return tx.TimelineEvent.Create().SetTicketID(batch[0]).SetAction("SUPERVISE").
							SetAt(*ts[0].RegisteredAt).Exec(ctx)
					})
					if err != nil {
						errs <- fmt.Errorf("clerk %d, round %d, tickets %v: %w", g, r, batch, err)
						continue
					}
					committed[g]++
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if want := rounds * len(batches[0]); committed != [2]int{want, want} {
		t.Errorf("the clerks committed %v of %d transactions each", committed, want)
	}
	kept := rollupRows(t, w)
	if err := rollup.Rebuild(context.Background(), c, w.tenant); err != nil {
		t.Fatal(err)
	}
	if rebuilt := rollupRows(t, w); rebuilt != kept || len(rebuilt) == 0 {
		t.Errorf("rows kept by concurrent transactions differ from a rebuild:\n%s\n---\n%s", kept, rebuilt)
	}
}
