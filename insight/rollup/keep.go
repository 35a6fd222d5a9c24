package rollup

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	entgo "entgo.io/ent"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/statsrollupstate"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/viewer"
)

// load reads the tickets ids (the fields a contribution reads), by ID.
func load(ctx context.Context, client *ent.Client, ids []int) (map[int]*ent.Ticket, error) {
	return loadLocked(ctx, client, ids, false)
}

// loadLocked is load, the rows locked for update when lock is set (a
// transaction on PostgreSQL; SQLite has one writer at a time anyway).
func loadLocked(ctx context.Context, client *ent.Client, ids []int, lock bool) (map[int]*ent.Ticket, error) {
	out := map[int]*ent.Ticket{}
	if len(ids) == 0 {
		return out, nil
	}
	q := client.Ticket.Query().Where(ticket.IDIn(ids...)).Order(ticket.ByID())
	if lock {
		// FOR NO KEY UPDATE, the lock an UPDATE of the row takes, not FOR
		// UPDATE: FOR UPDATE also blocks the KEY SHARE locks of foreign-key
		// checks (an event or a reply inserted for the ticket, an update of
		// a ticket created in the same transaction), and two transactions
		// each holding one and waiting for the other deadlocked (2 of 190
		// in TestStatistics/postgres/concurrent).
		q = q.ForUpdate(func(o *entsql.LockOptions) { o.Strength = entsql.LockNoKeyUpdate })
	}
	ts, err := q.Select(Fields...).All(viewer.SystemContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("rollup: tickets: %w", err)
	}
	for _, t := range ts {
		out[t.ID] = t
	}
	return out, nil
}

// same says whether a and b contribute alike in any environment: the
// fields a contribution reads are equal (both nil included).
func same(a, b *ent.Ticket) bool {
	if a == nil || b == nil {
		return a == b
	}
	tp := func(x, y *ticket.RepeatState) bool {
		return (x == nil && y == nil) || (x != nil && y != nil && *x == *y)
	}
	ip := func(x, y *int) bool { return (x == nil && y == nil) || (x != nil && y != nil && *x == *y) }
	return a.TenantID == b.TenantID && a.Status == b.Status && ip(a.CategoryID, b.CategoryID) && ip(a.DepartmentID, b.DepartmentID) &&
		ip(a.RegionID, b.RegionID) && a.Channel == b.Channel && ip(a.RepeatOfID, b.RepeatOfID) && ip(a.GroupCaseID, b.GroupCaseID) &&
		tp(a.RepeatState, b.RepeatState) && a.AcceptedTimely == b.AcceptedTimely && a.ReachedYellow == b.ReachedYellow &&
		a.ReachedRed == b.ReachedRed && a.ReturnedCount == b.ReturnedCount && a.ReopenedCount == b.ReopenedCount &&
		a.LastReplyComplete == b.LastReplyComplete && a.CallbackCount == b.CallbackCount &&
		a.LastCallbackSatisfied == b.LastCallbackSatisfied && a.LastCallbackSolved == b.LastCallbackSolved &&
		a.Supervised == b.Supervised && a.InstructedCount == b.InstructedCount &&
		sameTime(a.RegisteredAt, b.RegisteredAt) && sameTime(a.DueAt, b.DueAt) &&
		sameTime(a.FirstDispatchedAt, b.FirstDispatchedAt) && sameTime(a.LastRepliedAt, b.LastRepliedAt)
}

func sameTime[T interface{ Equal(T) bool }](a, b *T) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && (*a).Equal(*b))
}

// change moves the rows of the tickets from before to after (the same
// tickets read before and after a write; a ticket missing from one side was
// created or deleted), in client's transaction.
func change(ctx context.Context, client *ent.Client, before, after map[int]*ent.Ticket) error {
	ids := slices.Sorted(maps.Keys(before))
	for id := range after {
		if _, ok := before[id]; !ok {
			ids = append(ids, id)
		}
	}
	envs := map[int]*Env{}
	deltas := map[int]Delta{}
	for _, id := range ids {
		a, b := before[id], after[id]
		if same(a, b) {
			continue
		}
		for _, t := range []*ent.Ticket{a, b} {
			if t == nil {
				continue
			}
			if envs[t.TenantID] == nil {
				e, err := LoadEnv(ctx, client, t.TenantID)
				if err != nil {
					return err
				}
				envs[t.TenantID] = e
				deltas[t.TenantID] = Delta{}
			}
		}
		if a != nil {
			deltas[a.TenantID].Add(Of(a, envs[a.TenantID]), -1)
		}
		if b != nil {
			deltas[b.TenantID].Add(Of(b, envs[b.TenantID]), +1)
		}
	}
	for _, tenantID := range slices.Sorted(maps.Keys(deltas)) {
		if err := write(ctx, client, tenantID, deltas[tenantID], true); err != nil {
			return err
		}
	}
	return nil
}

