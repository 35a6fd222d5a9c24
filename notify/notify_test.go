package notify_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app"
	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/hook"
	"github.com/minsheng/minsheng/ent/notification"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/notify"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// clock is the server's clock in these tests: moved, never waited for.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

var shanghai = func() *time.Location {
	l, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return l
}()

// monday is an ordinary working Monday (2026-03-02, 10:00 in Shanghai).
var monday = time.Date(2026, 3, 2, 10, 0, 0, 0, shanghai)

// start runs the service with demo data on a clock set to monday.
func start(t *testing.T, b storetest.Backend, change func(*app.Config)) (*apptest.Env, *clock) {
	t.Helper()
	clk := &clock{t: monday}
	cfg := apptest.Config(t, b)
	cfg.Now = clk.Now
	if change != nil {
		change(&cfg)
	}
	e := apptest.Start(t, cfg)
	if err := e.App.Seeder().Seed(context.Background()); err != nil {
		t.Fatalf("seed demo: %v", err)
	}
	return e, clk
}

// demoA is what the tests read of demo-a.
type demoA struct {
	ctx     context.Context // the server inside demo-a
	housing int             // 住建局, the department of handler and dept_leader
	tickets []*ent.Ticket   // registered tickets with a citizen, oldest first
}

func readDemoA(t *testing.T, e *apptest.Env) demoA {
	t.Helper()
	c := e.App.DB.Client
	tn := c.Tenant.Query().Where(tenant.Code("demo-a")).OnlyX(viewer.SystemContext(context.Background()))
	d := demoA{ctx: viewer.TenantSystemContext(context.Background(), tn.ID)}
	d.housing = c.Department.Query().Where(department.Name("住建局")).OnlyIDX(d.ctx)
	d.tickets = c.Ticket.Query().Where(ticket.StatusEQ(ticket.StatusREGISTERED), ticket.CitizenIDNotNil()).
		Order(ent.Asc(ticket.FieldID)).AllX(d.ctx)
	if len(d.tickets) < 10 {
		t.Fatalf("demo-a has %d registered tickets with a citizen, want at least 10", len(d.tickets))
	}
	return d
}

func q(id int) string { return fmt.Sprintf("%q", fmt.Sprint(id)) }

// mutate runs a mutation that must succeed.
func mutate(t *testing.T, e *apptest.Env, token, call string) {
	t.Helper()
	e.Do(t, token, `mutation { `+call+` { id } }`, nil).Decode(t, &map[string]any{})
}

// ofTicket lists a ticket's notifications as the server reads them.
func ofTicket(e *apptest.Env, d demoA, id int) []*ent.Notification {
	return e.App.DB.Client.Notification.Query().Where(notification.TicketID(id)).
		Order(ent.Asc(notification.FieldID)).AllX(d.ctx)
}

func events(ns []*ent.Notification) []string {
	var out []string
	for _, n := range ns {
		out = append(out, string(n.Event)+"→"+string(n.Audience))
	}
	return out
}

// eventually polls cond until it holds: deliveries happen on the queue's
// workers. The bound is generous and only stops a broken test.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// fakeSMS records the text messages it is given.
type fakeSMS struct {
	mu     sync.Mutex
	sent   []string // phone: event
	tokens []string // the tracking token each carried
}

func (f *fakeSMS) SendSMS(_ context.Context, phone string, d notify.Delivery) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent = append(f.sent, phone+": "+string(d.Event))
	f.tokens = append(f.tokens, d.TrackingToken)
	return nil
}

func (f *fakeSMS) messages() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.sent)
}

