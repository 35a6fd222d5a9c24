package notify_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/notification"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/notify"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/workflow"
)

// colour reads a ticket's colour over the API.
func colour(t *testing.T, e *apptest.Env, token string, id int) string {
	t.Helper()
	var out struct{ Node struct{ Colour string } }
	e.Do(t, token, `query($id:ID!) { node(id:$id) { ... on Ticket { colour } } }`, map[string]any{"id": fmt.Sprint(id)}).Decode(t, &out)
	return out.Node.Colour
}

// escalations counts a ticket's ESCALATE_YELLOW and ESCALATE_RED events.
func escalations(e *apptest.Env, d demoA, id int) (yellow, red int) {
	c := e.App.DB.Client
	yellow = c.TimelineEvent.Query().Where(timelineevent.TicketID(id), timelineevent.Action(workflow.ActionEscalateYellow)).CountX(d.ctx)
	red = c.TimelineEvent.Query().Where(timelineevent.TicketID(id), timelineevent.Action(workflow.ActionEscalateRed)).CountX(d.ctx)
	return
}

func TestReminderThenYellowThenRedByMovingTheClock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e, clk := start(t, b, nil)
		d := readDemoA(t, e)
		c := e.App.DB.Client
		dispatcher, leader := e.Login(t, "demo-a", "dispatcher"), e.Login(t, "demo-a", "leader")
		tk := d.tickets[0]
		mutate(t, e, dispatcher, `dispatchTicket(id:`+q(tk.ID)+`, input:{departmentID:`+q(d.housing)+`})`)
		due := *c.Ticket.GetX(d.ctx, tk.ID).DueAt
		tn := c.Tenant.GetX(d.ctx, tk.TenantID)
		red, err := e.App.Workflow.RedAt(d.ctx, tn, due)
		if err != nil {
			t.Fatal(err)
		}
		staff := func() []string {
			var out []string
			for _, n := range ofTicket(e, d, tk.ID) {
				if n.Audience != notification.AudienceCITIZEN && n.Event != notification.EventASSIGNED {
					out = append(out, fmt.Sprintf("%s to %v", n.Event, n.Payload["to"]))
				}
			}
			return out
		}
		tick := func(at time.Time) {
			t.Helper()
			clk.Set(at)
			if _, err := e.App.Scheduler.Tick(context.Background(), at); err != nil {
				t.Fatalf("tick at %s: %v", at, err)
			}
		}

		tick(due.Add(-25 * time.Hour))
		if got := staff(); len(got) != 0 {
			t.Errorf("25 hours before the deadline: %v, want nothing yet", got)
		}
		tick(due.Add(-2 * time.Hour))
		tick(due.Add(-time.Hour))
		if got, want := staff(), []string{"REMINDER to [handler dept_leader]"}; !slices.Equal(got, want) {
			t.Errorf("within the reminder's 24 hours: %v, want %v", got, want)
		}
		if got := colour(t, e, leader, tk.ID); got != "GREEN" {
			t.Errorf("before the deadline the ticket is %s", got)
		}

		tick(due)
		tick(due.Add(time.Hour))
		want := []string{"REMINDER to [handler dept_leader]", "YELLOW to [dept_leader]"}
		if got := staff(); !slices.Equal(got, want) {
			t.Errorf("past the deadline: %v, want %v", got, want)
		}
		if y, r := escalations(e, d, tk.ID); y != 1 || r != 0 {
			t.Errorf("past the deadline the timeline has %d ESCALATE_YELLOW and %d ESCALATE_RED, want 1 and 0", y, r)
		}
		if got := colour(t, e, leader, tk.ID); got != "YELLOW" {
			t.Errorf("past the deadline the ticket is %s, want YELLOW", got)
		}

		tick(red.Add(-time.Minute))
		if got := staff(); !slices.Equal(got, want) {
			t.Errorf("a minute before red: %v, want %v", got, want)
		}
		tick(red)
		for i := range 3 {
			tick(red.Add(time.Duration(i) * time.Hour))
		}
		want = append(want, "RED to [leader]")
		if got := staff(); !slices.Equal(got, want) {
			t.Errorf("past the red threshold: %v, want %v", got, want)
		}
		if y, r := escalations(e, d, tk.ID); y != 1 || r != 1 {
			t.Errorf("past the red threshold the timeline has %d ESCALATE_YELLOW and %d ESCALATE_RED, want 1 each", y, r)
		}
		if got := colour(t, e, leader, tk.ID); got != "RED" {
			t.Errorf("past the red threshold the ticket is %s, want RED", got)
		}

		// Another ticket, dispatched later, is pushed on its own deadline;
		// the first gets nothing more.
		other := d.tickets[1]
		clk.Set(red.Add(24 * time.Hour))
		mutate(t, e, dispatcher, `dispatchTicket(id:`+q(other.ID)+`, input:{departmentID:`+q(d.housing)+`})`)
		due2 := *c.Ticket.GetX(d.ctx, other.ID).DueAt
		tick(due2.Add(time.Hour))
		if got := events(ofTicket(e, d, other.ID)); !slices.Contains(got, "YELLOW→DEPARTMENT_LEADERS") {
			t.Errorf("the second ticket past its own deadline: %v, want a YELLOW", got)
		}
		if got := staff(); len(got) != len(want) {
			t.Errorf("the first ticket got more pushes later: %v", got)
		}
	})
}

