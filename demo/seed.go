package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/minsheng/minsheng/auth"
	"github.com/minsheng/minsheng/authz"
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/citizen"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/operator"
	"github.com/minsheng/minsheng/ent/region"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/insight/warning"
	"github.com/minsheng/minsheng/knowledge"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

// Password is the password of every demo login.
const Password = "minsheng-demo"

// Users are the demo logins of each tenant; each has the role of its name.
// handler and dept_leader work in the district's first department (住建局).
var Users = []string{
	authz.TenantAdmin, authz.Clerk, authz.Dispatcher, authz.Handler, authz.DeptLeader,
	authz.Leader, authz.Analyst, authz.GridWorker,
}

// login names differ from role names only for the administrator.
func username(role string) string {
	if role == authz.TenantAdmin {
		return "admin"
	}
	return role
}

// Seeder writes the demo content through the same services the API uses.
type Seeder struct {
	Client    *ent.Client
	Authz     *authz.Enforcer
	Auth      *auth.Service
	Directory *directory.Service
	Workflow  *workflow.Service
	// Knowledge and Warnings, when set, get the demo's knowledge articles
	// and watch items (with a history only).
	Knowledge *knowledge.Service
	Warnings  *warning.Service
	// History is how many past tickets each new demo tenant gets
	// (DefaultHistory for the server and the demo command; 0 for none).
	History int
	// Now is the clock the history ends at; nil is time.Now.
	Now func() time.Time
}

// Seed creates the platform operator and the demo tenants that are missing.
// It is idempotent: a tenant that exists is left as it is, except that the
// demo users' roles are made sure of.
func (s *Seeder) Seed(ctx context.Context) error {
	sys := viewer.SystemContext(ctx)
	if err := s.seedOperator(sys); err != nil {
		return err
	}
	for _, d := range Districts {
		t, err := s.Client.Tenant.Query().Where(tenant.Code(d.Code)).Only(sys)
		switch {
		case ent.IsNotFound(err):
			if t, err = s.seedTenant(sys, d); err != nil {
				return fmt.Errorf("demo: %s: %w", d.Code, err)
			}
		case err != nil:
			return err
		case t.Settings[seededMark] != true:
			return fmt.Errorf("demo: tenant %s exists but its seeding did not finish; remove it (or the data folder) and seed again", d.Code)
		}
		if err := s.ensureRoles(ctx, t.ID); err != nil {
			return fmt.Errorf("demo: %s roles: %w", d.Code, err)
		}
	}
	return nil
}

func (s *Seeder) seedOperator(ctx context.Context) error {
	exists, err := s.Client.Operator.Query().Where(operator.Username("operator")).Exist(ctx)
	if err != nil || exists {
		return err
	}
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return err
	}
	return s.Client.Operator.Create().SetUsername("operator").SetDisplayName("平台运维").SetPasswordHash(hash).Exec(ctx)
}

// seedTenant writes one district through the services, each step in its own
// transaction, and marks the tenant as seeded at the end. A crash part-way
// leaves an unmarked tenant, which Seed reports instead of building on.
func (s *Seeder) seedTenant(ctx context.Context, d District) (*ent.Tenant, error) {
	t, err := s.Directory.CreateTenant(ctx, directory.NewTenant{
		Code: d.Code, Name: d.Name, DivisionCode: d.DivisionCode,
		Admin: directory.NewUser{Username: "admin", DisplayName: d.Name + "管理员", Password: Password},
	})
	if err != nil {
		return nil, err
	}
	tctx := viewer.TenantSystemContext(ctx, t.ID)
	depts := map[string]int{}
	for _, dep := range d.Departments {
		if err := s.seedDept(tctx, dep, nil, depts); err != nil {
			return nil, err
		}
	}
	first := depts[d.Departments[0].Name]
	for _, role := range Users[1:] {
		in := directory.NewUser{Username: username(role), DisplayName: displayName(role), Password: Password, Roles: []string{role}}
		if role == authz.Handler || role == authz.DeptLeader {
			in.DepartmentID = &first
		}
		if _, err := s.Directory.CreateUser(tctx, in); err != nil {
			return nil, err
		}
	}
	regions := map[string]int{}
	for _, p := range d.Regions {
		if err := s.seedPlace(tctx, p, nil, regions); err != nil {
			return nil, err
		}
	}
	cats := map[string]int{}
	for _, c := range d.Categories {
		if err := s.seedCat(tctx, c, nil, cats, depts); err != nil {
			return nil, err
		}
	}
	if err := s.seedTickets(tctx, d, depts, regions, cats); err != nil {
		return nil, err
	}
	person, err := s.seedHistory(tctx, d, depts, regions, cats)
	if err != nil {
		return nil, err
	}
	// With the history only: tests seeding the bare demo count the
	// articles, watch items and warnings they make themselves.
	if s.History > 0 {
		if err := s.seedKnowledge(tctx, d, regions, cats, person); err != nil {
			return nil, err
		}
	}
	return s.Client.Tenant.UpdateOne(t).SetSettings(map[string]any{seededMark: true}).Save(ctx)
}

