package graph_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// request is one raw HTTP call to /graphql, for the inputs apptest.Env.Do
// cannot make: broken JSON, chunked bodies, extra headers.
type request struct {
	token   string
	body    []byte
	chunked bool              // send without Content-Length
	header  map[string]string // e.g. X-Forwarded-For
}

func send(t *testing.T, e *apptest.Env, r request) (*apptest.Response, http.Header) {
	t.Helper()
	var body io.Reader = bytes.NewReader(r.body)
	if r.chunked {
		body = io.MultiReader(bytes.NewReader(r.body)) // hides the length from net/http
	}
	req, err := http.NewRequest(http.MethodPost, e.URL, body)
	if err != nil {
		t.Fatal(err)
	}
	if r.chunked {
		req.ContentLength = -1
	}
	req.Header.Set("Content-Type", "application/json")
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	res, err := e.Server.Client().Do(req)
	if err != nil {
		t.Fatalf("post: %v", err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := &apptest.Response{Status: res.StatusCode}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("answer is not JSON (status %d): %s", res.StatusCode, raw)
	}
	return out, res.Header
}

func graphqlBody(query string, vars map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return b
}

// wantError fails unless r is refused with code and a message containing
// every one of words.
func wantError(t *testing.T, r *apptest.Response, code string, words ...string) {
	t.Helper()
	if len(r.Errors) == 0 {
		t.Fatalf("no error (status %d, data %s), want %s", r.Status, r.Data, code)
	}
	if r.Code() != code {
		t.Fatalf("code %q (message %q), want %s", r.Code(), r.Errors[0].Message, code)
	}
	for _, w := range words {
		if !strings.Contains(r.Errors[0].Message, w) {
			t.Fatalf("message %q does not name %q", r.Errors[0].Message, w)
		}
	}
}

func ticketCount(t *testing.T, e *apptest.Env) int {
	t.Helper()
	n, err := e.App.DB.Client.Ticket.Query().Count(viewer.SystemContext(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

const createTicket = `mutation($in: CreateTicketInput!) { createTicket(input: $in) { id code } }`

func ticketInput(title string) map[string]any {
	return map[string]any{"title": title, "body": "楼上漏水，已经三天了。", "channel": "PHONE", "anonymous": true}
}

func TestBadRequestsAreRefusedWithCodesAndWriteNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		cfg := apptest.Config(t, b)
		cfg.HTTP.BodyLimit = 4096
		cfg.GraphQL.Depth = 6
		cfg.GraphQL.Complexity = 60
		cfg.GraphQL.PageSize = 50
		e := apptest.Start(t, cfg)
		if err := e.App.Seeder().Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
		token := e.Login(t, "demo-a", "clerk")
		// Every bad request below would register a ticket if it got through.
		big := graphqlBody(createTicket, map[string]any{"in": map[string]any{
			"title": "漏水", "body": strings.Repeat("水", 10_000/3), "channel": "PHONE", "anonymous": true,
		}})
		mutation := func(selection string, title string) []byte {
			return graphqlBody(`mutation($in: CreateTicketInput!) { createTicket(input: $in) `+selection+` }`,
				map[string]any{"in": ticketInput(title)})
		}
		withInput := func(in any) []byte { return graphqlBody(createTicket, map[string]any{"in": in}) }
		for _, c := range []struct {
			name   string
			req    request
			status int // the HTTP status, when the refusal is the transport's
			words  []string
		}{
			{name: "malformed JSON", req: request{body: []byte(`{"query": "mutation { createTicket(`)},
				status: http.StatusBadRequest},
			{name: "malformed GraphQL", req: request{body: graphqlBody(`mutation { createTicket(input: {`, nil)},
				status: http.StatusUnprocessableEntity},
			{name: "unknown field", req: request{body: mutation(`{ id shoeSize }`, "未知字段")},
				status: http.StatusUnprocessableEntity, words: []string{"shoeSize"}},
			{name: "wrong variable type", req: request{body: withInput(map[string]any{
				"title": "类型不对", "body": "x", "channel": "PHONE", "anonymous": "yes"})},
				status: http.StatusUnprocessableEntity, words: []string{"Boolean"}},
			{name: "input not an object", req: request{body: withInput("楼上漏水")},
				status: http.StatusUnprocessableEntity, words: []string{"CreateTicketInput"}},
			{name: "unknown enum value", req: request{body: withInput(map[string]any{
				"title": "渠道不对", "body": "x", "channel": "PIGEON", "anonymous": true})},
				status: http.StatusUnprocessableEntity, words: []string{"PIGEON"}},
			{name: "body over the limit", req: request{body: big},
				status: http.StatusRequestEntityTooLarge, words: []string{"body size limit", "4096"}},
			{name: "chunked body over the limit", req: request{body: big, chunked: true},
				status: http.StatusRequestEntityTooLarge, words: []string{"body size limit", "4096"}},
			{name: "too deep", req: request{body: mutation(`{ category { parent { parent { parent { parent { name } } } } } }`, "太深")},
				words: []string{"depth limit", "6"}},
			{name: "too complex", req: request{body: mutation(`{ id category { tickets(first: 50) { totalCount edges { node { id code } } } } }`, "太复杂")},
				words: []string{"complexity", "60"}},
			{name: "page too large", req: request{body: mutation(`{ region { tickets(first: 1000) { totalCount } } }`, "页太大")},
				words: []string{"page size limit", "50"}},
			{name: "page too large in a fragment", req: request{body: graphqlBody(
				`mutation($in: CreateTicketInput!, $n: Int) { createTicket(input: $in) { ...T } } fragment T on Ticket { category { tickets(last: $n) { totalCount } } }`,
				map[string]any{"in": ticketInput("片段"), "n": 51})},
				words: []string{"page size limit", "50"}},
		} {
			t.Run(c.name, func(t *testing.T) {
				before := ticketCount(t, e)
				c.req.token = token
				r, _ := send(t, e, c.req)
				wantError(t, r, "BAD_USER_INPUT", c.words...)
				if c.status != 0 && r.Status != c.status {
					t.Errorf("status %d, want %d", r.Status, c.status)
				}
				if n := ticketCount(t, e); n != before {
					t.Fatalf("%d tickets after the refused request, want %d", n, before)
				}
			})
		}
		// The limits refuse only what exceeds them, and this service does
		// write when asked right: the counts above prove something.
		before := ticketCount(t, e)
		r, _ := send(t, e, request{token: token, body: mutation(`{ category { tickets(first: 50) { totalCount } } }`, "刚好")})
		var ok struct{ CreateTicket struct{ Category any } }
		r.Decode(t, &ok)
		if n := ticketCount(t, e); n != before+1 {
			t.Fatalf("%d tickets after a good request, want %d", n, before+1)
		}
	})
}

func TestLimitTicketTitleLength(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		token := e.Login(t, "demo-a", "clerk")
		before := ticketCount(t, e)
		r := e.Do(t, token, createTicket, map[string]any{"in": ticketInput(strings.Repeat("a", 201))})
		wantError(t, r, "BAD_USER_INPUT", "title")
		if n := ticketCount(t, e); n != before {
			t.Fatalf("%d tickets after the refused title, want %d", n, before)
		}
		// The limit counts characters: a Chinese title of 200 characters
		// is a title of the largest allowed length, not three times it.
		var out struct{ CreateTicket struct{ Code string } }
		e.Do(t, token, createTicket, map[string]any{"in": ticketInput(strings.Repeat("漏", 200))}).Decode(t, &out)
		r = e.Do(t, token, createTicket, map[string]any{"in": ticketInput(strings.Repeat("漏", 201))})
		wantError(t, r, "BAD_USER_INPUT", "title")
		if n := ticketCount(t, e); n != before+1 {
			t.Fatalf("%d tickets, want %d: only the 200-character title", n, before+1)
		}
	})
}