// TestSimultaneousTicksEscalateEachTicketOnce ticks the scheduler at the
// same moment several times over: on PostgreSQL from two services (two
// queue clients) on one database, on SQLite within one service.
func TestSimultaneousTicksEscalateEachTicketOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e1, clk := start(t, b, nil)
		e2 := e1
		if b.Name == "postgres" {
			cfg := apptest.Config(t, b)
			cfg.Now = clk.Now
			e2 = apptest.Start(t, cfg)
		}
		d := readDemoA(t, e1)
		c := e1.App.DB.Client
		dispatcher := e1.Login(t, "demo-a", "dispatcher")
		tickets := d.tickets[:8]
		for _, tk := range tickets {
			mutate(t, e1, dispatcher, `dispatchTicket(id:`+q(tk.ID)+`, input:{departmentID:`+q(d.housing)+`})`)
		}
		// Every one of them red: each gets its YELLOW and its RED.
		now := monday.AddDate(0, 2, 0)
		clk.Set(now)
		services := []*apptest.Env{e1, e2, e1, e2}
		pushed := make([]notify.Pushed, len(services))
		errs := make([]error, len(services))
		var ready, done sync.WaitGroup
		ready.Add(1)
		for i, e := range services {
			done.Add(1)
			go func() {
				defer done.Done()
				ready.Wait()
				pushed[i], errs[i] = e.App.Scheduler.Tick(context.Background(), now)
			}()
		}
		ready.Done()
		done.Wait()
		var total notify.Pushed
		for i, err := range errs {
			if err != nil {
				t.Fatalf("tick %d: %v", i, err)
			}
			total.Yellow += pushed[i].Yellow
			total.Red += pushed[i].Red
		}
		// The queue's own periodic tick may have got some first.
		if total.Yellow > len(tickets) || total.Red > len(tickets) {
			t.Errorf("the ticks say they pushed %d yellow and %d red for %d tickets", total.Yellow, total.Red, len(tickets))
		}
		for _, tk := range tickets {
			got := events(ofTicket(e1, d, tk.ID))
			want := []string{"REGISTERED→CITIZEN", "ASSIGNED→DEPARTMENT", "DISPATCHED→CITIZEN", "YELLOW→DEPARTMENT_LEADERS", "RED→LEADERS"}
			if !slices.Equal(got, want) {
				t.Errorf("%s: %v, want %v", tk.Code, got, want)
			}
			if y, r := escalations(e1, d, tk.ID); y != 1 || r != 1 {
				t.Errorf("%s: %d ESCALATE_YELLOW and %d ESCALATE_RED on the timeline, want 1 each", tk.Code, y, r)
			}
		}
		// Both services deliver; each notification is delivered once.
		eventually(t, "every escalation SENT", func() bool {
			return c.Notification.Query().Where(notification.EventIn(notification.EventYELLOW, notification.EventRED),
				notification.StatusNEQ(notification.StatusSENT)).CountX(d.ctx) == 0
		})
		for _, n := range c.Notification.Query().Where(notification.EventIn(notification.EventYELLOW, notification.EventRED)).
			Order(ent.Asc(notification.FieldID)).AllX(d.ctx) {
			if n.Attempts != 1 {
				t.Errorf("notification %s was attempted %d times, want once", n.Key, n.Attempts)
			}
		}
	})
}

// TestRecordingAKeyTwiceKeepsTheFirst records the same event twice, as a
// second process would after losing the race: the second is ignored
// without an error, in its own transaction, which goes on.
func TestRecordingAKeyTwiceKeepsTheFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e, _ := start(t, b, nil)
		d := readDemoA(t, e)
		c := e.App.DB.Client
		tk := d.tickets[0]
		m := notify.Message{Event: notify.Red, Ticket: tk, Key: "RED:test:1"}
		var first, second int
		err := store.WithTx(d.ctx, c, func(tx *ent.Client) error {
			var err error
			if first, err = e.App.Notify.Record(d.ctx, tx, m); err != nil {
				return err
			}
			if second, err = e.App.Notify.Record(d.ctx, tx, m); err != nil {
				return err
			}
			// The transaction is still usable after the ignored insert.
			_, err = tx.Notification.Query().Count(d.ctx)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if first == 0 || second != 0 {
			t.Errorf("recording a key twice gave IDs %d and %d, want a new ID, then 0", first, second)
		}
		if n := c.Notification.Query().Where(notification.Key("RED:test:1")).CountX(d.ctx); n != 1 {
			t.Errorf("%d rows with the key, want 1", n)
		}
	})
}

