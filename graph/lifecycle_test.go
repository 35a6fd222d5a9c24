package graph_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// newTicket writes a ticket of demo-a straight into the database in status
// st, held by department dept (0: none), as intake or an earlier step would
// have left it.
func newTicket(t *testing.T, e *apptest.Env, a demoTenant, code string, st ticket.Status, dept int) int {
	t.Helper()
	create := e.App.DB.Client.Ticket.Create().SetCode(code).SetChannel(ticket.ChannelPHONE).
		SetTitle("小区电梯停运三天").SetStatus(st)
	if dept != 0 {
		create.SetDepartmentID(dept)
	}
	return create.SaveX(a.ctx).ID
}

// ticketView is what the tests read of a ticket.
type ticketView struct {
	Status       string
	DueAt        *time.Time
	Colour       *string
	Department   *struct{ Name string }
	FirstHandler *struct{ Username string }
	Timeline     []struct {
		Action     string
		Actor      *struct{ Username string }
		ActorName  string
		FromStatus string
		ToStatus   string
		Reason     string
		At         time.Time
	}
}

const ticketFields = `status dueAt colour department { name } firstHandler { username }
	timeline { action actor { username } actorName fromStatus toStatus reason at }`

func readTicket(t *testing.T, e *apptest.Env, token string, id int) ticketView {
	t.Helper()
	var out struct{ Node *ticketView }
	e.Do(t, token, `query($id:ID!) { node(id:$id) { ... on Ticket { `+ticketFields+` } } }`,
		map[string]any{"id": fmt.Sprint(id)}).Decode(t, &out)
	if out.Node == nil {
		t.Fatalf("ticket %d is not visible", id)
	}
	return *out.Node
}

// act sends one life-cycle mutation and returns the ticket it answers.
func act(t *testing.T, e *apptest.Env, token, call string) ticketView {
	t.Helper()
	var out map[string]ticketView
	e.Do(t, token, `mutation { `+call+` { `+ticketFields+` } }`, nil).Decode(t, &out)
	for _, v := range out {
		return v
	}
	t.Fatalf("%s answered nothing", call)
	return ticketView{}
}

func TestLifeCycleFromDraftToWork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		dispatcher, handler := e.Login(t, "demo-a", "dispatcher"), e.Login(t, "demo-a", "handler")
		id := newTicket(t, e, a, "MS-19700103-0001", ticket.StatusDRAFT, 0)
		ref := q(id)

		if got := act(t, e, dispatcher, `registerTicket(id:`+ref+`)`); got.Status != "REGISTERED" {
			t.Fatalf("after registerTicket the ticket is %s", got.Status)
		}
		got := act(t, e, dispatcher, `dispatchTicket(id:`+ref+`, input:{departmentID:`+q(a.housing)+`, note:"请尽快核实"})`)
		if got.Status != "DISPATCHED" || got.Department == nil || got.Department.Name != "住建局" ||
			got.DueAt == nil || got.Colour == nil || *got.Colour != "GREEN" {
			t.Fatalf("after dispatchTicket the ticket is %+v, want DISPATCHED to 住建局 with a deadline, GREEN", got)
		}
		if got := act(t, e, handler, `returnTicket(id:`+ref+`, reason:"属物业公司合同纠纷，不属本局职责")`); got.Status != "RETURNED" {
			t.Fatalf("after returnTicket the ticket is %s", got.Status)
		}
		act(t, e, dispatcher, `dispatchTicket(id:`+ref+`, input:{departmentID:`+q(a.housing)+`})`)
		if got := act(t, e, handler, `acceptTicket(id:`+ref+`)`); got.Status != "ACCEPTED" ||
			got.FirstHandler == nil || got.FirstHandler.Username != "handler" {
			t.Fatalf("after acceptTicket the ticket is %s with first handler %+v, want ACCEPTED by handler", got.Status, got.FirstHandler)
		}
		act(t, e, handler, `startTicket(id:`+ref+`)`)

		v := readTicket(t, e, dispatcher, id)
		if v.Status != "IN_PROGRESS" || v.FirstHandler == nil || v.FirstHandler.Username != "handler" {
			t.Errorf("the ticket is %s with first handler %+v, want IN_PROGRESS, first handler handler", v.Status, v.FirstHandler)
		}
		want := []string{
			"REGISTER DRAFT→REGISTERED by dispatcher: ",
			"DISPATCH REGISTERED→DISPATCHED by dispatcher: 请尽快核实",
			"RETURN DISPATCHED→RETURNED by handler: 属物业公司合同纠纷，不属本局职责",
			"DISPATCH RETURNED→DISPATCHED by dispatcher: ",
			"ACCEPT DISPATCHED→ACCEPTED by handler: ",
			"START ACCEPTED→IN_PROGRESS by handler: ",
		}
		var lines []string
		for i, ev := range v.Timeline {
			who := "nobody"
			if ev.Actor != nil {
				who = ev.Actor.Username
			}
			lines = append(lines, fmt.Sprintf("%s %s→%s by %s: %s", ev.Action, ev.FromStatus, ev.ToStatus, who, ev.Reason))
			if ev.ActorName == "" {
				t.Errorf("event %d (%s) has no actor name", i, ev.Action)
			}
			if i > 0 && ev.At.Before(v.Timeline[i-1].At) {
				t.Errorf("event %d (%s) at %s is listed after a later one", i, ev.Action, ev.At)
			}
		}
		if strings.Join(lines, "\n") != strings.Join(want, "\n") {
			t.Errorf("timeline:\n  %s\nwant:\n  %s", strings.Join(lines, "\n  "), strings.Join(want, "\n  "))
		}
	})
}

func TestLifeCycleRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		dispatcher, handler := e.Login(t, "demo-a", "dispatcher"), e.Login(t, "demo-a", "handler")
		analyst := e.Login(t, "demo-a", "analyst")
		other := c.Department.Query().Where(department.IDNEQ(a.housing)).FirstIDX(a.ctx)
		id := newTicket(t, e, a, "MS-19700103-0002", ticket.StatusREGISTERED, a.housing)
		ref := q(id)

		refused := func(who, token, call, code, message string) {
			t.Helper()
			r := e.Do(t, token, `mutation { `+call+` { id } }`, nil)
			if r.Code() != code || (message != "" && !strings.Contains(r.Errors[0].Message, message)) {
				t.Errorf("%s as %s: %+v, want %s saying %q", call, who, r.Errors, code, message)
			}
		}
		// Not yet dispatched: the department cannot take it on, and it is
		// no draft to register.
		refused("handler", handler, `acceptTicket(id:`+ref+`)`, "CONFLICT", "ticket is REGISTERED; acceptTicket needs DISPATCHED")
		refused("dispatcher", dispatcher, `registerTicket(id:`+ref+`)`, "CONFLICT", "ticket is REGISTERED; registerTicket needs DRAFT")
		refused("handler", handler, `startTicket(id:`+ref+`)`, "CONFLICT", "ticket is REGISTERED; startTicket needs ACCEPTED")
		refused("analyst", analyst, `acceptTicket(id:`+ref+`)`, "FORBIDDEN", "")

		act(t, e, dispatcher, `dispatchTicket(id:`+ref+`, input:{departmentID:`+q(a.housing)+`})`)
		refused("dispatcher", dispatcher, `dispatchTicket(id:`+ref+`, input:{departmentID:`+q(a.housing)+`})`,
			"CONFLICT", "ticket is DISPATCHED; dispatchTicket needs REGISTERED, RETURNED or REOPENED")
		refused("handler", handler, `returnTicket(id:`+ref+`, reason:"  ")`, "BAD_USER_INPUT", "reason")
		refused("dispatcher", dispatcher, `reassignTicket(id:`+ref+`, departmentID:`+q(other)+`, reason:"")`, "BAD_USER_INPUT", "reason")

		// Moved to another department, the ticket is gone from 住建局's view.
		moved := act(t, e, dispatcher, `reassignTicket(id:`+ref+`, departmentID:`+q(other)+`, reason:"属城管局职责")`)
		if moved.Status != "DISPATCHED" || moved.Department == nil || moved.Department.Name == "住建局" || moved.DueAt == nil {
			t.Errorf("after reassignTicket the ticket is %+v, want DISPATCHED to another department with a deadline", moved)
		}
		refused("handler of 住建局", handler, `acceptTicket(id:`+ref+`)`, "NOT_FOUND", "")
		var node struct{ Node *struct{ ID string } }
		e.Do(t, handler, `query($id:ID!) { node(id:$id) { id } }`, map[string]any{"id": fmt.Sprint(id)}).Decode(t, &node)
		if node.Node != nil {
			t.Errorf("handler of 住建局 still sees ticket %d after it moved to another department", id)
		}
		if n := c.TimelineEvent.Query().Where(timelineevent.TicketID(id)).CountX(a.ctx); n != 2 {
			t.Errorf("%d timeline events after dispatch and reassignment, want 2: refusals write none", n)
		}
	})
}

