package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/store/storetest"
)

// addStaff creates a member of staff in demo-a through the API, as the admin would.
func addStaff(t *testing.T, e *apptest.Env, admin, username, role string, dept int) string {
	t.Helper()
	e.Do(t, admin, `mutation($in:NewUserInput!) { createUser(input:$in) { id } }`, map[string]any{"in": map[string]any{
		"username": username, "displayName": username, "password": "minsheng-demo", "departmentID": fmt.Sprint(dept),
		"roles": []string{role},
	}}).Decode(t, &struct{}{})
	return e.Login(t, "demo-a", username)
}

// sees reports whether token finds ticket id by node(id:).
func sees(t *testing.T, e *apptest.Env, token string, id int) bool {
	t.Helper()
	var out struct{ Node *struct{ ID string } }
	e.Do(t, token, `query($id:ID!) { node(id:$id) { id } }`, map[string]any{"id": fmt.Sprint(id)}).Decode(t, &out)
	return out.Node != nil
}

type jointView struct {
	Status        string
	Department    struct{ Name string }
	CoDepartments []struct{ Name string }
}

func coNames(v jointView) []string {
	var out []string
	for _, d := range v.CoDepartments {
		out = append(out, d.Name)
	}
	return out
}

func TestJointHandlingCoDepartmentSeesButLeadHandles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		depts := c.Department.Query().Where(department.IDNEQ(a.housing)).Order(department.ByID()).AllX(a.ctx)
		if len(depts) < 2 {
			t.Fatalf("demo-a has %d departments besides 住建局, want 2", len(depts))
		}
		lead, third := depts[0], depts[1]
		admin, dispatcher := e.Login(t, "demo-a", "admin"), e.Login(t, "demo-a", "dispatcher")
		housingHandler := e.Login(t, "demo-a", "handler")
		leadHandler := addStaff(t, e, admin, "lead_handler", "handler", lead.ID)
		thirdHandler := addStaff(t, e, admin, "third_handler", "handler", third.ID)
		id := newTicket(t, e, a, "MS-19700104-0001", ticket.StatusREGISTERED, 0)
		ref := q(id)

		do := func(token, call string) *apptest.Response {
			t.Helper()
			return e.Do(t, token, `mutation { `+call+` { status department { name } coDepartments { name } } }`, nil)
		}
		// The lead cannot co-handle its own ticket, nor a department be named twice.
		if r := do(dispatcher, `dispatchTicket(id:`+ref+`, input:{departmentID:`+q(lead.ID)+`, coDepartmentIDs:[`+q(lead.ID)+`]})`); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("lead named as co-department: %+v, want BAD_USER_INPUT", r.Errors)
		}
		if r := do(dispatcher, `dispatchTicket(id:`+ref+`, input:{departmentID:`+q(lead.ID)+`, coDepartmentIDs:[`+q(a.housing)+`,`+q(a.housing)+`]})`); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("co-department named twice: %+v, want BAD_USER_INPUT", r.Errors)
		}

		var out struct{ DispatchTicket jointView }
		do(dispatcher, `dispatchTicket(id:`+ref+`, input:{departmentID:`+q(lead.ID)+`, coDepartmentIDs:[`+q(a.housing)+`]})`).Decode(t, &out)
		if got := out.DispatchTicket; got.Department.Name != lead.Name || !slices.Equal(coNames(got), []string{"住建局"}) {
			t.Fatalf("dispatched ticket: %+v, want lead %s with co-department 住建局", got, lead.Name)
		}

		// The co-department's handler sees the ticket, in his worklist too;
		// a third department's does not.
		if !sees(t, e, housingHandler, id) {
			t.Error("the handler of the co-department 住建局 does not see the ticket")
		}
		if sees(t, e, thirdHandler, id) {
			t.Errorf("the handler of %s, neither lead nor co-department, sees the ticket", third.Name)
		}
		var list struct {
			Tickets struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		e.Do(t, housingHandler, `{ tickets(first:100, where:{code:"MS-19700104-0001"}) { edges { node { id } } } }`, nil).Decode(t, &list)
		if len(list.Tickets.Edges) != 1 {
			t.Errorf("the co-department's handler lists %d tickets with the code, want 1", len(list.Tickets.Edges))
		}

		// The department's side is the lead's.
		if r := do(housingHandler, `acceptTicket(id:`+ref+`)`); r.Code() != "FORBIDDEN" ||
			!strings.Contains(r.Errors[0].Message, "co-handles") {
			t.Errorf("co-department accepting: %+v, want FORBIDDEN saying it co-handles", r.Errors)
		}
		if r := do(housingHandler, `returnTicket(id:`+ref+`, reason:"非本局职责")`); r.Code() != "FORBIDDEN" {
			t.Errorf("co-department returning: %+v, want FORBIDDEN", r.Errors)
		}
		if r := do(leadHandler, `acceptTicket(id:`+ref+`)`); len(r.Errors) > 0 {
			t.Fatalf("lead accepting: %+v", r.Errors)
		}
		// The co-department may follow it.
		if r := e.Do(t, housingHandler, `mutation { followTicket(id:`+ref+`, follow:true) { id } }`, nil); len(r.Errors) > 0 {
			t.Errorf("co-department following: %+v", r.Errors)
		}

		// Reassigned to 住建局 without naming co-departments: 住建局 leads
		// and is no longer a co-department of its own ticket.
		var moved struct{ ReassignTicket jointView }
		do(dispatcher, `reassignTicket(id:`+ref+`, departmentID:`+q(a.housing)+`, reason:"住建局牵头")`).Decode(t, &moved)
		if got := moved.ReassignTicket; got.Department.Name != "住建局" || len(got.CoDepartments) != 0 {
			t.Errorf("after reassigning to the co-department: %+v, want 住建局 leading alone", got)
		}
		// Naming them replaces them; the old lead can become one.
		do(dispatcher, `reassignTicket(id:`+ref+`, departmentID:`+q(third.ID)+`, reason:"改派", coDepartmentIDs:[`+q(lead.ID)+`,`+q(a.housing)+`])`).Decode(t, &moved)
		if got := coNames(moved.ReassignTicket); len(got) != 2 || !slices.Contains(got, "住建局") || !slices.Contains(got, lead.Name) {
			t.Errorf("co-departments after reassigning with two: %v", got)
		}
		if !sees(t, e, thirdHandler, id) || !sees(t, e, leadHandler, id) || !sees(t, e, housingHandler, id) {
			t.Error("lead and co-departments do not all see the ticket")
		}
		// The timeline says who co-handled before and after.
		ev := c.TimelineEvent.Query().Where(timelineevent.TicketID(id), timelineevent.Action("REASSIGN")).
			Order(timelineevent.ByID()).AllX(a.ctx)
		if len(ev) != 2 || ev[1].After["coDepartmentIDs"] == nil || ev[0].Before["coDepartmentIDs"] == nil {
			t.Errorf("REASSIGN events %+v, want co-departments before and after", ev)
		}
	})
}

