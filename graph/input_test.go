package graph_test

import (
	"strings"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/store/storetest"
)

// TestMalformedArgumentsAreTheCallersMistake: an ID that is not a number, a
// damaged cursor, a date or time in the wrong form are the caller's to fix,
// answered BAD_USER_INPUT naming the argument — not INTERNAL, which sends
// an integrator to our support and fills the error log.
func TestMalformedArgumentsAreTheCallersMistake(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		clerk := e.Login(t, "demo-a", "clerk")
		admin := e.Login(t, "demo-a", "admin")
		for _, c := range []struct {
			name, token, query string
			vars               map[string]any
			path               string
		}{
			{"cursor", clerk, `{ tickets(first: 1, after: "garbage") { totalCount } }`, nil, "tickets.after"},
			{"ID literal", clerk, `{ node(id: "abc") { id } }`, nil, "node.id"},
			{"ID too large", clerk, `{ node(id: "99999999999999999999999") { id } }`, nil, "node.id"},
			{"ID variable", clerk, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": "zz"}, "node.id"},
			{"ID in a list filter", clerk, `{ tickets(first: 1, where: {idIn: ["1", "zz"]}) { totalCount } }`, nil, "tickets.where.idIn[1]"},
			{"time", clerk, `{ tickets(first: 1, where: {createdAtGTE: "yesterday"}) { totalCount } }`, nil, "tickets.where.createdAtGTE"},
			{"date", admin, `mutation { setCalendarDay(date: "2026-13-45", workday: false, note: "x") { date } }`, nil, "setCalendarDay.date"},
		} {
			r := e.Do(t, c.token, c.query, c.vars)
			if r.Code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, c.path) {
				t.Errorf("%s: %+v, want BAD_USER_INPUT naming %s", c.name, r.Errors, c.path)
			}
		}
	})
}
