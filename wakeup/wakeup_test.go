package wakeup

import "testing"

// A waiter for one record wakes for it only; a waiter for any wakes for
// every record; a stopped waiter is not woken.
func TestNotifyWakesTheRightWaiters(t *testing.T) {
	h := New()
	one, stopOne := h.Subscribe(7)
	anyRec, stopAny := h.Subscribe(0)
	defer stopAny()
	h.Notify(8)
	select {
	case <-one:
		t.Error("the waiter for 7 woke for 8")
	default:
	}
	select {
	case <-anyRec:
	default:
		t.Error("the waiter for any record did not wake for 8")
	}
	h.Notify(7)
	h.Notify(7) // a second wake-up while one is pending must not block
	select {
	case <-one:
	default:
		t.Error("the waiter for 7 did not wake for 7")
	}
	stopOne()
	h.Notify(7)
	select {
	case <-one:
		t.Error("a stopped waiter woke")
	default:
	}
}