func TestMergeTickets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		dispatcher := e.Login(t, "demo-a", "dispatcher")
		into := newTicket(t, e, a, "MS-19700105-0001", ticket.StatusDISPATCHED, a.housing)
		dup1 := newTicket(t, e, a, "MS-19700105-0002", ticket.StatusREGISTERED, 0)
		dup2 := newTicket(t, e, a, "MS-19700105-0003", ticket.StatusDRAFT, 0)
		closed := newTicket(t, e, a, "MS-19700105-0004", ticket.StatusCLOSED, a.housing)

		merge := func(into int, from ...int) *apptest.Response {
			t.Helper()
			refs := make([]string, len(from))
			for i, id := range from {
				refs[i] = q(id)
			}
			return e.Do(t, dispatcher, `mutation { mergeTickets(intoID:`+q(into)+`, fromIDs:[`+strings.Join(refs, ",")+`]) {
				id status mergedFrom { code } timeline { action reason } } }`, nil)
		}
		for _, c := range []struct {
			name    string
			r       *apptest.Response
			code    string
			message string
		}{
			{"into itself", merge(into, dup1, into), "BAD_USER_INPUT", "itself"},
			{"a duplicate named twice", merge(into, dup1, dup1), "BAD_USER_INPUT", "twice"},
			{"nothing", merge(into), "BAD_USER_INPUT", "empty"},
			{"into a closed ticket", merge(closed, dup1), "CONFLICT", "ticket MS-19700105-0004 is CLOSED"},
			{"a closed ticket", merge(into, dup1, closed), "CONFLICT", "ticket MS-19700105-0004 is CLOSED"},
		} {
			if c.r.Code() != c.code || !strings.Contains(c.r.Errors[0].Message, c.message) {
				t.Errorf("merging %s: %+v, want %s saying %q", c.name, c.r.Errors, c.code, c.message)
			}
		}
		// A refusal about the second duplicate leaves the first as it was.
		if tk := c.Ticket.GetX(a.ctx, dup1); tk.Status != ticket.StatusREGISTERED || tk.Version != 1 {
			t.Errorf("after refused merges the first duplicate is %s version %d, want untouched", tk.Status, tk.Version)
		}

		var out struct {
			MergeTickets struct {
				Status     string
				MergedFrom []struct{ Code string }
				Timeline   []struct{ Action, Reason string }
			}
		}
		merge(into, dup1, dup2).Decode(t, &out)
		got := out.MergeTickets
		last := got.Timeline[len(got.Timeline)-1]
		if got.Status != "DISPATCHED" || len(got.MergedFrom) != 2 || last.Action != "MERGED_FROM" ||
			last.Reason != "MS-19700105-0002, MS-19700105-0003" {
			t.Errorf("target after merging: %+v, want DISPATCHED, two merged, MERGED_FROM naming both codes", got)
		}
		for _, id := range []int{dup1, dup2} {
			var v struct {
				Node struct {
					Status     string
					MergedInto *struct{ Code string }
					Timeline   []struct{ Action, Reason, ToStatus string }
				}
			}
			e.Do(t, dispatcher, `query($id:ID!) { node(id:$id) { ... on Ticket { status mergedInto { code } timeline { action reason toStatus } } } }`,
				map[string]any{"id": fmt.Sprint(id)}).Decode(t, &v)
			ev := v.Node.Timeline[len(v.Node.Timeline)-1]
			if v.Node.Status != "MERGED" || v.Node.MergedInto == nil || v.Node.MergedInto.Code != "MS-19700105-0001" ||
				ev.Action != "MERGE" || ev.Reason != "MS-19700105-0001" || ev.ToStatus != "MERGED" {
				t.Errorf("duplicate %d after merging: %+v, want MERGED into MS-19700105-0001 with a MERGE event", id, v.Node)
			}
		}
		// Merged once is merged for good; nothing is merged into a merged ticket.
		if r := merge(into, dup1); r.Code() != "CONFLICT" || !strings.Contains(r.Errors[0].Message, "is MERGED") {
			t.Errorf("merging a merged ticket again: %+v, want CONFLICT naming MERGED", r.Errors)
		}
		other := newTicket(t, e, a, "MS-19700105-0005", ticket.StatusREGISTERED, 0)
		if r := merge(dup1, other); r.Code() != "CONFLICT" || !strings.Contains(r.Errors[0].Message, "is MERGED") {
			t.Errorf("merging into a merged ticket: %+v, want CONFLICT naming MERGED", r.Errors)
		}
		// A life-cycle move on a merged ticket is refused too.
		if r := e.Do(t, dispatcher, `mutation { dispatchTicket(id:`+q(dup1)+`, input:{departmentID:`+q(a.housing)+`}) { id } }`, nil); r.Code() != "CONFLICT" {
			t.Errorf("dispatching a merged ticket: %+v, want CONFLICT", r.Errors)
		}

		// Two dispatchers merging the same duplicate into different tickets
		// at once: exactly one wins, and the duplicate has one MERGE event.
		for round := range 4 {
			dup := newTicket(t, e, a, fmt.Sprintf("MS-19700106-%04d", 10*round), ticket.StatusREGISTERED, 0)
			targets := []int{
				newTicket(t, e, a, fmt.Sprintf("MS-19700106-%04d", 10*round+1), ticket.StatusREGISTERED, 0),
				newTicket(t, e, a, fmt.Sprintf("MS-19700106-%04d", 10*round+2), ticket.StatusREGISTERED, 0),
			}
			codes := make([]string, 2)
			var start, done sync.WaitGroup
			start.Add(1)
			for i, target := range targets {
				done.Add(1)
				go func() {
					defer done.Done()
					start.Wait()
					codes[i] = e.Do(t, dispatcher, `mutation { mergeTickets(intoID:`+q(target)+`, fromIDs:[`+q(dup)+`]) { id } }`, nil).Code()
				}()
			}
			start.Done()
			done.Wait()
			slices.Sort(codes)
			merges := c.TimelineEvent.Query().Where(timelineevent.TicketID(dup), timelineevent.Action("MERGE")).CountX(a.ctx)
			fromEvents := c.TimelineEvent.Query().Where(timelineevent.TicketIDIn(targets...), timelineevent.Action("MERGED_FROM")).CountX(a.ctx)
			if !slices.Equal(codes, []string{"", "CONFLICT"}) || merges != 1 || fromEvents != 1 {
				t.Errorf("round %d: answers %q, %d MERGE and %d MERGED_FROM events; want one winner and one of each", round, codes, merges, fromEvents)
			}
		}
	})
}

