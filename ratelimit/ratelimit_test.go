package ratelimit

import (
	"testing"
	"time"
)

// A client gets its burst, is then refused until its bucket refills, and
// does not take from another client's bucket.
func TestLimiterPerClient(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	l := New(1, 2, func() time.Time { return now })
	if !l.Allow("a") || !l.Allow("a") {
		t.Fatal("the burst of 2 was refused")
	}
	if l.Allow("a") {
		t.Error("a third request at once was allowed")
	}
	if !l.Allow("b") {
		t.Error("another client was refused because of the first")
	}
	now = now.Add(time.Second)
	if !l.Allow("a") {
		t.Error("one second later the first client is still refused")
	}
	now = now.Add(11 * time.Minute)
	l.Allow("c")
	if len(l.clients) != 1 {
		t.Errorf("%d clients remembered after 11 idle minutes, want only the new one", len(l.clients))
	}
}

func TestZeroRateAllowsAll(t *testing.T) {
	l := New(0, 0, nil)
	for range 100 {
		if !l.Allow("a") {
			t.Fatal("a zero rate refused a request")
		}
	}
}
