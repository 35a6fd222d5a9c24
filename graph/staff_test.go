package graph_test

import (
	"slices"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/graph"
	"github.com/minsheng/minsheng/store/storetest"
)

// TestStaffNamesNeedUserRead: a colleague's name, username and roles reach
// only callers who may read users (and each user their own); the others
// read a neutral label wherever a User or a timeline actor appears.
func TestStaffNamesNeedUserRead(t *testing.T) {
	// C: colleagues in clear; L: the neutral label.
	const C, L = "clear", "label"
	grid := map[string]string{
		"admin": C, "clerk": C, "dispatcher": C, "handler": L, "dept_leader": C,
		"leader": C, "analyst": L, "grid_worker": L, "integrator": L,
	}
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		d := readDemoTenant(t, e, "demo-a")
		tok := tokens(t, e)
		names := map[int]string{}
		for _, u := range e.App.DB.Client.User.Query().AllX(d.ctx) {
			names[u.ID] = u.DisplayName
		}
		for _, caller := range sortedKeys(grid) {
			t.Run(caller, func(t *testing.T) {
				self := 0
				if caller != "integrator" {
					self = e.App.DB.Client.User.Query().Where(user.Username(caller)).OnlyIDX(d.ctx)
				}
				var out struct {
					Departments struct {
						Edges []struct{ Node struct{ Users []*staffUser } }
					}
					Tickets struct {
						Edges []struct {
							Node struct {
								RegisteredBy *staffUser
								FirstHandler *staffUser
								Timeline     []struct {
									ActorName string
									Actor     *staffUser
								}
							}
						}
					}
				}
				e.Do(t, tok[caller], `{ departments(first: 100) { edges { node { users { id username displayName roles } } } }
					tickets(first: 100) { edges { node {
					registeredBy { id username displayName roles }
					firstHandler { id username displayName roles }
					timeline { actorName actor { id username displayName roles } } } } } }`, nil).Decode(t, &out)
				var colleagues, own int
				check := func(where string, u *staffUser, actorName *string) {
					if u == nil {
						return
					}
					clear := grid[caller] == C || u.ID == self
					if u.ID == self {
						own++
					} else {
						colleagues++
					}
					want := names[u.ID]
					if !clear {
						want = graph.StaffLabel
					}
					if u.DisplayName != want || actorName != nil && (*actorName == graph.StaffLabel) == clear {
						t.Errorf("%s of user %d: displayName %q, actorName %v; want %q", where, u.ID, u.DisplayName, deref(actorName), want)
					}
					if clear != (u.Username != "") || clear != (len(u.Roles) > 0) {
						t.Errorf("%s of user %d: username %q and roles %v should be shown: %v", where, u.ID, u.Username, u.Roles, clear)
					}
				}
				for _, edge := range out.Departments.Edges {
					for _, u := range edge.Node.Users {
						check("department user", u, nil)
					}
				}
				for _, edge := range out.Tickets.Edges {
					n := edge.Node
					check("registeredBy", n.RegisteredBy, nil)
					check("firstHandler", n.FirstHandler, nil)
					for _, ev := range n.Timeline {
						check("timeline actor", ev.Actor, &ev.ActorName)
					}
				}
				if colleagues == 0 {
					t.Errorf("%s saw no colleague on any ticket: the test shows nothing", caller)
				}
				if self != 0 {
					var me struct{ Me staffUser }
					e.Do(t, tok[caller], `{ me { id username displayName roles } }`, nil).Decode(t, &me)
					if me.Me.DisplayName != names[self] || me.Me.Username != caller || !slices.Contains(me.Me.Roles, roleOf[caller]) {
						t.Errorf("me: %+v; a user always reads their own name and roles", me.Me)
					}
				}
			})
		}
	})
}

type staffUser struct {
	ID          int `json:",string"`
	Username    string
	DisplayName string
	Roles       []string
}

func deref(s *string) string {
	if s == nil {
		return "<none>"
	}
	return *s
}

// TestLoginAnswersTheUserInClear: the user who has just signed in reads
// their own name and roles in login's answer, whatever their roles (the
// token is not in use yet, so "themselves" is the user signing in).
func TestLoginAnswersTheUserInClear(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		for _, name := range []string{"handler", "analyst", "grid_worker", "admin"} {
			var out struct {
				Login struct {
					User struct {
						Username, DisplayName string
						Roles                 []string
					}
				}
			}
			e.Do(t, "", `mutation($u: String!, $p: String!) { login(tenant: "demo-a", username: $u, password: $p) { user { username displayName roles } } }`,
				map[string]any{"u": name, "p": demo.Password}).Decode(t, &out)
			u := out.Login.User
			if u.Username != name || u.DisplayName == graph.StaffLabel || len(u.Roles) == 0 {
				t.Errorf("login as %s answers user %+v, want their own name and roles", name, u)
			}
		}
	})
}
