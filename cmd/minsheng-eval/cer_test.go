package main

import "testing"

func TestCharErrorRate(t *testing.T) {
	for _, c := range []struct {
		truth, got string
		want       float64
	}{
		{"你好世界", "你好世界", 0},
		{"你好\n世界", "你 好 世 界", 0}, // whitespace does not count
		{"你好世界", "你好世", 0.25},
		{"你好世界", "你坏世界", 0.25},
		{"你好世界", "", 1},
		{"ab", "abcd", 1},
	} {
		if got := charErrorRate(c.truth, c.got); got != c.want {
			t.Errorf("charErrorRate(%q, %q) = %v, want %v", c.truth, c.got, got, c.want)
		}
	}
}
