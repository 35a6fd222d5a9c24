package intake

import (
	"context"
	"sync"
	"time"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/intakejob"
)

// changes wakes watchers of a job when this process changes it. Watchers
// also look every second, for jobs worked by another process.
type changes struct {
	mu   sync.Mutex
	subs map[int]map[chan struct{}]struct{}
}

func newChanges() *changes { return &changes{subs: map[int]map[chan struct{}]struct{}{}} }

func (c *changes) notify(id int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for ch := range c.subs[id] {
		select {
		case ch <- struct{}{}:
		default: // a wake-up is already waiting
		}
	}
}

func (c *changes) subscribe(id int) (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	c.mu.Lock()
	if c.subs[id] == nil {
		c.subs[id] = map[chan struct{}]struct{}{}
	}
	c.subs[id][ch] = struct{}{}
	c.mu.Unlock()
	return ch, func() {
		c.mu.Lock()
		delete(c.subs[id], ch)
		if len(c.subs[id]) == 0 {
			delete(c.subs, id)
		}
		c.mu.Unlock()
	}
}

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
	wake, stop := s.changes.subscribe(id)
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
