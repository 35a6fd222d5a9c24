package directory

import (
	"context"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/auth"
	"github.com/minsheng/minsheng/authz"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/viewer"
)

// NewUser is a member of staff to create.
type NewUser struct {
	Username     string
	DisplayName  string
	Password     string
	DepartmentID *int
	Roles        []string
}

// UserChanges are changes to a member of staff; nil fields stay.
type UserChanges struct {
	DisplayName     *string
	Password        *string
	Active          *bool
	DepartmentID    *int
	ClearDepartment *bool
	Roles           []string
}

// CreateUser adds a member of staff to the caller's tenant with roles.
func (s *Service) CreateUser(ctx context.Context, in NewUser) (*ent.User, error) {
	if err := checkRoles(in.Roles); err != nil {
		return nil, err
	}
	u, err := s.createUser(ctx, s.client, in)
	if err != nil {
		return nil, err
	}
	return u, s.authz.SetRoles(u.ID, u.TenantID, in.Roles)
}

func (s *Service) createUser(ctx context.Context, client *ent.Client, in NewUser) (*ent.User, error) {
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	return client.User.Create().
		SetUsername(in.Username).SetDisplayName(in.DisplayName).SetPasswordHash(hash).
		SetNillableDepartmentID(in.DepartmentID).
		Save(ctx)
}

// Roles live in the policy store, outside the transaction that creates the
// user: on SQLite a second writer would wait for the first, so roles are
// written after the commit.

// UpdateUser changes a member of staff of the caller's tenant. A new
// password or a deactivation revokes the user's tokens.
func (s *Service) UpdateUser(ctx context.Context, id int, in UserChanges) (*ent.User, error) {
	if in.Roles != nil {
		if err := checkRoles(in.Roles); err != nil {
			return nil, err
		}
	}
	up := s.client.User.UpdateOneID(id).
		SetNillableDisplayName(in.DisplayName).
		SetNillableActive(in.Active)
	if in.Password != nil {
		hash, err := auth.HashPassword(*in.Password)
		if err != nil {
			return nil, err
		}
		up.SetPasswordHash(hash)
	}
	if in.Password != nil || (in.Active != nil && !*in.Active) {
		// Every token signed before is refused from now on, on open
		// WebSockets too: a new password or a deactivation ends them.
		up.AddTokenVersion(1)
	}
	if in.ClearDepartment != nil && *in.ClearDepartment {
		up.ClearDepartment()
	} else if in.DepartmentID != nil {
		up.SetDepartmentID(*in.DepartmentID)
	}
	u, err := up.Save(ctx)
	if err != nil {
		return nil, err
	}
	if in.Roles != nil {
		if err := s.authz.SetRoles(u.ID, u.TenantID, in.Roles); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// Roles returns the roles a user holds.
func (s *Service) Roles(u *ent.User) []string { return s.authz.Roles(u.ID, u.TenantID) }

// Me returns the signed-in user.
func (s *Service) Me(ctx context.Context) (*ent.User, error) {
	v := viewer.FromContext(ctx)
	if v.Kind != viewer.User {
		return nil, minsheng.Errorf(minsheng.EFORBIDDEN, "only signed-in users have a profile")
	}
	return s.client.User.Get(ctx, v.UserID)
}

func checkRoles(roles []string) error {
	for _, r := range roles {
		if !authz.IsRole(r) || r == authz.Operator {
			return minsheng.Errorf(minsheng.EINVALID, "unknown role %q", r)
		}
	}
	return nil
}