// TestRedWaitsForTheTenantsOwnDayOff: a day the tenant gives off counts for
// the red escalation as it does for the colour, so the leader is not pushed
// while the ticket still shows yellow.
func TestRedWaitsForTheTenantsOwnDayOff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e, clk := start(t, b, nil)
		d := readDemoA(t, e)
		c := e.App.DB.Client
		dispatcher, admin, leader := e.Login(t, "demo-a", "dispatcher"), e.Login(t, "demo-a", "admin"), e.Login(t, "demo-a", "leader")
		tk := d.tickets[0]
		mutate(t, e, dispatcher, `dispatchTicket(id:`+q(tk.ID)+`, input:{departmentID:`+q(d.housing)+`})`)
		due := *c.Ticket.GetX(d.ctx, tk.ID).DueAt
		tn := c.Tenant.GetX(d.ctx, tk.TenantID)
		nationalRed, err := e.App.Workflow.RedAt(d.ctx, tn, due)
		if err != nil {
			t.Fatal(err)
		}
		// The last working day before national red becomes a local holiday.
		loc, _ := time.LoadLocation(tn.TimeZone)
		dayOff := nationalRed.In(loc).Add(-time.Hour)
		for dayOff.Weekday() == time.Saturday || dayOff.Weekday() == time.Sunday {
			dayOff = dayOff.AddDate(0, 0, -1)
		}
		e.Do(t, admin, `mutation { setCalendarDay(date:"`+dayOff.Format(time.DateOnly)+`", workday:false, note:"区庆") { date } }`, nil).
			Decode(t, &map[string]any{})

		at := nationalRed.Add(time.Minute)
		clk.Set(at)
		if _, err := e.App.Scheduler.Tick(context.Background(), at); err != nil {
			t.Fatal(err)
		}
		if y, r := escalations(e, d, tk.ID); y != 1 || r != 0 {
			t.Errorf("just past the national red threshold, with a local day off before it: %d yellow and %d red escalations, want 1 and 0", y, r)
		}
		if got := colour(t, e, leader, tk.ID); got != "YELLOW" {
			t.Errorf("the ticket shows %s, want YELLOW like the escalations", got)
		}
	})
}

// An escalation is a change of the ticket like any other, made by workflow:
// the version moves (so a change racing with it is refused, and anyone
// holding the ticket sees it changed), a subscription of this process wakes
// at once, and an escalation judged on a ticket that has since moved on
// (redispatched with a new deadline) records nothing.
func TestEscalationIsATicketChangeThroughWorkflow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e, clk := start(t, b, nil)
		d := readDemoA(t, e)
		c := e.App.DB.Client
		dispatcher := e.Login(t, "demo-a", "dispatcher")
		tk := d.tickets[0]
		mutate(t, e, dispatcher, `dispatchTicket(id:`+q(tk.ID)+`, input:{departmentID:`+q(d.housing)+`})`)
		before := c.Ticket.GetX(d.ctx, tk.ID)

		ctx, cancel := context.WithCancel(d.ctx)
		defer cancel()
		watch, err := e.App.Workflow.WatchTicket(ctx, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		if first := <-watch; first.Version != before.Version {
			t.Fatalf("the subscription starts at version %d, want %d", first.Version, before.Version)
		}
		at := before.DueAt.Add(time.Hour)
		clk.Set(at)
		if p, err := e.App.Scheduler.Tick(context.Background(), at); err != nil || p.Yellow != 1 {
			t.Fatalf("tick past the deadline: %+v, %v; want one YELLOW", p, err)
		}
		after := c.Ticket.GetX(d.ctx, tk.ID)
		if after.Version != before.Version+1 {
			t.Errorf("the escalation left the version at %d, want %d", after.Version, before.Version+1)
		}
		select {
		case got := <-watch:
			if got.Version != after.Version {
				t.Errorf("the subscription woke with version %d, want %d", got.Version, after.Version)
			}
		case <-time.After(30 * time.Second):
			t.Errorf("the subscription did not see the escalation")
		}

		// The scheduler read the ticket; before it records RED the ticket
		// is given a new deadline. Nothing is recorded for the old one.
		red, err := e.App.Workflow.RedAt(d.ctx, c.Tenant.GetX(d.ctx, tk.TenantID), *before.DueAt)
		if err != nil {
			t.Fatal(err)
		}
		stale := c.Ticket.GetX(d.ctx, tk.ID)
		other := c.Department.Query().Where(department.IDNEQ(d.housing)).FirstIDX(d.ctx)
		clk.Set(red.Add(time.Hour))
		mutate(t, e, dispatcher, `reassignTicket(id:`+q(tk.ID)+`, departmentID:`+q(other)+`, reason:"属他部门职责")`)
		id, err := e.App.Workflow.Escalate(d.ctx, stale, notify.Red,
			fmt.Sprintf("RED:%d:%d", tk.ID, before.DueAt.Unix()), red.Add(time.Hour))
		if err != nil || id != 0 {
			t.Errorf("escalating a ticket that moved on: notification %d, %v; want nothing", id, err)
		}
		if _, r := escalations(e, d, tk.ID); r != 0 {
			t.Errorf("%d ESCALATE_RED for a deadline the ticket no longer has", r)
		}
	})
}