func TestNotificationsAreWrittenWithTheChangeThatCausesThem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		sms := &fakeSMS{}
		e, _ := start(t, b, func(c *app.Config) { c.Notify.SMS = sms })
		d := readDemoA(t, e)
		c := e.App.DB.Client
		dispatcher, leader := e.Login(t, "demo-a", "dispatcher"), e.Login(t, "demo-a", "leader")
		deptLeader, admin := e.Login(t, "demo-a", "dept_leader"), e.Login(t, "demo-a", "admin")
		tk := d.tickets[0]

		// Registration told the citizen, once.
		if got := events(ofTicket(e, d, tk.ID)); !slices.Equal(got, []string{"REGISTERED→CITIZEN"}) {
			t.Fatalf("a registered ticket has notifications %v, want [REGISTERED→CITIZEN]", got)
		}

		// The outbox fails on the second notification of a dispatch: the
		// whole dispatch rolls back, the first notification with it.
		var failing atomic.Bool
		failing.Store(true)
		c.Notification.Use(func(next ent.Mutator) ent.Mutator {
			return hook.NotificationFunc(func(ctx context.Context, m *ent.NotificationMutation) (ent.Value, error) {
				if ev, _ := m.Event(); ev == notification.EventDISPATCHED && failing.Load() {
					return nil, errors.New("outbox unavailable")
				}
				return next.Mutate(ctx, m)
			})
		})
		dispatch := `dispatchTicket(id:` + q(tk.ID) + `, input:{departmentID:` + q(d.housing) + `, note:"请核实"})`
		if r := e.Do(t, dispatcher, `mutation { `+dispatch+` { id } }`, nil); len(r.Errors) == 0 {
			t.Fatalf("dispatch succeeded although its notification could not be written")
		}
		if got := c.Ticket.GetX(d.ctx, tk.ID).Status; got != ticket.StatusREGISTERED {
			t.Errorf("after the failed dispatch the ticket is %s, want REGISTERED", got)
		}
		if got := events(ofTicket(e, d, tk.ID)); !slices.Equal(got, []string{"REGISTERED→CITIZEN"}) {
			t.Errorf("after the failed dispatch the ticket has notifications %v: the ASSIGNED written before the failure must roll back", got)
		}
		if n := c.TimelineEvent.Query().Where(timelineevent.TicketID(tk.ID), timelineevent.Action("DISPATCH")).CountX(d.ctx); n != 0 {
			t.Errorf("the failed dispatch left %d DISPATCH events on the timeline", n)
		}

		failing.Store(false)
		mutate(t, e, dispatcher, dispatch)
		// A refused transition writes nothing either.
		if r := e.Do(t, dispatcher, `mutation { closeTicket(id:`+q(tk.ID)+`) { id } }`, nil); r.Code() != "CONFLICT" {
			t.Errorf("closeTicket on a dispatched ticket: %+v, want CONFLICT", r.Errors)
		}
		mutate(t, e, leader, `instructTicket(id:`+q(tk.ID)+`, text:"请住建局三日内答复")`)
		mutate(t, e, deptLeader, `superviseTicket(id:`+q(tk.ID)+`, note:"抓紧办理")`)
		want := []string{"REGISTERED→CITIZEN", "ASSIGNED→DEPARTMENT", "DISPATCHED→CITIZEN", "INSTRUCTED→DEPARTMENT", "SUPERVISED→DEPARTMENT"}
		ns := ofTicket(e, d, tk.ID)
		if got := events(ns); !slices.Equal(got, want) {
			t.Fatalf("notifications %v, want %v", got, want)
		}
		for _, n := range ns {
			to, _ := n.Payload["to"].([]any)
			text, _ := n.Payload["text"].(string)
			switch n.Audience {
			case notification.AudienceCITIZEN:
				if n.Provider != notify.ProviderSMS || to != nil || !strings.Contains(text, tk.Code) {
					t.Errorf("%s: provider %s, to %v, text %q; want sms, nobody named, the case code in the text", n.Event, n.Provider, to, text)
				}
			default:
				if n.Provider != notify.ProviderLog || !slices.Contains(to, any("handler")) || !slices.Contains(to, any("dept_leader")) {
					t.Errorf("%s: provider %s, to %v; want log, to 住建局's handler and dept_leader", n.Event, n.Provider, to)
				}
			}
		}
		if n := ns[3]; !strings.Contains(n.Payload["text"].(string), "请住建局三日内答复") {
			t.Errorf("the instruction's notification says %q, not the instruction", n.Payload["text"])
		}

		// The queue delivers every one; the citizens' go to the SMS gateway
		// with the citizen's phone.
		eventually(t, "every notification SENT", func() bool {
			return c.Notification.Query().Where(notification.TicketID(tk.ID), notification.StatusNEQ(notification.StatusSENT)).CountX(d.ctx) == 0
		})
		var phones []string
		for _, m := range sms.messages() {
			if strings.HasSuffix(m, ": DISPATCHED") {
				phones = append(phones, m)
			}
		}
		if len(phones) != 1 || len(strings.TrimSuffix(phones[0], ": DISPATCHED")) != 11 {
			t.Errorf("SMS for the dispatch: %v, want one to an 11-digit mobile number", phones)
		}

		// The tenant admin lists them; staff who see the ticket see its own.
		var list struct {
			Notifications struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Event, Status string
						Ticket        struct{ Code string }
					}
				}
			}
		}
		e.Do(t, admin, `{ notifications(first: 100, where: {status: SENT, event: ASSIGNED}) { totalCount edges { node { event status ticket { code } } } } }`, nil).
			Decode(t, &list)
		if list.Notifications.TotalCount != 1 || list.Notifications.Edges[0].Node.Ticket.Code != tk.Code {
			t.Errorf("the tenant admin's list of sent ASSIGNED notifications: %+v, want the one of %s", list, tk.Code)
		}
		var node struct {
			Node struct {
				Notifications []struct{ Event, Status string }
			}
		}
		handler := e.Login(t, "demo-a", "handler")
		e.Do(t, handler, `query($id:ID!) { node(id:$id) { ... on Ticket { notifications { event status } } } }`,
			map[string]any{"id": fmt.Sprint(tk.ID)}).Decode(t, &node)
		if len(node.Node.Notifications) != len(want) {
			t.Errorf("the handler sees %d notifications on the ticket, want %d", len(node.Node.Notifications), len(want))
		}
	})
}

