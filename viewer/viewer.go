// Package viewer carries who is calling through a context: the tenant, the
// user or API key, the roles, and the ticket scope those roles give. It only
// describes the caller; deciding what the caller may do belongs to authz and
// to the privacy rules in package rule.
package viewer

import (
	"context"
	"fmt"
)

// Kind says what sort of caller a viewer is.
type Kind int

const (
	// Anonymous is a caller with no credentials (public case tracking).
	Anonymous Kind = iota
	// User is a signed-in member of a tenant's staff.
	User
	// APIKey is an integrator calling with a tenant's API key.
	APIKey
	// Operator is a platform operator: manages tenants, reads nothing inside one.
	Operator
	// System is the server itself (migrations, seeding, background jobs). It
	// bypasses tenancy; never hand it to a request.
	System
)

// Scope is how much of a tenant's tickets a viewer may see.
type Scope int

const (
	// ScopeNone sees no tickets.
	ScopeNone Scope = iota
	// ScopeOwn sees the tickets it registered (grid workers).
	ScopeOwn
	// ScopeDepartment sees the tickets its department is responsible for.
	ScopeDepartment
	// ScopeTenant sees every ticket of the tenant.
	ScopeTenant
)

// Viewer is the caller of one request.
type Viewer struct {
	Kind         Kind
	TenantID     int // 0 outside a tenant (operator, system, anonymous)
	UserID       int // the user, or the API key's ID for Kind APIKey, or the operator's ID
	DepartmentID int // 0 when the user belongs to no department
	Name         string
	Roles        []string
	TicketScope  Scope
}

// HasRole reports whether the viewer holds role.
func (v Viewer) HasRole(role string) bool {
	for _, r := range v.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// Principal names who the viewer is across requests, for counting them
// (the rate limit): the user, the API key or the operator; "" for an
// anonymous caller, who is known only by address.
func (v Viewer) Principal() string {
	switch v.Kind {
	case User:
		return fmt.Sprintf("user:%d:%d", v.TenantID, v.UserID)
	case APIKey:
		return fmt.Sprintf("key:%d:%d", v.TenantID, v.UserID)
	case Operator:
		return fmt.Sprintf("operator:%d", v.UserID)
	}
	return ""
}

type ctxKey struct{}

// NewContext returns ctx carrying v.
func NewContext(ctx context.Context, v Viewer) context.Context {
	return context.WithValue(ctx, ctxKey{}, v)
}

// FromContext returns the viewer in ctx; a context without one is Anonymous.
func FromContext(ctx context.Context) Viewer {
	v, _ := ctx.Value(ctxKey{}).(Viewer)
	return v
}

// SystemContext returns ctx acting as the server itself, outside any tenant.
func SystemContext(ctx context.Context) context.Context {
	return NewContext(ctx, Viewer{Kind: System, Name: "system", TicketScope: ScopeTenant})
}

// TenantSystemContext returns ctx acting as the server inside one tenant, for
// background work and seeding that must still be filtered to that tenant.
func TenantSystemContext(ctx context.Context, tenantID int) context.Context {
	return NewContext(ctx, Viewer{Kind: System, TenantID: tenantID, Name: "system", TicketScope: ScopeTenant})
}