// Track runs write, which changes the tickets ids by other means than an
// ent mutation of the ticket (raw SQL: workflow's facts), and moves their
// rows, on client (the caller's transaction, if any).
func Track(ctx context.Context, client *ent.Client, ids []int, write func() error) error {
	if p, err := pendingOf(client); err != nil {
		return err
	} else if p != nil {
		if err := p.see(ctx, client, ids); err != nil {
			return err
		}
		return write()
	}
	before, err := load(ctx, client, ids)
	if err != nil {
		return err
	}
	if err := write(); err != nil {
		return err
	}
	after, err := load(ctx, client, ids)
	if err != nil {
		return err
	}
	return change(ctx, client, before, after)
}

// Hook keeps the rollup of every ticket mutation. In a transaction, it
// reads each ticket the first time the transaction changes it, and the
// rows move once, when the transaction commits (pending). Outside one, the
// tickets are read before and after the mutation and the difference of
// their contributions is added to their rows at once.
func Hook() entgo.Hook {
	return func(next entgo.Mutator) entgo.Mutator {
		return entgo.MutateFunc(func(ctx context.Context, m entgo.Mutation) (entgo.Value, error) {
			tm, ok := m.(*ent.TicketMutation)
			if !ok {
				return next.Mutate(ctx, m)
			}
			client := tm.Client()
			var ids []int
			if !m.Op().Is(entgo.OpCreate) {
				var err error
				if ids, err = tm.IDs(ctx); err != nil {
					return nil, err
				}
			}
			p, err := pendingOf(client)
			if err != nil {
				return nil, err
			}
			if p != nil {
				if err := p.see(ctx, client, ids); err != nil {
					return nil, err
				}
				v, err := next.Mutate(ctx, m)
				if err != nil {
					return v, err
				}
				if t, ok := v.(*ent.Ticket); ok && m.Op().Is(entgo.OpCreate) {
					p.created(t.ID)
				}
				return v, nil
			}
			before, err := load(ctx, client, ids)
			if err != nil {
				return nil, err
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return v, err
			}
			if t, ok := v.(*ent.Ticket); ok && m.Op().Is(entgo.OpCreate) {
				ids = []int{t.ID}
			}
			after, err := load(ctx, client, ids)
			if err != nil {
				return nil, err
			}
			if err := change(ctx, client, before, after); err != nil {
				return nil, err
			}
			return v, nil
		})
	}
}

// dialectOf is client's dialect: ent's client does not say, a query's
// selector does.
func dialectOf(ctx context.Context, client *ent.Client) (string, error) {
	var d string
	var out []int
	err := client.Ticket.Query().Limit(0).Aggregate(func(s *entsql.Selector) string {
		d = s.Dialect()
		return "COUNT(*)"
	}).Scan(viewer.SystemContext(ctx), &out)
	return d, err
}

// batch is the tickets read, and the rows written, per statement.
const (
	readBatch  = 20000
	writeBatch = 200
)

// Rebuild computes tenantID's rollup afresh from its tickets, in one
// transaction (client's, or its own), and records its fingerprint. On
// PostgreSQL the rollup table is locked against other writers first, so
// a ticket change committed meanwhile is either read here or, waiting for
// the lock, applied as a difference on top of what was read.
func Rebuild(ctx context.Context, client *ent.Client, tenantID int) (err error) {
	if tx, e := client.Tx(ctx); e == nil {
		defer func() {
			if err != nil {
				tx.Rollback()
				return
			}
			err = tx.Commit()
		}()
		client = tx.Client()
	}
	// else: client is a transaction's already
	sys := viewer.TenantSystemContext(ctx, tenantID)
	dia, err := dialectOf(sys, client)
	if err != nil {
		return fmt.Errorf("rollup: rebuild: %w", err)
	}
	if dia == dialect.Postgres {
		if _, err := client.ExecContext(ctx, "LOCK TABLE stats_rollups IN EXCLUSIVE MODE"); err != nil {
			return fmt.Errorf("rollup: rebuild: %w", err)
		}
	}
	e, err := LoadEnv(ctx, client, tenantID)
	if err != nil {
		return err
	}
	t := strconv.Itoa(tenantID)
	for _, q := range []string{"DELETE FROM stats_rollups WHERE tenant_id = " + t, "DELETE FROM stats_rollup_states WHERE tenant_id = " + t} {
		if _, err := client.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("rollup: rebuild: %w", err)
		}
	}
	d := Delta{}
	last := 0
	for {
		ts, err := client.Ticket.Query().
			Where(ticket.TenantID(tenantID), ticket.StatusNEQ(ticket.StatusDRAFT), ticket.IDGT(last)).
			Order(ticket.ByID()).Limit(readBatch).Select(Fields...).All(sys)
		if err != nil {
			return fmt.Errorf("rollup: rebuild: %w", err)
		}
		for _, tk := range ts {
			d.Add(Of(tk, e), 1)
		}
		if len(ts) < readBatch {
			break
		}
		last = ts[len(ts)-1].ID
	}
	if err := write(ctx, client, tenantID, d, false); err != nil {
		return err
	}
	_, err = client.ExecContext(ctx, "INSERT INTO stats_rollup_states (tenant_id, fingerprint) VALUES ("+t+", "+quote(e.Fingerprint)+")")
	if err != nil {
		return fmt.Errorf("rollup: rebuild: %w", err)
	}
	return nil
}