// receiver is a webhook endpoint that refuses the first attempt of every
// delivery and accepts the others whose signature is right.
type receiver struct {
	secret   string
	mu       sync.Mutex
	attempts map[string]int      // by delivery ID
	accepted map[string][]string // by delivery ID: the events accepted
	forged   int
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	id := req.Header.Get(notify.HeaderDelivery)
	r.attempts[id]++
	if r.attempts[id] == 1 {
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	if !notify.Verify(r.secret, body, req.Header.Get(notify.HeaderSignature)) {
		r.forged++
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	var d notify.Delivery
	if err := json.Unmarshal(body, &d); err != nil || fmt.Sprint(d.ID) != id {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	// A receiver drops a delivery it has seen: that is what the delivery
	// ID is for. It is recorded anyway, so the test sees any repeat.
	r.accepted[id] = append(r.accepted[id], string(d.Event)+" "+d.Ticket.Code)
}

func TestWebhookReceivesSignedDeliveriesOnceDespiteAFailingFirstAttempt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		// The receiver listens on loopback, which a webhook may reach only
		// when the operator allows it (--webhook-allow-hosts).
		e, _ := start(t, b, func(cfg *app.Config) { cfg.Notify.WebhookAllowHosts = []string{"127.0.0.1"} })
		d := readDemoA(t, e)
		c := e.App.DB.Client
		rec := &receiver{secret: "s3cret-for-webhooks-0123", attempts: map[string]int{}, accepted: map[string][]string{}}
		srv := httptest.NewServer(rec)
		t.Cleanup(srv.Close)

		admin := e.Login(t, "demo-a", "admin")
		var set struct {
			SetNotificationSettings struct {
				WebhookURL          *string
				WebhookSecretSet    bool
				ReminderBeforeHours int
			}
		}
		e.Do(t, admin, `mutation($in:NotificationSettingsInput!) { setNotificationSettings(input:$in) { webhookURL webhookSecretSet reminderBeforeHours } }`,
			map[string]any{"in": map[string]any{"webhookURL": srv.URL + "/hook", "webhookSecret": rec.secret}}).Decode(t, &set)
		if s := set.SetNotificationSettings; s.WebhookURL == nil || *s.WebhookURL != srv.URL+"/hook" || !s.WebhookSecretSet || s.ReminderBeforeHours != 24 {
			t.Fatalf("setNotificationSettings answered %+v", s)
		}
		// Every member of staff reads the tenant's settings, but only the
		// tenant admin the notification settings: the URL may carry a token.
		for _, who := range []string{"handler", "clerk", "dispatcher", "leader", "analyst"} {
			r := e.Do(t, e.Login(t, "demo-a", who), `{ me { tenant { settings } } }`, nil)
			if len(r.Errors) > 0 || strings.Contains(string(r.Data), rec.secret) || strings.Contains(string(r.Data), "webhook") ||
				strings.Contains(string(r.Data), srv.URL) {
				t.Errorf("%s reading the tenant's settings gets %s %v: the webhook settings must not be readable", who, r.Data, r.Errors)
			}
		}
		r := e.Do(t, admin, `{ me { tenant { settings } } }`, nil)
		if !strings.Contains(string(r.Data), srv.URL) || strings.Contains(string(r.Data), rec.secret) {
			t.Errorf("the tenant admin reads settings %s: want the URL and never the secret in clear", r.Data)
		}
		bad := e.Do(t, admin, `mutation { setNotificationSettings(input:{webhookURL:"ftp://example.com"}) { webhookURL } }`, nil)
		if bad.Code() != "BAD_USER_INPUT" {
			t.Errorf("an ftp webhook URL: %+v, want BAD_USER_INPUT", bad.Errors)
		}

		dispatcher := e.Login(t, "demo-a", "dispatcher")
		tickets := d.tickets[:3]
		for _, tk := range tickets {
			mutate(t, e, dispatcher, `dispatchTicket(id:`+q(tk.ID)+`, input:{departmentID:`+q(d.housing)+`})`)
		}
		assigned := func() []*ent.Notification {
			return c.Notification.Query().Where(notification.EventEQ(notification.EventASSIGNED)).
				Order(ent.Asc(notification.FieldID)).AllX(d.ctx)
		}
		eventually(t, "every ASSIGNED notification SENT", func() bool {
			for _, n := range assigned() {
				if n.Status != notification.StatusSENT {
					return false
				}
			}
			return true
		})
		ns := assigned()
		if len(ns) != len(tickets) {
			t.Fatalf("%d ASSIGNED notifications for %d dispatches", len(ns), len(tickets))
		}
		// Delivering again, as a job run twice would, sends nothing.
		for _, n := range ns {
			if err := e.App.Notify.Deliver(context.Background(), n.ID, n.TenantID, 9, false); err != nil {
				t.Errorf("delivering %d again: %v", n.ID, err)
			}
		}
		rec.mu.Lock()
		defer rec.mu.Unlock()
		for i, n := range ns {
			id := fmt.Sprint(n.ID)
			want := []string{"ASSIGNED " + tickets[i].Code}
			if got := rec.accepted[id]; !slices.Equal(got, want) || rec.attempts[id] != 2 {
				t.Errorf("delivery %s: accepted %v after %d attempts, want %v after 2 (one refused, one accepted)", id, got, rec.attempts[id], want)
			}
			if n.Provider != notify.ProviderWebhook || n.Attempts != 2 || n.LastError != "" || n.SentAt == nil {
				t.Errorf("notification %d: provider %s, %d attempts, last error %q, sent at %v; want webhook, 2, none, set",
					n.ID, n.Provider, n.Attempts, n.LastError, n.SentAt)
			}
		}
		if rec.forged != 0 {
			t.Errorf("%d deliveries had a wrong signature", rec.forged)
		}
		// The citizens' notifications are not for the webhook.
		if len(rec.attempts) != len(tickets) {
			t.Errorf("the webhook got %d distinct deliveries, want %d (ASSIGNED only)", len(rec.attempts), len(tickets))
		}
	})
}