func TestFollowTicket(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		handler, leader := e.Login(t, "demo-a", "handler"), e.Login(t, "demo-a", "leader")
		id := newTicket(t, e, a, "MS-19700107-0001", ticket.StatusDISPATCHED, a.housing)
		follow := func(token string, on bool) *apptest.Response {
			t.Helper()
			return e.Do(t, token, fmt.Sprintf(`mutation { followTicket(id:%s, follow:%t) { followers { username } } }`, q(id), on), nil)
		}
		followers := func(r *apptest.Response) []string {
			t.Helper()
			var out struct {
				FollowTicket struct{ Followers []struct{ Username string } }
			}
			r.Decode(t, &out)
			var names []string
			for _, f := range out.FollowTicket.Followers {
				names = append(names, f.Username)
			}
			slices.Sort(names)
			return names
		}
		follow(handler, true).Decode(t, &struct{}{})
		// Twice is once.
		if got := followers(follow(handler, true)); !slices.Equal(got, []string{"handler"}) {
			t.Errorf("followers after the handler followed twice: %v", got)
		}
		if got := followers(follow(leader, true)); !slices.Equal(got, []string{"handler", "leader"}) {
			t.Errorf("followers after the leader followed: %v", got)
		}
		// The handler may not read users: the leader following is there,
		// his username hidden (@staffName).
		if got := followers(follow(handler, false)); !slices.Equal(got, []string{""}) {
			t.Errorf("followers after the handler stopped: %v", got)
		}
		if got := followers(follow(handler, false)); !slices.Equal(got, []string{""}) {
			t.Errorf("followers after the handler stopped twice: %v", got)
		}
		// Following changes nothing about the case.
		tk := e.App.DB.Client.Ticket.GetX(a.ctx, id)
		if tk.Version != 1 || e.App.DB.Client.TimelineEvent.Query().Where(timelineevent.TicketID(id)).CountX(a.ctx) != 0 {
			t.Errorf("following moved the ticket to version %d or wrote on its timeline", tk.Version)
		}
		// Out of sight is not found; an API key is nobody to follow.
		if r := follow(e.Login(t, "demo-a", "grid_worker"), true); r.Code() != "NOT_FOUND" {
			t.Errorf("grid worker following a ticket he did not register: %+v, want NOT_FOUND", r.Errors)
		}
		key := createAPIKey(t, e, e.Login(t, "demo-a", "admin")).key
		if r := follow(key, true); r.Code() != "FORBIDDEN" {
			t.Errorf("API key following: %+v, want FORBIDDEN", r.Errors)
		}
	})
}