// seededMark in a demo tenant's settings says its seeding finished.
const seededMark = "demoSeeded"

func displayName(role string) string {
	return map[string]string{
		authz.Clerk: "王丽（受理员）", authz.Dispatcher: "李强（分拨员）", authz.Handler: "张伟（承办人）",
		authz.DeptLeader: "刘洋（部门领导）", authz.Leader: "陈静（区领导）", authz.Analyst: "赵敏（督查）",
		authz.GridWorker: "孙浩（网格员）",
	}[role]
}

func (s *Seeder) seedDept(ctx context.Context, d Dept, parent *int, ids map[string]int) error {
	in := ent.CreateDepartmentInput{Name: d.Name, ParentID: parent}
	kind := department.Kind(d.Kind)
	in.Kind = &kind
	if d.Phone != "" {
		in.Phone = &d.Phone
	}
	dep, err := s.Directory.CreateDepartment(ctx, in)
	if err != nil {
		return err
	}
	ids[d.Name] = dep.ID
	for _, c := range d.Children {
		if err := s.seedDept(ctx, c, &dep.ID, ids); err != nil {
			return err
		}
	}
	return nil
}

func (s *Seeder) seedPlace(ctx context.Context, p Place, parent *int, ids map[string]int) error {
	in := ent.CreateRegionInput{Name: p.Name, Level: region.Level(p.Level), DivisionCode: p.DivisionCode, ParentID: parent}
	if p.GridNumber != "" {
		in.GridNumber = &p.GridNumber
	}
	r, err := s.Directory.CreateRegion(ctx, in)
	if err != nil {
		return err
	}
	ids[p.Name] = r.ID
	for _, c := range p.Children {
		if err := s.seedPlace(ctx, c, &r.ID, ids); err != nil {
			return err
		}
	}
	return nil
}

func (s *Seeder) seedCat(ctx context.Context, c Cat, parent *int, ids, depts map[string]int) error {
	code := c.Code
	in := ent.CreateCategoryInput{
		Name: c.Name, Code: &code, Type: category.Type(c.Type), DeadlineDays: c.DeadlineDays,
		Keywords: append([]string(nil), c.Keywords...), ParentID: parent,
	}
	if id, ok := depts[c.Department]; ok {
		in.DepartmentID = &id
	}
	cat, err := s.Directory.CreateCategory(ctx, in)
	if err != nil {
		return err
	}
	ids[c.Code] = cat.ID
	for _, child := range c.Children {
		if err := s.seedCat(ctx, child, &cat.ID, ids, depts); err != nil {
			return err
		}
	}
	return nil
}

// seedTickets registers the sample tickets as the clerk (or the grid worker
// for tickets found on patrol) would, so they get real codes and timelines.
func (s *Seeder) seedTickets(ctx context.Context, d District, depts, regions, cats map[string]int) error {
	actors := map[string]context.Context{}
	for _, name := range []string{authz.Clerk, authz.GridWorker} {
		u, err := s.Client.User.Query().Where(user.Username(name)).Only(ctx)
		if err != nil {
			return err
		}
		actors[name] = viewer.NewContext(ctx, s.Auth.UserViewer(u))
	}
	for _, st := range d.Tickets {
		actor := actors[authz.Clerk]
		if st.Channel == string(ticket.ChannelGRID) {
			actor = actors[authz.GridWorker]
		}
		in := workflow.NewTicket{
			Title: st.Title, Body: st.Body, Channel: ticket.Channel(st.Channel),
			CategoryID: ptr(cats[st.CategoryCode]), RegionID: ptr(regions[st.RegionName]),
			DepartmentID: ptr(depts[st.Department]), Place: &st.Place, Anonymous: &st.Anonymous,
		}
		if c := st.Citizen; c != nil {
			sex := citizen.Sex(c.Sex)
			birth, err := time.Parse(time.DateOnly, c.BirthDate)
			if err != nil {
				return err
			}
			in.Citizen = &directory.CitizenInput{
				Name: &c.Name, IDNumber: &c.IDNumber, Phone: &c.Phone, Sex: &sex,
				Ethnicity: &c.Ethnicity, BirthDate: &birth, Address: &c.Address,
			}
		}
		if _, err := s.Workflow.CreateTicket(actor, in); err != nil {
			return fmt.Errorf("ticket %q: %w", st.Title, err)
		}
	}
	return nil
}

func ptr(id int) *int {
	if id == 0 {
		return nil
	}
	return &id
}

// ensureRoles gives each demo user the role of its name again, in case a
// previous run stopped between creating users and storing their roles.
func (s *Seeder) ensureRoles(ctx context.Context, tenantID int) error {
	tctx := viewer.TenantSystemContext(ctx, tenantID)
	for _, role := range Users {
		u, err := s.Client.User.Query().Where(user.Username(username(role))).Only(tctx)
		if err != nil {
			return err
		}
		if len(s.Authz.Roles(u.ID, tenantID)) == 0 {
			if err := s.Authz.SetRoles(u.ID, tenantID, []string{role}); err != nil {
				return err
			}
		}
	}
	return nil
}