func TestLimitRateLimitIsPerClient(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		cfg := apptest.Config(t, b)
		// A refill far slower than the test, so the burst is all a client
		// has whatever the machine's speed.
		cfg.HTTP.RateLimit = 0.01
		cfg.HTTP.RateBurst = 3
		e := apptest.Start(t, cfg)
		if err := e.App.Seeder().Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
		// Two logins from one address: two of its three.
		a := e.Login(t, "demo-a", "clerk")
		other := e.Login(t, "demo-a", "analyst")
		me := graphqlBody(`{ me { username } }`, nil)
		for i := 1; i <= 3; i++ {
			r, _ := send(t, e, request{token: a, body: me})
			if r.Status != http.StatusOK || len(r.Errors) > 0 {
				t.Fatalf("request %d of the burst: status %d, errors %+v", i, r.Status, r.Errors)
			}
		}
		for i := 4; i <= 5; i++ {
			r, h := send(t, e, request{token: a, body: me})
			wantError(t, r, "RATE_LIMITED", "rate limit")
			if r.Status != http.StatusTooManyRequests || h.Get("Retry-After") == "" {
				t.Fatalf("request %d: status %d, Retry-After %q; want 429 with Retry-After", i, r.Status, h.Get("Retry-After"))
			}
		}
		var out struct{ Me struct{ Username string } }
		r, _ := send(t, e, request{token: other, body: me})
		r.Decode(t, &out)
		if out.Me.Username != "analyst" {
			t.Fatalf("other client: me = %+v", out.Me)
		}
	})
}

