package graph_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/store/storetest"
)

// The rate limit counts the principal a credential proves, however the
// header is spelled, and made-up credentials count against the address.
func TestLimitRateLimitKeyIsThePrincipal(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		cfg := apptest.Config(t, b)
		cfg.HTTP.RateLimit = 0.01 // no refill during the test
		cfg.HTTP.RateBurst = 3
		e := apptest.Start(t, cfg)
		if err := e.App.Seeder().Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
		token := e.Login(t, "demo-a", "clerk") // one of the address's three
		me := graphqlBody(`{ me { username } }`, nil)
		for i, h := range []string{"Bearer " + token, "Bearer  " + token, "Bearer \t " + token + "  "} {
			r, _ := send(t, e, request{body: me, header: map[string]string{"Authorization": h}})
			if r.Status != http.StatusOK || len(r.Errors) > 0 {
				t.Fatalf("request %d: status %d, errors %+v", i+1, r.Status, r.Errors)
			}
		}
		r, _ := send(t, e, request{body: me, header: map[string]string{"Authorization": "Bearer    " + token}})
		wantError(t, r, "RATE_LIMITED")

		for i, bogus := range []string{"Bearer x.y.z", "Bearer msk_demo-a_" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"} {
			r, _ := send(t, e, request{body: me, header: map[string]string{"Authorization": bogus}})
			wantError(t, r, "UNAUTHENTICATED")
			if r.Status != http.StatusUnauthorized {
				t.Fatalf("bogus credential %d: status %d", i+1, r.Status)
			}
		}
		r, _ = send(t, e, request{body: me, header: map[string]string{"Authorization": "Bearer another.made-up.token"}})
		wantError(t, r, "RATE_LIMITED")
	})
}

// Operations sent over a WebSocket count against the same limit as the
// caller's HTTP requests: a socket is no way around it.
func TestLimitRateLimitCountsSocketOperations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		cfg := apptest.Config(t, b)
		cfg.HTTP.RateLimit = 0.01 // no refill during the test
		cfg.HTTP.RateBurst = 3
		e := apptest.Start(t, cfg)
		if err := e.App.Seeder().Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		token := e.Login(t, "demo-a", "clerk")
		s := dialGraphQL(t, ctx, e, token) // the address's second request
		me := graphqlBody(`{ me { username } }`, nil)
		if r, _ := send(t, e, request{token: token, body: me}); len(r.Errors) > 0 {
			t.Fatalf("first request: %+v", r.Errors)
		}
		for i := 1; i <= 2; i++ {
			if got := s.query(fmt.Sprint(i), `{ me { username } }`); !strings.Contains(got, "clerk") {
				t.Fatalf("socket query %d: %s", i, got)
			}
		}
		if got := s.query("3", `{ me { username } }`); !strings.Contains(got, "RATE_LIMITED") {
			t.Fatalf("a fourth request, on the socket: %s, want RATE_LIMITED", got)
		}
		r, _ := send(t, e, request{token: token, body: me})
		wantError(t, r, "RATE_LIMITED")
	})
}
