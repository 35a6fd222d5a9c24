package auth

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/minsheng/minsheng"
)

func newTestTokens(t *testing.T, now time.Time) *Tokens {
	t.Helper()
	tok, err := NewTokens(bytes.Repeat([]byte{1}, 32), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	tok.now = func() time.Time { return now }
	return tok
}

func TestTokenRoundTripAndExpiry(t *testing.T) {
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	tok := newTestTokens(t, start)
	s, exp, err := tok.Issue(subUser, 42, 7)
	if err != nil {
		t.Fatal(err)
	}
	if !exp.Equal(start.Add(time.Hour)) {
		t.Fatalf("expires %v", exp)
	}
	kind, id, tenant, err := tok.parse(s)
	if err != nil || kind != subUser || id != 42 || tenant != 7 {
		t.Fatalf("parse = %s %d %d %v", kind, id, tenant, err)
	}
	tok.now = func() time.Time { return start.Add(time.Hour + time.Second) }
	if _, _, _, err := tok.parse(s); err != errExpired {
		t.Fatalf("expired token: err = %v", err)
	}
}

func TestForgedTokensAreRefused(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	tok := newTestTokens(t, now)
	other, err := NewTokens(bytes.Repeat([]byte{2}, 32), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	other.now = tok.now
	foreign, _, _ := other.Issue(subUser, 2, 1)
	good, _, _ := tok.Issue(subUser, 1, 1)
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
		if _, _, _, err := tok.parse(s); minsheng.ErrorCode(err) != minsheng.EUNAUTHENTICATED {
			t.Errorf("%s: err = %v, want UNAUTHENTICATED", name, err)
		}
	}
}

func TestThrottleLocksOutAfterRepeatedFailures(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	th := newThrottle(5)
	th.now = func() time.Time { return now }
	for i := 0; i < th.free; i++ {
		th.fail("a")
		if d := th.wait("a"); d != 0 {
			t.Fatalf("locked after %d failures", i+1)
		}
	}
	th.fail("a")
	first := th.wait("a")
	th.fail("a")
	second := th.wait("a")
	if first <= 0 || second != 2*first {
		t.Fatalf("lock-outs %v then %v, want a doubling", first, second)
	}
	if th.wait("b") != 0 {
		t.Fatal("another key is locked too")
	}
	for i := 0; i < 40; i++ {
		th.fail("a")
	}
	if d := th.wait("a"); d != th.ceiling {
		t.Fatalf("lock-out %v, want the ceiling %v", d, th.ceiling)
	}
	th.succeed("a")
	if th.wait("a") != 0 {
		t.Fatal("success did not clear the lock-out")
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
