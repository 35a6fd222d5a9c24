package auth

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/minsheng/minsheng"
)

func newTestTokens(t *testing.T, now time.Time) *Tokens {
	t.Helper()
	tok, err := NewTokens(bytes.Repeat([]byte{1}, 32), time.Hour, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestTokenRoundTripAndExpiry(t *testing.T) {
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	tok := newTestTokens(t, start)
	s, exp, err := tok.Issue(subUser, 42, 7, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !exp.Equal(start.Add(time.Hour)) {
		t.Fatalf("expires %v", exp)
	}
	got, err := tok.parse(s)
	if err != nil || got.kind != subUser || got.id != 42 || got.tenantID != 7 || got.version != 3 || !got.expires.Equal(exp) {
		t.Fatalf("parse = %+v %v", got, err)
	}
	tok.now = func() time.Time { return start.Add(time.Hour + time.Second) }
	if _, err := tok.parse(s); err != errExpired {
		t.Fatalf("expired token: err = %v", err)
	}
}

func TestForgedTokensAreRefused(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	tok := newTestTokens(t, now)
	other, err := NewTokens(bytes.Repeat([]byte{2}, 32), time.Hour, tok.now)
	if err != nil {
		t.Fatal(err)
	}
	foreign, _, _ := other.Issue(subUser, 2, 1, 0)
	good, _, _ := tok.Issue(subUser, 1, 1, 0)
	parts := strings.Split(good, ".")
	unsigned, _ := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims{
		"iss": issuer, "sub": "user:1", "tid": 1, "exp": now.Add(time.Hour).Unix(),
	}).SignedString(jwt.UnsafeAllowNoneSignatureType)
	for name, s := range map[string]string{
		"other key":    foreign,
		"alg none":     unsigned,
		"garbage":      "not.a.token",
		"empty":        "",
		"cut":          parts[0] + "." + parts[1],
		"swapped body": parts[0] + "." + strings.Split(foreign, ".")[1] + "." + parts[2],
	} {
		if _, err := tok.parse(s); minsheng.ErrorCode(err) != minsheng.EUNAUTHENTICATED {
			t.Errorf("%s: err = %v, want UNAUTHENTICATED", name, err)
		}
	}
}

func TestThrottleLocksOutAfterRepeatedFailures(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	th := newThrottle()
	th.now = func() time.Time { return now }
	lim := limit{free: 5, base: time.Second, ceiling: 5 * time.Minute}
	a, b := key{"a", lim}, key{"b", lim}
	for i := 0; i < lim.free; i++ {
		if d := th.take(a); d != 0 {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	first := th.take(a)
	now = now.Add(first)
	if th.take(a) != 0 {
		t.Fatal("refused after waiting out the lock-out")
	}
	second := th.take(a)
	if first <= 0 || second != 2*first {
		t.Fatalf("lock-outs %v then %v, want a doubling", first, second)
	}
	if th.take(b) != 0 {
		t.Fatal("another key is locked too")
	}
	for i := 0; i < 40; i++ {
		now = now.Add(time.Hour - time.Second)
		th.take(a)
	}
	if d := th.take(a); d != lim.ceiling {
		t.Fatalf("lock-out %v, want the ceiling %v", d, lim.ceiling)
	}
	th.succeed(a)
	if th.take(a) != 0 {
		t.Fatal("success did not clear the lock-out")
	}
}

// An attempt refused under one key is counted under none: a locked pair
// does not use up the account's attempts.
func TestThrottleTakesAllKeysOrNone(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	th := newThrottle()
	th.now = func() time.Time { return now }
	tight, loose := key{"pair", limit{free: 1, base: time.Minute, ceiling: time.Hour}}, key{"account", limit{free: 3, base: time.Minute, ceiling: time.Hour}}
	if th.take(tight, loose) != 0 {
		t.Fatal("first attempt refused")
	}
	for i := 0; i < 10; i++ {
		if th.take(tight, loose) == 0 {
			t.Fatal("locked pair let an attempt through")
		}
	}
	other := key{"pair2", tight.limit}
	if th.take(other, loose) != 0 || th.take(key{"pair3", tight.limit}, loose) != 0 {
		t.Fatal("the account was used up by refused attempts")
	}
	th.refund(other, loose)
	if th.take(key{"pair4", tight.limit}, loose) != 0 {
		t.Fatal("a refunded attempt still counts")
	}
}

func TestAPIKeyFormat(t *testing.T) {
	key := newAPIKey("demo-a")
	code, ok := splitAPIKey(key)
	if !ok || code != "demo-a" {
		t.Fatalf("split %q = %q %v", key, code, ok)
	}
	if newAPIKey("demo-a") == key {
		t.Fatal("two keys are equal")
	}
	if p := keyDisplayPrefix(key); !strings.HasPrefix(key, p) || len(p) != len("msk_demo-a_")+6 {
		t.Fatalf("display prefix %q", p)
	}
	for _, bad := range []string{"", "msk_", "msk_demo-a_short", "Bearer x", "msk__" + strings.Repeat("a", 52)} {
		if _, ok := splitAPIKey(bad); ok {
			t.Errorf("%q accepted as a key", bad)
		}
	}
}

// With the login limits: a crowd of addresses guessing at one account
// meets the account's ceiling, whose waits stay short; one address meets
// its own pair limit long before and cannot reach the account's.
func TestLoginLimitsOfACrowd(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	th := newThrottle()
	th.now = func() time.Time { return now }
	guess := func(addr string) time.Duration {
		return th.take(key{"p:demo-a/clerk@" + addr, perPair}, key{"a:demo-a/clerk", perAccount}, key{"c:" + addr, perClient})
	}
	for i := 0; i < 50; i++ {
		if guess("lone") > 0 {
			if i != perPair.free {
				t.Fatalf("one address refused after %d guesses, want %d", i, perPair.free)
			}
			break
		}
	}
	if d := guess("user"); d != 0 {
		t.Fatalf("the user is held back %v by one stranger", d)
	}
	var wait time.Duration
	for i := 0; wait == 0 && i < 1000; i++ {
		wait = guess(fmt.Sprintf("crowd-%d", i))
	}
	if wait == 0 || wait > perAccount.ceiling {
		t.Fatalf("a crowd's guesses: wait %v, want a short one of at most %v", wait, perAccount.ceiling)
	}
	for i := 0; i < 1000; i++ {
		now = now.Add(perAccount.ceiling)
		guess(fmt.Sprintf("crowd2-%d", i))
	}
	if d := guess("user"); d > perAccount.ceiling {
		t.Fatalf("after a long siege the user waits %v, want at most %v", d, perAccount.ceiling)
	}
}

func TestPasswordPolicy(t *testing.T) {
	for _, weak := range []string{
		"", "short", "        ", "          ", "  abc  def ", "password", "Password123", "password2026!",
		"12345678901", "1234567890", "admin12345", "Admin@123", "woaini1314!", "WoAiNi520520", "Minsheng2026",
		"minsheng123456", "aaaaaaaaaaaa", "qwertyuiop", "1qaz2wsx3edc", "zhongguo123", strings.Repeat("长", 12),
		strings.Repeat("a", 73),
	} {
		if err := CheckPassword(weak); minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Errorf("%q accepted (err %v)", weak, err)
		}
	}
	for _, fine := range []string{"minsheng-demo", "correct horse battery", "长城脚下的信访办公室", "Tq7#mKw2pZ"} {
		if err := CheckPassword(fine); err != nil {
			t.Errorf("%q refused: %v", fine, err)
		}
	}
}
