package e2e

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minsheng/minsheng/notify"
	"github.com/minsheng/minsheng/store/storetest"
)

// webhookReceiver refuses the first attempt of every delivery and counts
// the accepted ones, checking each signature.
type webhookReceiver struct {
	secret   string
	mu       sync.Mutex
	refused  map[string]int
	accepted map[string][]string // delivery ID → events
	badSigs  int
}

func (w *webhookReceiver) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	id, event := r.Header.Get("X-Minsheng-Delivery"), r.Header.Get("X-Minsheng-Event")
	w.mu.Lock()
	defer w.mu.Unlock()
	if !notify.Verify(w.secret, body, r.Header.Get("X-Minsheng-Signature")) {
		w.badSigs++
		rw.WriteHeader(http.StatusUnauthorized)
		return
	}
	if w.refused[id] == 0 {
		w.refused[id]++
		rw.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	w.accepted[id] = append(w.accepted[id], event)
	rw.WriteHeader(http.StatusNoContent)
}

// events lists the accepted events, and whether any delivery came twice.
func (w *webhookReceiver) events() (events []string, twice bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, e := range w.accepted {
		events = append(events, e[0])
		twice = twice || len(e) > 1
	}
	return events, twice
}

func countOf(list []string, want string) int {
	n := 0
	for _, s := range list {
		if s == want {
			n++
		}
	}
	return n
}

