// Package authz owns permissions: the casbin model (RBAC with domains, one
// domain per tenant), the role templates every tenant shares, the assignment
// of roles to users, and the one check every operation goes through. It does
// not know about GraphQL or HTTP; it answers "may this viewer do this".
package authz

import (
	"context"
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"time"

	entsql "entgo.io/ent/dialect/sql"
	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	entadapter "github.com/casbin/ent-adapter"
	adapterent "github.com/casbin/ent-adapter/ent"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/viewer"
)

//go:embed model.conf
var modelText string

// AnyDomain is the domain of the role templates: they hold in every tenant.
const AnyDomain = "*"

// PlatformDomain is the domain of platform operators.
const PlatformDomain = "platform"

// Domain names a tenant's casbin domain.
func Domain(tenantID int) string { return "tenant:" + strconv.Itoa(tenantID) }

func subject(userID int) string { return "user:" + strconv.Itoa(userID) }

// Enforcer checks permissions. It keeps the policy in memory and reloads it
// from the database when asked (Refresh) so that several serve processes
// converge on role changes made by any of them.
type Enforcer struct {
	e *casbin.SyncedEnforcer
}

// Open builds the enforcer on the database behind db, creating the policy
// table when missing and bringing the role templates up to date.
func Open(db *entsql.Driver) (*Enforcer, error) {
	client := adapterent.NewClient(adapterent.Driver(db))
	adapter, err := entadapter.NewAdapterWithClient(client)
	if err != nil {
		return nil, fmt.Errorf("authz: policy store: %w", err)
	}
	m, err := model.NewModelFromString(modelText)
	if err != nil {
		return nil, fmt.Errorf("authz: model: %w", err)
	}
	e, err := casbin.NewSyncedEnforcer(m, adapter)
	if err != nil {
		return nil, fmt.Errorf("authz: enforcer: %w", err)
	}
	enf := &Enforcer{e: e}
	if err := enf.syncTemplates(); err != nil {
		return nil, err
	}
	return enf, nil
}

// syncTemplates makes the stored template policies equal to Templates, so a
// change of the templates in code reaches every database at start.
func (x *Enforcer) syncTemplates() error {
	want := templatePolicies()
	have, err := x.e.GetFilteredPolicy(1, AnyDomain)
	if err != nil {
		return fmt.Errorf("authz: read templates: %w", err)
	}
	var stale [][]string
	for _, p := range have {
		if !slices.ContainsFunc(want, func(w []string) bool { return slices.Equal(w, p) }) {
			stale = append(stale, p)
		}
	}
	if len(stale) > 0 {
		if _, err := x.e.RemovePolicies(stale); err != nil {
			return fmt.Errorf("authz: remove stale templates: %w", err)
		}
	}
	var missing [][]string
	for _, w := range want {
		if ok, _ := x.e.HasPolicy(w); !ok {
			missing = append(missing, w)
		}
	}
	if len(missing) > 0 {
		if _, err := x.e.AddPolicies(missing); err != nil {
			return fmt.Errorf("authz: add templates: %w", err)
		}
	}
	return nil
}

// Refresh reloads the policy from the database.
func (x *Enforcer) Refresh() error { return x.e.LoadPolicy() }

// RefreshEvery reloads the policy on a timer until ctx ends, so role changes
// made through another process take effect here too.
func (x *Enforcer) RefreshEvery(ctx context.Context, d time.Duration, onErr func(error)) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := x.Refresh(); err != nil && onErr != nil {
				onErr(err)
			}
		}
	}
}

// Roles returns the roles a user holds in a tenant.
func (x *Enforcer) Roles(userID, tenantID int) []string {
	roles := x.e.GetRolesForUserInDomain(subject(userID), Domain(tenantID))
	slices.Sort(roles)
	return roles
}

// SetRoles replaces the roles of a user in a tenant. Unknown roles are refused.
func (x *Enforcer) SetRoles(userID, tenantID int, roles []string) error {
	for _, r := range roles {
		if !IsRole(r) || r == Operator {
			return minsheng.Errorf(minsheng.EINVALID, "unknown role %q", r)
		}
	}
	sub, dom := subject(userID), Domain(tenantID)
	if _, err := x.e.DeleteRolesForUserInDomain(sub, dom); err != nil {
		return fmt.Errorf("authz: clear roles: %w", err)
	}
	for _, r := range dedupe(roles) {
		if _, err := x.e.AddRoleForUserInDomain(sub, r, dom); err != nil {
			return fmt.Errorf("authz: add role: %w", err)
		}
	}
	return nil
}

func dedupe(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

// RolesAllow reports whether any of roles permits act on obj in a tenant.
// API keys carry their role directly, so the check is by role, not by user.
func (x *Enforcer) RolesAllow(roles []string, tenantID int, obj, act string) bool {
	dom := Domain(tenantID)
	if tenantID == 0 {
		dom = PlatformDomain
	}
	for _, r := range roles {
		if ok, _ := x.e.Enforce(r, dom, obj, act); ok {
			return ok
		}
	}
	return false
}

// Can reports whether the viewer may do act on obj. It is the one check
// behind the GraphQL @can directive and the domain services.
func (x *Enforcer) Can(ctx context.Context, obj, act string) bool {
	v := viewer.FromContext(ctx)
	switch v.Kind {
	case viewer.System:
		return true
	case viewer.User, viewer.APIKey, viewer.Operator:
		return x.RolesAllow(v.Roles, v.TenantID, obj, act)
	}
	return false
}

// Check is Can as an error: UNAUTHENTICATED for an anonymous caller,
// FORBIDDEN for a caller without the permission.
func (x *Enforcer) Check(ctx context.Context, obj, act string) error {
	if x.Can(ctx, obj, act) {
		return nil
	}
	if viewer.FromContext(ctx).Kind == viewer.Anonymous {
		return minsheng.Errorf(minsheng.EUNAUTHENTICATED, "sign in first")
	}
	return minsheng.Errorf(minsheng.EFORBIDDEN, "your role may not %s %s", act, obj)
}

// TicketScope tells how many of a tenant's tickets the roles may see.
func (x *Enforcer) TicketScope(roles []string, tenantID int) viewer.Scope {
	switch {
	case x.RolesAllow(roles, tenantID, ObjTicketScope, "tenant"):
		return viewer.ScopeTenant
	case x.RolesAllow(roles, tenantID, ObjTicketScope, "department"):
		return viewer.ScopeDepartment
	case x.RolesAllow(roles, tenantID, ObjTicketScope, "own"):
		return viewer.ScopeOwn
	}
	return viewer.ScopeNone
}