// A citizen's messages about a ticket go to the number given with that
// ticket. Someone who registers another ticket under the citizen's ID
// number with a number of their own gets that ticket's messages, never the
// first ticket's, and the first number is not replaced.
func TestSMSGoToTheTicketsOwnContact(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		sms := &fakeSMS{}
		e, _ := start(t, b, func(c *app.Config) { c.Notify.SMS = sms })
		d := readDemoA(t, e)
		clerk, grid, dispatcher := e.Login(t, "demo-a", "clerk"), e.Login(t, "demo-a", "grid_worker"), e.Login(t, "demo-a", "dispatcher")
		const idNumber = "320102198001011238"
		register := func(token, phone string) int {
			var out struct{ CreateTicket struct{ ID string } }
			e.Do(t, token, `mutation($in:CreateTicketInput!) { createTicket(input:$in) { id } }`, map[string]any{"in": map[string]any{
				"title": "停水", "body": "三天停水", "channel": "PHONE",
				"citizen": map[string]any{"name": "欧阳明", "idNumber": idNumber, "phone": phone},
			}}).Decode(t, &out)
			var id int
			fmt.Sscan(out.CreateTicket.ID, &id)
			return id
		}
		first := register(clerk, "13851110000")
		register(grid, "13962220000")
		mutate(t, e, dispatcher, `dispatchTicket(id:`+q(first)+`, input:{departmentID:`+q(d.housing)+`})`)
		want := []string{"13851110000: REGISTERED", "13962220000: REGISTERED", "13851110000: DISPATCHED"}
		// The demo's own tickets send messages too: only these numbers count.
		mine := func() []string {
			var out []string
			for _, m := range sms.messages() {
				if strings.HasPrefix(m, "13851110000") || strings.HasPrefix(m, "13962220000") {
					out = append(out, m)
				}
			}
			return out
		}
		eventually(t, "three text messages", func() bool { return len(mine()) >= len(want) })
		got := mine()
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("text messages %v, want %v", got, want)
		}
		// The citizen's message carries the tracking token; no stored
		// notification (which staff read) does.
		token := e.App.DB.Client.Ticket.GetX(d.ctx, first).TrackingToken
		sms.mu.Lock()
		carried := slices.Contains(sms.tokens, token)
		sms.mu.Unlock()
		if !carried {
			t.Errorf("no text message carried the first ticket's tracking token")
		}
		for _, n := range ofTicket(e, d, first) {
			if strings.Contains(fmt.Sprint(n.Payload), token) {
				t.Errorf("notification %d stores the tracking token: %v", n.ID, n.Payload)
			}
		}
	})
}
