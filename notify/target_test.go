package notify_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/minsheng/minsheng/app"
	"github.com/minsheng/minsheng/ent/notification"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/notify"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// fakeDNS answers names from a table: a real public address cannot be
// reached from a test, so names stand in for them.
type fakeDNS map[string][]string

func (f fakeDNS) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	var out []netip.Addr
	for _, s := range f[host] {
		out = append(out, netip.MustParseAddr(s))
	}
	if len(out) == 0 {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	return out, nil
}

// Every class of address that is not the public internet is refused, in
// every spelling; ordinary public addresses pass.
func TestWebhookAddressClasses(t *testing.T) {
	refused := map[string][]string{
		"loopback":         {"127.0.0.1", "127.8.9.10", "::1"},
		"private":          {"10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1"},
		"link-local":       {"169.254.169.254", "fe80::1", "fe80::1%eth0"},
		"unique-local":     {"fc00::1", "fd12:3456::1"},
		"CGNAT":            {"100.64.0.1", "100.127.255.254"},
		"multicast":        {"224.0.0.1", "239.255.255.250", "ff02::1", "ff0e::1"},
		"unspecified":      {"0.0.0.0", "::", "0.1.2.3"},
		"IPv4-mapped IPv6": {"::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254"},
		"IPv4-compatible":  {"::127.0.0.1", "::a00:1"},
		"NAT64 and 6to4":   {"64:ff9b::7f00:1", "2002:7f00:1::1", "2001::1"},
		"reserved":         {"240.0.0.1", "255.255.255.255", "192.0.2.1", "198.18.0.1", "2001:db8::1", "fec0::1"},
	}
	for class, addrs := range refused {
		for _, s := range addrs {
			if notify.Public(netip.MustParseAddr(s)) {
				t.Errorf("%s address %s is taken as public", class, s)
			}
		}
	}
	for _, s := range []string{"8.8.8.8", "1.1.1.1", "114.114.114.114", "203.0.114.1", "2400:3200::1", "2606:4700:4700::1111"} {
		if !notify.Public(netip.MustParseAddr(s)) {
			t.Errorf("public address %s is refused", s)
		}
	}

	ctx := context.Background()
	dns := fakeDNS{
		"hooks.example.com":  {"93.184.215.14"},
		"sneaky.example.com": {"127.0.0.1"},
		"mixed.example.com":  {"93.184.215.14", "10.0.0.7"},
		"rebind.example.com": {"::ffff:169.254.169.254"},
		"intranet.local":     {"10.20.30.40"},
	}
	g := notify.NewTargets([]string{"Intranet.Local", "192.168.7.7"}, dns)
	for _, u := range []string{"https://hooks.example.com/x", "http://intranet.local:8080/x", "http://192.168.7.7/x", "https://[2606:4700:4700::1111]/"} {
		if err := g.CheckURL(ctx, u); err != nil {
			t.Errorf("%s refused: %v", u, err)
		}
	}
	for _, u := range []string{
		"http://sneaky.example.com/", "http://mixed.example.com/", "http://rebind.example.com/", "http://unknown.example.com/",
		"http://127.0.0.1:6379/", "http://[::1]/", "http://[::ffff:7f00:1]/", "http://169.254.169.254/latest/meta-data/",
		"http://10.0.0.1/", "http://[fd00::1]/", "http://100.64.1.1/", "http://0.0.0.0:22/", "http://localhost./",
		"ftp://hooks.example.com/", "hooks.example.com/x",
	} {
		if err := g.CheckURL(ctx, u); err == nil {
			t.Errorf("%s accepted", u)
		}
	}
}

// A delivery dials the address that was checked, not one the name resolves
// to later: here the name exists only in the test's resolver, and the
// connection reaches the local server it names because the operator allowed
// the name. Without the allowance the same name is refused before any
// connection; and a redirect is never followed.
func TestWebhookDialsTheCheckedAddressAndFollowsNoRedirect(t *testing.T) {
	var hits, redirected atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		redirected.Add(1)
	}))
	defer target.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path == "/moved" {
			http.Redirect(w, r, target.URL+"/internal", http.StatusTemporaryRedirect)
		}
	}))
	defer srv.Close()
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	dns := fakeDNS{"hooks.internal.test": {"127.0.0.1"}}
	post := func(g *notify.Targets, path string) (*http.Response, error) {
		req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("http://hooks.internal.test:%d%s", port, path), nil)
		return g.Client(0).Do(req)
	}

	res, err := post(notify.NewTargets([]string{"hooks.internal.test"}, dns), "/hook")
	if err != nil || res.StatusCode != http.StatusOK || hits.Load() != 1 {
		t.Fatalf("allowed name: %v %v, %d hits; want 200 from the local server", res, err, hits.Load())
	}
	res.Body.Close()

	if res, err := post(notify.NewTargets(nil, dns), "/hook"); err == nil || hits.Load() != 1 {
		t.Errorf("a name resolving to loopback was dialled: %v, %d hits", res, hits.Load())
	}

	res, err = post(notify.NewTargets([]string{"hooks.internal.test"}, dns), "/moved")
	if err != nil || res.StatusCode != http.StatusTemporaryRedirect || redirected.Load() != 0 {
		t.Errorf("redirect: %v %v, target hit %d times; want the 307 itself and no second request", res, err, redirected.Load())
	}
	if res != nil {
		res.Body.Close()
	}
}

