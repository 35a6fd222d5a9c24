package e2e

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Asia/Shanghai even where the system has no zone files
	"unicode"

	"github.com/minsheng/minsheng/authz"
	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/idnumber"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

func login(t *testing.T, s *server, tenant, username string) string {
	t.Helper()
	var out struct {
		Login struct {
			Token     string
			ExpiresAt time.Time
			User      struct{ Username string }
		}
	}
	s.graphql(t, "", `mutation($t: String!, $u: String!, $p: String!) {
		login(tenant: $t, username: $u, password: $p) { token expiresAt user { username } } }`,
		map[string]any{"t": tenant, "u": username, "p": demo.Password}).decode(t, &out)
	if out.Login.Token == "" || out.Login.User.Username != username || !out.Login.ExpiresAt.After(time.Now()) {
		t.Fatalf("login %s/%s = %+v", tenant, username, out.Login)
	}
	return out.Login.Token
}

// demoUsernames are the logins the demo gives each tenant.
func demoUsernames() []string {
	var names []string
	for _, role := range demo.Users {
		if role == authz.TenantAdmin {
			role = "admin"
		}
		names = append(names, role)
	}
	return names
}

const ticketPage = `query($after: Cursor) {
	tickets(first: 20, after: $after, where: {status: REGISTERED}, orderBy: [{field: CREATED_AT, direction: DESC}]) {
		totalCount
		pageInfo { hasNextPage endCursor }
		edges { node { id code status createdAt } }
	}
}`

type ticketConnection struct {
	Tickets struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage bool
			EndCursor   string
		}
		Edges []struct {
			Node struct {
				ID, Code, Status string
				CreatedAt        time.Time
			}
		}
	}
}

// totals are the sizes of what the demo seeds in one tenant, as its clerk
// sees them.
type totals struct{ Tickets, Users, Departments, Regions, Categories int }

func count(t *testing.T, s *server, token string) totals {
	t.Helper()
	var out struct {
		Tickets, Users, Departments, Regions, Categories struct{ TotalCount int }
	}
	s.graphql(t, token, `{ tickets { totalCount } users { totalCount } departments { totalCount }
		regions { totalCount } categories { totalCount } }`, nil).decode(t, &out)
	return totals{out.Tickets.TotalCount, out.Users.TotalCount, out.Departments.TotalCount,
		out.Regions.TotalCount, out.Categories.TotalCount}
}

// shanghaiDay is today's date in the demo tenants' time zone, as case codes
// write it.
func shanghaiDay(t *testing.T) string {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	return time.Now().In(loc).Format("20060102")
}

var caseCode = regexp.MustCompile(`^MS-(\d{8})-(\d{4})$`)

// externalSource finds a script, image, frame or style sheet loaded from
// another site.
var externalSource = regexp.MustCompile(`(?i)<(script|img|iframe|link)\b[^>]*\b(src|href)\s*=\s*["']?\s*(https?:)?//`)