// write adds d's rows to tenantID's, up to writeBatch rows a statement, in
// one fixed order, so two transactions never lock the same rows crosswise.
// upsert adds to the rows that exist (ON CONFLICT … DO UPDATE, which both
// databases speak) and leaves out rows that do not change; a rebuild writes
// new rows only. One statement for all the rows a write moves, not one per
// row: SQLite parses every statement anew, and parsing was a third of what
// the rollup cost a transition. Keys are IDs, enum values and dates, and
// counts are numbers: written inline.
func write(ctx context.Context, client *ent.Client, tenantID int, d Delta, upsert bool) error {
	keys := make([]RowKey, 0, len(d))
	for k, v := range d {
		if !upsert || *v != (Vector{}) {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b RowKey) int {
		return strings.Compare(a.Dim+"\x00"+a.Day+"\x00"+a.Key, b.Dim+"\x00"+b.Day+"\x00"+b.Key)
	})
	head := "INSERT INTO stats_rollups (tenant_id, dim, day, key, " + strings.Join(Columns, ", ") + ") VALUES "
	tail := ""
	if upsert {
		var set []string
		for _, c := range Columns {
			set = append(set, c+" = stats_rollups."+c+" + excluded."+c)
		}
		tail = " ON CONFLICT (tenant_id, dim, day, key) DO UPDATE SET " + strings.Join(set, ", ")
	}
	for len(keys) > 0 {
		n := min(writeBatch, len(keys))
		var rows []string
		for _, k := range keys[:n] {
			vals := []string{strconv.Itoa(tenantID), quote(k.Dim), quote(k.Day), quote(k.Key)}
			for _, x := range d[k] {
				vals = append(vals, strconv.Itoa(x))
			}
			rows = append(rows, "("+strings.Join(vals, ", ")+")")
		}
		if _, err := client.ExecContext(ctx, head+strings.Join(rows, ", ")+tail); err != nil {
			return fmt.Errorf("rollup: write: %w", err)
		}
		keys = keys[n:]
	}
	return nil
}

// Stored is tenantID's recorded fingerprint, "" when none.
func Stored(ctx context.Context, client *ent.Client, tenantID int) (string, error) {
	s, err := client.StatsRollupState.Query().Where(statsrollupstate.TenantID(tenantID)).
		Only(viewer.TenantSystemContext(ctx, tenantID))
	if ent.IsNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("rollup: state: %w", err)
	}
	return s.Fingerprint, nil
}

// Backfill rebuilds the rollup of every tenant whose recorded fingerprint
// is missing or differs from its environment's now (first start, new rules,
// a calendar, zone or department kind edited since), and says how many
// it rebuilt. Every process may run it at start; two at once only repeat
// each other's work.
func Backfill(ctx context.Context, client *ent.Client) (int, error) {
	tenants, err := client.Tenant.Query().IDs(viewer.SystemContext(ctx))
	if err != nil {
		return 0, fmt.Errorf("rollup: backfill: %w", err)
	}
	n := 0
	for _, id := range tenants {
		e, err := LoadEnv(ctx, client, id)
		if err != nil {
			return n, err
		}
		have, err := Stored(ctx, client, id)
		if err != nil {
			return n, err
		}
		if have == e.Fingerprint {
			continue
		}
		if err := Rebuild(ctx, client, id); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
