package workflow_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/rule"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

// asUser returns a context acting as a demo user of a demo tenant.
func asUser(t *testing.T, e *apptest.Env, tenantCode, username string) context.Context {
	t.Helper()
	ctx := viewer.SystemContext(context.Background())
	u, err := e.App.DB.Client.User.Query().
		Where(user.Username(username), user.HasTenantWith(tenant.Code(tenantCode))).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return viewer.NewContext(context.Background(), e.App.Auth.UserViewer(u))
}

func TestCreateTicketRegistersWithCodeAndTimeline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		ctx := asUser(t, e, "demo-a", "clerk")
		in := workflow.NewTicket{Title: "小区路灯不亮", Body: "梅园新村3栋门口路灯坏了一周。", Channel: ticket.ChannelPHONE}
		first, err := e.App.Workflow.CreateTicket(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		second, err := e.App.Workflow.CreateTicket(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		today := time.Now().In(mustZone(t, "Asia/Shanghai")).Format("20060102")
		if !strings.HasPrefix(first.Code, "MS-"+today+"-") || first.Status != ticket.StatusREGISTERED {
			t.Fatalf("first ticket: code %s status %s", first.Code, first.Status)
		}
		if seq(t, second.Code) != seq(t, first.Code)+1 {
			t.Fatalf("codes are not consecutive: %s then %s", first.Code, second.Code)
		}
		events, err := first.QueryEvents().All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != 1 || events[0].Action != workflow.ActionRegister || events[0].ToStatus != "REGISTERED" ||
			events[0].ActorName != "clerk" || events[0].After["code"] != first.Code {
			t.Fatalf("timeline = %+v", events)
		}
	})
}

func seq(t *testing.T, code string) int {
	t.Helper()
	var n int
	for _, c := range code[len(code)-4:] {
		n = n*10 + int(c-'0')
	}
	return n
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// Codes count per tenant: demo-b's first ticket of the day does not follow
// demo-a's, and concurrent registrations never share a code.
func TestCaseCodesArePerTenantAndUnique(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a, bctx := asUser(t, e, "demo-a", "clerk"), asUser(t, e, "demo-b", "clerk")
		in := workflow.NewTicket{Title: "噪音扰民", Body: "夜间施工。", Channel: ticket.ChannelWEB}
		var (
			mu    sync.Mutex
			codes = map[string]bool{}
			wg    sync.WaitGroup
		)
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				tk, err := e.App.Workflow.CreateTicket(a, in)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				defer mu.Unlock()
				if codes[tk.Code] {
					t.Errorf("code %s given twice", tk.Code)
				}
				codes[tk.Code] = true
			}()
		}
		wg.Wait()
		tb, err := e.App.Workflow.CreateTicket(bctx, in)
		if err != nil {
			t.Fatal(err)
		}
		// demo-b was seeded with its own tickets today; its sequence must not
		// have moved with demo-a's eight.
		n, err := e.App.DB.Client.Ticket.Query().Count(viewer.TenantSystemContext(context.Background(), tb.TenantID))
		if err != nil {
			t.Fatal(err)
		}
		if seq(t, tb.Code) != n {
			t.Fatalf("demo-b code %s, but demo-b holds %d tickets", tb.Code, n)
		}
	})
}

func TestAnonymousTicketRefusesACitizen(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		ctx := asUser(t, e, "demo-a", "clerk")
		yes, name := true, "匿名者"
		_, err := e.App.Workflow.CreateTicket(ctx, workflow.NewTicket{
			Title: "举报", Body: "有人倒卖车票。", Channel: ticket.ChannelWEB, Anonymous: &yes,
			Citizen: &directory.CitizenInput{Name: &name},
		})
		if minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Fatalf("err = %v, want BAD_USER_INPUT", err)
		}
		tk, err := e.App.Workflow.CreateTicket(ctx, workflow.NewTicket{
			Title: "举报", Body: "有人倒卖车票。", Channel: ticket.ChannelWEB, Anonymous: &yes,
		})
		if err != nil || !tk.Anonymous || tk.CitizenID != nil {
			t.Fatalf("anonymous ticket = %+v, %v", tk, err)
		}
	})
}

// The timeline is history: neither the API nor the ent client may change or
// delete an event.
func TestTimelineEventsCannotBeChangedOrDeleted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		ctx := asUser(t, e, "demo-a", "clerk")
		tk, err := e.App.Workflow.CreateTicket(ctx, workflow.NewTicket{Title: "积水", Body: "路口积水。", Channel: ticket.ChannelPHONE})
		if err != nil {
			t.Fatal(err)
		}
		client := e.App.DB.Client
		ev, err := tk.QueryEvents().Only(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sys := viewer.SystemContext(context.Background())
		for name, try := range map[string]func(ctx context.Context) error{
			"update one": func(ctx context.Context) error { return client.TimelineEvent.UpdateOneID(ev.ID).Exec(ctx) },
			"update all": func(ctx context.Context) error { _, err := client.TimelineEvent.Update().Save(ctx); return err },
			"delete one": func(ctx context.Context) error { return client.TimelineEvent.DeleteOneID(ev.ID).Exec(ctx) },
			"delete all": func(ctx context.Context) error { _, err := client.TimelineEvent.Delete().Exec(ctx); return err },
		} {
			for who, c := range map[string]context.Context{"clerk": ctx, "system": sys} {
				if err := try(c); err == nil || !strings.Contains(err.Error(), rule.ErrAppendOnly.Message) {
					t.Errorf("%s as %s: err = %v, want refusal", name, who, err)
				}
			}
		}
		after, err := client.TimelineEvent.Query().Where(timelineevent.ID(ev.ID)).Only(sys)
		if err != nil || after.Reason != ev.Reason {
			t.Fatalf("event changed: %+v, %v", after, err)
		}
		if _, err := client.AuditLog.Delete().Exec(sys); err == nil {
			t.Fatal("audit log delete was allowed")
		}
	})
}