// TestTenantCalendarMovesDueDates: a district holiday the tenant admin adds
// moves the deadlines set after it, for that tenant only.
func TestTenantCalendarMovesDueDates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		shanghai, err := time.LoadLocation("Asia/Shanghai")
		if err != nil {
			t.Fatal(err)
		}
		// Monday 16 November 2026, an ordinary week.
		cfg := apptest.Config(t, b)
		cfg.Now = func() time.Time { return time.Date(2026, time.November, 16, 10, 0, 0, 0, shanghai) }
		e := apptest.Start(t, cfg)
		if err := e.App.Seeder().Seed(context.Background()); err != nil {
			t.Fatalf("seed demo: %v", err)
		}
		a, bt := readDemoTenant(t, e, "demo-a"), readDemoTenant(t, e, "demo-b")
		c := e.App.DB.Client
		threeDays := func(tn demoTenant, code string) int {
			cat := c.Category.Create().SetName("咨询" + code).SetType(category.TypeCONSULTATION).SetDeadlineDays(3).SaveX(tn.ctx).ID
			return c.Ticket.Create().SetCode(code).SetChannel(ticket.ChannelPHONE).SetTitle("政策咨询").
				SetStatus(ticket.StatusREGISTERED).SetCategoryID(cat).SaveX(tn.ctx).ID
		}
		dueOf := func(token string, tn demoTenant, code string) time.Time {
			t.Helper()
			id := threeDays(tn, code)
			var out struct{ DispatchTicket struct{ DueAt time.Time } }
			e.Do(t, token, `mutation { dispatchTicket(id:`+q(id)+`, input:{departmentID:`+q(tn.housing)+`}) { dueAt } }`, nil).Decode(t, &out)
			return out.DispatchTicket.DueAt
		}
		day := func(d int) time.Time { return time.Date(2026, time.November, d, 0, 0, 0, 0, shanghai) }
		admin, dispatcher := e.Login(t, "demo-a", "admin"), e.Login(t, "demo-a", "dispatcher")
		bDispatcher := e.Login(t, "demo-b", "dispatcher")

		// Tuesday, Wednesday and Thursday count: due at the end of Thursday.
		if got := dueOf(dispatcher, a, "MS-19700108-0001"); !got.Equal(day(20)) {
			t.Fatalf("due before any local holiday: %s, want %s", got, day(20))
		}
		// Wednesday 18 becomes a district holiday: Friday counts instead.
		var set struct {
			SetCalendarDay struct {
				Date, Note string
				Workday    bool
			}
		}
		e.Do(t, admin, `mutation { setCalendarDay(date:"2026-11-18", workday:false, note:"区庆") { date workday note } }`, nil).Decode(t, &set)
		if set.SetCalendarDay.Date != "2026-11-18" || set.SetCalendarDay.Workday || set.SetCalendarDay.Note != "区庆" {
			t.Errorf("setCalendarDay answered %+v", set.SetCalendarDay)
		}
		if got := dueOf(dispatcher, a, "MS-19700108-0002"); !got.Equal(day(21)) {
			t.Errorf("due with Wednesday off: %s, want %s", got, day(21))
		}
		// demo-b's calendar is its own.
		if got := dueOf(bDispatcher, bt, "MS-19700108-0003"); !got.Equal(day(20)) {
			t.Errorf("demo-b's due date moved with demo-a's holiday: %s, want %s", got, day(20))
		}
		// Friday 20 off as well and Saturday 21 worked: Tuesday, Thursday
		// and Saturday count, due at the end of Saturday.
		e.Do(t, admin, `mutation { setCalendarDay(date:"2026-11-20", workday:false) { date } }`, nil).Decode(t, &struct{}{})
		e.Do(t, admin, `mutation { setCalendarDay(date:"2026-11-21", workday:true, note:"防汛值守") { date } }`, nil).Decode(t, &struct{}{})
		// Setting a day again replaces the earlier word.
		e.Do(t, admin, `mutation { setCalendarDay(date:"2026-11-18", workday:false, note:"区庆日") { date } }`, nil).Decode(t, &struct{}{})
		if got := dueOf(dispatcher, a, "MS-19700108-0004"); !got.Equal(day(22)) {
			t.Errorf("due with Wednesday and Friday off and Saturday worked: %s, want %s", got, day(22))
		}
		var days struct {
			CalendarDays []struct {
				Date    string
				Workday bool
				Note    string
			}
		}
		e.Do(t, dispatcher, `{ calendarDays(year:2026) { date workday note } }`, nil).Decode(t, &days)
		if got := fmt.Sprint(days.CalendarDays); got != "[{2026-11-18 false 区庆日} {2026-11-20 false } {2026-11-21 true 防汛值守}]" {
			t.Errorf("calendarDays(2026) = %s", got)
		}
		e.Do(t, bDispatcher, `{ calendarDays(year:2026) { date } }`, nil).Decode(t, &days)
		if len(days.CalendarDays) != 0 {
			t.Errorf("demo-b lists demo-a's days: %+v", days.CalendarDays)
		}

		// Cleared, the national calendar holds again.
		var cleared struct{ ClearCalendarDay bool }
		e.Do(t, admin, `mutation { clearCalendarDay(date:"2026-11-18") }`, nil).Decode(t, &cleared)
		if !cleared.ClearCalendarDay {
			t.Error("clearCalendarDay of a set day answered false")
		}
		e.Do(t, admin, `mutation { clearCalendarDay(date:"2026-11-18") }`, nil).Decode(t, &cleared)
		if cleared.ClearCalendarDay {
			t.Error("clearCalendarDay of a day without a change answered true")
		}
		e.Do(t, admin, `mutation { clearCalendarDay(date:"2026-11-20") }`, nil).Decode(t, &cleared)
		e.Do(t, admin, `mutation { clearCalendarDay(date:"2026-11-21") }`, nil).Decode(t, &cleared)
		if got := dueOf(dispatcher, a, "MS-19700108-0005"); !got.Equal(day(20)) {
			t.Errorf("due after clearing the days: %s, want %s", got, day(20))
		}
		// Only the tenant admin changes the calendar; a date far off is refused.
		if r := e.Do(t, dispatcher, `mutation { setCalendarDay(date:"2026-11-19", workday:false) { date } }`, nil); r.Code() != "FORBIDDEN" {
			t.Errorf("dispatcher setting a day: %+v, want FORBIDDEN", r.Errors)
		}
		if r := e.Do(t, admin, `mutation { setCalendarDay(date:"2126-11-19", workday:false) { date } }`, nil); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("setting a day a century ahead: %+v, want BAD_USER_INPUT", r.Errors)
		}
	})
}