// Through the API: the tenant admin cannot set an internal webhook, and the
// refusal is one sentence for every kind of address; a webhook stored
// before (or by other means) is refused again at delivery without a
// connection, and whatever a delivery fails on, the caller reads a
// generic sentence, never the status or the network error.
func TestWebhookRefusalsAndFailuresTellNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "teapot at port "+r.Host, http.StatusTeapot)
		}))
		defer srv.Close()
		u, _ := url.Parse(srv.URL)
		dns := fakeDNS{"allowed.internal.test": {"127.0.0.1"}, "evil.example.com": {"127.0.0.1"}}
		e, _ := start(t, b, func(cfg *app.Config) {
			cfg.Notify.WebhookAllowHosts = []string{"allowed.internal.test"}
			cfg.Notify.WebhookResolver = dns
		})
		d := readDemoA(t, e)
		admin := e.Login(t, "demo-a", "admin")
		set := `mutation($u:String!) { setNotificationSettings(input:{webhookURL:$u}) { webhookURL } }`
		messages := map[string]bool{}
		for _, target := range []string{
			srv.URL + "/hook", "http://evil.example.com:" + u.Port() + "/", "http://[::ffff:127.0.0.1]:" + u.Port() + "/",
			"http://169.254.169.254/latest/meta-data/", "http://10.0.0.1:22/", "http://[fd00::1]/", "http://100.64.0.1/",
			"http://nowhere.example.com/",
		} {
			r := e.Do(t, admin, set, map[string]any{"u": target})
			if r.Code() != "BAD_USER_INPUT" {
				t.Errorf("webhook %s: %s %v, want BAD_USER_INPUT", target, r.Data, r.Errors)
				continue
			}
			messages[r.Errors[0].Message] = true
		}
		if len(messages) != 1 {
			t.Errorf("refusals differ by address, which tells what is behind the server: %v", messages)
		}

		// The allowed name is taken; its server answers 418.
		allowed := "http://allowed.internal.test:" + u.Port() + "/hook"
		e.Do(t, admin, set, map[string]any{"u": allowed}).Decode(t, &struct{}{})
		mutate(t, e, e.Login(t, "demo-a", "dispatcher"), `dispatchTicket(id:`+q(d.tickets[0].ID)+`, input:{departmentID:`+q(d.housing)+`})`)
		c := e.App.DB.Client
		eventually(t, "an ASSIGNED delivery tried", func() bool {
			n, err := c.Notification.Query().Where(notification.EventEQ(notification.EventASSIGNED)).Only(d.ctx)
			return err == nil && n.Attempts > 0
		})
		n := c.Notification.Query().Where(notification.EventEQ(notification.EventASSIGNED)).OnlyX(d.ctx)
		var out struct {
			Notifications struct {
				Edges []struct{ Node struct{ LastError string } }
			}
		}
		e.Do(t, admin, `{ notifications(first:100, where:{event:ASSIGNED}) { edges { node { lastError } } } }`, nil).Decode(t, &out)
		for _, got := range []string{n.LastError, out.Notifications.Edges[0].Node.LastError} {
			if got == "" || strings.Contains(got, "418") || strings.Contains(got, "teapot") || strings.Contains(got, u.Port()) {
				t.Errorf("the failure reads %q: want a generic sentence without status or address", got)
			}
		}

		// A loopback URL written into the settings behind the API's back is
		// refused at delivery, without a connection, with the same
		// sentence as at setting time.
		var otherHits atomic.Int32
		other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { otherHits.Add(1) }))
		defer other.Close()
		sys := viewer.SystemContext(context.Background())
		tn := c.Tenant.Query().Where(tenant.Code("demo-a")).OnlyX(sys)
		s := tn.Settings
		s[notify.SettingWebhookURL] = other.URL + "/hook"
		c.Tenant.UpdateOne(tn).SetSettings(s).ExecX(sys)
		mutate(t, e, e.Login(t, "demo-a", "dispatcher"), `dispatchTicket(id:`+q(d.tickets[1].ID)+`, input:{departmentID:`+q(d.housing)+`})`)
		assigned := c.Notification.Query().Where(notification.EventEQ(notification.EventASSIGNED), notification.TicketID(d.tickets[1].ID)).OnlyX(d.ctx)
		if err := e.App.Notify.Deliver(context.Background(), assigned.ID, tn.ID, 9, true); err == nil {
			t.Errorf("a delivery to loopback succeeded")
		}
		got := c.Notification.GetX(d.ctx, assigned.ID)
		if got.Status != notification.StatusFAILED || strings.Contains(got.LastError, "127.0.0.1") || otherHits.Load() != 0 {
			t.Errorf("delivery to loopback: %s %q, %d hits; want FAILED, generic, not dialled", got.Status, got.LastError, otherHits.Load())
		}
	})
}