// TestE2EDeadlinesEscalationTrackingAndWebhook runs the deadline story on
// the real binary by moving its clock (--clock-offset) between restarts:
// a 3-day consultation dispatched on the eve of National Day is due at the
// end of Saturday 10 October (a make-up workday); the citizen follows it
// by code; it turns yellow, then red — with two serve processes on one
// PostgreSQL database — and each escalation happens once; the tenant's
// webhook gets every staff notification signed, exactly once, although
// each first attempt is refused.
func TestE2EDeadlinesEscalationTrackingAndWebhook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		shanghai, err := time.LoadLocation("Asia/Shanghai")
		if err != nil {
			t.Fatal(err)
		}
		clockAt := func(at time.Time) string { return "--clock-offset=" + time.Until(at).Round(time.Second).String() }
		hook := &webhookReceiver{secret: "e2e-webhook-secret-0123456789", refused: map[string]int{}, accepted: map[string][]string{}}
		receiver := httptest.NewServer(hook)
		defer receiver.Close()
		// The receiver listens on loopback: the operator allows it by name,
		// as a real webhook on an internal host must be allowed.
		db := append(database(t, b), "--demo", "--webhook-allow-hosts=127.0.0.1")

		s := serve(t, append(db, clockAt(time.Date(2026, time.September, 30, 10, 0, 0, 0, shanghai)))...)
		admin, clerk, dispatcher := login(t, s, "demo-a", "admin"), login(t, s, "demo-a", "clerk"), login(t, s, "demo-a", "dispatcher")
		s.graphql(t, admin, `mutation($u:String!,$s:String!) { setNotificationSettings(input:{webhookURL:$u, webhookSecret:$s}) { webhookURL } }`,
			map[string]any{"u": receiver.URL, "s": hook.secret}).decode(t, &struct{}{})
		housing := idOf(t, s, dispatcher, `{ d: departments(where:{name:"住建局"}) { edges { node { id } } } }`)
		consultation := idOf(t, s, clerk, `{ c: categories(where:{type:CONSULTATION, deadlineDays:3, level:3}) { edges { node { id } } } }`)
		var created struct {
			CreateTicket struct{ ID, Code, TrackingToken string }
		}
		s.graphql(t, clerk, `mutation($c:ID!) { createTicket(input:{title:"入学政策咨询", body:"孩子明年入学需要哪些材料", channel:PHONE, categoryID:$c}) { id code trackingToken } }`,
			map[string]any{"c": consultation}).decode(t, &created)
		tk := created.CreateTicket
		ref := fmt.Sprintf("%q", tk.ID)
		got := step(t, s, dispatcher, `dispatchTicket(id:`+ref+`, input:{departmentID:"`+housing+`"})`)
		due := time.Date(2026, time.October, 11, 0, 0, 0, 0, shanghai)
		if got.DueAt == nil || !mustTime(t, *got.DueAt).Equal(due) {
			t.Fatalf("dueAt = %v, want %s: 1–7 October are holidays, 8, 9 and Saturday 10 October are workdays", got.DueAt, due)
		}

		track := func(s *server, token string) (status, colour string, found bool) {
			var out struct {
				TrackCase *struct{ Status, Colour string }
			}
			s.graphql(t, "", `query($c:String!,$t:String!) { trackCase(code:$c, token:$t) { status colour } }`,
				map[string]any{"c": tk.Code, "t": token}).decode(t, &out)
			if out.TrackCase == nil {
				return "", "", false
			}
			return out.TrackCase.Status, out.TrackCase.Colour, true
		}
		if st, colour, ok := track(s, tk.TrackingToken); !ok || st != "DISPATCHED" || colour != "GREEN" {
			t.Errorf("the citizen tracking %s sees %s %s (found %v), want DISPATCHED GREEN", tk.Code, st, colour, ok)
		}
		if _, _, ok := track(s, strings.Repeat("A", len(tk.TrackingToken))); ok {
			t.Error("a wrong token found the case")
		}
		if err := s.stop(); err != nil {
			t.Fatal(err)
		}

		escalations := func(s *server) (yellow, red int) {
			var v struct{ Node caseState }
			s.graphql(t, dispatcher, `{ node(id:`+ref+`) { ... on Ticket { `+caseFields+` } } }`, nil).decode(t, &v)
			for _, e := range v.Node.Timeline {
				yellow += countOf([]string{e.Action}, "ESCALATE_YELLOW")
				red += countOf([]string{e.Action}, "ESCALATE_RED")
			}
			return yellow, red
		}
		waitFor := func(what string, ok func() bool) {
			t.Helper()
			deadline := time.Now().Add(3 * time.Minute)
			for !ok() {
				if time.Now().After(deadline) {
					t.Fatalf("%s did not happen within 3 minutes", what)
				}
				time.Sleep(250 * time.Millisecond)
			}
		}

		// Monday 12 October: past the deadline, yellow.
		s = serve(t, append(db, clockAt(time.Date(2026, time.October, 12, 9, 0, 0, 0, shanghai)))...)
		waitFor("the yellow escalation", func() bool { y, _ := escalations(s); return y > 0 })
		if _, colour, _ := track(s, tk.TrackingToken); colour != "YELLOW" {
			t.Errorf("the citizen sees %s on 12 October, want YELLOW", colour)
		}
		if err := s.stop(); err != nil {
			t.Fatal(err)
		}

		// Wednesday 14 October: red. On PostgreSQL two processes serve at once.
		redClock := clockAt(time.Date(2026, time.October, 14, 12, 0, 0, 0, shanghai))
		s = serve(t, append(db, redClock)...)
		if b.URL != "" {
			serve(t, append(db, redClock)...)
		}
		waitFor("the red escalation", func() bool { _, r := escalations(s); return r > 0 })
		waitFor("the webhook deliveries", func() bool {
			ev, _ := hook.events()
			return countOf(ev, "ASSIGNED") == 1 && countOf(ev, "YELLOW") == 1 && countOf(ev, "RED") == 1
		})
		// Leave time for a second tick (every minute) and any retry to show up.
		time.Sleep(70 * time.Second)
		if y, r := escalations(s); y != 1 || r != 1 {
			t.Errorf("timeline has %d yellow and %d red escalations, want one each", y, r)
		}
		ev, twice := hook.events()
		if twice || countOf(ev, "YELLOW") != 1 || countOf(ev, "RED") != 1 || hook.badSigs != 0 {
			t.Errorf("webhook accepted %v (a delivery twice: %v, bad signatures: %d), want ASSIGNED, YELLOW and RED once each", ev, twice, hook.badSigs)
		}
		hook.mu.Lock()
		defer hook.mu.Unlock()
		for id, n := range hook.refused {
			if n != 1 || len(hook.accepted[id]) != 1 {
				t.Errorf("delivery %s: refused %d times, accepted %d times; want 1 and 1", id, n, len(hook.accepted[id]))
			}
		}
	})
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