const loginMutation = `mutation($t:String!,$u:String!,$p:String!){login(tenant:$t,username:$u,password:$p){token}}`

func login(tenant, user, password string) []byte {
	return graphqlBody(loginMutation, map[string]any{"t": tenant, "u": user, "p": password})
}

func TestLimitFailedLoginsLookTheSame(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		var messages []string
		for _, body := range [][]byte{
			login("no-such-district", "clerk", demo.Password),
			login("demo-a", "clerk", "wrong-password"),
			login("demo-a", "nobody", demo.Password),
			login("platform", "clerk", demo.Password),
		} {
			r, _ := send(t, e, request{body: body})
			wantError(t, r, "UNAUTHENTICATED")
			messages = append(messages, r.Errors[0].Message)
		}
		for _, m := range messages[1:] {
			if m != messages[0] {
				t.Fatalf("failed logins answer differently: %q", messages)
			}
		}
	})
}

func TestLimitRepeatedWrongPasswordsLockTheGuesserOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		cfg := apptest.Config(t, b)
		cfg.HTTP.TrustProxy = true
		e := apptest.Start(t, cfg)
		if err := e.App.Seeder().Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
		from := func(i int) map[string]string {
			return map[string]string{"X-Forwarded-For": fmt.Sprintf("10.0.0.%d", i)}
		}
		// Five failures are forgiven: the right password still works.
		for i := 1; i <= 5; i++ {
			r, _ := send(t, e, request{body: login("demo-a", "dispatcher", "wrong-password"), header: from(i)})
			wantError(t, r, "UNAUTHENTICATED")
		}
		r, _ := send(t, e, request{body: login("demo-a", "dispatcher", demo.Password), header: from(6)})
		if len(r.Errors) > 0 {
			t.Fatalf("login after five failures: %+v", r.Errors)
		}
		// A stranger's five failures at one address lock that address out
		// of the account for a second, the shortest lock-out; his next
		// attempt follows at once and is refused even with the right
		// password.
		for i := 1; i <= 5; i++ {
			r, _ := send(t, e, request{body: login("demo-a", "clerk", "wrong-password"), header: from(66)})
			wantError(t, r, "UNAUTHENTICATED")
		}
		r, _ = send(t, e, request{body: login("demo-a", "clerk", demo.Password), header: from(66)})
		wantError(t, r, "RATE_LIMITED", "too many failed logins")
		// The clerk herself, at her own address, is not held back.
		r, _ = send(t, e, request{body: login("demo-a", "clerk", demo.Password), header: from(20)})
		if len(r.Errors) > 0 {
			t.Fatalf("the clerk after a stranger's failures: %+v", r.Errors)
		}
		// Nor is another account at the stranger's address.
		r, _ = send(t, e, request{body: login("demo-a", "leader", demo.Password), header: from(66)})
		if len(r.Errors) > 0 {
			t.Fatalf("other account: %+v", r.Errors)
		}
	})
}

