package workflow

// The statistics facts of a ticket (ent/schema/facts.go): first dispatch
// and acceptance, the latest reply and callback, returns, reopens,
// escalations, instructions. They are derived from the ticket's timeline,
// replies and callbacks, and recomputed from them — never incremented; only
// the ones the new record can change — in the transaction that adds one,
// by a hook on those three tables: every
// path that records history (the life cycle, citizens' ratings, intake,
// the demo history) keeps them exact without remembering to, and a fact
// can never drift from the record it summarises.

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	entgo "entgo.io/ent"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/insight/rollup"
	"github.com/minsheng/minsheng/viewer"
)

// FactsVersion is the version of the rules below; rows computed by an older
// one (0: before facts existed) are recomputed by BackfillFacts at start.
const FactsVersion = 1

// factActions are the timeline actions a fact depends on, each with the
// facts it does; other events leave the facts as they are.
var factActions = map[string][]string{
	ActionDispatch:       {"first_dispatched_at"},
	ActionAccept:         {"first_accepted_at"},
	ActionReturn:         {"returned_count"},
	ActionReopen:         {"reopened_count"},
	ActionInstruct:       {"instructed_count"},
	ActionSupervise:      {"supervised_count"},
	ActionEscalateYellow: {"reached_yellow"},
	ActionEscalateRed:    {"reached_red"},
}

// The facts a reply and a callback change.
var (
	replyFacts    = []string{"last_replied_at", "last_reply_complete"}
	callbackFacts = []string{"callback_count", "last_callback_satisfied", "last_callback_solved"}
)

var factsHooked sync.Map // *ent.Client → true: the hook is registered once per client

// hookFacts registers the hook that keeps the facts on client's tickets.
func hookFacts(client *ent.Client) {
	if _, done := factsHooked.LoadOrStore(client, true); done {
		return
	}
	h := factsHook(&dialectCache{})
	client.TimelineEvent.Use(h)
	client.Reply.Use(h)
	client.Callback.Use(h)
	// The statistics rollup follows every change of a ticket (its status,
	// department, category, … and the facts below) in the same transaction.
	client.Ticket.Use(rollup.Hook())
}

// dialectCache remembers the database's dialect once a hook has asked.
type dialectCache struct{ v atomic.Value }

// of is client's dialect: ent's client does not say, a query's selector does.
func (c *dialectCache) of(ctx context.Context, client *ent.Client) (string, error) {
	if d, ok := c.v.Load().(string); ok {
		return d, nil
	}
	var d string
	var out []int
	err := client.Ticket.Query().Limit(0).Aggregate(func(s *entsql.Selector) string {
		d = s.Dialect()
		return "COUNT(*)"
	}).Scan(viewer.SystemContext(ctx), &out)
	if err != nil {
		return "", err
	}
	c.v.Store(d)
	return d, nil
}

// factsHook recomputes the ticket's facts once the event, reply or callback
// is written, on the same connection (the caller's transaction, if any).
func factsHook(dc *dialectCache) entgo.Hook {
	return func(next entgo.Mutator) entgo.Mutator {
		return entgo.MutateFunc(func(ctx context.Context, m entgo.Mutation) (entgo.Value, error) {
			v, err := next.Mutate(ctx, m)
			if err != nil || !m.Op().Is(entgo.OpCreate) {
				return v, err
			}
			var (
				id     int
				ok     bool
				client *ent.Client
				facts  []string
			)
			switch m := m.(type) {
			case *ent.TimelineEventMutation:
				a, _ := m.Action()
				if facts = factActions[a]; facts == nil {
					return v, nil
				}
				id, ok = m.TicketID()
				client = m.Client()
			case *ent.ReplyMutation:
				id, ok = m.TicketID()
				client = m.Client()
				facts = replyFacts
			case *ent.CallbackMutation:
				id, ok = m.TicketID()
				client = m.Client()
				facts = callbackFacts
			}
			if !ok || client == nil {
				return v, nil
			}
			d, err := dc.of(ctx, client)
			if err == nil {
				err = refreshFacts(ctx, client, d, []int{id}, facts)
			}
			if err != nil {
				return nil, fmt.Errorf("workflow: ticket facts: %w", err)
			}
			return v, nil
		})
	}
}

// refreshFacts recomputes the facts of the tickets ids from their records,
// in two statements (the second reads what the first wrote). Raw SQL: the
// facts are not a change of the ticket a user made, so they neither bump its
// version nor go through its row scope (the caller already wrote the record
// they follow from).
//
// only names the facts the new record can change (nil: all). A ticket whose
// facts are of the current rules gets only those recomputed, still from the
// records (one or three probes instead of thirteen per event, reply or
// callback); one of older rules gets them all.
//
// The statistics rollup follows the facts: the raw SQL bypasses the ticket's
// hooks, so rollup.Track reads the tickets before and after.
func refreshFacts(ctx context.Context, client *ent.Client, dia string, ids []int, only []string) error {
	if len(ids) == 0 {
		return nil
	}
	return rollup.Track(ctx, client, ids, func() error { return writeFacts(ctx, client, dia, ids, only) })
}