func TestLifeCycleDoubleAcceptHasOneWinner(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		admin := e.Login(t, "demo-a", "admin")
		e.Do(t, admin, `mutation($in:NewUserInput!) { createUser(input:$in) { id } }`, map[string]any{"in": map[string]any{
			"username": "handler2", "displayName": "李强", "password": "minsheng-demo", "departmentID": fmt.Sprint(a.housing),
			"roles": []string{"handler"},
		}}).Decode(t, &struct{}{})
		tokens := []string{e.Login(t, "demo-a", "handler"), e.Login(t, "demo-a", "handler2")}

		for round := range 5 {
			id := newTicket(t, e, a, fmt.Sprintf("MS-19700103-%04d", 100+round), ticket.StatusDISPATCHED, a.housing)
			codes := make([]string, len(tokens))
			var start, done sync.WaitGroup
			start.Add(1)
			for i, token := range tokens {
				done.Add(1)
				go func() {
					defer done.Done()
					start.Wait()
					codes[i] = e.Do(t, token, `mutation($id:ID!) { acceptTicket(id:$id) { id } }`,
						map[string]any{"id": fmt.Sprint(id)}).Code()
				}()
			}
			start.Done()
			done.Wait()

			wins := 0
			for _, code := range codes {
				switch code {
				case "":
					wins++
				case "CONFLICT":
				default:
					t.Errorf("round %d: an accept answered %s, want success or CONFLICT", round, code)
				}
			}
			accepts := e.App.DB.Client.TimelineEvent.Query().
				Where(timelineevent.TicketID(id), timelineevent.Action("ACCEPT")).CountX(a.ctx)
			tk := e.App.DB.Client.Ticket.GetX(a.ctx, id)
			if wins != 1 || accepts != 1 || tk.Status != ticket.StatusACCEPTED || tk.Version != 2 || tk.FirstHandlerID == nil {
				t.Errorf("round %d: answers %q, %d ACCEPT events, ticket %s version %d first handler %v; want one winner, one event, ACCEPTED, version 2",
					round, codes, accepts, tk.Status, tk.Version, tk.FirstHandlerID)
			}
		}
	})
}

func TestDeadlineAcrossNationalDayAndColours(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		shanghai, err := time.LoadLocation("Asia/Shanghai")
		if err != nil {
			t.Fatal(err)
		}
		// The clock the server reads; the test moves it instead of waiting.
		var mu sync.Mutex
		now := time.Date(2026, time.September, 30, 10, 0, 0, 0, shanghai)
		setClock := func(t time.Time) { mu.Lock(); now = t; mu.Unlock() }
		cfg := apptest.Config(t, b)
		cfg.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		e := apptest.Start(t, cfg)
		if err := e.App.Seeder().Seed(context.Background()); err != nil {
			t.Fatalf("seed demo: %v", err)
		}
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		consultation := c.Category.Create().SetName("政策咨询（三日）").SetType(category.TypeCONSULTATION).
			SetDeadlineDays(3).SaveX(a.ctx).ID
		id := c.Ticket.Create().SetCode("MS-19700103-0200").SetChannel(ticket.ChannelPHONE).SetTitle("公积金提取政策咨询").
			SetStatus(ticket.StatusREGISTERED).SetCategoryID(consultation).SaveX(a.ctx).ID
		dispatcher := e.Login(t, "demo-a", "dispatcher")

		// Dispatched on the eve of National Day with 3 working days: 1–7
		// October are off, 8 and 9 October count, and so does Saturday 10
		// October, a make-up workday; the limit ends at 24:00 that day.
		got := act(t, e, dispatcher, `dispatchTicket(id:`+q(id)+`, input:{departmentID:`+q(a.housing)+`})`)
		due := time.Date(2026, time.October, 11, 0, 0, 0, 0, shanghai)
		if got.DueAt == nil || !got.DueAt.Equal(due) {
			t.Fatalf("dueAt = %v, want %s", got.DueAt, due)
		}

		colourAt := func(at time.Time) string {
			t.Helper()
			setClock(at)
			v := readTicket(t, e, dispatcher, id)
			if v.Colour == nil {
				return "null"
			}
			return *v.Colour
		}
		// Yellow from the deadline on; red 2 working days after its last day
		// (Monday 12 and Tuesday 13 October), i.e. from Wednesday 00:00.
		for _, c := range []struct {
			at   time.Time
			want string
		}{
			{time.Date(2026, time.October, 10, 23, 59, 0, 0, shanghai), "GREEN"},
			{due, "YELLOW"},
			{time.Date(2026, time.October, 12, 9, 0, 0, 0, shanghai), "YELLOW"},
			{time.Date(2026, time.October, 13, 23, 59, 0, 0, shanghai), "YELLOW"},
			{time.Date(2026, time.October, 14, 0, 1, 0, 0, shanghai), "RED"},
		} {
			if got := colourAt(c.at); got != c.want {
				t.Errorf("colour at %s = %s, want %s", c.at, got, c.want)
			}
		}

		// A tenant that allows 3 working days before red: Wednesday 14
		// October still counts, red from Thursday.
		c.Tenant.Update().Where(tenant.ID(a.id)).SetSettings(map[string]any{"redAfterWorkdays": 3}).
			ExecX(viewer.SystemContext(context.Background()))
		for _, c := range []struct {
			at   time.Time
			want string
		}{
			{time.Date(2026, time.October, 14, 12, 0, 0, 0, shanghai), "YELLOW"},
			{time.Date(2026, time.October, 15, 0, 1, 0, 0, shanghai), "RED"},
		} {
			if got := colourAt(c.at); got != c.want {
				t.Errorf("with redAfterWorkdays 3, colour at %s = %s, want %s", c.at, got, c.want)
			}
		}
	})
}
