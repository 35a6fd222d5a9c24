package graph_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/store/storetest"
)

// socketEnv is the demo service with login tokens valid for ttl and open
// sockets checked periodically every recheck.
func socketEnv(t *testing.T, b storetest.Backend, recheck, ttl time.Duration) *apptest.Env {
	t.Helper()
	cfg := apptest.Config(t, b)
	cfg.TokenTTL = ttl
	cfg.GraphQL.SocketRecheck = recheck
	cfg.GraphQL.Subscriptions = 3
	e := apptest.Start(t, cfg)
	if err := e.App.Seeder().Seed(context.Background()); err != nil {
		t.Fatal(err)
	}
	return e
}

// closes waits for the server to close the socket, failing on an event of
// subscription id delivered meanwhile.
func (c *wsClient) closes(id string) {
	c.t.Helper()
	for _, m := range c.pending {
		if m.ID == id && m.Type == "next" {
			c.t.Fatalf("subscription %s got %s after its credential was revoked", id, m.Payload)
		}
	}
	for m := range c.msgs {
		if m.ID == id && m.Type == "next" {
			c.t.Fatalf("subscription %s got %s after its credential was revoked", id, m.Payload)
		}
	}
	if c.ctx.Err() != nil {
		c.t.Fatal("the server did not close the socket")
	}
}

// query runs a query on the socket and returns its answer's payload.
func (c *wsClient) query(id, doc string) string {
	c.t.Helper()
	c.subscribe(id, doc, nil)
	m := c.of(id)
	return string(m.Payload)
}

func userID(t *testing.T, e *apptest.Env, a demoTenant, username string) int {
	t.Helper()
	return e.App.DB.Client.User.Query().Where(user.Username(username)).OnlyIDX(a.ctx)
}

// A socket runs as its credential allows now: once the user is
// deactivated or has a new password, the next operation on an open socket
// is UNAUTHENTICATED, a running subscription delivers no further event,
// and the server closes both sockets.
func TestSocketEndsWithItsCredential(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := socketEnv(t, b, time.Hour, time.Hour) // only operations and events check
		a := readDemoTenant(t, e, "demo-a")
		mine := newTicket(t, e, a, "MS-19700110-0001", ticket.StatusDISPATCHED, a.housing)
		admin := e.Login(t, "demo-a", "admin")
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		change := func() {
			leader := e.Login(t, "demo-a", "leader")
			e.Do(t, leader, `mutation { superviseTicket(id:`+q(mine)+`, note:"请按时办结") { id } }`, nil).Decode(t, &struct{}{})
		}
		updateUser := func(username, input string) func() {
			return func() {
				e.Do(t, admin, fmt.Sprintf(`mutation { updateUser(id:%s, input:%s) { id } }`, q(userID(t, e, a, username)), input), nil).
					Decode(t, &struct{}{})
			}
		}
		for _, c := range []struct {
			name, username string
			revoke         func()
			want           string
		}{
			{"deactivated", "handler", updateUser("handler", `{active:false}`), "invalid token"},
			{"new password", "dept_leader", updateUser("dept_leader", `{password:"a-brand-new-passphrase"}`), "revoked"},
		} {
			token := e.Login(t, "demo-a", c.username)
			sub := dialGraphQL(t, ctx, e, token)
			sub.subscribe("1", ticketUpdatedDoc, map[string]any{"id": fmt.Sprint(mine)})
			sub.next("1", "ticketUpdated") // the ticket as it is
			idle := dialGraphQL(t, ctx, e, token)
			if got := idle.query("before", `{ me { username } }`); !strings.Contains(got, c.username) {
				t.Fatalf("%s: before, me = %s", c.name, got)
			}

			c.revoke()
			if got := idle.query("after", `{ me { username } }`); !strings.Contains(got, "UNAUTHENTICATED") || !strings.Contains(got, c.want) {
				t.Errorf("%s: the next query answered %s, want UNAUTHENTICATED (%s)", c.name, got, c.want)
			}
			idle.closes("after")
			change()
			sub.closes("1")
			if r := e.Do(t, token, `{ me { username } }`, nil); r.Status != http.StatusUnauthorized || r.Code() != "UNAUTHENTICATED" {
				t.Errorf("%s: over HTTP the old token answered %d %+v, want 401 UNAUTHENTICATED", c.name, r.Status, r.Errors)
			}
		}
	})
}

// Left alone, a socket whose credential no longer holds is closed by the
// periodic check.
func TestSocketClosedWhileIdle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := socketEnv(t, b, 50*time.Millisecond, time.Hour)
		a := readDemoTenant(t, e, "demo-a")
		admin := e.Login(t, "demo-a", "admin")
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()

		s := dialGraphQL(t, ctx, e, e.Login(t, "demo-a", "handler"))
		e.Do(t, admin, `mutation { updateUser(id:`+q(userID(t, e, a, "handler"))+`, input:{active:false}) { id } }`, nil).Decode(t, &struct{}{})
		s.closes("")
	})
}

