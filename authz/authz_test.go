package authz_test

import (
	"slices"
	"testing"

	"github.com/minsheng/minsheng/authz"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

func open(t *testing.T, b storetest.Backend, dir string) *authz.Enforcer {
	t.Helper()
	db, err := store.Open(b.URL, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e, err := authz.Open(db.Driver)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestRolesArePerTenantAndSurviveReopening(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		dir := t.TempDir()
		e := open(t, b, dir)
		if err := e.SetRoles(10, 1, []string{authz.Clerk, authz.Dispatcher, authz.Clerk}); err != nil {
			t.Fatal(err)
		}
		if err := e.SetRoles(10, 1, []string{"mayor"}); err == nil {
			t.Fatal("unknown role accepted")
		}
		if err := e.SetRoles(10, 1, []string{authz.Operator}); err == nil {
			t.Fatal("a tenant user was made platform operator")
		}
		// A second process opening the same database sees the same roles.
		again := open(t, b, dir)
		if got := again.Roles(10, 1); !slices.Equal(got, []string{authz.Clerk, authz.Dispatcher}) {
			t.Fatalf("roles in tenant 1 = %v", got)
		}
		if got := again.Roles(10, 2); len(got) != 0 {
			t.Fatalf("roles leaked into tenant 2: %v", got)
		}
	})
}

func TestPermissionsFollowTheTemplates(t *testing.T) {
	e := open(t, storetest.Backend{Name: "sqlite"}, t.TempDir())
	cases := []struct {
		roles    []string
		tenant   int
		obj, act string
		want     bool
	}{
		{[]string{authz.Clerk}, 1, authz.ObjTicket, "create", true},
		{[]string{authz.Analyst}, 1, authz.ObjTicket, "create", false},
		{[]string{authz.Analyst}, 1, authz.ObjPII, "read", false},
		{[]string{authz.Handler}, 1, authz.ObjPII, "read_held", true},
		{[]string{authz.Handler}, 1, authz.ObjPII, "read", false},
		{[]string{authz.TenantAdmin}, 1, authz.ObjUser, "write", true},
		{[]string{authz.TenantAdmin}, 0, authz.ObjTenant, "write", false},
		{[]string{authz.Operator}, 0, authz.ObjTenant, "write", true},
		{[]string{authz.Operator}, 1, authz.ObjTicket, "read", false},
		{[]string{authz.Operator}, 1, authz.ObjTenant, "write", false},
		{nil, 1, authz.ObjTicket, "read", false},
		{[]string{"nobody"}, 1, authz.ObjTicket, "read", false},
	}
	for _, c := range cases {
		if got := e.RolesAllow(c.roles, c.tenant, c.obj, c.act); got != c.want {
			t.Errorf("%v in tenant %d %s:%s = %v, want %v", c.roles, c.tenant, c.obj, c.act, got, c.want)
		}
	}
	scopes := map[string]viewer.Scope{
		authz.Clerk: viewer.ScopeTenant, authz.Handler: viewer.ScopeDepartment, authz.DeptLeader: viewer.ScopeDepartment,
		authz.GridWorker: viewer.ScopeOwn, authz.Analyst: viewer.ScopeTenant, authz.Operator: viewer.ScopeNone,
	}
	for role, want := range scopes {
		if got := e.TicketScope([]string{role}, 1); got != want {
			t.Errorf("ticket scope of %s = %v, want %v", role, got, want)
		}
	}
	if got := e.TicketScope([]string{authz.Handler, authz.Leader}, 1); got != viewer.ScopeTenant {
		t.Errorf("handler+leader scope = %v, want the broader tenant scope", got)
	}
}
