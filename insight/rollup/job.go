package rollup

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/minsheng/minsheng/ent"
)

// Every is how often the queue checks that every tenant's rollup is
// fresh: a tenant made since start, a holiday added, a department made a
// township, the time zone changed. Until then statistics read tickets
// (exact, slower); the check itself is four small reads per tenant.
const Every = time.Minute

// Keeper rebuilds stale rollups from the queue.
type Keeper struct{ client *ent.Client }

// NewKeeper is a Keeper over client.
func NewKeeper(client *ent.Client) *Keeper { return &Keeper{client: client} }

type keepArgs struct{}

func (keepArgs) Kind() string { return "stats_rollup_backfill" }

type keepWorker struct {
	river.WorkerDefaults[keepArgs]
	k *Keeper
}

func (w *keepWorker) Work(ctx context.Context, _ *river.Job[keepArgs]) error {
	_, err := Backfill(ctx, w.k.client)
	return err
}

// AddWorkers registers the check with the queue.
func (k *Keeper) AddWorkers(w *river.Workers) { river.AddWorker(w, &keepWorker{k: k}) }

// Periodic is the check as a periodic job (run on the elected leader only).
func (k *Keeper) Periodic() []*river.PeriodicJob {
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(Every),
		func() (river.JobArgs, *river.InsertOpts) { return keepArgs{}, nil }, nil)}
}
