package intake

import (
	"context"
	"time"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/intakejob"
)

// pollEvery is how often a watcher looks at a job another process works.
const pollEvery = time.Second

// Watch sends the job as it is now and again at each change of status,
// and closes the channel once the job has SUCCEEDED or FAILED or ctx ends.
// The job is read as the caller: one the caller cannot see is not found.
func (s *Service) Watch(ctx context.Context, id int) (<-chan *ent.IntakeJob, error) {
	job, err := s.client.IntakeJob.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	wake, stop := s.changes.Subscribe(id)
	out := make(chan *ent.IntakeJob, 1)
	go func() {
		defer stop()
		defer close(out)
		tick := time.NewTicker(pollEvery)
		defer tick.Stop()
		var last intakejob.Status
		for {
			if job.Status != last {
				last = job.Status
				select {
				case out <- job:
				case <-ctx.Done():
					return
				}
			}
			if last == intakejob.StatusSUCCEEDED || last == intakejob.StatusFAILED {
				return
			}
			select {
			case <-ctx.Done():
				return
			case <-wake:
			case <-tick.C:
			}
			next, err := s.client.IntakeJob.Get(ctx, id)
			if err != nil {
				return // gone or ctx done: the subscription ends
			}
			job = next
		}
	}()
	return out, nil
}