// wsClient is a graphql-transport-ws client signed in with a token.
type wsClient struct {
	t       *testing.T
	ctx     context.Context
	conn    *websocket.Conn
	msgs    chan wsMessage // read from the socket, pings and pongs left out
	pending []wsMessage    // read while waiting for another subscription's
	skip    map[string]bool
}

type wsMessage struct {
	ID      string          `json:"id"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload"`
}

func dialGraphQL(t *testing.T, ctx context.Context, e *apptest.Env, token string) *wsClient {
	t.Helper()
	conn, _, err := websocket.Dial(ctx, strings.Replace(e.URL, "http", "ws", 1),
		&websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.CloseNow() })
	c := &wsClient{t: t, ctx: ctx, conn: conn, msgs: make(chan wsMessage, 100), skip: map[string]bool{}}
	// One reader for the socket's life: a read cut short by a context
	// would close the socket, so waiting with a limit is done on msgs.
	go func() {
		defer close(c.msgs)
		for {
			var m wsMessage
			if err := wsjson.Read(ctx, conn, &m); err != nil {
				return
			}
			if m.Type != "ping" && m.Type != "pong" {
				c.msgs <- m
			}
		}
	}()
	c.send(map[string]any{"type": "connection_init", "payload": map[string]any{"Authorization": "Bearer " + token}})
	if m := c.read(); m.Type != "connection_ack" {
		t.Fatalf("after connection_init: %s %s", m.Type, m.Payload)
	}
	return c
}