// tokenKey is the key login tokens are signed with: derived from the master
// secret the way app.derive does, so the test can sign tokens the service
// must take for its own.
func tokenKey(t *testing.T, e *apptest.Env) []byte {
	t.Helper()
	raw, err := os.ReadFile(e.Config.SecretFile)
	if err != nil {
		t.Fatal(err)
	}
	master, err := hex.DecodeString(strings.TrimSpace(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	m := hmac.New(sha256.New, master)
	m.Write([]byte("minsheng/jwt"))
	return m.Sum(nil)
}

// resign copies the claims of a real token with a new expiry and signs them
// with key.
func resign(t *testing.T, token string, exp time.Time, key []byte) string {
	t.Helper()
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(token, claims); err != nil {
		t.Fatal(err)
	}
	claims["exp"] = exp.Unix()
	claims["iat"] = exp.Add(-time.Hour).Unix()
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLimitBadCredentialsAreRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		clerk := e.Login(t, "demo-a", "clerk")
		key := tokenKey(t, e)
		// A copy signed with the derived key is taken: the refusals below
		// are about what is wrong with each token, not about the key.
		var out struct{ Me struct{ Username string } }
		e.Do(t, resign(t, clerk, time.Now().Add(time.Hour), key), `{ me { username } }`, nil).Decode(t, &out)
		if out.Me.Username != "clerk" {
			t.Fatalf("re-signed token: me = %+v", out.Me)
		}

		admin := e.Login(t, "demo-a", "admin")
		var created struct {
			CreateAPIKey struct {
				Key    string
				APIKey struct{ ID string }
			}
		}
		e.Do(t, admin, `mutation { createAPIKey(input: {name: "省网对接"}) { key apiKey { id } } }`, nil).Decode(t, &created)
		apiKey := created.CreateAPIKey.Key
		var tickets struct{ Tickets struct{ TotalCount int } }
		e.Do(t, apiKey, `{ tickets { totalCount } }`, nil).Decode(t, &tickets)
		if tickets.Tickets.TotalCount == 0 {
			t.Fatal("the new API key sees no tickets")
		}
		e.Do(t, admin, `mutation($id: ID!) { revokeAPIKey(id: $id) { id } }`,
			map[string]any{"id": created.CreateAPIKey.APIKey.ID}).Decode(t, &struct{}{})

		for _, c := range []struct{ name, header, words string }{
			{"forged token", "Bearer " + resign(t, clerk, time.Now().Add(time.Hour), bytes.Repeat([]byte{9}, 32)), "invalid token"},
			{"garbage token", "Bearer not-a-token", "invalid token"},
			{"expired token", "Bearer " + resign(t, clerk, time.Now().Add(-time.Minute), key), "expired"},
			{"revoked API key", "Bearer " + apiKey, "revoked"},
			{"not a bearer", "Basic Y2xlcms6bWluc2hlbmctZGVtbw==", "Bearer"},
		} {
			t.Run(c.name, func(t *testing.T) {
				r, _ := send(t, e, request{body: graphqlBody(`{ me { username } }`, nil), header: map[string]string{"Authorization": c.header}})
				wantError(t, r, "UNAUTHENTICATED", c.words)
				if r.Status != http.StatusUnauthorized {
					t.Fatalf("status %d, want 401", r.Status)
				}
			})
		}
	})
}

func TestLimitIntrospectionCanBeTurnedOff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		cfg := apptest.Config(t, b)
		cfg.GraphQL.Introspection = false
		e := apptest.Start(t, cfg)
		for _, q := range []string{`{ __schema { types { name } } }`, `{ __type(name: "Ticket") { name } }`} {
			r := e.Do(t, "", q, nil)
			wantError(t, r, "BAD_USER_INPUT", "introspection")
			if len(r.Data) > 0 && string(r.Data) != "null" && strings.Contains(string(r.Data), "Ticket") {
				t.Fatalf("%s answered %s", q, r.Data)
			}
		}
	})
}

// Pages nested in pages multiply: the complexity limit counts a connection
// as its page size times its items, so a query that could answer a million
// nodes is refused before it runs, while an ordinary page passes.
func TestLimitNestedPagesCountTheirPageSizes(t *testing.T) {
	e := apptest.New(t, storetest.Backend{Name: "sqlite"})
	token := e.Login(t, "demo-a", "dispatcher")
	nested := `{ tickets(first: 100) { edges { node { category { tickets(first: 100) { edges { node { category { tickets(first: 100) { edges { node { id } } } } } } } } } } } }`
	wantError(t, e.Do(t, token, nested, nil), "BAD_USER_INPUT", "complexity")
	page := `{ tickets(first: 100) { totalCount edges { node { id code title status channel createdAt category { name } department { name } citizen { name phone } } } } }`
	var out struct{ Tickets struct{ TotalCount int } }
	e.Do(t, token, page, nil).Decode(t, &out)
	if out.Tickets.TotalCount == 0 {
		t.Fatal("an ordinary page answered no tickets")
	}
}

// A connection asked for without first or last answers one page, not every
// row of the tenant.
func TestLimitConnectionsWithoutFirstAnswerOnePage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		cfg := apptest.Config(t, b)
		cfg.GraphQL.PageSize = 5
		e := apptest.Start(t, cfg)
		if err := e.App.Seeder().Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
		token := e.Login(t, "demo-a", "dispatcher")
		var out struct {
			Tickets struct {
				TotalCount int
				Edges      []struct{ Node struct{ ID string } }
				PageInfo   struct{ HasNextPage bool }
			}
		}
		e.Do(t, token, `{ tickets { totalCount edges { node { id } } pageInfo { hasNextPage } } }`, nil).Decode(t, &out)
		if len(out.Tickets.Edges) != 5 || !out.Tickets.PageInfo.HasNextPage || out.Tickets.TotalCount <= 5 {
			t.Fatalf("got %d edges of %d, hasNextPage %v; want one page of 5",
				len(out.Tickets.Edges), out.Tickets.TotalCount, out.Tickets.PageInfo.HasNextPage)
		}
	})
}