func TestE2EServeRestart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		db := database(t, b)
		metricsAddr := freePort(t)
		s := serve(t, append(db, "--demo", "--metrics-addr", metricsAddr, "--metrics-token", "scrape-secret")...)

		t.Run("start-up output names the URL and the demo logins", func(t *testing.T) {
			out := s.waitOutput(t, "platform operator")
			for _, want := range append([]string{
				"http://" + s.addr + "/", "http://" + s.addr + "/graphql",
				"demo-a", "demo-b", demo.Password, `tenant "platform", user operator`,
			}, demoUsernames()...) {
				if !strings.Contains(out, want) {
					t.Errorf("start-up output does not mention %q:\n%s", want, out)
				}
			}
		})

		clerk := login(t, s, "demo-a", "clerk")

		t.Run("me", func(t *testing.T) {
			var out struct {
				Me struct {
					Username string
					Roles    []string
					Tenant   struct{ Code, Name string }
				}
			}
			s.graphql(t, clerk, `{ me { username roles tenant { code name } } }`, nil).decode(t, &out)
			if out.Me.Username != "clerk" || !slices.Equal(out.Me.Roles, []string{"clerk"}) ||
				out.Me.Tenant.Code != "demo-a" || out.Me.Tenant.Name != demo.Districts[0].Name {
				t.Fatalf("me = %+v", out.Me)
			}
		})

		t.Run("registered tickets come in pages", func(t *testing.T) {
			var first, second ticketConnection
			s.graphql(t, clerk, ticketPage, nil).decode(t, &first)
			page := first.Tickets
			if len(page.Edges) != 20 || !page.PageInfo.HasNextPage || page.TotalCount <= 20 {
				t.Fatalf("first page: %d tickets of %d, hasNextPage %v; want 20 of more than 20 and a next page",
					len(page.Edges), page.TotalCount, page.PageInfo.HasNextPage)
			}
			s.graphql(t, clerk, ticketPage, map[string]any{"after": page.PageInfo.EndCursor}).decode(t, &second)
			rest := second.Tickets
			if len(rest.Edges) != page.TotalCount-20 || rest.PageInfo.HasNextPage {
				t.Fatalf("second page: %d tickets, hasNextPage %v; want the other %d and no next page",
					len(rest.Edges), rest.PageInfo.HasNextPage, page.TotalCount-20)
			}
			seen := map[string]bool{}
			var last time.Time
			for i, e := range append(page.Edges, rest.Edges...) {
				n := e.Node
				if seen[n.ID] {
					t.Fatalf("ticket %s is on both pages", n.Code)
				}
				seen[n.ID] = true
				if n.Status != "REGISTERED" || !caseCode.MatchString(n.Code) {
					t.Fatalf("ticket %+v", n)
				}
				if i > 0 && n.CreatedAt.After(last) {
					t.Fatalf("ticket %s (%s) comes after an older one: not newest first", n.Code, n.CreatedAt)
				}
				last = n.CreatedAt
			}
		})

		t.Run("level-1 categories", func(t *testing.T) {
			var out struct {
				Categories struct {
					Edges []struct {
						Node struct {
							Name  string
							Level int
						}
					}
				}
			}
			s.graphql(t, clerk, `{ categories(first: 100, where: {level: 1}) { edges { node { name level } } } }`, nil).decode(t, &out)
			var names, want []string
			for _, e := range out.Categories.Edges {
				if e.Node.Level != 1 || !strings.ContainsFunc(e.Node.Name, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
					t.Errorf("category %+v: want level 1 with a Chinese name", e.Node)
				}
				names = append(names, e.Node.Name)
			}
			for _, c := range demo.Districts[0].Categories {
				want = append(want, c.Name)
			}
			slices.Sort(names)
			slices.Sort(want)
			if !slices.Equal(names, want) {
				t.Fatalf("level-1 categories %q, want %q", names, want)
			}
		})

		// The ticket registered here must survive the restart below.
		var created struct{ ID, Code string }
		t.Run("createTicket with a citizen", func(t *testing.T) {
			id, err := idnumber.CheckDigit("32010219880214123")
			if err != nil {
				t.Fatal(err)
			}
			idNumber := "32010219880214123" + string(id)
			dayBefore := shanghaiDay(t)
			var out struct {
				CreateTicket struct {
					ID, Code, Status, Title string
					Citizen                 struct{ Name, IDNumber string }
				}
			}
			s.graphql(t, clerk, `mutation($in: CreateTicketInput!) {
				createTicket(input: $in) { id code status title citizen { name idNumber } } }`,
				map[string]any{"in": map[string]any{
					"title": "小区门口路灯不亮", "body": "玄武门街道某小区门口两盏路灯坏了一周，晚上出行不便。",
					"channel": "PHONE", "place": "玄武门街道",
					"citizen": map[string]any{"name": "周敏", "idNumber": idNumber, "phone": "13812345678"},
				}}).decode(t, &out)
			dayAfter := shanghaiDay(t)
			tk := out.CreateTicket
			m := caseCode.FindStringSubmatch(tk.Code)
			if m == nil || (m[1] != dayBefore && m[1] != dayAfter) {
				t.Fatalf("code %q, want MS-%s-NNNN (today in Asia/Shanghai)", tk.Code, dayBefore)
			}
			if tk.Status != "REGISTERED" || tk.Citizen.Name != "周敏" || tk.Citizen.IDNumber != idNumber {
				t.Fatalf("created %+v", tk)
			}
			created.ID, created.Code = tk.ID, tk.Code

			var listed ticketConnection
			s.graphql(t, clerk, `query($code: String!) { tickets(where: {code: $code}) { totalCount edges { node { id code } } } }`,
				map[string]any{"code": tk.Code}).decode(t, &listed)
			if listed.Tickets.TotalCount != 1 || listed.Tickets.Edges[0].Node.ID != tk.ID {
				t.Fatalf("tickets(where: {code: %q}) = %+v", tk.Code, listed.Tickets)
			}
			var node struct {
				Node struct{ Code, Title string }
			}
			s.graphql(t, clerk, `query($id: ID!) { node(id: $id) { ... on Ticket { code title } } }`,
				map[string]any{"id": tk.ID}).decode(t, &node)
			if node.Node.Code != tk.Code || node.Node.Title != "小区门口路灯不亮" {
				t.Fatalf("node(id: %s) = %+v", tk.ID, node.Node)
			}
		})

		t.Run("health, metrics and explorer", func(t *testing.T) {
			for _, path := range []string{"/healthz", "/readyz"} {
				if status, _, body := s.get(t, path); status != http.StatusOK {
					t.Errorf("GET %s: %d %s", path, status, body)
				}
			}
			// /metrics is kept from the public: on --addr only with its
			// token, and on a listener of its own for the monitoring network.
			if status, _, body := s.get(t, "/metrics"); status != http.StatusNotFound {
				t.Errorf("GET /metrics without the token: %d, want 404:\n%.300s", status, body)
			}
			for _, m := range []struct {
				url, token string
			}{{s.URL("/metrics"), "scrape-secret"}, {"http://" + metricsAddr + "/metrics", ""}} {
				status, metrics := getWithToken(t, m.url, m.token)
				if status != http.StatusOK || !strings.Contains(metrics, "minsheng_http_requests_total") {
					t.Errorf("GET %s: %d, minsheng_http_requests_total missing:\n%.2000s", m.url, status, metrics)
				}
			}
			// The staff console is at / and the explorer at /explorer.
			status, header, page := s.get(t, "/")
			if status != http.StatusOK || !strings.Contains(page, `<div id="app">`) ||
				!strings.Contains(header.Get("Content-Security-Policy"), "script-src 'self'") {
				t.Errorf("GET /: %d %s, want the staff console:\n%.500s", status, header.Get("Content-Security-Policy"), page)
			}
			if m := externalSource.FindString(page); m != "" {
				t.Errorf("the console loads from another site: %s", m)
			}
			status, header, page = s.get(t, "/explorer")
			if status != http.StatusOK || !strings.HasPrefix(header.Get("Content-Type"), "text/html") ||
				!strings.Contains(page, "Minsheng") {
				t.Errorf("GET /explorer: %d %s, want the explorer page:\n%.500s", status, header.Get("Content-Type"), page)
			}
			// The browser is told so too, in case a script builds a tag;
			// nothing inline runs but the page's own script, and no other
			// site may frame it.
			csp := header.Get("Content-Security-Policy")
			for _, want := range []string{"default-src 'none'", "connect-src 'self'", "frame-ancestors 'none'", "script-src 'sha256-"} {
				if !strings.Contains(csp, want) {
					t.Errorf("explorer Content-Security-Policy %q lacks %q", csp, want)
				}
			}
			if strings.Contains(csp, "unsafe-inline") {
				t.Errorf("explorer Content-Security-Policy %q allows any inline script or style", csp)
			}
			if got := header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options %q, want nosniff", got)
			}
			if m := externalSource.FindString(page); m != "" {
				t.Errorf("the explorer loads from another site: %s", m)
			}
		})

		before := map[string]totals{}
		tokens := map[string]string{"demo-a": clerk, "demo-b": login(t, s, "demo-b", "clerk")}
		for tenant, token := range tokens {
			before[tenant] = count(t, s, token)
		}
		if err := s.stop(); err != nil {
			t.Fatalf("minsheng serve did not stop cleanly on SIGTERM: %v", err)
		}

		t.Run("restart on the same data keeps everything", func(t *testing.T) {
			s := serve(t, append(db, "--demo")...)
			// The tokens from before the restart still work: the secret
			// is the same.
			for tenant, token := range tokens {
				if after := count(t, s, token); after != before[tenant] {
					t.Errorf("%s after the restart: %+v, before %+v", tenant, after, before[tenant])
				}
			}
			var node struct {
				Node struct{ Code string }
			}
			s.graphql(t, clerk, `query($id: ID!) { node(id: $id) { ... on Ticket { code } } }`,
				map[string]any{"id": created.ID}).decode(t, &node)
			if created.Code == "" || node.Node.Code != created.Code {
				t.Fatalf("ticket %q after the restart: %+v", created.Code, node.Node)
			}
		})
	})
}