func (c *wsClient) send(v any) {
	c.t.Helper()
	if err := wsjson.Write(c.ctx, c.conn, v); err != nil {
		c.t.Fatal(err)
	}
}

func (c *wsClient) subscribe(id, query string, vars map[string]any) {
	c.t.Helper()
	c.send(map[string]any{"id": id, "type": "subscribe", "payload": map[string]any{"query": query, "variables": vars}})
}

// read is the next message.
func (c *wsClient) read() wsMessage {
	c.t.Helper()
	m, ok := <-c.msgs
	if !ok {
		c.t.Fatalf("the socket closed or the test's time ran out: %v", c.ctx.Err())
	}
	return m
}

// of is the next message of subscription id; other subscriptions'
// messages wait for their turn.
func (c *wsClient) of(id string) wsMessage {
	c.t.Helper()
	m, _ := c.within(id, 0)
	return m
}

// within is the next message of subscription id, or false when none comes
// within d (0: no limit but the test's).
func (c *wsClient) within(id string, d time.Duration) (wsMessage, bool) {
	c.t.Helper()
	for i, m := range c.pending {
		if m.ID == id {
			c.pending = slices.Delete(c.pending, i, i+1)
			return m, true
		}
	}
	var limit <-chan time.Time
	if d > 0 {
		limit = time.After(d)
	}
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatalf("the socket closed or the test's time ran out: %v", c.ctx.Err())
			}
			if m.ID == id {
				return m, true
			}
			c.pending = append(c.pending, m)
		case <-limit:
			return wsMessage{}, false
		}
	}
}

