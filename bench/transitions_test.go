package bench

import (
	"context"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

// BenchmarkTransitions moves a ticket between two departments
// (reassignTicket) as demo-a's dispatcher, one move after the other. Each
// move is one transaction: the version-checked update, its timeline event
// and two outbox rows (ASSIGNED to the department, DISPATCHED to the
// citizen), while the queue delivers the outbox in the background as it
// does in service. "no_outbox" is the same move with notifications turned
// off, to show what the outbox costs.
func BenchmarkTransitions(b *testing.B) {
	eachBackend(b, func(b *testing.B, be storetest.Backend) {
		e := apptest.New(b, be)
		d := loadDemoA(b, e)
		ctx := asUser(b, e, "dispatcher")
		sys := viewer.TenantSystemContext(context.Background(), d.tenantID)
		tickets, err := e.App.DB.Client.Ticket.Query().
			Where(ticket.StatusEQ(ticket.StatusREGISTERED), ticket.CitizenIDNotNil()).
			Order(ent.Asc(ticket.FieldID)).Limit(2).All(sys)
		if err != nil || len(tickets) < 2 {
			b.Fatalf("demo-a's registered tickets: %d, %v", len(tickets), err)
		}
		// Dispatched once here: the sub-benchmarks run more than once as
		// b.N grows, each time going on from the department left last.
		at := map[int]int{}
		for _, t := range tickets {
			if _, err := e.App.Workflow.DispatchTicket(ctx, t.ID, workflow.Dispatch{DepartmentID: d.departments[0]}); err != nil {
				b.Fatal(err)
			}
			at[t.ID] = 0
		}
		run := func(b *testing.B, id int) {
			b.ResetTimer()
			for range b.N {
				at[id] = 1 - at[id]
				if _, err := e.App.Workflow.ReassignTicket(ctx, id, d.departments[at[id]], "属其他部门职责", nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "transitions/s")
		}
		b.Run("outbox", func(b *testing.B) { run(b, tickets[0].ID) })
		b.Run("no_outbox", func(b *testing.B) {
			e.App.Workflow.SetOutbox(nil)
			defer e.App.Workflow.SetOutbox(e.App.Notify)
			run(b, tickets[1].ID)
		})
	})
}
