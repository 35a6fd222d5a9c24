// Package rule holds the privacy rules and the query filter that enforce
// tenancy and row scope for every ent schema. It uses ent's generated
// privacy and intercept packages (as ent's privacytenant example does), never
// the schemas; the schemas decide which rules apply, this package says what
// each rule means.
package rule

import (
	"context"
	"errors"

	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/entql"

	"github.com/minsheng/minsheng"
	gen "github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/intercept"
	"github.com/minsheng/minsheng/ent/predicate"
	"github.com/minsheng/minsheng/ent/privacy"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/viewer"
)

// ErrNoTenant is the refusal for a caller outside any tenant touching a
// tenant's data.
var ErrNoTenant = minsheng.Errorf(minsheng.EUNAUTHENTICATED, "sign in to a tenant first")

type wherer interface {
	WhereP(...func(*sql.Selector))
}

// AllowIfSystem lets the server itself through; everything else is decided by
// the rules that follow.
func AllowIfSystem() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if viewer.FromContext(ctx).Kind == viewer.System {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// DenyIfNoTenant refuses a caller that carries no tenant.
func DenyIfNoTenant() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		v := viewer.FromContext(ctx)
		if v.TenantID == 0 && v.Kind != viewer.System {
			return privacy.Denyf("%w", ErrNoTenant)
		}
		return privacy.Skip
	})
}

// TenantFilter is the traverse interceptor of every tenant-scoped schema: it
// adds tenant_id = viewer's tenant to each query and each step of a graph
// traversal, so another tenant's rows behave exactly like missing ones.
func TenantFilter() ent.Interceptor {
	return intercept.TraverseFunc(func(ctx context.Context, q intercept.Query) error {
		v := viewer.FromContext(ctx)
		if v.TenantID == 0 {
			if v.Kind == viewer.System {
				return nil
			}
			return ErrNoTenant
		}
		q.WhereP(sql.FieldEQ("tenant_id", v.TenantID))
		return nil
	})
}

type tenantMutation interface {
	ent.Mutation
	wherer
	TenantID() (int, bool)
	SetTenantID(int)
}

// TenantHook sets tenant_id on create from the viewer, refuses a create into
// another tenant, and confines updates and deletes to the viewer's tenant.
func TenantHook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			tm, ok := m.(tenantMutation)
			if !ok {
				return nil, errors.New("rule: mutation has no tenant_id")
			}
			v := viewer.FromContext(ctx)
			if v.TenantID == 0 {
				if v.Kind != viewer.System {
					return nil, ErrNoTenant
				}
				if m.Op().Is(ent.OpCreate) {
					if _, set := tm.TenantID(); !set {
						return nil, errors.New("rule: system create without a tenant")
					}
				}
				return next.Mutate(ctx, m)
			}
			if m.Op().Is(ent.OpCreate) {
				if id, set := tm.TenantID(); set && id != v.TenantID {
					return nil, minsheng.Errorf(minsheng.EFORBIDDEN, "cannot create in another tenant")
				}
				tm.SetTenantID(v.TenantID)
				return next.Mutate(ctx, m)
			}
			tm.WhereP(sql.FieldEQ("tenant_id", v.TenantID))
			return next.Mutate(ctx, m)
		})
	}
}

// TicketScope narrows ticket queries and mutations to what the viewer's roles
// let it see: all of the tenant, its department's, or its own.
func TicketScope() privacy.QueryMutationRule {
	return queryMutationRule{
		QueryRule: privacy.TicketQueryRuleFunc(func(ctx context.Context, q *gen.TicketQuery) error {
			if p := Tickets(viewer.FromContext(ctx)); p != nil {
				q.Where(p)
			}
			return privacy.Skip
		}),
		MutationRule: privacy.TicketMutationRuleFunc(func(ctx context.Context, m *gen.TicketMutation) error {
			if p := Tickets(viewer.FromContext(ctx)); p != nil {
				m.Where(p)
			}
			return privacy.Skip
		}),
	}
}

type queryMutationRule struct {
	privacy.QueryRule
	privacy.MutationRule
}

// ticketEdge is the filter of a schema with a ticket edge.
type ticketEdge interface {
	WhereHasTicketWith(...predicate.Ticket)
}