// ticketOf reads the ticket a "next" message of field carries.
func (c *wsClient) ticketOf(m wsMessage, field string) (code, status string) {
	c.t.Helper()
	var p struct {
		Data   map[string]struct{ Code, Status string }
		Errors []any
	}
	if m.Type != "next" || json.Unmarshal(m.Payload, &p) != nil || len(p.Errors) > 0 {
		c.t.Fatalf("subscription %s: unexpected message %s %s", m.ID, m.Type, m.Payload)
	}
	return p.Data[field].Code, p.Data[field].Status
}

// next is the next ticket pushed for subscription id, leaving out the
// tickets watchWorklist used to get in step.
func (c *wsClient) next(id, field string) (code, status string) {
	c.t.Helper()
	for {
		code, status = c.ticketOf(c.of(id), field)
		if !c.skip[code] {
			return code, status
		}
	}
}

const (
	ticketUpdatedDoc  = `subscription($id:ID!) { ticketUpdated(id:$id) { code status } }`
	ticketsChangedDoc = `subscription { ticketsChanged { code status } }`
)

// watchWorklist subscribes to ticketsChanged as "w" and returns once it is
// live. The socket starts subscriptions concurrently and the worklist sends
// no first answer, so the test changes a ticket of the worklist (change)
// until that change arrives; later pushes of that ticket are left out.
// The wait for each round only decides when to change it again.
func (c *wsClient) watchWorklist(syncCode string, change func()) {
	c.t.Helper()
	c.subscribe("w", ticketsChangedDoc, nil)
	c.skip[syncCode] = true
	for {
		change()
		if m, ok := c.within("w", 2*time.Second); ok {
			if code, _ := c.ticketOf(m, "ticketsChanged"); code != syncCode {
				c.t.Fatalf("the worklist's first change is %s, want %s, the only one changed", code, syncCode)
			}
			return
		}
	}
}