// writeFacts is refreshFacts without the rollup.
func writeFacts(ctx context.Context, client *ent.Client, dia string, ids []int, only []string) error {
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = strconv.Itoa(id)
	}
	where := " WHERE tickets.id IN (" + strings.Join(list, ",") + ")"
	pg := dia == dialect.Postgres
	events := func(agg, action string) string {
		return fmt.Sprintf("(SELECT %s FROM timeline_events e WHERE e.tenant_id = tickets.tenant_id AND e.ticket_id = tickets.id AND e.action = '%s')", agg, action)
	}
	latest := func(table, alias, expr string) string {
		return fmt.Sprintf("COALESCE((SELECT %s FROM %s %s WHERE %s.tenant_id = tickets.tenant_id AND %s.ticket_id = tickets.id ORDER BY %s.at DESC, %s.id DESC LIMIT 1), false)",
			expr, table, alias, alias, alias, alias, alias)
	}
	complete := "(r.missing IS NULL OR CAST(r.missing AS TEXT) IN ('[]', 'null'))"
	within24h := "julianday(first_accepted_at) <= julianday(first_dispatched_at) + 1.0"
	if pg {
		complete = "(r.missing IS NULL OR r.missing::text IN ('[]', 'null'))"
		within24h = "first_accepted_at <= first_dispatched_at + interval '24 hours'"
	}
	all := [][2]string{
		{"first_dispatched_at", events("MIN(e.at)", ActionDispatch)},
		{"first_accepted_at", events("MIN(e.at)", ActionAccept)},
		{"returned_count", events("COUNT(*)", ActionReturn)},
		{"reopened_count", events("COUNT(*)", ActionReopen)},
		{"instructed_count", events("COUNT(*)", ActionInstruct)},
		{"supervised_count", events("COUNT(*)", ActionSupervise)},
		{"reached_yellow", "EXISTS " + events("1", ActionEscalateYellow)},
		{"reached_red", "EXISTS " + events("1", ActionEscalateRed)},
		{"last_replied_at", "(SELECT MAX(r.at) FROM replies r WHERE r.tenant_id = tickets.tenant_id AND r.ticket_id = tickets.id)"},
		{"last_reply_complete", latest("replies", "r", complete)},
		{"callback_count", "(SELECT COUNT(*) FROM callbacks c WHERE c.tenant_id = tickets.tenant_id AND c.ticket_id = tickets.id)"},
		{"last_callback_satisfied", latest("callbacks", "c", "c.satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED')")},
		{"last_callback_solved", latest("callbacks", "c", "c.solved")},
	}
	current := " AND tickets.facts_version = " + strconv.Itoa(FactsVersion)
	timely := "UPDATE tickets SET accepted_timely = (first_dispatched_at IS NOT NULL AND first_accepted_at IS NOT NULL AND " + within24h + ")"
	if only != nil {
		var set []string
		for _, c := range all {
			if slices.Contains(only, c[0]) {
				set = append(set, c[0]+" = "+c[1])
			}
		}
		if _, err := client.ExecContext(ctx, "UPDATE tickets SET "+strings.Join(set, ", ")+where+current); err != nil {
			return err
		}
		if slices.Contains(only, "first_dispatched_at") || slices.Contains(only, "first_accepted_at") {
			if _, err := client.ExecContext(ctx, timely+where+current); err != nil {
				return err
			}
		}
		// Those of older rules (none, mostly): all of them, below.
		where += " AND tickets.facts_version <> " + strconv.Itoa(FactsVersion)
	}
	var set []string
	for _, c := range all {
		set = append(set, c[0]+" = "+c[1])
	}
	if _, err := client.ExecContext(ctx, "UPDATE tickets SET "+strings.Join(set, ", ")+where); err != nil {
		return err
	}
	// The version last, with the fact that reads the others: the condition
	// on the version above still holds here.
	_, err := client.ExecContext(ctx, timely+", facts_version = "+strconv.Itoa(FactsVersion)+where)
	return err
}

// BackfillFacts computes the facts of the tickets written before them (or
// by older rules), a batch at a time, and says how many it computed. Every
// process may run it at start: the statements are idempotent, so two
// processes at once only repeat each other's work.
func BackfillFacts(ctx context.Context, client *ent.Client) (int, error) {
	sys := viewer.SystemContext(ctx)
	dia, err := (&dialectCache{}).of(sys, client)
	if err != nil {
		return 0, fmt.Errorf("workflow: facts backfill: %w", err)
	}
	tenants, err := client.Tenant.Query().IDs(sys)
	if err != nil {
		return 0, fmt.Errorf("workflow: facts backfill: %w", err)
	}
	n := 0
	for _, tenantID := range tenants {
		for {
			ids, err := client.Ticket.Query().
				Where(ticket.TenantID(tenantID), ticket.FactsVersionLT(FactsVersion)).
				Order(ticket.ByID()).Limit(500).IDs(sys)
			if err != nil {
				return n, fmt.Errorf("workflow: facts backfill: %w", err)
			}
			if len(ids) == 0 {
				break
			}
			if err := refreshFacts(sys, client, dia, ids, nil); err != nil {
				return n, fmt.Errorf("workflow: facts backfill: %w", err)
			}
			n += len(ids)
		}
	}
	return n, nil
}