// seeded counts what the demo command wrote, reading the database directly.
func seeded(t *testing.T, b storetest.Backend, flags []string) map[string]int {
	t.Helper()
	dataDir := flags[slices.Index(flags, "--data")+1]
	db, err := store.Open(b.URL, dataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := viewer.SystemContext(context.Background())
	c := db.Client
	out := map[string]int{}
	for name, n := range map[string]func(context.Context) (int, error){
		"tenants": c.Tenant.Query().Count, "operators": c.Operator.Query().Count, "users": c.User.Query().Count,
		"departments": c.Department.Query().Count, "regions": c.Region.Query().Count,
		"categories": c.Category.Query().Count, "citizens": c.Citizen.Query().Count, "tickets": c.Ticket.Query().Count,
	} {
		if out[name], err = n(ctx); err != nil {
			t.Fatalf("count %s: %v", name, err)
		}
	}
	return out
}

func TestE2EDemoAndMigrateCommands(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		db := database(t, b)
		var counts []map[string]int
		for i := 1; i <= 2; i++ {
			stdout, stderr, code := run(t, append([]string{"demo"}, db...)...)
			if code != 0 || !strings.Contains(stdout, "demo-a and demo-b are seeded") {
				t.Fatalf("minsheng demo, run %d: exit %d\nstdout:\n%s\nstderr:\n%s", i, code, stdout, stderr)
			}
			counts = append(counts, seeded(t, b, db))
		}
		if counts[0]["tickets"] == 0 || counts[0]["tenants"] != 2 {
			t.Fatalf("after minsheng demo: %v", counts[0])
		}
		for name, n := range counts[0] {
			if counts[1][name] != n {
				t.Errorf("%s: %d after the first run of minsheng demo, %d after the second", name, n, counts[1][name])
			}
		}
		stdout, stderr, code := run(t, append([]string{"migrate"}, db...)...)
		if code != 0 || !strings.Contains(stdout, "schema is up to date") {
			t.Fatalf("minsheng migrate: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
		}
	})
}

