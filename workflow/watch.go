package workflow

import (
	"context"
	"time"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/store"
)

// pollEvery is how often a subscription looks for changes another process
// made. A change made here wakes it at once.
const pollEvery = time.Second

// WatchTicket sends the ticket as it is now and again each time its version
// moves, read as the caller each time: the channel closes when the ticket
// leaves the caller's sight (reassigned to another department, say) or ctx
// ends. A ticket the caller cannot see now is not found.
func (s *Service) WatchTicket(ctx context.Context, id int) (<-chan *ent.Ticket, error) {
	t, err := s.client.Ticket.Get(ctx, id)
	if err != nil {
		return nil, store.Explain(err)
	}
	wake, stop := s.changes.Subscribe(id)
	out := make(chan *ent.Ticket, 1)
	go func() {
		defer stop()
		defer close(out)
		tick := time.NewTicker(pollEvery)
		defer tick.Stop()
		last := 0
		for {
			if t.Version != last {
				last = t.Version
				select {
				case out <- t:
				case <-ctx.Done():
					return
				}
			}
			select {
			case <-ctx.Done():
				return
			case <-wake:
			case <-tick.C:
			}
			next, err := s.client.Ticket.Get(ctx, id)
			if err != nil {
				return // out of sight, or ctx done: the subscription ends
			}
			t = next
		}
	}()
	return out, nil
}

// changedOverlap is how far back each look for changed tickets reaches
// before the newest change already seen. A change is stamped (updated_at)
// when written but seen only once committed, and replicas' clocks differ a
// little: looking back catches a change committed late, and the versions
// already sent keep it from being sent twice.
const changedOverlap = 5 * time.Second

// WatchTickets sends each ticket the caller can see each time it changes
// (its version moves), read as the caller: a department's worklist, or the
// whole tenant for callers who see it all. It sends changes only, from the
// moment it is called, until ctx ends.
func (s *Service) WatchTickets(ctx context.Context) (<-chan *ent.Ticket, error) {
	since := time.Now()
	look := func() ([]*ent.Ticket, error) {
		return s.client.Ticket.Query().
			Where(ticket.UpdatedAtGTE(since.Add(-changedOverlap))).
			Order(ent.Asc(ticket.FieldUpdatedAt), ent.Asc(ticket.FieldID)).
			All(ctx)
	}
	// What changed just before is no change of the subscription's: its
	// versions count as sent.
	sent := map[int]int{} // ticket → the version last sent
	before, err := look()
	if err != nil {
		return nil, store.Explain(err)
	}
	for _, t := range before {
		sent[t.ID] = t.Version
	}
	wake, stop := s.changes.Subscribe(0)
	out := make(chan *ent.Ticket)
	go func() {
		defer stop()
		defer close(out)
		tick := time.NewTicker(pollEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-wake:
			case <-tick.C:
			}
			changed, err := look()
			if err != nil {
				return // ctx done, or the database gone: the subscription ends
			}
			for _, t := range changed {
				if t.UpdatedAt.After(since) {
					since = t.UpdatedAt
				}
				if sent[t.ID] == t.Version {
					continue
				}
				sent[t.ID] = t.Version
				select {
				case out <- t:
				case <-ctx.Done():
					return
				}
			}
			// Remembering every ticket ever sent would grow without end;
			// what is outside the window is forgotten once there is much.
			// A forgotten ticket touched later without a new version (a
			// follower added) is then sent once more.
			if len(sent) > maxRemembered {
				in := map[int]bool{}
				for _, t := range changed {
					in[t.ID] = true
				}
				for id := range sent {
					if !in[id] {
						delete(sent, id)
					}
				}
			}
		}
	}()
	return out, nil
}

// maxRemembered is how many tickets' sent versions a worklist subscription
// keeps before forgetting those outside its window.
const maxRemembered = 10000
