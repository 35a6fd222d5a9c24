package auth_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/auth"
	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// newService is the demo service with its login throttle's clock frozen
// and its bcrypt comparisons counted.
func newService(t *testing.T, b storetest.Backend) (*apptest.Env, *atomic.Int64) {
	t.Helper()
	e := apptest.New(t, b)
	var n atomic.Int64
	auth.CountComparisons(e.App.Auth, &n)
	auth.FreezeThrottle(e.App.Auth, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	return e, &n
}

// Every failed login costs one bcrypt comparison, whether or not the
// tenant and the user exist: the time taken does not tell which do.
func TestFailedLoginsDoTheSameWork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e, n := newService(t, b)
		sys := viewer.SystemContext(context.Background())
		e.App.DB.Client.User.Update().Where(user.Username("leader"), user.HasTenantWith(tenant.Code("demo-a"))).
			SetActive(false).ExecX(sys)
		for i, c := range []struct{ tenant, username, password string }{
			{"demo-a", "clerk", "wrong-password-1"},
			{"demo-a", "nobody", demo.Password},
			{"no-such-district", "clerk", demo.Password},
			{"demo-a", "leader", demo.Password}, // inactive
			{auth.PlatformTenant, "nobody", demo.Password},
			{auth.PlatformTenant, "operator", "wrong-password-1"},
		} {
			before := n.Load()
			_, err := e.App.Auth.Login(context.Background(), c.tenant, c.username, c.password, fmt.Sprintf("192.0.2.%d", i))
			if minsheng.ErrorCode(err) != minsheng.EUNAUTHENTICATED {
				t.Fatalf("%+v: err = %v, want UNAUTHENTICATED", c, err)
			}
			if got := n.Load() - before; got != 1 {
				t.Errorf("%s/%s: %d bcrypt comparisons, want 1 like every failed login", c.tenant, c.username, got)
			}
		}
	})
}

// Guesses sent all at once are counted before any password is checked:
// beyond the allowance they are refused unchecked.
func TestParallelGuessesBeyondTheAllowanceAreNotChecked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e, n := newService(t, b)
		var wg sync.WaitGroup
		var refused, wrong atomic.Int64
		for i := 0; i < 30; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := e.App.Auth.Login(context.Background(), "demo-a", "clerk", fmt.Sprintf("guess-number-%d", i), "203.0.113.9")
				switch minsheng.ErrorCode(err) {
				case minsheng.ERATELIMITED:
					refused.Add(1)
				case minsheng.EUNAUTHENTICATED:
					wrong.Add(1)
				default:
					t.Errorf("guess %d: err = %v", i, err)
				}
			}()
		}
		wg.Wait()
		if n.Load() != 5 || wrong.Load() != 5 || refused.Load() != 25 {
			t.Fatalf("30 parallel guesses: %d checked (%d comparisons), %d refused; want 5 checked, 25 refused unchecked",
				wrong.Load(), n.Load(), refused.Load())
		}
	})
}

// A stranger failing on purpose against an account locks out only
// himself: the user signs in from another address at once.
func TestStrangerCannotLockTheUserOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e, _ := newService(t, b)
		ctx := context.Background()
		for i := 0; i < 20; i++ {
			_, err := e.App.Auth.Login(ctx, "demo-a", "dispatcher", "not-the-password", "203.0.113.66")
			if code := minsheng.ErrorCode(err); code != minsheng.EUNAUTHENTICATED && code != minsheng.ERATELIMITED {
				t.Fatalf("stranger's attempt %d: %v", i, err)
			}
		}
		if _, err := e.App.Auth.Login(ctx, "demo-a", "dispatcher", demo.Password, "203.0.113.66"); minsheng.ErrorCode(err) != minsheng.ERATELIMITED {
			t.Fatalf("the stranger's address, right password: err = %v, want RATE_LIMITED", err)
		}
		if _, err := e.App.Auth.Login(ctx, "demo-a", "dispatcher", demo.Password, "198.51.100.7"); err != nil {
			t.Fatalf("the user from her own address: %v", err)
		}
		// Her own mistakes are forgiven by her success.
		for i := 0; i < 4; i++ {
			e.App.Auth.Login(ctx, "demo-a", "dispatcher", "typo-typo-typo", "198.51.100.7")
		}
		if _, err := e.App.Auth.Login(ctx, "demo-a", "dispatcher", demo.Password, "198.51.100.7"); err != nil {
			t.Fatalf("after four typos: %v", err)
		}
	})
}

// Setting an operator's password again revokes the operator's tokens.
func TestOperatorTokenRevokedByNewPassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e, _ := newService(t, b)
		ctx := context.Background()
		sess, err := e.App.Auth.Login(ctx, auth.PlatformTenant, "operator", demo.Password, "192.0.2.1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.App.Auth.Authenticate(ctx, "Bearer "+sess.Token); err != nil {
			t.Fatalf("fresh operator token: %v", err)
		}
		if err := e.App.Directory.SetOperator(ctx, "operator", "another-long-passphrase"); err != nil {
			t.Fatal(err)
		}
		if _, err := e.App.Auth.Authenticate(ctx, "Bearer "+sess.Token); minsheng.ErrorCode(err) != minsheng.EUNAUTHENTICATED {
			t.Fatalf("operator token after a new password: err = %v, want UNAUTHENTICATED", err)
		}
	})
}
