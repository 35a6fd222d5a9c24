package graph_test

import (
	"context"
	"net/http"
	"testing"

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
