// Package directory owns a tenant's people and structure: tenants and their
// first administrator, staff users and their roles, the department, region
// and category trees, and citizens with their protected personal data; and
// the ID and phone numbers inside free text, masked and sealed at rest and
// revealed only to callers who may read personal data (text.go). It holds
// the rules for changing them; resolvers only call it.
package directory

import (
	"context"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/auth"
	"github.com/minsheng/minsheng/authz"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/pii"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// Service changes and reads the directory.
type Service struct {
	client *ent.Client
	authz  *authz.Enforcer
	box    *pii.Box
}

// New returns the directory service. It puts the sealing of free text on
// client (see RevealText): from then on every text a person writes is
// stored with its ID and phone numbers masked, the clear text sealed.
func New(client *ent.Client, enforcer *authz.Enforcer, box *pii.Box) *Service {
	sealText(client, box)
	return &Service{client: client, authz: enforcer, box: box}
}

// NewTenant is a tenant to create with its first administrator.
type NewTenant struct {
	Code         string
	Name         string
	DivisionCode string
	TimeZone     *string
	Admin        NewUser
}

// CreateTenant creates a tenant and its first tenant_admin. Only platform
// operators and the server reach it (the Tenant policy refuses others).
func (s *Service) CreateTenant(ctx context.Context, in NewTenant) (*ent.Tenant, error) {
	if in.Code == auth.PlatformTenant {
		return nil, minsheng.Errorf(minsheng.EINVALID, "tenant code %q is reserved", in.Code)
	}
	if exists, err := s.client.Tenant.Query().Where(tenant.Code(in.Code)).Exist(ctx); err != nil {
		return nil, err
	} else if exists {
		return nil, minsheng.Errorf(minsheng.ECONFLICT, "tenant code %q is taken", in.Code)
	}
	in.Admin.Roles = []string{authz.TenantAdmin}
	var (
		t     *ent.Tenant
		admin *ent.User
	)
	err := store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		c := tx.Tenant.Create().SetCode(in.Code).SetName(in.Name).SetDivisionCode(in.DivisionCode)
		if in.TimeZone != nil {
			c.SetTimeZone(*in.TimeZone)
		}
		var err error
		if t, err = c.Save(ctx); err != nil {
			return err
		}
		admin, err = s.createUser(viewer.TenantSystemContext(ctx, t.ID), tx, in.Admin)
		return err
	})
	if err != nil {
		return nil, err
	}
	return t.Unwrap(), s.authz.SetRoles(admin.ID, t.ID, in.Admin.Roles)
}

// UpdateTenant changes a tenant's name, division code, time zone, settings
// or active flag.
func (s *Service) UpdateTenant(ctx context.Context, id int, in ent.UpdateTenantInput) (*ent.Tenant, error) {
	return s.client.Tenant.UpdateOneID(id).SetInput(in).Save(ctx)
}

// Tenants lists the tenants the caller can see: all of them for operators.
func (s *Service) Tenants(ctx context.Context) ([]*ent.Tenant, error) {
	return s.client.Tenant.Query().Order(ent.Asc(tenant.FieldCode)).All(ctx)
}

// Tenant returns the tenant with id, if the caller can see it.
func (s *Service) Tenant(ctx context.Context, id int) (*ent.Tenant, error) {
	return s.client.Tenant.Get(ctx, id)
}
