package rollup

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"

	"entgo.io/ent/dialect"

	"github.com/minsheng/minsheng/ent"
)

// A transaction's rollup rows move once, at its commit, in one global
// order, rather than after each ticket mutation in it. Why: on PostgreSQL
// an upserted row stays locked until commit. Moved per mutation, a
// transaction would hold a row of (day, status, …) from its first ticket
// while it changes the next ones, so concurrent ticket changes of the same
// day serialized for the whole transaction, and two transactions changing
// several tickets could take the same rows crosswise and deadlock. Moved
// at commit, sorted by (tenant, dimension, day, key), every transaction
// locks rows in the same order and only for the few statements before its
// commit; and it reads each ticket twice (before its first change, once
// after all of them) and each tenant's environment once, however many
// mutations it makes.
//
// What stays: tickets themselves are still locked in the order the
// transaction changes them (no rollup row is ever waited for while holding
// a lock another flush needs: a flush only reads and upserts rollup rows).
// On PostgreSQL each ticket is read FOR UPDATE before the transaction's
// first change of it (see), a lock its write takes a moment later anyway.

// pending is what one transaction has changed so far.
type pending struct {
	mu     sync.Mutex
	before map[int]*ent.Ticket // each changed ticket as it was before the transaction's first change (nil: created in it)
}

// pendings holds the open transactions' pending, by their driver.
var pendings sync.Map // dialect.Driver → *pending

// pendingOf is the pending of client's transaction, registered with it on
// first use (moved on commit, dropped on rollback); nil when client is not
// bound to a transaction.
func pendingOf(client *ent.Client) (*pending, error) {
	drv := client.Driver()
	if _, ok := drv.(dialect.Tx); !ok {
		return nil, nil
	}
	if p, ok := pendings.Load(drv); ok {
		return p.(*pending), nil
	}
	tx, err := client.StatsRollup.Create().Mutation().Tx()
	if err != nil {
		return nil, fmt.Errorf("rollup: %w", err)
	}
	p := &pending{before: map[int]*ent.Ticket{}}
	if v, loaded := pendings.LoadOrStore(drv, p); loaded {
		return v.(*pending), nil
	}
	tx.OnCommit(func(next ent.Committer) ent.Committer {
		return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
			pendings.Delete(drv)
			if err := p.flush(ctx, tx.Client()); err != nil {
				// Nothing of the transaction is committed: a rollup that
				// cannot follow refuses the change rather than drift.
				_ = tx.Rollback()
				return err
			}
			return next.Commit(ctx, tx)
		})
	})
	tx.OnRollback(func(next ent.Rollbacker) ent.Rollbacker {
		return ent.RollbackFunc(func(ctx context.Context, tx *ent.Tx) error {
			pendings.Delete(drv)
			return next.Rollback(ctx, tx)
		})
	})
	return p, nil
}

// see reads the tickets ids the transaction has not changed yet, before it
// does.
func (p *pending) see(ctx context.Context, client *ent.Client, ids []int) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	var fresh []int
	for _, id := range ids {
		if _, ok := p.before[id]; !ok {
			fresh = append(fresh, id)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	// Locked on PostgreSQL: the transaction is about to write them, and a
	// concurrent change of one committed between this read and that write
	// would otherwise be counted twice (READ COMMITTED writes on top of it).
	got, err := loadLocked(ctx, client, fresh, client.Driver().Dialect() == dialect.Postgres)
	if err != nil {
		return err
	}
	for _, id := range fresh {
		p.before[id] = got[id] // nil: no such ticket (yet)
	}
	return nil
}

// created records a ticket the transaction created.
func (p *pending) created(id int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.before[id]; !ok {
		p.before[id] = nil
	}
}

// flush moves the rows of every ticket the transaction changed, from before
// its first change to now, in change's order (tenants, then dimension, day
// and key: the same for every transaction).
func (p *pending) flush(ctx context.Context, client *ent.Client) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.before) == 0 {
		return nil
	}
	after, err := load(ctx, client, slices.Sorted(maps.Keys(p.before)))
	if err != nil {
		return err
	}
	before := map[int]*ent.Ticket{}
	for id, t := range p.before {
		if t != nil {
			before[id] = t
		}
	}
	return change(ctx, client, before, after)
}