func TestE2EServeHelpNamesEveryVariable(t *testing.T) {
	stdout, stderr, code := run(t, "serve", "--help")
	if code != 0 {
		t.Fatalf("minsheng serve --help: exit %d\n%s%s", code, stdout, stderr)
	}
	help := stdout + stderr
	for _, v := range []string{
		"MINSHENG_ADDR", "MINSHENG_DATA", "DATABASE_URL", "MINSHENG_SECRET_FILE", "MINSHENG_DEMO",
		"MINSHENG_LOG_LEVEL", "MINSHENG_TOKEN_TTL", "MINSHENG_POLICY_REFRESH", "MINSHENG_BODY_LIMIT",
		"MINSHENG_RATE_LIMIT", "MINSHENG_RATE_BURST", "MINSHENG_MAX_DEPTH", "MINSHENG_MAX_COMPLEXITY",
		"MINSHENG_MAX_PAGE_SIZE", "MINSHENG_INTROSPECTION", "MINSHENG_TRUST_PROXY",
	} {
		if !strings.Contains(help, "$"+v) {
			t.Errorf("serve --help does not mention $%s", v)
		}
	}
}

func TestE2EUnknownCommandShowsUsage(t *testing.T) {
	stdout, stderr, code := run(t, "serv")
	if code == 0 || !strings.Contains(stderr, `unknown command "serv"`) || !strings.Contains(stderr, "usage: minsheng") {
		t.Fatalf("minsheng serv: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}

func TestE2EPostgresNeedsASecretFile(t *testing.T) {
	// Refused before connecting, so the database need not exist.
	stdout, stderr, code := run(t, "serve", "--addr", "127.0.0.1:0", "--data", t.TempDir(),
		"--database", "postgres://minsheng@127.0.0.1:1/none?sslmode=disable")
	if code == 0 || !strings.Contains(stderr, "MINSHENG_SECRET_FILE") || !strings.Contains(stderr, "PostgreSQL") {
		t.Fatalf("serve on PostgreSQL without a secret file: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}