// TicketScopeThroughTicket narrows rows that belong to a ticket (replies,
// callbacks, attachments, timeline events, ...) like TicketScope narrows
// tickets, through their ticket edge: a handler fetching another
// department's reply by ID finds nothing.
func TicketScopeThroughTicket() privacy.QueryRule {
	return privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
		p := Tickets(viewer.FromContext(ctx))
		if p == nil {
			return privacy.Skip
		}
		te, ok := f.(ticketEdge)
		if !ok {
			return privacy.Denyf("rule: %T has no ticket edge to scope by", f)
		}
		te.WhereHasTicketWith(p)
		return privacy.Skip
	})
}

// Tickets is the condition on tickets v may see, or nil when it may see them
// all. It is the one definition of ticket scope: the privacy rules above and
// the edge filters of GraphQL inputs (Where) are all made from it.
func Tickets(v viewer.Viewer) predicate.Ticket {
	switch {
	case v.Kind == viewer.System || v.TicketScope == viewer.ScopeTenant:
		return nil
	case v.TicketScope == viewer.ScopeDepartment && v.DepartmentID != 0:
		// The tickets it leads, and those it co-handles (协办).
		return ticket.Or(
			ticket.DepartmentID(v.DepartmentID),
			ticket.HasCoDepartmentsWith(department.ID(v.DepartmentID)),
		)
	case v.TicketScope == viewer.ScopeOwn && v.Kind == viewer.User:
		return ticket.RegisteredByID(v.UserID)
	}
	// Not a refusal: the caller simply sees no tickets, as if none existed.
	return func(s *sql.Selector) { s.Where(sql.False()) }
}

// AllowOperatorOrSystem lets platform operators and the server through and
// denies everyone else; it guards platform-wide schemas (tenants, operators).
func AllowOperatorOrSystem() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		switch viewer.FromContext(ctx).Kind {
		case viewer.Operator, viewer.System:
			return privacy.Allow
		}
		return privacy.Denyf("%w", minsheng.Errorf(minsheng.EFORBIDDEN, "platform operators only"))
	})
}

// OwnTenantOnly lets tenant members read their own tenant row and nothing
// else; operators and the server read all tenants.
func OwnTenantOnly() privacy.QueryMutationRule {
	return privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
		v := viewer.FromContext(ctx)
		switch {
		case v.Kind == viewer.System || v.Kind == viewer.Operator:
			return privacy.Allow
		case v.TenantID != 0:
			f.Where(entql.FieldEQ("id", v.TenantID))
			return privacy.Allow
		}
		return privacy.Denyf("%w", ErrNoTenant)
	})
}

// ErrAppendOnly refuses changing or deleting a record that is written once.
var ErrAppendOnly = minsheng.Errorf(minsheng.EFORBIDDEN, "this record cannot be changed or deleted")

// AppendOnly refuses every mutation but create: timeline events and audit
// records are history, and history is not edited. The one exception is a
// delete of a citizen's contacts under WithOrphanRemoval: timeline events
// and audit records stay undeletable whatever the context says.
func AppendOnly() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			removing := ctx.Value(orphanRemoval{}) != nil && m.Op().Is(ent.OpDelete|ent.OpDeleteOne) && m.Type() == "CitizenContact"
			if !m.Op().Is(ent.OpCreate) && !removing {
				return nil, ErrAppendOnly
			}
			return next.Mutate(ctx, m)
		})
	}
}

// TicketScopeOrNone is the traverse interceptor of rows that may belong to a
// ticket through column (knowledge index rows: an article has none, a closed
// case has its ticket): rows without a ticket pass, rows with one only when
// the viewer sees that ticket, as TicketScope decides.
func TicketScopeOrNone(column string) ent.Interceptor {
	return intercept.TraverseFunc(func(ctx context.Context, q intercept.Query) error {
		p := Tickets(viewer.FromContext(ctx))
		if p == nil {
			return nil
		}
		q.WhereP(func(s *sql.Selector) {
			t := sql.Table(ticket.Table)
			visible := sql.Select(t.C(ticket.FieldID)).From(t)
			p(visible)
			s.Where(sql.Or(sql.IsNull(s.C(column)), sql.In(s.C(column), visible)))
		})
		return nil
	})
}

type orphanRemoval struct{}

// WithOrphanRemoval lets ctx delete append-only rows that hang off a record
// being removed because nothing names it (the phone numbers kept for a
// citizen record intake made by mistake: directory.RemoveOrphan). Only
// deletes: nothing is ever changed in place.
func WithOrphanRemoval(ctx context.Context) context.Context {
	return context.WithValue(ctx, orphanRemoval{}, true)
}