func TestTicketSubscriptions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a, bt := readDemoTenant(t, e, "demo-a"), readDemoTenant(t, e, "demo-b")
		c := e.App.DB.Client
		other := c.Department.Query().Where(department.IDNEQ(a.housing)).FirstIDX(a.ctx)
		mine := newTicket(t, e, a, "MS-19700109-0001", ticket.StatusDISPATCHED, a.housing)
		theirs := newTicket(t, e, a, "MS-19700109-0002", ticket.StatusIN_PROGRESS, other)
		quiet := newTicket(t, e, a, "MS-19700109-0003", ticket.StatusIN_PROGRESS, a.housing)
		bTicket := newTicket(t, e, bt, "MS-19700109-0004", ticket.StatusIN_PROGRESS, bt.housing)
		bQuiet := newTicket(t, e, bt, "MS-19700109-0005", ticket.StatusIN_PROGRESS, bt.housing)
		handler, leader := e.Login(t, "demo-a", "handler"), e.Login(t, "demo-a", "leader")
		bDispatcher, bLeader := e.Login(t, "demo-b", "dispatcher"), e.Login(t, "demo-b", "leader")

		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()

		// The handler follows his department's ticket and its worklist.
		h := dialGraphQL(t, ctx, e, handler)
		h.subscribe("1", ticketUpdatedDoc, map[string]any{"id": fmt.Sprint(mine)})
		if code, status := h.next("1", "ticketUpdated"); code != "MS-19700109-0001" || status != "DISPATCHED" {
			t.Fatalf("first ticketUpdated: %s %s, want the ticket as it is, DISPATCHED", code, status)
		}
		supervise := func(token string, id int) func() {
			return func() {
				e.Do(t, token, `mutation { superviseTicket(id:`+q(id)+`, note:"请按时办结") { id } }`, nil).Decode(t, &struct{}{})
			}
		}
		h.watchWorklist("MS-19700109-0003", supervise(leader, quiet))
		// demo-b's dispatcher watches his whole tenant.
		o := dialGraphQL(t, ctx, e, bDispatcher)
		o.watchWorklist("MS-19700109-0005", supervise(bLeader, bQuiet))

		// A change to another department's ticket, then one to his.
		e.Do(t, leader, `mutation { superviseTicket(id:`+q(theirs)+`, note:"请本周办结") { id } }`, nil).Decode(t, &struct{}{})
		e.Do(t, handler, `mutation { acceptTicket(id:`+q(mine)+`) { id } }`, nil).Decode(t, &struct{}{})
		if code, status := h.next("1", "ticketUpdated"); code != "MS-19700109-0001" || status != "ACCEPTED" {
			t.Errorf("ticketUpdated after accepting: %s %s, want ACCEPTED", code, status)
		}
		if code, status := h.next("w", "ticketsChanged"); code != "MS-19700109-0001" || status != "ACCEPTED" {
			t.Errorf("the worklist's first change is %s %s, want 住建局's ticket ACCEPTED, not another department's", code, status)
		}

		// demo-b's first change is its own, not any of demo-a's.
		e.Do(t, bLeader, `mutation { superviseTicket(id:`+q(bTicket)+`, note:"请尽快办理") { id } }`, nil).Decode(t, &struct{}{})
		if code, _ := o.next("w", "ticketsChanged"); code != "MS-19700109-0004" {
			t.Errorf("demo-b's worklist's first change is %s, want its own MS-19700109-0004", code)
		}

		// demo-b's staff cannot follow demo-a's ticket: it does not exist for them.
		o.subscribe("x", ticketUpdatedDoc, map[string]any{"id": fmt.Sprint(mine)})
		if m := o.of("x"); !strings.Contains(string(m.Payload), "NOT_FOUND") || strings.Contains(string(m.Payload), "MS-19700109") {
			t.Errorf("demo-b following demo-a's ticket got %s %s, want NOT_FOUND", m.Type, m.Payload)
		}

		// Reassigned away, the ticket leaves the handler's sight: its
		// subscription ends.
		dispatcher := e.Login(t, "demo-a", "dispatcher")
		e.Do(t, dispatcher, `mutation { reassignTicket(id:`+q(mine)+`, departmentID:`+q(other)+`, reason:"属他部门职责") { id } }`, nil).Decode(t, &struct{}{})
		if m := h.of("1"); m.Type != "complete" {
			t.Errorf("after the ticket left 住建局, ticketUpdated sent %s %s, want complete", m.Type, m.Payload)
		}
	})
}
