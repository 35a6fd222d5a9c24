package main

import (
	"testing"
	"time"
)

func TestClockOffsetShiftsTheServersClock(t *testing.T) {
	o, err := parseOptions("serve", []string{"--clock-offset=72h"}, true)
	if err != nil {
		t.Fatal(err)
	}
	if o.Now == nil || o.Now().Sub(time.Now()) < 71*time.Hour {
		t.Errorf("--clock-offset=72h: the clock is not three days ahead")
	}
	o, err = parseOptions("serve", []string{"--clock-offset=0"}, true)
	if err != nil || o.Now != nil {
		t.Errorf("--clock-offset=0: shifted clock %t, err %v; want the real clock", o.Now != nil, err)
	}
	if _, err := parseOptions("serve", []string{"--clock-offset=soon"}, true); err == nil {
		t.Errorf("--clock-offset=soon was accepted")
	}
}