// When its token expires, the server closes the socket, a running
// subscription with it.
func TestSocketClosesWhenTheTokenExpires(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		// Tokens expire on the real clock; this one lives long enough for
		// a slow machine to open the sockets.
		e := socketEnv(t, b, time.Hour, 10*time.Second)
		a := readDemoTenant(t, e, "demo-a")
		mine := newTicket(t, e, a, "MS-19700110-0004", ticket.StatusDISPATCHED, a.housing)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		token := e.Login(t, "demo-a", "handler")
		sub := dialGraphQL(t, ctx, e, token)
		sub.subscribe("1", ticketUpdatedDoc, map[string]any{"id": fmt.Sprint(mine)})
		sub.next("1", "ticketUpdated")
		idle := dialGraphQL(t, ctx, e, token)
		idle.closes("")
		sub.closes("1")
		if r := e.Do(t, token, `{ me { username } }`, nil); r.Status != http.StatusUnauthorized || r.Code() != "UNAUTHENTICATED" {
			t.Errorf("over HTTP the expired token answered %d %+v, want 401 UNAUTHENTICATED", r.Status, r.Errors)
		}
	})
}

// A role taken away reaches the open socket: its next operation runs with
// the roles the user holds now.
func TestSocketOperationsUseCurrentRoles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := socketEnv(t, b, time.Hour, time.Hour)
		a := readDemoTenant(t, e, "demo-a")
		admin := e.Login(t, "demo-a", "admin")
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		mine := newTicket(t, e, a, "MS-19700110-0002", ticket.StatusDISPATCHED, a.housing)

		s := dialGraphQL(t, ctx, e, e.Login(t, "demo-a", "dispatcher"))
		doc := `{ ticket: node(id:` + q(mine) + `) { id } }`
		if got := s.query("1", doc); strings.Contains(got, "errors") || !strings.Contains(got, fmt.Sprint(mine)) {
			t.Fatalf("dispatcher reads the ticket: %s", got)
		}
		s.subscribe("w", ticketUpdatedDoc, map[string]any{"id": fmt.Sprint(mine)})
		s.next("w", "ticketUpdated") // the ticket as it is
		e.Do(t, admin, `mutation { updateUser(id:`+q(userID(t, e, a, "dispatcher"))+`, input:{roles:["analyst"]}) { id } }`, nil).Decode(t, &struct{}{})
		if got := s.query("2", `mutation { dispatchTicket(id:`+q(mine)+`, input:{departmentID:`+q(a.housing)+`}) { id } }`); !strings.Contains(got, "FORBIDDEN") {
			t.Errorf("after losing the dispatcher role, dispatchTicket on the open socket answered %s, want FORBIDDEN", got)
		}
		// The subscription read with the old roles ends at its next event.
		leader := e.Login(t, "demo-a", "leader")
		e.Do(t, leader, `mutation { superviseTicket(id:`+q(mine)+`, note:"请按时办结") { id } }`, nil).Decode(t, &struct{}{})
		if m := s.of("w"); m.Type != "error" || !strings.Contains(string(m.Payload), "roles") {
			t.Errorf("the subscription after the role change: %s %s, want an error asking to subscribe again", m.Type, m.Payload)
		}
	})
}

// One socket runs at most the configured number of subscriptions; the
// next is refused with a code, and one stopped makes room.
func TestSocketSubscriptionCap(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := socketEnv(t, b, time.Hour, time.Hour)
		a := readDemoTenant(t, e, "demo-a")
		mine := newTicket(t, e, a, "MS-19700110-0003", ticket.StatusDISPATCHED, a.housing)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()

		s := dialGraphQL(t, ctx, e, e.Login(t, "demo-a", "handler"))
		for i := 1; i <= 3; i++ {
			id := fmt.Sprint(i)
			s.subscribe(id, ticketUpdatedDoc, map[string]any{"id": fmt.Sprint(mine)})
			s.next(id, "ticketUpdated")
		}
		s.subscribe("4", ticketUpdatedDoc, map[string]any{"id": fmt.Sprint(mine)})
		if m := s.of("4"); !strings.Contains(string(m.Payload), "RATE_LIMITED") {
			t.Fatalf("the fourth subscription: %s %s, want RATE_LIMITED", m.Type, m.Payload)
		}
		s.send(map[string]any{"id": "2", "type": "complete"})
		// The stop takes effect on the server in its own time: try until
		// the slot is free.
		for i := 5; ; i++ {
			id := fmt.Sprint(i)
			s.subscribe(id, ticketUpdatedDoc, map[string]any{"id": fmt.Sprint(mine)})
			m := s.of(id)
			if m.Type == "next" && !strings.Contains(string(m.Payload), "errors") {
				break
			}
			if !strings.Contains(string(m.Payload), "RATE_LIMITED") || i > 1000 {
				t.Fatalf("after stopping one: %s %s", m.Type, m.Payload)
			}
			s.of(id) // complete
		}
	})
}
